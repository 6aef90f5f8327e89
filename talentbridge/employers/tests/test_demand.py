"""The demand map, checked against hand-built needs and openings."""

import datetime as dt
import json
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from talentbridge.employers.models import Need, Opening, OpeningSkill, Site
from talentbridge.employers.services.demand import demand_by_municipality, demand_by_region
from talentbridge.employers.services.needs import (
    confirm_need,
    is_stale,
    record_survey,
    survey_status,
)
from talentbridge.municipalities.models import Municipality
from talentbridge.test import BaseTestCase

from .helpers import Taxonomy, make_employer

TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


class DemandFixture(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        t = cls.t = Taxonomy()
        herning = make_employer(cls.project, "Vestjysk Metal A/S", seed=31, municipality="0657")
        aarhus = make_employer(cls.project, "Aarhus Rengøring ApS", seed=32, municipality="0751")
        herning.projects.add(cls.other_project)
        cls.s1 = herning.sites.get()
        cls.s2 = aarhus.sites.get()
        cls.s3 = Site.objects.create(
            employer=aarhus, name="Odense", municipality=Municipality.objects.get(code="0461")
        )

        def need(site, count, occupation=None, skills=(), project=None, **extra):
            n = Need.objects.create(
                site=site,
                project=project or cls.project,
                occupation=occupation,
                count=count,
                surveyed_on=TODAY - 30 * DAY,
                **extra,
            )
            n.skills.set(skills)
            return n

        def opening(site, capacity, occupation, status="open", essential=(), optional=(), **extra):
            o = Opening.objects.create(
                project=cls.project,
                site=site,
                kind="job",
                title="x",
                occupation=occupation,
                capacity=capacity,
                status=status,
                **extra,
            )
            OpeningSkill.objects.bulk_create(
                [OpeningSkill(opening=o, skill=s, essential=True) for s in essential]
                + [OpeningSkill(opening=o, skill=s, essential=False) for s in optional]
            )
            return o

        cls.n1 = need(cls.s1, 3, t.welder, [t.welding, t.safety], urgency="high")
        cls.n2 = need(cls.s2, 2, t.cleaner, [t.hygiene], needed_by=TODAY - 5 * DAY)
        cls.n3 = need(cls.s2, 1, t.welder_group)
        cls.n4 = need(cls.s3, 5, t.cleaner, active=False)
        cls.n5 = need(cls.s1, 4, t.cleaner, project=cls.other_project)
        cls.n6 = need(cls.s2, 2, title="Lagerhjælp, nattevagt")
        cls.o1 = opening(
            cls.s1, 1, t.welder, essential=[t.welding], optional=[t.forklift], need=cls.n1
        )
        cls.o2 = opening(cls.s2, 2, t.cleaner, apply_by=TODAY - 5 * DAY)
        cls.o3 = opening(cls.s2, 4, t.cleaner, status="draft")
        cls.o4 = opening(cls.s3, 3, t.cleaner, essential=[t.hygiene])
        cls.o5 = opening(cls.s1, 1, t.welder, status="filled", need=cls.n1)


class DemandAggregationTests(DemandFixture):
    def test_it_counts_open_places_and_unmet_needs_per_municipality(self):
        t = self.t
        demand = demand_by_municipality(self.project, TODAY)
        assert demand["projects"] == ["alpha"] and demand["as_of"] == TODAY.isoformat()
        m = demand["municipalities"]
        assert set(m) == {"0657", "0751", "0461"}
        # Herning: opening o1 (1 place) + need n1 (3 asked, 1 open + 1 filled opening answer it: 1 left).
        assert {k: m["0657"][k] for k in ("people", "from_openings", "from_needs")} == {
            "people": 2,
            "from_openings": 1,
            "from_needs": 1,
        }
        assert m["0657"]["occupations"] == {t.welder.uri: 2}
        assert m["0657"]["isco_groups"] == {"7212": 2}
        assert m["0657"]["skills"] == {t.welding.uri: 2, t.forklift.uri: 1, t.safety.uri: 1}
        # Aarhus: n2 is past its date, o2 past its deadline, o3 a draft; n3 names an ISCO group, n6 only a title.
        assert (m["0751"]["people"], m["0751"]["from_needs"], m["0751"]["from_openings"]) == (
            3,
            3,
            0,
        )
        assert m["0751"]["occupations"] == {} and m["0751"]["isco_groups"] == {"7212": 1}
        # Odense: o4; the inactive need n4 does not count.
        assert (m["0461"]["people"], m["0461"]["region"]) == (3, "1083")
        assert m["0461"]["occupations"] == {t.cleaner.uri: 3} and m["0461"]["skills"] == {
            t.hygiene.uri: 3
        }

    def test_all_projects_include_the_other_projects_needs(self):
        m = demand_by_municipality(None, TODAY)["municipalities"]
        assert m["0657"]["people"] == 6
        assert m["0657"]["occupations"][self.t.cleaner.uri] == 4
        assert demand_by_municipality("beta", TODAY)["municipalities"]["0657"]["people"] == 4

    def test_it_counts_as_of_a_date(self):
        earlier = TODAY - 10 * DAY
        m = demand_by_municipality(self.project, earlier)["municipalities"]
        # Ten days ago n2 was still needed and o2 still open for applications.
        assert (m["0751"]["from_needs"], m["0751"]["from_openings"]) == (5, 2)
        # Forty days ago no need had been recorded yet (surveyed 30 days ago); open places count.
        m = demand_by_municipality(self.project, TODAY - 40 * DAY)["municipalities"]
        assert {code: (e["from_needs"], e["from_openings"]) for code, e in m.items()} == {
            "0657": (0, 1),
            "0751": (0, 2),
            "0461": (0, 3),
        }

    def test_it_counts_one_source_alone(self):
        needs_only = demand_by_municipality(self.project, TODAY, include=("needs",))[
            "municipalities"
        ]
        assert {code: e["people"] for code, e in needs_only.items()} == {"0657": 1, "0751": 3}
        places = demand_by_municipality(self.project, TODAY, include=("openings",))[
            "municipalities"
        ]
        assert {code: e["people"] for code, e in places.items()} == {"0657": 1, "0461": 3}

    def test_regions_sum_their_municipalities(self):
        regions = demand_by_region(demand_by_municipality(self.project, TODAY))
        assert regions["1082"]["people"] == 5 and regions["1082"]["municipalities"] == 2
        assert regions["1082"]["isco_groups"] == {"7212": 3}
        assert regions["1083"]["people"] == 3

    def test_the_result_is_plain_json(self):
        demand = demand_by_municipality(self.project, TODAY)
        assert json.loads(json.dumps(demand)) == demand


class SurveyTests(DemandFixture):
    def test_a_need_is_stale_when_not_confirmed_for_long_or_past_its_date(self):
        assert not is_stale(self.n1, TODAY)
        assert is_stale(self.n1, TODAY + 200 * DAY)
        assert is_stale(self.n2, TODAY)
        confirm_need(self.consultant, self.n1, on=TODAY + 190 * DAY)
        self.n1.refresh_from_db()
        assert not is_stale(self.n1, TODAY + 200 * DAY)

    def test_the_survey_is_recorded_once_then_reviewed(self):
        first = record_survey(self.consultant, self.project, "0657", on=TODAY - 100 * DAY)
        review = record_survey(self.consultant, self.project, "Herning", on=TODAY)
        assert (first.kind, review.kind) == ("survey", "review")
        status = survey_status([self.project], TODAY)
        assert status["0657"].first_surveyed_on == TODAY - 100 * DAY
        assert status["0657"].last_reviewed_on == TODAY
        assert status["0751"].first_surveyed_on is None
        assert (status["0751"].active_needs, status["0751"].stale_needs) == (3, 1)


class DemandViewTests(DemandFixture):
    def test_readers_of_the_demand_map_see_it(self):
        for user in (self.consultant, self.placement_officer, self.caseworker, self.manager):
            self.login(user)
            r = self.client.get("/employers/demand/")
            self.assertContains(r, "Herning", msg_prefix=user.username)
        r = self.client.get("/employers/demand/?region=1083")
        assert [row[0] for row in r.context["rows"]] == ["0461"]
        assert r.context["area"]["people"] == 3

    def test_the_chart_is_an_svg_rendered_on_the_server(self):
        self.login(self.placement_officer)
        for kind in ("occupations", "skills", "isco", "municipalities"):
            r = self.client.get(f"/employers/demand/chart.svg?kind={kind}")
            assert r.status_code == 200 and r["Content-Type"].startswith("image/svg+xml")
            assert b"<svg" in r.content and b"<script" not in r.content
            assert "script-src" not in r["Content-Security-Policy"]
        assert (
            b"Herning" in self.client.get("/employers/demand/chart.svg?kind=municipalities").content
        )

    def test_the_outsider_and_employer_users_get_404(self):
        for user in (self.outsider, self.employer_user, self.assessor):
            self.login(user)
            for url in (
                "/employers/demand/",
                "/employers/demand/chart.svg",
                "/api/employers/demand",
                "/employers/needs/",
                "/api/employers/needs",
            ):
                assert self.client.get(url).status_code == 404, (user.username, url)

    def test_the_api_gives_the_service_data(self):
        self.login(self.placement_officer)
        r = self.client.get(f"/api/employers/demand?project=alpha&as_of={TODAY.isoformat()}")
        assert r.json() == demand_by_municipality(self.project, TODAY)
        assert self.client.get("/api/employers/demand?project=beta").status_code == 404
        assert self.client.get("/api/employers/demand/regions").json()["1083"]["people"] == 3

    def test_the_command_prints_the_demand_map(self):
        out = StringIO()
        call_command("employers_demand", "--as", "placement", "--json", stdout=out)
        assert json.loads(out.getvalue())["municipalities"]["0461"]["people"] == 3
        out = StringIO()
        call_command("employers_demand", "--region", stdout=out)
        assert "Region Midtjylland" in out.getvalue()

    def test_the_needs_page_lists_stale_needs(self):
        self.login(self.consultant)
        r = self.client.get("/employers/needs/?stale=1")
        self.assertContains(r, "Aarhus Rengøring ApS")
        assert len(r.context["needs"]) == 1
