"""The registry of programme figures: each figure's name, label and definition, written once.

The dashboard, the exports, the API, ``docs/reports.md`` and the tests all read this list.
Each definition says which records count and as of which date. A period runs from a first
day (or the programme's beginning) to a last day, both included; "in the period" below
means between those days.

Every person figure counts **distinct persons**: a person hired twice is one person hired.
Every company figure counts **distinct companies** (by CVR): a company contacted twice,
or by two projects, is one company contacted.

Person figures are answered by a condition over each candidate's milestones
(``pathways.milestones``): ``period_sql`` for the period, and ``first_column``, the date
the person first reached the figure, for month-by-month series and targets.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

PERSONS, COMPANIES, DAYS = "persons", "companies", "days"


@dataclass(frozen=True)
class Figure:
    key: str
    label_da: str
    label_en: str
    definition_da: str
    definition_en: str
    unit: str
    funder: bool = False
    period_sql: str = ""  # persons: 0/1 condition over the milestone columns
    first_column: str = ""  # persons: first date reached (NULL if not reached by the end)

    def label(self, language: str | None = None) -> str:
        return (
            self.label_da
            if (language or get_language() or "da").startswith("da")
            else self.label_en
        )

    def definition(self, language: str | None = None) -> str:
        return (
            self.definition_da
            if (language or get_language() or "da").startswith("da")
            else self.definition_en
        )

    def value(self, user, *, start=None, end=None, project=None):
        """Compute this figure alone for ``user``'s reporting scope (the registry's query function)."""
        from .services import figure_value

        return figure_value(user, self.key, start=start, end=end, project=project)


def _person(
    key, label_da, label_en, definition_da, definition_en, period_sql, first_column, funder=False
):
    return Figure(
        key,
        label_da,
        label_en,
        definition_da,
        definition_en,
        PERSONS,
        funder,
        period_sql,
        first_column,
    )


_FIGURES = [
    _person(
        "participants",
        "Deltagere",
        "Participants",
        "Personer i projektet senest periodens sidste dag (registreret, afklaret eller i et forløbstrin inden da), "
        "som ikke var udtrådt før periodens første dag.",
        "Persons in the project by the last day of the period (registered, assessed or in a pathway step by then) "
        "who had not left before its first day.",
        "registered_on <= %(p_to)s AND (left_on IS NULL OR left_on >= %(p_from)s)",
        "registered_on",
        funder=True,
    ),
    _person(
        "assessed",
        "Kompetenceafklarede",
        "Assessed",
        "Personer med en underskrevet kompetenceafklaring dateret i perioden (afklaringsdatoen, ellers datoen for underskrift).",
        "Persons with a signed-off competence assessment dated in the period (the assessment date, else the sign-off date).",
        "p_assessed = 1",
        "assessed_on",
    ),
    _person(
        "matched",
        "Matchede",
        "Matched",
        "Personer præsenteret for en arbejdsgiver i perioden: et match med status præsenteret, samtale eller accepteret, "
        "eller et forløbstrin startet fra et match.",
        "Persons put forward to an employer in the period: a match in status presented, interview or accepted, "
        "or a pathway step started from a match.",
        "p_matched = 1",
        "matched_on",
    ),
    _person(
        "in_pathway",
        "I forløb",
        "In pathway",
        "Personer i et forløbstrin (virksomhedspraktik, IGU, løntilskud, job, uddannelse eller lære) på mindst én dag "
        "i perioden. Danskundervisning og kurser alene tæller ikke.",
        "Persons in a pathway step (internship, IGU, wage subsidy, job, education or apprenticeship) on at least one "
        "day of the period. Danish lessons and courses alone do not count.",
        "p_in_pathway = 1",
        "pathway_on",
    ),
    _person(
        "in_internship_or_wage_subsidy",
        "I virksomhedspraktik eller løntilskud",
        "In internship or wage subsidy",
        "Personer i virksomhedspraktik eller løntilskudsjob på mindst én dag i perioden.",
        "Persons in a company internship or a wage-subsidy job on at least one day of the period.",
        "p_internship_ws = 1",
        "internship_ws_on",
        funder=True,
    ),
    _person(
        "hired",
        "Ansat",
        "Hired",
        "Personer der startede i ordinært job eller IGU i perioden (startdatoen for trinnet).",
        "Persons who started an ordinary job or an IGU in the period (the step's start date).",
        "p_hired = 1",
        "job_on",
        funder=True,
    ),
    _person(
        "started_education",
        "Startet uddannelse",
        "Started education",
        "Personer der startede en uddannelse eller en læreplads i perioden.",
        "Persons who started an education or an apprenticeship in the period.",
        "p_started_education = 1",
        "edu_step_on",
        funder=True,
    ),
    _person(
        "attached_to_company",
        "Tilknyttet en virksomhed",
        "Attached to a company",
        "Personer i et forløbstrin hos en virksomhed (praktik, løntilskud, IGU, job, lære) på mindst én dag i perioden.",
        "Persons in a pathway step with a company (internship, wage subsidy, IGU, job, apprenticeship) on at least "
        "one day of the period.",
        "p_attached = 1",
        "attached_on",
        funder=True,
    ),
    _person(
        "employed",
        "I beskæftigelse",
        "Employed",
        "Personer ansat i perioden (se Ansat) eller som en opfølgning udført i perioden fandt i beskæftigelse.",
        "Persons hired in the period (see Hired) or found employed by a follow-up done in the period.",
        "(p_hired = 1 OR p_fu_employed = 1)",
        "employed_on",
    ),
    _person(
        "left",
        "Udtrådt",
        "Left the programme",
        "Personer hvis dato for udtræden af programmet ligger i perioden.",
        "Persons whose date of leaving the programme falls in the period.",
        "(left_on >= %(p_from)s AND left_on <= %(p_to)s)",
        "left_on",
    ),
    Figure(
        "companies_contacted",
        "Virksomheder kontaktet",
        "Companies contacted",
        "Virksomheder (CVR) med mindst én registreret kontakt i perioden: kontakt, rådgivning, arrangement, "
        "opkvalificering eller værtskab.",
        "Companies (CVR) with at least one recorded interaction in the period: contact, advice, event, training "
        "or hosting.",
        COMPANIES,
        funder=True,
    ),
    Figure(
        "companies_hosting",
        "Virksomheder med rekrutterings- eller opkvalificeringsforløb",
        "Companies hosting a recruitment or training course",
        "Virksomheder (CVR) med mindst ét registreret værtskab for et rekrutterings- eller opkvalificeringsforløb i perioden.",
        "Companies (CVR) with at least one recorded hosting of a recruitment or training course in the period.",
        COMPANIES,
        funder=True,
    ),
    Figure(
        "days_to_first_internship",
        "Dage fra ankomst til første praktik",
        "Days from arrival to first internship",
        "For personer hvis første virksomhedspraktik startede i perioden: dage fra ankomst til Danmark til praktikkens "
        "start. Median og kvartiler (nærmeste rang); personer uden ankomstdato tæller ikke med.",
        "For persons whose first company internship started in the period: days from arrival in Denmark to its "
        "start. Median and quartiles (nearest rank); persons without an arrival date are left out.",
        DAYS,
    ),
    Figure(
        "days_to_first_job",
        "Dage fra ankomst til første job",
        "Days from arrival to first job",
        "For personer hvis første ordinære job eller IGU startede i perioden: dage fra ankomst til Danmark til "
        "jobstart. Median og kvartiler (nærmeste rang); personer uden ankomstdato tæller ikke med.",
        "For persons whose first ordinary job or IGU started in the period: days from arrival in Denmark to the "
        "start. Median and quartiles (nearest rank); persons without an arrival date are left out.",
        DAYS,
    ),
]

FIGURES: dict[str, Figure] = {f.key: f for f in _FIGURES}
PERSON_FIGURES = [f for f in _FIGURES if f.unit == PERSONS]
COMPANY_FIGURES = [f for f in _FIGURES if f.unit == COMPANIES]
DURATION_FIGURES = [f for f in _FIGURES if f.unit == DAYS]
COUNT_FIGURES = PERSON_FIGURES + COMPANY_FIGURES
#: The funder's list, in the funder's order.
FUNDER_FIGURES = [
    "companies_contacted",
    "companies_hosting",
    "participants",
    "hired",
    "in_internship_or_wage_subsidy",
    "started_education",
    "attached_to_company",
]
#: The funnel: among persons first assessed in the period, how many reached at least each stage.
FUNNEL = ("assessed", "matched", "in_pathway", "employed")
FUNNEL_DEFINITION_DA = (
    "Blandt personer hvis første underskrevne afklaring ligger i perioden: hvor mange der senest periodens sidste dag "
    "mindst nåede hvert trin (en person i forløb tæller også som matchet, en person i beskæftigelse også som i forløb)."
)
FUNNEL_DEFINITION_EN = (
    "Among persons whose first signed-off assessment falls in the period: how many reached at least each stage by the "
    "last day of the period (a person in a pathway also counts as matched, an employed person also as in pathway)."
)
MONTHLY_DEFINITION_DA = (
    "Måned for måned: personer (virksomheder) der nåede tallet for første gang i måneden, og det samlede antal "
    "til og med måneden."
)
MONTHLY_DEFINITION_EN = (
    "Month by month: persons (companies) who reached the figure for the first time in the month, and the "
    "running total up to the month."
)
#: Targets count from the programme's beginning to the last day of the period.
TARGET_DEFINITION_DA = (
    "Mål sammenlignes med tallet fra programmets begyndelse til periodens sidste dag. Et andelsmål (fx 1/3 af "
    "deltagerne i beskæftigelse) regnes om til et antal af det andet tal. For hele programmet lægges projekternes "
    "mål sammen."
)
TARGET_DEFINITION_EN = (
    "Targets are compared with the figure from the programme's beginning to the last day of the period. A share "
    "target (e.g. 1/3 of participants employed) becomes a number of the other figure. For the whole programme "
    "the projects' targets are added up."
)


def get(key: str) -> Figure:
    return FIGURES[key]
