"""Splitting the national number into regional and municipal quotas by population."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from talentbridge.core.api_auth import issue_token
from talentbridge.municipalities.models import Municipality, Quota
from talentbridge.municipalities.services import _largest_remainder, split_quotas
from talentbridge.test import BaseTestCase


def test_largest_remainder_sums_exactly_and_follows_the_weights():
    shares = _largest_remainder(10, {"a": 1, "b": 1, "c": 1})
    assert sum(shares.values()) == 10 and sorted(shares.values()) == [3, 3, 4]
    assert _largest_remainder(7, {"big": 90, "small": 10}) == {"big": 6, "small": 1}
    assert _largest_remainder(0, {"a": 5}) == {"a": 0}


class SplitTests(BaseTestCase):
    def regional_totals(self, year):
        totals = {}
        for q in Quota.objects.filter(year=year).select_related("municipality__region"):
            code = q.municipality.region.code
            totals[code] = totals.get(code, 0) + q.quota
        return totals

    def test_by_population_over_regions_then_municipalities(self):
        result = split_quotas(2027, 4000)
        assert result["created"] == Municipality.objects.count() == 98
        assert sum(Quota.objects.filter(year=2027).values_list("quota", flat=True)) == 4000
        assert self.regional_totals(2027) == result["regions"]
        aarhus = Quota.objects.get(year=2027, municipality__code="0751").quota
        laeso = Quota.objects.get(year=2027, municipality__code="0825").quota
        assert aarhus > 50 * max(laeso, 1) / 2
        again = split_quotas(2027, 4000)
        assert (again["created"], again["updated"]) == (0, 98)

    def test_given_regional_quotas_are_kept_exactly(self):
        codes = sorted(set(Municipality.objects.values_list("region__code", flat=True)))
        regional = {code: 100 * (i + 1) for i, code in enumerate(codes)}
        result = split_quotas(2028, sum(regional.values()), regional)
        assert result["regions"] == regional == self.regional_totals(2028)

    def test_bad_input_names_the_problem_and_writes_nothing(self):
        codes = sorted(set(Municipality.objects.values_list("region__code", flat=True)))
        bad = [
            ((2027, -1, None), "national"),
            ((2027, 10, {codes[0]: 10}), "regional"),
            ((2027, 10, {**{c: 2 for c in codes}, "9999": 0}), "regional"),
            ((2027, 11, {c: 2 for c in codes}), "regional"),
            ((12, 10, None), "year"),
        ]
        for args, field in bad:
            with pytest.raises(ValidationError) as info:
                split_quotas(*args)
            assert field in info.value.message_dict
        assert not Quota.objects.exists()

    def test_page_api_and_command_for_the_placement_officer_only(self):
        url = reverse("municipalities:split_quotas")
        for user in (self.caseworker, self.outsider, self.assessor):
            self.login(user)
            assert self.client.post(url, {"year": 2027, "national": 100}).status_code == 404
        assert not Quota.objects.exists()
        self.login(self.placement_officer)
        response = self.client.post(url, {"year": 2027, "national": 100})
        assert response.status_code == 302 and Quota.objects.filter(year=2027).count() == 98
        response = self.client.post(url, {"year": 2027, "national": "many"}, follow=True)
        shown = [(m.level_tag, str(m)) for m in response.context["messages"]]
        assert [tag for tag, _ in shown] == ["success", "error"]  # the split before, this one

        token = issue_token(self.placement_officer, "t")
        api = self.client.post(
            "/api/municipalities/quotas/split",
            {"year": 2029, "national": 500},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        assert api.status_code == 200 and sum(api.json()["regions"].values()) == 500
        refused = self.client.post(
            "/api/municipalities/quotas/split",
            {"year": 2029, "national": 500},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {issue_token(self.outsider, 't')}",
        )
        assert refused.status_code == 404
        bad = self.client.post(
            "/api/municipalities/quotas/split",
            {"year": 2029, "national": -5},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        assert bad.status_code == 400 and "national" in bad.content.decode()

        out = StringIO()
        call_command("municipalities_split_quotas", year=2030, national=700, stdout=out)
        assert "98 created" in out.getvalue()
        with pytest.raises(CommandError, match="CODE=NUMBER"):
            call_command("municipalities_split_quotas", "--year=2030", "--national=7", "--region=x")
