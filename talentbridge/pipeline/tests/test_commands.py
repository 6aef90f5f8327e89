"""The CLI: match run, match send, match evaluate."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from talentbridge.pipeline.models import AssignmentRun, Match

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_match_run_then_send(p, w):
    text = run("match_run", "--project", p.project.code, "--as", "consultant")
    assert "Run " in text and w.ahmad.reference in text and "match send --run" in text
    created = AssignmentRun.objects.get()
    assert not Match.objects.exists()
    data = json.loads(
        run(
            "match_run",
            "--project",
            p.project.code,
            "--openings",
            str(w.opening.pk),
            "--fair",
            "--json",
        )
    )
    assert data["places"] == 2 and len(data["proposals"]) == 2
    text = run("match_send", "--run", str(created.pk), "--as", "consultant")
    assert "2 shortlisted" in text
    assert Match.objects.filter(status="shortlisted").count() == 2
    with pytest.raises(CommandError, match="already decided|allerede truffet"):
        run("match_send", "--run", str(created.pk))
    run("match_send", "--run", str(data["run"]), "--discard")
    assert AssignmentRun.objects.get(pk=data["run"]).status == "discarded"


def test_outsiders_cannot_run_or_send(p, w):
    with pytest.raises(CommandError, match="no project"):
        run("match_run", "--project", p.project.code, "--as", "outsider")
    with pytest.raises(CommandError, match="no project"):
        run("match_run", "--project", p.project.code, "--as", "assessor")
    created = run("match_run", "--project", p.project.code, "--json")
    with pytest.raises(CommandError, match="no run"):
        run("match_send", "--run", str(json.loads(created)["run"]), "--as", "outsider")


def test_match_evaluate_refuses_a_project_without_a_planted_truth(p, w):
    """Real data has no planted truth: refused (non-zero exit), nothing invented."""
    for args in (("--project", p.project.code), ()):
        with pytest.raises(CommandError, match="no planted true fit for .*synthetic-truth"):
            run("match_evaluate", *args, "--json")
    from talentbridge.pipeline.evaluation import NoPlantedTruth, evaluate

    with pytest.raises(NoPlantedTruth, match=p.project.code):
        evaluate(p.project)


def test_match_evaluate_with_the_synthetic_truth_says_so(p, w):
    synthetic = ("--synthetic-truth",)
    data = json.loads(
        run("match_evaluate", "--project", p.project.code, "--json", "--seed", "7", *synthetic)
    )
    assert data["candidates"] == 3 and data["openings"] == 1 and data["seed"] == 7
    assert data["truth"].startswith("SYNTHETIC")
    for key in (
        "precision_at_5",
        "ndcg_at_10",
        "true_fit_optimal",
        "true_fit_greedy",
        "true_fit_random",
    ):
        assert key in data
    assert data["score_optimal"] >= data["score_greedy"] - 1e-9
    assert "SYNTHETIC" in run("match_evaluate", "--project", p.project.code, *synthetic)
    with pytest.raises(CommandError):
        run("match_evaluate", "--project", p.project.code, "--as", "employer", *synthetic)
    with pytest.raises(CommandError, match="no project"):
        run("match_evaluate", "--as", "employer", *synthetic)
    # Without --project: every project the operator may see (the outsider: only beta).
    mine = json.loads(run("match_evaluate", "--as", "outsider", "--json", *synthetic))
    assert [r["project"] for r in mine] == [p.other_project.code]
    every = json.loads(run("match_evaluate", "--json", "--seed", "7", *synthetic))
    assert [r["project"] for r in every] == sorted([p.project.code, p.other_project.code])
    assert every[0] == data


def test_match_evaluate_on_the_demo_data_is_in_range_and_ordered():
    """On the demo programme: the figures are numbers in range, and the optimal assignment's
    true fit is at least the greedy one's, which is at least the random one's."""
    from datetime import date

    from talentbridge.demo.generator import generate

    summary = generate(seed=5, candidates=200, as_of=date(2026, 11, 1))
    results = json.loads(run("match_evaluate", "--json"))
    assert {r["project"] for r in results} >= set(summary.project_codes)
    assert all(r["truth"] == "planted by the demo generator" for r in results)
    assert "planted by the demo generator" in run("match_evaluate")
    main = next(r for r in results if r["project"] == summary.project_codes[0])
    assert main["candidates"] > 20 and main["openings"] > 5
    for r in results:
        if not (r["candidates"] and r["openings"]):
            continue
        for key in ("precision_at_5", "precision_at_5_random", "ndcg_at_10", "ndcg_at_10_random"):
            assert isinstance(r[key], float) and 0.0 <= r[key] <= 1.0, (key, r[key])
        for key in ("true_fit_optimal", "true_fit_greedy", "true_fit_random", "score_optimal"):
            assert isinstance(r[key], (int, float)) and r[key] >= 0, (key, r[key])
        for key in ("assigned_optimal", "assigned_greedy", "assigned_random"):
            assert isinstance(r[key], int) and 0 <= r[key] <= min(r["candidates"], r["places"])
    assert main["true_fit_optimal"] >= main["true_fit_greedy"] >= main["true_fit_random"] > 0
    assert main["score_optimal"] >= main["score_greedy"] - 1e-9
    assert main["ndcg_at_10"] > main["ndcg_at_10_random"]
