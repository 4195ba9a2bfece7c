from django.db import migrations

COMMON = "{申请人}：\n\n本机关于{收到日期}收到您（单位）提出的政府信息公开申请（受理编号：{受理编号}），申请获取“{所需信息}”。"
TEMPLATES = {
    "disclose": COMMON + "经审查，您申请的信息属于可以公开的政府信息，根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，现予以公开。\n\n{答复内容}",
    "partial": COMMON + "经审查，您申请的信息中部分内容可以公开，根据《中华人民共和国政府信息公开条例》第三十七条的规定，现向您提供可以公开的内容，对不予公开的部分说明理由如下：\n\n{答复内容}",
    "refuse": COMMON + "经审查，根据{法律依据}的规定，您申请的信息不予公开，理由如下：\n\n{答复内容}",
    "not_exist": COMMON + "经检索，本机关没有您所申请公开的信息，根据《中华人民共和国政府信息公开条例》第三十六条第（四）项的规定，告知您该政府信息不存在。\n\n{答复内容}",
    "not_ours": COMMON + "经审查，您申请的信息不属于本机关负责公开，根据《中华人民共和国政府信息公开条例》第三十六条第（五）项的规定告知如下：\n\n{答复内容}",
    "repeat": COMMON + "本机关已就您提出的相同政府信息公开申请作出答复，根据《中华人民共和国政府信息公开条例》第三十六条第（六）项的规定，不予重复处理。\n\n{答复内容}",
    "correction": COMMON + "经审查，您的申请内容不明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，请您于{补正期限}前对以下事项作出补正：\n\n{补正事项}\n\n答复期限自本机关收到补正的申请之日起计算；无正当理由逾期不补正的，视为放弃申请。",
    "extension": COMMON + "因{延期理由}，本机关不能在规定期限内答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经政府信息公开工作机构负责人同意，答复期限延长{延期天数}个工作日，至{答复期限}。",
    "fee": COMMON + "根据《政府信息公开信息处理费管理办法》的规定，您的申请应缴纳信息处理费{费用}元，请于{缴费期限}前缴纳。逾期未缴纳的，视为放弃申请。",
    "third_party": "{第三方}：\n\n本机关于{收到日期}收到政府信息公开申请（受理编号：{受理编号}），申请公开的信息可能涉及贵方合法权益。根据《中华人民共和国政府信息公开条例》第三十二条的规定，请贵方自收到本征求意见书之日起15个工作日内书面提出意见；逾期未提出意见的，由本机关依照条例的规定决定是否公开。",
}


def seed(apps, schema_editor):
    ReplyTemplate = apps.get_model("foi", "ReplyTemplate")
    for kind, body in TEMPLATES.items():
        ReplyTemplate.objects.get_or_create(kind=kind, defaults={"body": body})


class Migration(migrations.Migration):
    dependencies = [("foi", "0002_replytemplate_replydocument")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
