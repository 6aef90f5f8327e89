from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from talentbridge.accounts.access import require_role
from talentbridge.accounts.models import Role

from . import services
from .models import Municipality, Quota

router = Router(tags=["municipalities"])


class MunicipalityOut(Schema):
    code: str
    name: str
    region_code: str
    region_name: str
    population: int
    latitude: float
    longitude: float


class QuotaOut(Schema):
    year: int
    municipality_code: str
    quota: int


class ImportOut(Schema):
    created: int
    updated: int


@router.get("/", response=list[MunicipalityOut], summary="The 98 municipalities")
def list_municipalities(request):
    return [
        {
            "code": m.code,
            "name": m.name,
            "region_code": m.region.code,
            "region_name": m.region.name,
            "population": m.population,
            "latitude": m.latitude,
            "longitude": m.longitude,
        }
        for m in Municipality.objects.select_related("region")
    ]


@router.get("/quotas/{int:year}", response=list[QuotaOut], summary="Quotas of a year")
def list_quotas(request, year: int):
    return [
        {"year": q.year, "municipality_code": q.municipality.code, "quota": q.quota}
        for q in Quota.objects.filter(year=year).select_related("municipality")
    ]


@router.post(
    "/quotas/import",
    response=ImportOut,
    summary="Import quotas from CSV (year,municipality_code,quota)",
)
def import_quotas(request, file: File[UploadedFile], year: Form[int | None] = None):
    require_role(request.auth, Role.PLACEMENT_OFFICER)
    try:
        text = io.TextIOWrapper(file.file, encoding="utf-8-sig")
        result = services.import_quotas(text, year=year)
    except UnicodeDecodeError:
        raise ValidationError({"file": "is not UTF-8 text"}) from None
    return {"created": result.created, "updated": result.updated}


class SplitIn(Schema):
    year: int
    national: int
    regional: dict[str, int] | None = None


class SplitOut(Schema):
    regions: dict[str, int]
    created: int
    updated: int


@router.post(
    "/quotas/split",
    response=SplitOut,
    summary="Split the national number into regional and municipal quotas by population",
)
def split_quotas(request, payload: SplitIn):
    require_role(request.auth, Role.PLACEMENT_OFFICER)
    return services.split_quotas(payload.year, payload.national, payload.regional)
