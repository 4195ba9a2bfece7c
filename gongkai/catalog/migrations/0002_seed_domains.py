from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.catalog.domains_seed import DOMAINS_26, JIANGSU_PILOT

    Domain = apps.get_model("catalog", "Domain")
    for i, name in enumerate(DOMAINS_26, start=1):
        Domain.objects.get_or_create(
            name=name,
            defaults={"code": f"{i:02d}", "display_order": i * 10, "is_pilot": name in JIANGSU_PILOT},
        )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
