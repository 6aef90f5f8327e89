import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import shared_path
from talentbridge.municipalities.models import Municipality, Quota, haversine_km
from talentbridge.municipalities.services import import_municipalities, import_quotas

pytestmark = pytest.mark.django_db


def test_it_has_the_98_municipalities_in_5_regions():
    assert Municipality.objects.count() == 98
    assert Municipality.objects.values("region").distinct().count() == 5
    assert Municipality.objects.get(code="0101").name == "København"


@pytest.mark.shared_data
def test_it_agrees_with_the_official_file():
    path = shared_path("dk", "municipalities.csv")
    official = {row["code"]: row for row in csv.DictReader(open(path, encoding="utf-8"))}
    ours = {m.code: m for m in Municipality.objects.select_related("region")}
    assert set(official) == set(ours)
    for code, row in official.items():
        m = ours[code]
        assert m.name == row["name"]
        assert m.region.code == row["region_code"]
        assert m.region.name == row["region_name"]
        # The built-in table holds the municipal seat; the official centroid is near it.
        assert haversine_km(m.latitude, m.longitude, float(row["lat"]), float(row["lon"])) < 25, (
            code
        )
        assert abs(m.population / int(row["population_2021q1"]) - 1) < 0.1, code


@pytest.mark.shared_data
def test_it_imports_the_official_file_exactly():
    path = shared_path("dk", "municipalities.csv")
    result = import_municipalities(path)
    assert (result.created, result.updated) == (0, 98)
    row = next(r for r in csv.DictReader(open(path, encoding="utf-8")) if r["code"] == "0751")
    aarhus = Municipality.objects.get(code="0751")
    assert aarhus.population == int(row["population_2021q1"])
    assert aarhus.latitude == pytest.approx(float(row["lat"]))


def test_it_imports_quotas_and_updates_on_reimport():
    data = "year,municipality_code,quota\n2026,0101,120\n2026,751,80\n"
    assert import_quotas(io.StringIO(data)).created == 2
    again = import_quotas(io.StringIO(data.replace("80", "85")))
    assert (again.created, again.updated) == (0, 2)
    assert Quota.objects.get(year=2026, municipality__code="0751").quota == 85


def test_a_bad_quota_file_names_line_and_field_and_imports_nothing():
    data = "year,municipality_code,quota\n2026,0101,120\n2026,9999,80\n"
    with pytest.raises(ValidationError, match="line 3, municipality_code"):
        import_quotas(io.StringIO(data))
    assert Quota.objects.count() == 0
    with pytest.raises(ValidationError, match="line 2, quota: 'many' is not a number"):
        import_quotas(io.StringIO("year,municipality_code,quota\n2026,0101,many\n"))


def test_the_cli_exits_non_zero_on_a_bad_file(tmp_path):
    path = tmp_path / "quotas.csv"
    path.write_text("municipality_code,quota\n0101,-3\n")
    with pytest.raises(CommandError, match="quota: must not be negative"):
        call_command("municipalities_import_quotas", str(path), "--year", "2026")
    path.write_text("municipality_code,quota\n0101,3\n")
    out = io.StringIO()
    call_command("municipalities_import_quotas", str(path), "--year", "2026", stdout=out)
    assert "1 created" in out.getvalue()
