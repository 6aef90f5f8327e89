"""schema.org ``JobPosting`` in JSON-LD: what companies publish on their career pages.

Reads a ``.json``/``.jsonld`` file (one posting, a list, an ``@graph``, or postings nested in
another node such as an ``ItemList``) or an HTML page with ``<script type="application/ld+json">``
blocks (read with the standard library's ``html.parser``; nothing is fetched from the network).
Postings are numbered in document order from 1; every problem names ``posting N`` and the
property path. The mapping is documented in ``docs/employers.md`` ("Import: JSON-LD").
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from ..models import Opening
from ..services.register import normalise_cvr
from . import records as read
from .locations import MunicipalityIndex
from .records import PostingRecord, Problem, RecordError
from .tabular import FileProblem

ESCO_PREFIX = "http://data.europa.eu/esco/"
DANISH_COUNTRIES = {"dk", "dnk", "denmark", "danmark"}
EMPLOYMENT_TYPES = {
    "INTERN": Opening.Kind.INTERNSHIP,
    "INTERNSHIP": Opening.Kind.INTERNSHIP,
    "IGU": Opening.Kind.IGU,
    "WAGE_SUBSIDY": Opening.Kind.WAGE_SUBSIDY,
    "APPRENTICESHIP": Opening.Kind.EDUCATION,
    "EDUCATION": Opening.Kind.EDUCATION,
    "FULL_TIME": Opening.Kind.JOB,
    "PART_TIME": Opening.Kind.JOB,
    "TEMPORARY": Opening.Kind.JOB,
    "CONTRACTOR": Opening.Kind.JOB,
    "PER_DIEM": Opening.Kind.JOB,
    "SEASONAL": Opening.Kind.JOB,
    "OTHER": Opening.Kind.JOB,
    "VOLUNTEER": Opening.Kind.INTERNSHIP,
}
FULL_TIME_HOURS = 37  # the Danish collective-agreement working week


# Reading the file ------------------------------------------------------------------------------


class _LdScripts(HTMLParser):
    """Collect the text of every <script type="application/ld+json"> element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
            if kind == "application/ld+json":
                self._inside = True
                self.blocks.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.blocks[-1] += data


class _Text(HTMLParser):
    """Plain text of an HTML description, keeping paragraphs and list items on their own lines."""

    BREAKS = {"p", "br", "li", "div", "h1", "h2", "h3", "h4", "ul", "ol", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BREAKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_data(self, data):
        self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).splitlines())
        return "\n".join(line for line in lines if line)


def html_to_text(value: str) -> str:
    if "<" not in value:
        return value.strip()
    parser = _Text()
    parser.feed(value)
    parser.close()
    return parser.text()


def documents(data: bytes, name: str) -> list[tuple[str, object]]:
    """The JSON documents in a file: the file itself, or each ld+json block of an HTML page."""
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem("", "the file is not UTF-8 encoded") from None
    stripped = content.lstrip()
    looks_html = name.lower().endswith((".html", ".htm")) or stripped[:1] == "<"
    if not looks_html:
        return [("file", _load(content, "file"))]
    parser = _LdScripts()
    parser.feed(content)
    parser.close()
    if not parser.blocks:
        raise FileProblem("", 'the page has no <script type="application/ld+json"> block')
    return [
        (f"script {i}", _load(block, f"script {i}"))
        for i, block in enumerate(parser.blocks, start=1)
    ]


