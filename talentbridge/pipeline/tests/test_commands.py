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


def test_match_evaluate_reports_ranking_and_assignment_figures(p, w):
    data = json.loads(run("match_evaluate", "--project", p.project.code, "--json", "--seed", "7"))
    assert data["candidates"] == 3 and data["openings"] == 1 and data["seed"] == 7
    for key in (
        "precision_at_5",
        "ndcg_at_10",
        "true_fit_optimal",
        "true_fit_greedy",
        "true_fit_random",
    ):
        assert key in data
    assert data["score_optimal"] >= data["score_greedy"] - 1e-9
    with pytest.raises(CommandError):
        run("match_evaluate", "--project", p.project.code, "--as", "employer")
