"""``talentbridge placement run``: create and compute a placement run (optionally approve, export)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.http import Http404

from talentbridge.accounts.models import Project
from talentbridge.core.command import TalentbridgeCommand
from talentbridge.placement import services
from talentbridge.placement.models import PlacementRun


class Command(TalentbridgeCommand):
    help = "Recommend a municipality for each household of a cohort under the year's quotas."

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True, metavar="CODE")
        parser.add_argument("--year", type=int, required=True, help="Quota year.")
        parser.add_argument(
            "--csv", metavar="FILE", help="Households from this CSV (default: granted candidates)."
        )
        parser.add_argument("--capacities", metavar="FILE", help="Service capacities CSV.")
        parser.add_argument("--name", default="")
        parser.add_argument("--slack", type=float, default=0.05)
        parser.add_argument(
            "--pacing", choices=PlacementRun.Pacing.values, default=PlacementRun.Pacing.YEAR
        )
        parser.add_argument("--meet-floors", action="store_true", help="Last cohort of the year.")
        parser.add_argument("--neighbour-km", type=int, default=30)
        parser.add_argument("--approve", action="store_true", help="Approve and lock the run.")
        parser.add_argument("--export", metavar="FILE", help="Write the approved placement as CSV.")

    def handle(self, *args, **options):
        project = Project.objects.filter(code=options["project"]).first()
        if project is None:
            raise CommandError(f"no project {options['project']!r}")
        files = []
        try:
            csv_file = open(options["csv"], encoding="utf-8-sig") if options["csv"] else None  # noqa: SIM115
            files.append(csv_file)
            capacities = (
                open(options["capacities"], encoding="utf-8-sig") if options["capacities"] else None
            )  # noqa: SIM115
            files.append(capacities)
            run = services.create_run(
                self.actor,
                project,
                name=options["name"],
                year=options["year"],
                source=PlacementRun.Source.CSV if csv_file else PlacementRun.Source.SYSTEM,
                csv_file=csv_file,
                capacities_file=capacities,
                slack=options["slack"],
                pacing=options["pacing"],
                meet_floors=options["meet_floors"],
                neighbour_km=options["neighbour_km"],
            )
            run = services.compute_run(self.actor, run)
            if options["approve"]:
                run = services.approve(self.actor, run)
            if options["export"]:
                with open(options["export"], "w", encoding="utf-8", newline="") as out:
                    out.write(services.export_csv(self.actor, run))
        except (ValidationError, OSError) as exc:
            raise CommandError("; ".join(getattr(exc, "messages", [str(exc)]))) from None
        except Http404:
            raise CommandError(f"no project {options['project']!r} in your scope") from None
        finally:
            for handle in files:
                if handle:
                    handle.close()
        self._report(run)

    def _report(self, run: PlacementRun) -> None:
        w = self.stdout.write
        w(
            f"run {run.pk} '{run.name}': {run.get_status_display()}, {run.households.count()} households"
        )
        w(f"expected outcome from: {run.scoring} ({run.get_scoring_display()})")
        gain = (run.objective / run.baseline - 1) if run.baseline else 0.0
        w(
            f"expected households with someone employed: {run.objective:.2f} "
            f"(random within quotas: {run.baseline:.2f}, {100 * gain:+.1f} %); gap to bound {100 * run.gap:.4f} %"
        )
        pace = (run.solver or {}).get("pacing", {})
        w(f"pacing: {run.pacing} ({run.get_pacing_display()})")
        if pace.get("mode") == PlacementRun.Pacing.DYNAMIC:
            w(
                f"  priced on the rest of the year: {pace['persons_left_in_quotas']} persons left in "
                f"the quotas, {pace['persons_expected_after']} expected after this batch, like the "
                f"{pace['forecast_households']} households seen this year "
                f"({pace['from_earlier_runs']} from earlier approved runs); without prices "
                f"{pace['static_objective']:.2f}"
            )
        for h in run.households.select_related("municipality"):
            note = f"  overridden: {h.override_reason}" if h.overridden else ""
            w(
                f"  {h.reference:<14} {h.size} persons -> {h.municipality.code} {h.municipality.name} ({h.expected:.2f}){note}"
            )
        for warning in services.warnings(run):
            w(f"warning: {warning}")
