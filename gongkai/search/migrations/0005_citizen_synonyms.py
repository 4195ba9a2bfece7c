"""Plain words and abbreviations citizens type, with the official terms laws and guides use
(docs/search.md, 同义词). Each row: (what people say, the terms it stands for)."""

from django.db import migrations

SYNONYMS = [
    ("社保", "社会保险"),
    ("医保", "医疗保险、基本医疗保险、医疗保障"),
    ("公积金", "住房公积金"),
    ("五险一金", "社会保险、住房公积金"),
    ("养老金", "基本养老金、养老保险、退休金"),
    ("失业金", "失业保险金"),
    ("上户口", "户口登记、落户、户籍"),
    ("噪音", "噪声"),
    ("上小学", "入学、义务教育"),
    ("上学", "入学"),
    ("孩子", "儿童、子女"),
    ("驾照", "机动车驾驶证、驾驶证"),
    ("身份证", "居民身份证"),
    ("房产证", "不动产权证书、不动产登记"),
    ("结婚证", "结婚登记、婚姻登记"),
    ("拆迁", "房屋征收、征收补偿"),
    ("欠薪", "拖欠工资、工资支付"),
    ("加班费", "延长工作时间、加班"),
    ("产假", "生育、女职工"),
    ("打官司", "诉讼、起诉"),
    ("告政府", "行政诉讼、行政复议"),
    ("网购", "网络购物、网络交易"),
    ("营业执照", "市场主体登记"),
    ("城管", "城市管理、综合行政执法"),
    ("酒驾", "饮酒后驾驶、醉酒驾驶"),
    ("残疾证", "残疾人证"),
    ("退伍", "退役"),
    ("工伤", "工伤保险、工伤认定"),
    ("赡养", "赡养人、赡养义务"),
    ("物业费", "物业服务费用"),
]


def seed(apps, schema_editor):
    SearchTerm = apps.get_model("search", "SearchTerm")
    for word, synonyms in SYNONYMS:
        term, created = SearchTerm.objects.get_or_create(word=word, defaults={"synonyms": synonyms})
        if not created and not term.synonyms:
            term.synonyms = synonyms
            term.save(update_fields=["synonyms"])


class Migration(migrations.Migration):
    dependencies = [("search", "0004_searchlog_visitor")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
