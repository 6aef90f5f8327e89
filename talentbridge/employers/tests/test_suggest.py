"""Suggestions from free text through the taxonomy's suggest, on the curated ESCO sample."""

import json

from talentbridge.employers.imports import run_import
from talentbridge.employers.models import Opening
from talentbridge.employers.services.suggest import best, phrases, suggest_for_text
from talentbridge.taxonomy.sample import OCCUPATIONS, load_sample
from talentbridge.test import BaseTestCase

from .helpers import make_employer

WELDER = next(o for o in OCCUPATIONS if o.label_en == "welder")
FORKLIFT = next(o for o in OCCUPATIONS if o.label_en == "forklift operator")


class SuggestTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        load_sample()

    def test_a_description_is_split_into_phrases(self):
        text = (
            "Vi søger en svejser.\n- Svejsning af stål og aluminium\n• Truckcertifikat; kørekort B"
        )
        assert phrases(text) == [
            "Vi søger en svejser",
            "Svejsning af stål og aluminium",
            "Truckcertifikat",
            "kørekort B",
        ]

    def test_the_title_gives_the_occupation_and_its_usual_skills(self):
        found = suggest_for_text("Svejser", "Svejsning af rustfrit stål", language="da")
        assert found["occupations"][0].uri == WELDER.uri
        # The occupation's essential skills are offered unless the text already found them.
        offered = {s.uri for s in found["usual_skills"]} | {s.uri for s in found["skills"]}
        assert {s.uri for s in WELDER.essential} <= offered
        assert not {s.uri for s in found["usual_skills"]} & {s.uri for s in found["skills"]}
        assert best("occupations", "gaffeltruckfører", language="da").uri == FORKLIFT.uri

    def test_an_import_without_an_occupation_takes_the_best_suggestion_and_says_so(self):
        make_employer(self.project, "Vestjysk Metal A/S", cvr="61126228")
        posting = {
            "@type": "JobPosting",
            "title": "Gaffeltruckfører",
            "hiringOrganization": {"identifier": "61126228"},
            "jobLocation": {"address": {"postalCode": "7400"}},
        }
        report = run_import(self.consultant, json.dumps(posting).encode(), "job.json")
        assert report.written, [str(e) for e in report.errors]
        assert Opening.objects.get().occupation.uri == FORKLIFT.uri
        assert any("gaffeltruckfører" in w.message for w in report.warnings)
