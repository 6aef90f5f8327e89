"""Load and update municipalities and yearly quotas."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction

from talentbridge.matching.placement.world import largest_remainder

from .data import MUNICIPALITIES, REGIONS
from .models import Municipality, Quota, Region


def load_builtin() -> int:
    """Create or update the 98 municipalities from the table in ``data.py``."""
    regions = {
        code: Region.objects.update_or_create(code=code, defaults={"name": name})[0]
        for code, name in REGIONS.items()
    }
    for code, name, region, population, lat, lon in MUNICIPALITIES:
        Municipality.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "region": regions[region],
                "population": population,
                "latitude": lat,
                "longitude": lon,
            },
        )
    return len(MUNICIPALITIES)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0


def _read_csv(path: Path | str | io.TextIOBase, required: set[str]) -> tuple[str, list[dict]]:
    if isinstance(path, (str, Path)):
        name = str(path)
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
            header = set(rows[0].keys()) if rows else set()
    else:
        name = getattr(path, "name", "<stream>")
        reader = csv.DictReader(path)
        rows = list(reader)
        header = set(reader.fieldnames or [])
    missing = required - header
    if missing:
        raise ValidationError(f"{name}: missing column(s) {', '.join(sorted(missing))}")
    return name, rows


def _number(name: str, line: int, field: str, value: str, kind=int):
    try:
        return kind(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(f"{name}, line {line}, {field}: {value!r} is not a number") from None


@transaction.atomic
def import_municipalities(path) -> ImportResult:
    """Update municipalities from an official CSV (code,name,region_code,region_name,lon,lat,population…).

    The population column may be called ``population`` or ``population_<period>``.
    """
    name, rows = _read_csv(path, {"code", "name", "region_code", "region_name", "lon", "lat"})
    result = ImportResult()
    for index, row in enumerate(rows, start=2):
        pop_field = next((k for k in row if k and k.startswith("population")), None)
        if pop_field is None:
            raise ValidationError(f"{name}: missing column population")
        code = row["code"].strip().zfill(4)
        if not code.isdigit() or len(code) != 4:
            raise ValidationError(
                f"{name}, line {index}, code: {row['code']!r} is not a municipality code"
            )
        region, _ = Region.objects.update_or_create(
            code=row["region_code"].strip(), defaults={"name": row["region_name"].strip()}
        )
        lat = _number(name, index, "lat", row["lat"], float)
        lon = _number(name, index, "lon", row["lon"], float)
        if not (54 <= lat <= 58 and 8 <= lon <= 16):
            raise ValidationError(
                f"{name}, line {index}, lat/lon: ({lat}, {lon}) is outside Denmark"
            )
        _, created = Municipality.objects.update_or_create(
            code=code,
            defaults={
                "name": row["name"].strip(),
                "region": region,
                "population": _number(name, index, pop_field, row[pop_field]),
                "latitude": lat,
                "longitude": lon,
            },
        )
        result.created += created
        result.updated += not created
    return result


@transaction.atomic
def import_quotas(path, year: int | None = None) -> ImportResult:
    """Import yearly quotas from CSV with columns ``year,municipality_code,quota``.

    ``year`` may instead be given as an argument when the file has no year column.
    """
    required = {"municipality_code", "quota"} | ({"year"} if year is None else set())
    name, rows = _read_csv(path, required)
    by_code = {m.code: m for m in Municipality.objects.all()}
    result = ImportResult()
    for index, row in enumerate(rows, start=2):
        row_year = year if year is not None else _number(name, index, "year", row["year"])
        code = str(row["municipality_code"]).strip().zfill(4)
        municipality = by_code.get(code)
        if municipality is None:
            raise ValidationError(
                f"{name}, line {index}, municipality_code: unknown municipality {row['municipality_code']!r}"
            )
        quota = _number(name, index, "quota", row["quota"])
        if quota < 0:
            raise ValidationError(f"{name}, line {index}, quota: must not be negative")
        _, created = Quota.objects.update_or_create(
            year=row_year, municipality=municipality, defaults={"quota": quota}
        )
        result.created += created
        result.updated += not created
    return result


def _largest_remainder(total: int, weights: dict) -> dict:
    """``total`` split in proportion to ``weights`` into whole numbers that sum to ``total``
    (Hamilton's method, ``matching.placement.world.largest_remainder``; ties by key)."""
    whole = sum(weights.values())
    if whole <= 0:
        raise ValidationError("the weights to split by sum to zero")
    keys = sorted(weights)
    shares = largest_remainder(np.array([total * weights[k] / whole for k in keys]))
    return {key: int(share) for key, share in zip(keys, shares, strict=True)}


@transaction.atomic
def split_quotas(year: int, national: int, regional: dict[str, int] | None = None) -> dict:
    """The year's quotas from the national number: split over the regions (by population, or
    as ``regional`` gives them by region code), then within each region over its
    municipalities by population. Writes one quota per municipality; returns
    ``{"regions": {code: quota}, "created": n, "updated": n}``.

    Population is the only key here; the official split also weighs the refugees already
    living in each municipality, so import the official quotas (``import_quotas``) once
    they are agreed and use this as the proposal before that.
    """
    if not 1900 <= int(year) <= 2200:
        raise ValidationError({"year": f"{year} is not a plausible year"})
    if national < 0:
        raise ValidationError({"national": "must not be negative"})
    municipalities = list(Municipality.objects.select_related("region"))
    by_region: dict[str, list[Municipality]] = {}
    for m in municipalities:
        by_region.setdefault(m.region.code, []).append(m)
    if any(m.population <= 0 for m in municipalities):
        raise ValidationError({"population": "a municipality has no population figure"})
    if regional is None:
        regions = _largest_remainder(
            national, {code: sum(m.population for m in ms) for code, ms in by_region.items()}
        )
    else:
        unknown = sorted(set(regional) - set(by_region))
        if unknown:
            raise ValidationError({"regional": f"unknown region code(s): {', '.join(unknown)}"})
        missing = sorted(set(by_region) - set(regional))
        if missing:
            raise ValidationError({"regional": f"no quota for region(s): {', '.join(missing)}"})
        if any(q < 0 for q in regional.values()):
            raise ValidationError({"regional": "a regional quota is negative"})
        if sum(regional.values()) != national:
            raise ValidationError(
                {"regional": f"the regional quotas sum to {sum(regional.values())}, not {national}"}
            )
        regions = dict(regional)
    created = updated = 0
    for code, members in by_region.items():
        shares = _largest_remainder(regions[code], {m.code: m.population for m in members})
        for m in members:
            _, new = Quota.objects.update_or_create(
                year=year, municipality=m, defaults={"quota": shares[m.code]}
            )
            created += new
            updated += not new
    return {"regions": dict(sorted(regions.items())), "created": created, "updated": updated}
