from django.db import migrations


def load(apps, schema_editor):
    from talentbridge.municipalities.data import MUNICIPALITIES, REGIONS

    Region = apps.get_model("municipalities", "Region")
    Municipality = apps.get_model("municipalities", "Municipality")
    regions = {code: Region.objects.get_or_create(code=code, defaults={"name": name})[0] for code, name in REGIONS.items()}
    for code, name, region, population, lat, lon in MUNICIPALITIES:
        Municipality.objects.get_or_create(
            code=code,
            defaults={"name": name, "region": regions[region], "population": population, "latitude": lat, "longitude": lon},
        )


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
