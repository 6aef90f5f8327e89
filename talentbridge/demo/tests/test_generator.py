from collections import Counter
from datetime import date

import pytest
from django.db import transaction

from talentbridge.candidates.models import Candidate, EducationEntry, Household
from talentbridge.demo import population as pop
from talentbridge.demo.companies import CVR_WEIGHTS, make_cvr
from talentbridge.demo.generator import generate
from talentbridge.employers.models import Employer, Need, Opening, validate_cvr

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 11, 1)


class Rollback(Exception):
    pass


def _snapshot():
    return (
        list(
            Candidate.objects.order_by("pk").values_list(
                "birth_year", "gender", "nationality", "asylum_status", "work_allowed_from"
            )
        ),
        list(Employer.objects.order_by("pk").values_list("cvr", "name")),
        list(Opening.objects.order_by("pk").values_list("kind", "capacity", "occupation__uri")),
    )


def test_the_same_seed_gives_the_same_programme():
    snapshots = []
    for _ in range(2):
        try:
            with transaction.atomic():
                generate(seed=11, candidates=40, as_of=AS_OF)
                snapshots.append(_snapshot())
                raise Rollback
        except Rollback:
            pass
    assert snapshots[0] == snapshots[1]
    assert len(snapshots[0][0]) == 40


def test_another_seed_gives_other_people():
    generate(seed=1, candidates=30, as_of=AS_OF)
    first = sorted(Candidate.objects.values_list("birth_year", "nationality"))
    generate(seed=2, candidates=30, as_of=AS_OF)
    second = sorted(
        Candidate.objects.exclude(project__code="vest-1")
        .exclude(project__code="oest-1")
        .values_list("birth_year", "nationality")
    )
    assert first != second


def test_it_follows_the_published_shares():
    summary = generate(seed=5, candidates=600, as_of=AS_OF)
    assert summary.candidates == Candidate.objects.count() == 600
    origins = Counter(Candidate.objects.values_list("nationality", flat=True))
    assert 0.25 < origins["UA"] / 600 < 0.45  # about half of 2022 arrivals; a third of the mix
    assert {"SY", "ER", "AF", "IR", "SO", "XX"} <= set(origins)
    sizes = Counter(Household.objects.values_list("size", flat=True))
    assert set(sizes) <= {1, 2, 3, 4, 5, 6}
    assert sizes[1] == max(sizes.values())
    levels = Counter(EducationEntry.objects.values_list("isced_level", flat=True))
    assert levels[1] + levels[2] > levels[6] + levels[7] + levels[8]


def test_employers_have_valid_cvr_numbers_and_the_summary_counts_active_needs():
    summary = generate(seed=3, candidates=80, as_of=AS_OF)
    for cvr in Employer.objects.values_list("cvr", flat=True):
        validate_cvr(cvr)
    planted = sum(summary.needs_by_municipality.values())
    assert planted == sum(Need.objects.filter(active=True).values_list("count", flat=True))


def test_make_cvr_passes_the_modulus_11_check():
    import random

    rng = random.Random(0)
    for _ in range(200):
        cvr = make_cvr(rng)
        assert sum(int(d) * w for d, w in zip(cvr, CVR_WEIGHTS, strict=True)) % 11 == 0


def test_people_are_adults_with_consistent_dates():
    import random

    rng = random.Random(9)
    for _ in range(300):
        household = pop.draw_household(rng, AS_OF)
        assert 1 <= household.size <= 6
        assert 1 <= len(household.adults) <= min(2, household.size)
        for person in household.adults:
            assert 18 <= AS_OF.year - person.birth_year <= 63
            assert person.arrived_on < AS_OF
            if person.status_since:
                assert person.arrived_on <= person.status_since <= AS_OF


def test_education_follows_the_published_shares_of_2015_arrivals():
    # Danish figures for refugees who arrived in 2015: about half primary school only, about
    # one in six upper-secondary, 13 % higher education, about 10 % vocational.
    import random

    rng = random.Random(11)
    syria = next(o for o in pop.ORIGINS if o[0] == "SY")
    drawn = Counter(pop.draw_person(rng, syria, AS_OF).education for _ in range(20_000))
    share = {label: n / 20_000 for label, n in drawn.items()}
    assert share["primary"] == pytest.approx(0.50, abs=0.02)
    assert share["upper_secondary"] == pytest.approx(1 / 6, abs=0.015)
    assert share["higher"] == pytest.approx(0.13, abs=0.015)
    assert share["vocational"] == pytest.approx(0.10, abs=0.015)
