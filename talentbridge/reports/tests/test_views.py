import io

from django.urls import reverse

from talentbridge.privacy.models import AuditEvent
from talentbridge.reports.models import Target
from talentbridge.test import BaseTestCase

from . import scenario


class DashboardTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.people = scenario.build(cls.p)
        Target.objects.create(project=cls.p.project, figure="participants", value=500)
        Target.objects.create(
            project=cls.p.project, figure="employed", value="0.3333", of_figure="participants"
        )

    def test_the_manager_sees_the_programme(self):
        self.login(self.manager)
        response = self.client.get(
            reverse("reports:dashboard"),
            {"start": "2025-01-01", "end": "2025-12-31", "project": "alpha"},
        )
        self.assertEqual(response.status_code, 200)
        tiles = {t.key: t.value for t in response.context["tiles"]}
        self.assertEqual(
            tiles, {"participants": "6", "assessed": "3", "in_pathway": "4", "employed": "2"}
        )
        self.assertContains(response, "Deltagere")
        self.assertContains(
            response, "Personer i projektet senest periodens sidste dag"
        )  # the definition beside the number
        self.assertContains(response, "data:image/svg+xml;base64,")
        self.assertContains(response, "<meter")
        self.assertTrue(
            AuditEvent.objects.filter(actor=self.manager, object_type="reports.programme").exists()
        )

    def test_the_whole_programme_hides_small_numbers_of_other_partners(self):
        self.login(self.manager)
        response = self.client.get(
            reverse("reports:dashboard"), {"start": "2025-01-01", "end": "2025-12-31"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["suppress"])
        tiles = {t.key: t.value for t in response.context["tiles"]}
        self.assertEqual(tiles["participants"], "7")  # 6 in alpha, H in beta
        self.assertEqual(tiles["assessed"], "<5")

    def test_the_details_page_has_every_breakdown(self):
        self.login(self.manager)
        response = self.client.get(
            reverse("reports:details"),
            {"start": "2025-01-01", "end": "2025-12-31", "project": "alpha"},
        )
        self.assertEqual(response.status_code, 200)
        tables = response.context["tables"]
        self.assertEqual(
            {
                k: r.cell("participants").value
                for k in ("gender",)
                for r in tables[k].rows
                if r.key == "female"
            },
            {"gender": 3},
        )
        self.assertIn("municipality", tables)
        self.assertIn("months", tables)

    def test_others_get_404(self):
        for user in (self.outsider, self.assessor, self.employer_user, self.caseworker):
            self.login(user)
            self.assertEqual(self.client.get(reverse("reports:details")).status_code, 404, user)
            self.assertEqual(self.client.get(reverse("reports:dashboard")).status_code, 404, user)
            self.assertEqual(
                self.client.get(reverse("reports:export"), {"format": "xlsx"}).status_code,
                404,
                user,
            )
            self.assertEqual(self.client.get(reverse("reports:targets")).status_code, 404, user)

    def test_a_project_outside_the_scope_is_404(self):
        self.login(self.manager)
        self.assertEqual(
            self.client.get(reverse("reports:dashboard"), {"project": "nope"}).status_code, 200
        )
        response = self.client.get(reverse("reports:export"), {"format": "xlsx", "project": "nope"})
        self.assertEqual(
            response.status_code, 200
        )  # an unknown choice falls back to the whole scope

    def test_the_exports_download(self):
        from openpyxl import load_workbook
        from pypdf import PdfReader

        self.login(self.manager)
        query = {"start": "2025-01-01", "end": "2025-12-31", "project": "alpha"}
        xlsx = self.client.get(reverse("reports:export"), {**query, "format": "xlsx"})
        self.assertEqual(xlsx.status_code, 200)
        self.assertIn("attachment;", xlsx["Content-Disposition"])
        book = load_workbook(io.BytesIO(xlsx.content))
        self.assertEqual(len(book.sheetnames), 13)  # about, 11 tables, definitions
        definitions = book[book.sheetnames[-1]]
        self.assertIn("companies_contacted", [c.value for c in definitions["B"]])
        figures = {
            row[0].value: row[1].value for row in book[book.sheetnames[1]].iter_rows(min_row=2)
        }
        self.assertEqual(figures["Deltagere"], 6)
        self.assertEqual(figures["Ansat"], "<5")  # the funder export suppresses small numbers
        pdf = self.client.get(reverse("reports:export"), {**query, "format": "pdf"})
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
        self.assertIn("Deltagere", text)
        csv = self.client.get(
            reverse("reports:export"), {**query, "format": "csv"}
        ).content.decode()
        self.assertIn("figures,Deltagere,", csv)
        self.assertTrue(AuditEvent.objects.filter(actor=self.manager, action="export").count() >= 3)
        self.assertEqual(
            self.client.get(reverse("reports:export"), {"format": "doc"}).status_code, 404
        )


class TargetPageTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        Target.objects.create(
            project=cls.p.project, figure="employed", value="0.3333", of_figure="participants"
        )

    def test_the_manager_sets_and_removes_targets(self):
        from django.urls import reverse

        self.login(self.manager)
        page = self.client.get(reverse("reports:targets"))
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "employed")
        response = self.client.post(
            reverse("reports:targets"), {"project": "alpha", "figure": "hired", "value": "120"}
        )
        self.assertRedirects(response, reverse("reports:targets"))
        target = Target.objects.get(project=self.project, figure="hired")
        self.assertEqual(target.value, 120)
        bad = self.client.post(
            reverse("reports:targets"), {"project": "alpha", "figure": "hired", "value": "many"}
        )
        self.assertIn("value", bad.context["form"].errors)
        share = self.client.post(
            reverse("reports:targets"),
            {"project": "alpha", "figure": "hired", "value": "2", "of_figure": "participants"},
        )
        self.assertIn("value", share.context["form"].errors)
        self.login(self.outsider)
        self.assertEqual(
            self.client.post(reverse("reports:target_delete", args=[target.pk])).status_code, 404
        )
        self.login(self.manager)
        self.client.post(reverse("reports:target_delete", args=[target.pk]))
        self.assertFalse(Target.objects.filter(pk=target.pk).exists())
