"""Topics (主题分类), default columns (栏目) and fixed pages of the portal."""

from django.db import migrations

COLUMNS = [
    # (slug, name, type, on home, rule kwargs, domain names, children)
    ("documents", "政府文件", "信息公开", True,
     {"rule_genres": ["notice", "opinion", "decision", "measures", "provisions", "rules", "plan",
                      "planning"]}, [], []),
    ("interpretations", "政策解读", "政策解读", True, {"rule_interpretations": True}, [], []),
    ("everyday", "百姓身边事", "信息公开", True, {"rule_audience": "everyday"}, [], []),
    ("announcements", "通知公告", "信息公开", False, {"rule_genres": ["announcement", "circular"]},
     [], []),
    ("news", "工作动态", "动态要闻", True, {"rule_genres": ["news"]}, [], []),
    ("key-areas", "重点领域", "信息公开", False, {}, [], [
        ("major-projects", "重大项目", {}, ["重大建设项目"]),
        ("public-welfare", "社会公益事业", {}, ["公共文化服务", "公共法律服务", "养老服务", "社会救助",
                                             "义务教育", "卫生健康"]),
        ("public-resources", "公共资源配置", {}, ["公共资源交易", "保障性住房", "征地补偿",
                                               "国有土地上房屋征收与补偿"]),
        ("budgets", "财政预决算", {}, ["财政预决算"]),
    ]),
]
PAGES = [
    ("guide", "信息公开指南",
     "<p>本指南依据《中华人民共和国政府信息公开条例》第十二条编制，介绍政府信息的分类、编排体系、获取方式和政府信息公开工作机构的联系方式。</p>"
     "<h2>一、主动公开</h2><p>主动公开的政府信息通过本平台“政府信息公开”栏目、政府公报、公开查阅点等渠道发布，形成或变更之日起20个工作日内公开。</p>"
     "<h2>二、依申请公开</h2><p>公民、法人或者其他组织可以书面形式（含数据电文）向行政机关申请获取相关政府信息，行政机关自收到申请之日起20个工作日内答复。</p>"
     "<h2>三、工作机构</h2><p>各机构政府信息公开工作机构的名称、地址、办公时间和联系电话见“机构与信息公开指南”。</p>"),
    ("rules", "信息公开制度",
     "<p>政府信息公开保密审查、主动公开、依申请公开、政策解读、动态调整、监督考核等制度。</p>"),
    ("annual-report", "信息公开年报",
     "<p>按照《中华人民共和国政府信息公开条例》第四十九条，县级以上人民政府部门于每年1月31日前、县级以上地方人民政府政府信息公开工作主管部门于每年3月31日前公布上一年度政府信息公开工作年度报告。</p>"),
    ("pilot", "基层政务公开标准化规范化试点工作专题",
     "<p>根据《国务院办公厅关于印发开展基层政务公开标准化规范化试点工作方案的通知》（国办发〔2017〕42号），在城乡规划、重大建设项目、财政预决算、税收管理、环境保护、食品药品监管、安全生产、公共文化服务、公共法律服务等9大领域开展试点，实施“三张清单”标准管理、规范“五公开”工作流程、构建“四位一体”融合平台、健全“四轮驱动”监管机制。</p>"),
]


def seed(apps, schema_editor):
    from gongkai.publishing.choices import TOPICS

    Topic = apps.get_model("publishing", "Topic")
    Column = apps.get_model("publishing", "Column")
    Page = apps.get_model("publishing", "Page")
    Domain = apps.get_model("catalog", "Domain")
    for i, name in enumerate(TOPICS, start=1):
        Topic.objects.get_or_create(name=name, defaults={"display_order": i})
    for order, (slug, name, ctype, home, rules, domains, children) in enumerate(COLUMNS, start=1):
        col, _ = Column.objects.get_or_create(slug=slug, defaults={
            "name": name, "column_type": ctype, "show_on_home": home, "display_order": order * 10,
            **rules})
        col.rule_domains.set(Domain.objects.filter(name__in=domains))
        for sub_order, (sub_slug, sub_name, sub_rules, sub_domains) in enumerate(children, start=1):
            sub, _ = Column.objects.get_or_create(slug=sub_slug, defaults={
                "name": sub_name, "parent": col, "column_type": "重点领域",
                "display_order": sub_order * 10, **sub_rules})
            sub.rule_domains.set(Domain.objects.filter(name__in=sub_domains))
    for slug, title, body in PAGES:
        Page.objects.get_or_create(slug=slug, defaults={"title": title, "body": body})


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial"), ("catalog", "0002_seed_domains")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
