from django.db import migrations

SYNONYMS = [
    ("低保", "最低生活保障"), ("依申请公开", "政府信息公开申请"), ("放管服", "简政放权、放管结合、优化服务"),
    ("不见面审批", "网上审批"), ("五公开", "决策公开、执行公开、管理公开、服务公开、结果公开"),
    ("优待证", "老年人优待证"), ("高龄补贴", "高龄津贴"), ("三公经费", "三公"),
    ("预决算", "预算、决算"), ("环保", "环境保护、生态环境"), ("食药监", "食品药品监管"),
]


def seed(apps, schema_editor):
    SearchTerm = apps.get_model("search", "SearchTerm")
    for word, synonyms in SYNONYMS:
        SearchTerm.objects.get_or_create(word=word, defaults={"synonyms": synonyms})


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_fulltext")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