def _load(content: str, where: str):
    try:
        return json.loads(content)
    except json.JSONDecodeError as exc:
        raise FileProblem(
            where, f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None


def _is_posting(node) -> bool:
    if not isinstance(node, dict):
        return False
    types = node.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(str(t).rsplit("/", 1)[-1].rsplit(":", 1)[-1] == "JobPosting" for t in types if t)


def find_postings(docs: list[tuple[str, object]]) -> tuple[list[dict], dict[str, dict]]:
    """All JobPosting nodes in document order, and every node with an @id (for references)."""
    postings: list[dict] = []
    nodes: dict[str, dict] = {}

    def walk(node) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            if isinstance(node.get("@id"), str) and len(node) > 1:
                nodes.setdefault(node["@id"], node)
            if _is_posting(node):
                postings.append(node)
                return
            for value in node.values():
                walk(value)

    for _, doc in docs:
        walk(doc)
    return postings, nodes


# Mapping one posting ---------------------------------------------------------------------------


def parse(docs, places: MunicipalityIndex) -> tuple[list[PostingRecord], list[Problem]]:
    postings, nodes = find_postings(docs)
    if not postings:
        raise FileProblem("", "no schema.org JobPosting found")
    records, problems = [], []
    for index, posting in enumerate(postings, start=1):
        origin = f"posting {index}"
        try:
            records.append(_record(origin, posting, nodes, places))
        except RecordError as exc:
            problems.append(Problem(origin, exc.field, exc.message))
    return records, problems


def _first(value):
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _strings(value) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        inner = value.get("@value", value.get("value", value.get("name")))
        return _strings(inner)
    return [read.text(value)]


def _cvr(org: dict) -> str:
    """A CVR number from ``identifier`` (plain, "DK…", or a PropertyValue) or a ``sameAs`` CVR URL."""
    for field in ("identifier", "sameAs", "url"):
        values = org.get(field)
        for value in values if isinstance(values, list) else [values]:
            if value in (None, ""):
                continue
            if isinstance(value, dict):
                label = " ".join(read.text(value.get(k)) for k in ("name", "propertyID")).casefold()
                raw = read.text(value.get("value", value.get("@value")))
                if label and "cvr" not in label:
                    continue
            else:
                raw = read.text(value)
            if field == "identifier":
                candidate = normalise_cvr(raw)
                if candidate.isdigit() and len(candidate) == 8:
                    _check(candidate, "hiringOrganization.identifier")
                    return candidate
                if isinstance(value, dict):
                    raise RecordError(
                        "hiringOrganization.identifier", f"{raw!r} is not a CVR number (8 digits)"
                    )
            elif "cvr" in raw.casefold() or "virk.dk" in raw.casefold():
                match = re.search(r"(?<!\d)(\d{8})(?!\d)", raw)
                if match:
                    _check(match.group(1), f"hiringOrganization.{field}")
                    return match.group(1)
    return ""


def _check(cvr: str, field: str) -> None:
    from django.core.exceptions import ValidationError

    from ..models import validate_cvr

    try:
        validate_cvr(cvr)
    except ValidationError as exc:
        raise RecordError(field, " ".join(exc.messages)) from None


def _kind(posting: dict) -> str:
    types = _strings(posting.get("employmentType"))
    for raw in types:
        key = raw.upper().replace("-", "_").replace(" ", "_")
        if key in EMPLOYMENT_TYPES and key not in ("FULL_TIME", "PART_TIME", "OTHER"):
            return EMPLOYMENT_TYPES[key]
        if raw.casefold() in read.KIND_WORDS:
            return read.KIND_WORDS[raw.casefold()]
    for raw in types:
        if raw.upper().replace("-", "_").replace(" ", "_") in EMPLOYMENT_TYPES:
            return Opening.Kind.JOB
    if types:
        raise RecordError("employmentType", f"unknown employment type {types[0]!r}")
    return Opening.Kind.JOB


def _location(posting: dict, nodes: dict, places: MunicipalityIndex, record: PostingRecord) -> dict:
    locations = posting.get("jobLocation")
    locations = locations if isinstance(locations, list) else [locations] if locations else []
    if not locations:
        if read.text(_first(posting.get("jobLocationType"))).upper() == "TELECOMMUTE":
            record.warnings.append("a remote job: placed at the company's site")
        return {}
    if len(locations) > 1:
        record.warnings.append(f"{len(locations)} job locations: the first one is used")
    place = _resolve(locations[0], nodes)
    address = _resolve(place.get("address"), nodes) if isinstance(place, dict) else place
    path = "jobLocation.address"
    if isinstance(address, str):
        match = re.search(r"\b(\d{4})\s+([^\d,]+)", address)
        street = address.split(",")[0].strip() if "," in address else ""
        postal, locality, region, country = (
            (match.group(1), match.group(2).strip(), "", "") if match else ("", address, "", "")
        )
    elif isinstance(address, dict):
        street = read.text(address.get("streetAddress"))
        postal = read.text(address.get("postalCode"))
        locality = read.text(address.get("addressLocality"))
        region = read.text(address.get("addressRegion"))
        country = address.get("addressCountry")
        country = read.text(country.get("name") if isinstance(country, dict) else country)
    else:
        raise RecordError(path, "no address")
    if country and country.casefold() not in DANISH_COUNTRIES:
        raise RecordError(f"{path}.addressCountry", f"{country!r} is not Denmark")
    municipality = places.locate(
        municipality=region if places.explicit(region) else None,
        postal_code=postal,
        locality=locality,
    )
    if municipality is None:
        field = f"{path}.postalCode" if postal else f"{path}.addressLocality"
        raise RecordError(
            field, f"cannot place {postal} {locality}".strip() + " in a Danish municipality"
        )
    name = read.text(place.get("name")) if isinstance(place, dict) else ""
    return {
        "name": name,
        "address": street,
        "postal_code": postal if postal.isdigit() and len(postal) == 4 else "",
        "municipality": municipality,
        "locality": locality,
    }


def _resolve(value, nodes: dict):
    value = _first(value)
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in nodes:
        return nodes[value["@id"]]
    return value


def _occupation(posting: dict, record: PostingRecord) -> None:
    """``occupationalCategory``: an ESCO URI or an ISCO-08 code is taken as it is; text is
    kept for suggest (and the title is the fallback)."""
    values = posting.get("occupationalCategory")
    for value in values if isinstance(values, list) else [values]:
        if value in (None, ""):
            continue
        if isinstance(value, dict):
            code = read.text(
                value.get("codeValue")
                or value.get("termCode")
                or value.get("url")
                or value.get("@id")
            )
            name = read.text(value.get("name"))
        else:
            code, name = "", read.text(value)
        for candidate in (code, name):
            if candidate.startswith(ESCO_PREFIX):
                record.opening["occupation"] = candidate
                return
            match = re.match(r"^(\d{4})(?:\.\d+)*\b", candidate)
            if match:
                record.opening["occupation"] = match.group(1)
                return
        if name and not record.occupation_text:
            record.occupation_text = name


def _skills(posting: dict) -> list[str] | None:
    found: list[str] = []
    for field in ("skills", "qualifications"):
        values = posting.get(field)
        for value in values if isinstance(values, list) else [values]:
            if value in (None, ""):
                continue
            if isinstance(value, dict):
                uri = read.text(value.get("termCode") or value.get("url") or value.get("@id"))
                found.append(uri if uri.startswith(ESCO_PREFIX) else read.text(value.get("name")))
            else:
                # A sentence of several skills: split on commas, semicolons and line breaks.
                found.extend(p.strip(" -•") for p in re.split(r"[,;\n]", html_to_text(str(value))))
    result = [s for s in dict.fromkeys(found) if s]
    return result or None


def _record(origin: str, posting: dict, nodes: dict, places: MunicipalityIndex) -> PostingRecord:
    sources = {
        "cvr": "hiringOrganization.identifier",
        "name": "hiringOrganization.name",
        "website": "hiringOrganization.url",
        "title": "title",
        "description": "description",
        "kind": "employmentType",
        "occupation": "occupationalCategory",
        "essential_skills": "skills",
        "apply_by": "validThrough",
        "starts_on": "jobStartDate",
        "hours_per_week": "workHours",
        "capacity": "totalJobOpenings",
        "external_ref": "identifier",
        "source_url": "url",
        "municipality": "jobLocation.address",
        "site": "jobLocation",
    }
    record = PostingRecord(origin=origin, sources=sources)
    title = read.text(posting.get("title") or posting.get("name"))
    if not title:
        raise RecordError("title", "required")
    org = _resolve(posting.get("hiringOrganization"), nodes)
    if isinstance(org, str):
        org = {"name": org}
    if not isinstance(org, dict) or not (
        org.get("name") or org.get("identifier") or org.get("sameAs")
    ):
        raise RecordError("hiringOrganization", "required (the company's name and CVR number)")
    website = read.text(_first(org.get("url")))
    record.employer = {
        key: value
        for key, value in {
            "cvr": _cvr(org),
            "name": read.text(
                _first(org.get("name")) if not isinstance(_first(org.get("name")), dict) else ""
            ),
            "website": website if website.startswith("http") else "",
        }.items()
        if value
    }
    record.site = _location(posting, nodes, places, record)
    identifier = _strings(posting.get("identifier"))
    url = read.text(_first(posting.get("url")))
    description = posting.get("description")
    opening = {
        "kind": _kind(posting),
        "title": title[:200],
        "description": html_to_text(description) if isinstance(description, str) else "",
        "external_ref": (identifier[0] if identifier else url)[:200],
        "source_url": url if url.startswith("http") else "",
        "apply_by": read.date(read.text(posting.get("validThrough"))[:10] or None, "validThrough"),
    }
    start = read.text(_first(posting.get("jobStartDate")))
    if start:
        try:
            opening["starts_on"] = read.date(start[:10], "jobStartDate")
        except RecordError:
            record.warnings.append(f"jobStartDate {start!r} is not a date: left blank")
    work = posting.get("workHours")
    if work not in (None, ""):
        try:
            opening["hours_per_week"] = read.hours(work, "workHours")
        except RecordError:
            words = read.text(work).casefold()
            if any(w in words for w in ("fuldtid", "full time", "full-time", "fuld tid")):
                opening["hours_per_week"] = read.hours(FULL_TIME_HOURS, "workHours")
            else:
                record.warnings.append(
                    f"workHours {read.text(work)!r} gives no hours per week: left blank"
                )
    openings = posting.get("totalJobOpenings")
    if openings not in (None, ""):
        opening["capacity"] = read.integer(openings, "totalJobOpenings", minimum=1)
    if not posting.get("employmentType"):
        opening["kind_default"] = True
    record.opening = opening
    record.opening["occupation"] = None
    _occupation(posting, record)
    record.essential_skills = _skills(posting)
    return record
