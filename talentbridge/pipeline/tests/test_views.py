"""The pages: who sees what, and every page answers 404 to an outsider."""

import pytest
from django.urls import reverse

from talentbridge.pipeline import flow, runs
from talentbridge.pipeline.models import AssignmentRun, Match
from talentbridge.privacy.models import AuditEvent

pytestmark = pytest.mark.django_db


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_every_page_is_404_for_an_outsider(client, p, w):
    match = flow.shortlist(p.consultant, w.opening, w.ahmad)
    run = runs.create_run(p.consultant, p.project)
    urls = [
        reverse("pipeline:opening", args=[w.opening.pk]),
        reverse("pipeline:candidate", args=[w.ahmad.reference]),
        reverse("pipeline:match", args=[match.pk]),
        reverse("pipeline:run", args=[run.pk]),
    ]
    for url in urls:
        assert get(client, p.outsider, url).status_code == 404, url
    # The lists are the outsider's own project's: they show nothing of project A.
    for url in (reverse("pipeline:index"), reverse("pipeline:runs"), reverse("pipeline:courses")):
        response = get(client, p.outsider, url)
        assert response.status_code == 200
        assert (
            w.ahmad.reference not in response.content.decode()
            and "Welding intern" not in response.content.decode()
        )
        assert get(client, p.caseworker, url).status_code == 404, url
    posts = [
        (reverse("pipeline:shortlist", args=[w.opening.pk]), {"candidate": w.bilal.reference}),
        (reverse("pipeline:move", args=[match.pk]), {"status": "presented"}),
        (reverse("pipeline:run_send", args=[run.pk]), {}),
        (reverse("pipeline:run_discard", args=[run.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert Match.objects.get(pk=match.pk).status == "shortlisted"
    assert AssignmentRun.objects.get(pk=run.pk).status == "review"


def test_the_opening_page_ranks_candidates_for_staff(client, p, w):
    response = get(client, p.consultant, reverse("pipeline:opening", args=[w.opening.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(w.ahmad.reference) < html.index(w.chen.reference)
    assert "dækker alle 2 nødvendige færdigheder" in html
    assert "Ahmad" not in html  # staff lists show references, not names
    assert AuditEvent.objects.filter(
        actor=p.consultant, subject_ref=w.ahmad.reference, action="read"
    ).exists()


def test_employer_users_see_anonymised_consenting_candidates_of_their_own_openings(client, p, w):
    response = get(
        client, p.employer_user, reference := reverse("pipeline:opening", args=[w.opening.pk])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert w.ahmad.reference in html and w.bilal.reference in html
    assert w.chen.reference not in html  # no consent to share
    assert "Ahmad" not in html and 'name="candidate"' not in html
    assert get(client, p.other_employer_user, reference).status_code == 404
    assert get(client, p.employer_user, reverse("pipeline:index")).status_code == 404
    assert (
        get(
            client, p.employer_user, reverse("pipeline:candidate", args=[w.ahmad.reference])
        ).status_code
        == 404
    )


def test_consultants_shortlist_and_move_from_the_pages(client, p, w):
    client.force_login(p.consultant)
    url = reverse("pipeline:opening", args=[w.opening.pk])
    response = client.post(
        reverse("pipeline:shortlist", args=[w.opening.pk]), {"candidate": w.bilal.reference}
    )
    assert response.status_code == 302 and response["Location"] == url
    match = Match.objects.get(candidate=w.bilal)
    assert match.status == "shortlisted"
    # Presenting without consent is refused with a message, not an error page.
    response = client.post(
        reverse("pipeline:move", args=[match.pk]),
        {"status": "presented", "next": "opening"},
        follow=True,
    )
    assert "has not agreed" in response.content.decode() or "har ikke" in response.content.decode()
    assert Match.objects.get(pk=match.pk).status == "shortlisted"
    client.post(
        reverse("pipeline:move", args=[match.pk]), {"status": "declined", "reason": "moved away"}
    )
    assert Match.objects.get(pk=match.pk).status == "declined"
    page = client.get(reverse("pipeline:match", args=[match.pk])).content.decode()
    assert "moved away" in page and "consultant" in page


def test_assessors_read_but_do_not_move(client, p, w):
    html = get(
        client, p.assessor, reverse("pipeline:opening", args=[w.opening.pk])
    ).content.decode()
    assert w.ahmad.reference in html and 'name="candidate"' not in html
    client.force_login(p.assessor)
    assert (
        client.post(
            reverse("pipeline:shortlist", args=[w.opening.pk]), {"candidate": w.bilal.reference}
        ).status_code
        == 404
    )


def test_the_candidate_page_ranks_openings_and_shows_gaps(client, p, w):
    from talentbridge.pipeline.models import Course

    course = Course.objects.create(project=p.project, name="Tegningslæsning", duration_days=5)
    course.skills.add(w.drawings)
    html = get(
        client, p.consultant, reverse("pipeline:candidate", args=[w.bilal.reference])
    ).content.decode()
    assert "Welding intern" in html
    assert "Tegningslæsning" in html  # the course that closes Bilal's gap
    assert "læse tekniske tegninger" in html


def test_batch_runs_from_the_pages(client, p, w):
    client.force_login(p.consultant)
    page = client.get(reverse("pipeline:runs") + f"?project={p.project.pk}").content.decode()
    assert "Welding intern" in page
    response = client.post(
        reverse("pipeline:runs"), {"project": p.project.pk, "openings": [w.opening.pk]}
    )
    run = AssignmentRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "pipeline:run", args=[run.pk]
    )
    review = client.get(response["Location"]).content.decode()
    assert w.ahmad.reference in review and not Match.objects.exists()
    keep = run.proposals.get(candidate=w.ahmad)
    client.post(reverse("pipeline:run_send", args=[run.pk]), {"keep": [keep.pk]})
    assert list(Match.objects.values_list("candidate", "status")) == [(w.ahmad.pk, "shortlisted")]
    assert get(client, p.manager, reverse("pipeline:run", args=[run.pk])).status_code == 200
    client.force_login(p.manager)
    assert client.post(reverse("pipeline:run_discard", args=[run.pk])).status_code == 404


def test_index_lists_matches_in_progress(client, p, w):
    flow.shortlist(p.consultant, w.opening, w.ahmad)
    html = get(client, p.manager, reverse("pipeline:index")).content.decode()
    assert w.ahmad.reference in html
    assert get(client, p.employer_user, reverse("pipeline:courses")).status_code == 404
