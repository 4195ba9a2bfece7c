"""Open 主动公开 deadlines take their catalog item's own rule (docs/law-clock.md).

Before core 0004 a deadline stored "20 working days" even where the catalog item said
otherwise, so the nightly recompute reset such dates; here each open row gets the rule its
publication really follows, and its date and the publication's due_date are recomputed.
"""

from django.db import migrations


def fix_rules(apps, schema_editor):
    from gongkai.catalog.rules import TimeLimitRule, to_clock_rule
    from gongkai.core.clock import ClockRule, rule_due
    from gongkai.core.workdays import HolidayCalendar

    Deadline = apps.get_model("core", "Deadline")
    Publication = apps.get_model("publishing", "Publication")
    calendar = HolidayCalendar()
    for deadline in Deadline.objects.filter(kind="publishing.proactive", status="open"):
        pub = Publication.objects.filter(pk=int(deadline.object_id)).first()
        if pub is None:
            continue
        item = pub.catalog_items.order_by("code").first()
        rule = ClockRule.working_days(20)
        if item is not None:
            rule = to_clock_rule(
                TimeLimitRule(
                    item.time_limit_kind,
                    item.trigger_event,
                    item.limit_days,
                    item.limit_unit,
                    item.period,
                    item.period_due_day,
                )
            )
        due, estimate = rule_due(deadline.start_date, rule, calendar=calendar)
        deadline.rule, deadline.due_date, deadline.is_estimate = rule.encode(), due, estimate
        deadline.save(update_fields=["rule", "due_date", "is_estimate"])
        Publication.objects.filter(pk=pub.pk).update(due_date=due, due_is_estimate=estimate)


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0002_seed_portal"),
        ("core", "0004_deadline_rule"),
        ("catalog", "0002_seed_domains"),
    ]

    operations = [migrations.RunPython(fix_rules, migrations.RunPython.noop)]
