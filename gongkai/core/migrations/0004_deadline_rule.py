"""Deadlines keep their clock rule instead of a bare number of working days (docs/law-clock.md).

Existing rows were all opened as "N working days"; apps whose subjects follow another rule
(publishing: the catalog item's 公开时限) correct their own rows in a later migration.
"""

from django.db import migrations, models


def copy_working_days(apps, schema_editor):
    Deadline = apps.get_model("core", "Deadline")
    for n in Deadline.objects.values_list("working_days", flat=True).distinct():
        Deadline.objects.filter(working_days=n).update(rule=f"wd:{n}")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_seed_holidays")]

    operations = [
        migrations.AddField(
            model_name="deadline",
            name="rule",
            field=models.CharField(default="wd:20", max_length=40, verbose_name="时限规则"),
            preserve_default=False,
        ),
        migrations.RunPython(copy_working_days, migrations.RunPython.noop),
        migrations.RemoveField(model_name="deadline", name="working_days"),
        migrations.AddIndex(
            model_name="deadline",
            index=models.Index(
                fields=["kind", "status", "start_date", "rule"],
                name="core_deadli_kind_01ce96_idx",
            ),
        ),
    ]
