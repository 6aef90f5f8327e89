"""The funder's PDF embeds its charts, not only its text.

WeasyPrint draws each SVG chart as vector graphics in the page, its texts as Form XObjects
in the page's resources. The test renders the same report twice, with and without the chart
images, and compares: with them, each chart's title (drawn only inside the chart) is in the
PDF and the chart page holds Form XObjects; without them there are none.
"""

import datetime as dt
import io
from unittest import mock

from django.utils import translation
from django.utils.translation import gettext as _
from pypdf import PdfReader

from talentbridge.reports import exports, services
from talentbridge.reports.models import Target
from talentbridge.test import BaseTestCase

from . import scenario


def _facts(data: bytes) -> tuple[str, list[int]]:
    """The PDF's text (whitespace folded) and the number of Form XObjects on each page."""
    reader = PdfReader(io.BytesIO(data))
    texts, forms = [], []
    for page in reader.pages:
        texts.append(page.extract_text())
        xobjects = page["/Resources"].get("/XObject")
        xobjects = xobjects.get_object() if xobjects is not None else {}
        forms.append(
            sum(1 for obj in xobjects.values() if obj.get_object().get("/Subtype") == "/Form")
        )
    return " ".join(" ".join(texts).split()), forms


class FunderPdfChartTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        scenario.build(cls.p)
        Target.objects.create(project=cls.p.project, figure="participants", value=500)

    def test_the_pdf_embeds_its_four_charts(self):
        with translation.override("da"):
            report = services.programme_report(
                self.manager, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31), project="alpha"
            )
            titles = [
                _("Progress against targets"),
                _("From assessment to work (persons assessed in the period)"),
                _("Running totals, month by month"),
                _("Employed, as a share of participants"),
            ]
            with_charts = exports.to_pdf(report)
            with mock.patch.object(
                exports, "chart_images", lambda report, suppress: dict.fromkeys(titles, "")
            ):
                without_charts = exports.to_pdf(report)
        self.assertTrue(with_charts.startswith(b"%PDF"))
        text, forms = _facts(with_charts)
        bare_text, bare_forms = _facts(without_charts)
        for title in titles:
            title = " ".join(title.split())
            self.assertIn(title, text, "the chart's title is drawn in the PDF")
            self.assertNotIn(title, bare_text, "the title comes from the chart alone")
        # The charts are on the first page; their texts are Form XObjects of its resources,
        # and the same report without the charts has none at all.
        self.assertGreaterEqual(forms[0], len(titles), forms)
        self.assertEqual(max(bare_forms), 0, bare_forms)
        # The monthly chart's y axis and the funnel's "<5" labels are drawn as well.
        self.assertGreater(text.count("<5"), bare_text.count("<5"))
