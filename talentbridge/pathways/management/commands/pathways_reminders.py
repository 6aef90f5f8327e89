"""``talentbridge pathways reminders``: follow-ups overdue or due soon, per responsible person."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from talentbridge.core.command import TalentbridgeCommand
from talentbridge.pathways.services import due_follow_ups


class Command(TalentbridgeCommand):
    help = (
        "List the follow-ups not yet recorded that are overdue or due within --days, grouped by who "
        "started the step. With --as, only candidates that user works with. --email sends each "
        "responsible person their list."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=14, help="Due within this many days (default 14)."
        )
        parser.add_argument(
            "--email", action="store_true", help="E-mail each responsible person their list."
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        due = due_follow_ups(self.actor, days_ahead=options["days"])
        groups = defaultdict(list)
        for follow_up in due:
            groups[follow_up.step.created_by].append(follow_up)
        for owner, items in sorted(
            groups.items(), key=lambda kv: kv[0].get_username() if kv[0] else ""
        ):
            name = owner.get_username() if owner else "(nobody)"
            lines = [self._line(f, today) for f in items]
            self.stdout.write(f"{name}: {len(items)} follow-up(s)")
            for line in lines:
                self.stdout.write(f"  {line}")
            if options["email"] and owner is not None and owner.email:
                send_mail(
                    f"Talentbridge: {len(items)} follow-up(s) due",
                    "\n".join(lines) + f"\n\n{settings.SITE_ROOT}/pathways/follow-ups/",
                    None,
                    [owner.email],
                )
        self.stdout.write(
            f"{len(due)} follow-up(s) due by {today.isoformat()} + {options['days']} days"
        )

    @staticmethod
    def _line(follow_up, today) -> str:
        late = " OVERDUE" if follow_up.due_on < today else ""
        step = follow_up.step
        where = f" at {step.employer.name}" if step.employer else ""
        return (
            f"{follow_up.due_on.isoformat()}{late}  {step.candidate.reference}  "
            f"{step.kind}{where}, {follow_up.months} months"
        )
