"""Seed the holiday table from chinese-calendar for every year it covers (cn-rules §5.2)."""

from importlib.metadata import version

from django.db import migrations

NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节", "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def seed(apps, schema_editor):
    from chinese_calendar import constants

    HolidayYear = apps.get_model("core", "HolidayYear")
    HolidayDay = apps.get_model("core", "HolidayDay")
    by_year = {}
    for day, name in constants.holidays.items():
        by_year.setdefault(day.year, []).append((day, "holiday", NAMES.get(name, name)))
    for day, name in constants.workdays.items():
        by_year.setdefault(day.year, []).append((day, "makeup", NAMES.get(name, name)))
    package = f"chinese-calendar {version('chinese-calendar')}"
    for year in sorted(by_year):
        if HolidayYear.objects.filter(year=year).exists():
            continue
        hy = HolidayYear.objects.create(
            year=year, source_notice=f"国务院办公厅关于{year}年部分节假日安排的通知",
            note=f"由 {package} 导入",
        )
        HolidayDay.objects.bulk_create(
            HolidayDay(year=hy, date=d, kind=k, name=n) for d, k, n in sorted(by_year[year])
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_append_only")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
