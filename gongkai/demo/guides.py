"""权责清单 and 公共服务清单 entries of the demo county, with their 办事指南 (steps, materials).

Created before the catalog is imported so that the catalog's 对应权责事项编码 /
对应公共服务事项编码 columns find them.
"""

from __future__ import annotations

from gongkai.accounts.models import Organisation
from gongkai.catalog.choices import PowerCategory
from gongkai.catalog.models import GuideMaterial, GuideStep, PowerItem, ServiceItem


def _steps_materials(
    obj: PowerItem | ServiceItem,
    steps: list[tuple[str, str, str]],
    materials: list[tuple[str, str, str]],
) -> None:
    owner = {"power_item": obj} if isinstance(obj, PowerItem) else {"service_item": obj}
    for i, (title, desc, limit) in enumerate(steps, start=1):
        GuideStep.objects.create(order=i, title=title, description=desc, time_limit=limit, **owner)
    for i, (name, form, errors) in enumerate(materials, start=1):
        GuideMaterial.objects.create(order=i, name=name, form=form, common_errors=errors, **owner)


def seed_guides(orgs: dict[str, Organisation]) -> dict[str, PowerItem | ServiceItem]:
    common = {
        "location_hours": "如皋市政务服务中心一楼综合窗口，工作日 8:30—17:30",
        "supervision_phone": "0513-12345",
    }
    permit = PowerItem.objects.create(
        name="建设工程规划许可证核发",
        code="320682-XK-0001",
        category=PowerCategory.LICENSING,
        basis="《中华人民共和国城乡规划法》第四十条",
        organisation=orgs["自然资源和规划局"],
        accountability="对不符合法定条件的申请人准予许可的，依法追究责任",
        supervision="市政府办公室、市纪委监委派驻纪检组",
        remedy="行政复议（60日内）或行政诉讼（6个月内）",
        scope="在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设",
        conditions="已取得建设用地规划许可证或土地使用权证明",
        legal_time_limit="20个工作日",
        promised_time_limit="5个工作日",
        intermediary="建设工程设计方案编制（有资质的设计单位）",
        fee="不收费",
        consult_phone="0513-87516028",
        **common,
    )
    _steps_materials(
        permit,
        [
            ("受理", "窗口受理申请材料", "即时"),
            ("审查", "审查设计方案", "3个工作日"),
            ("决定", "作出许可决定", "1个工作日"),
            ("送达", "发放许可证", "1个工作日"),
        ],
        [
            ("建设工程规划许可申请表", "原件", "未加盖单位公章；项目名称与立项文件不一致"),
            ("建设工程设计方案总平面图", "电子", "未标注用地红线坐标"),
        ],
    )
    penalty = PowerItem.objects.create(
        name="对未取得建设工程规划许可证进行建设的处罚",
        code="320682-CF-0001",
        category=PowerCategory.PENALTY,
        basis="《中华人民共和国城乡规划法》第六十四条",
        organisation=orgs["城管局"],
        accountability="对应当予以制止和处罚的违法行为不予制止、处罚的",
        supervision="市政府办公室",
        remedy="行政复议（60日内）或行政诉讼（6个月内）",
        legal_time_limit="90日",
        consult_phone="0513-87656511",
        **common,
    )
    _steps_materials(
        penalty,
        [
            ("立案", "", ""),
            ("调查取证", "", ""),
            ("告知", "告知陈述申辩和听证权利", ""),
            ("决定", "作出处罚决定", ""),
            ("执行", "", ""),
        ],
        [],
    )
    elderly = ServiceItem.objects.create(
        name="老年人优待证办理",
        code="320682-GG-0001",
        organisation=orgs["民政局"],
        basis="《中华人民共和国老年人权益保障法》",
        scope="本市户籍60周岁以上老年人",
        conditions="年满60周岁",
        legal_time_limit="10个工作日",
        promised_time_limit="即办",
        fee="不收费",
        consult_phone="0513-87532206",
        **common,
    )
    _steps_materials(
        elderly,
        [
            ("申请", "本人或代理人到镇（街道）便民服务中心申请", ""),
            ("受理审核", "窗口审核材料", "即办"),
            ("发证", "当场制发优待证", "即办"),
        ],
        [
            ("居民身份证", "原件", "证件过期"),
            ("近期一寸免冠照片", "原件1张", "使用生活照、背景不是白色"),
        ],
    )
    subsidy = ServiceItem.objects.create(
        name="高龄津贴申领",
        code="320682-GG-0002",
        organisation=orgs["民政局"],
        basis="《江苏省老年人权益保障条例》",
        scope="本市户籍80周岁以上老年人",
        conditions="年满80周岁，户籍在本市",
        legal_time_limit="20个工作日",
        promised_time_limit="10个工作日",
        fee="不收费",
        consult_phone="0513-87532206",
        **common,
    )
    _steps_materials(
        subsidy,
        [
            ("申请", "向户籍所在村（社区）提出申请", ""),
            ("初审", "镇（街道）审核", "5个工作日"),
            ("审批", "民政局审批", "5个工作日"),
            ("发放", "按月发放至社会保障卡", ""),
        ],
        [("居民身份证", "复印件", "复印不清晰"), ("社会保障卡", "复印件", "未激活金融功能")],
    )
    school = ServiceItem.objects.create(
        name="义务教育阶段新生入学登记",
        code="320682-GG-0003",
        organisation=orgs["教体局"],
        basis="《中华人民共和国义务教育法》第十一条、第十二条",
        scope="适龄儿童（当年8月31日前年满6周岁）小学一年级、小学毕业生初中一年级入学",
        conditions="儿童及其父母（法定监护人）户籍或居住证在学区内，实际居住",
        legal_time_limit="按年度招生工作日程",
        promised_time_limit="登记后10个工作日内公布审核结果",
        fee="不收费",
        consult_phone="0513-87512907",
        **common,
    )
    _steps_materials(
        school,
        [
            ("网上登记", "7月上旬在“如皋教育”招生平台填报孩子和监护人信息", "5个工作日"),
            ("资料审核", "学校核对户籍、房产或居住证材料", "10个工作日"),
            ("结果公布", "公布录取名单并发放入学通知书", ""),
            ("报到注册", "8月底持通知书到学校报到", ""),
        ],
        [
            ("户口簿", "原件及复印件", "孩子与父母不在同一户口簿时未同时提供"),
            ("不动产权证书或购房合同", "原件及复印件", "产权人不是孩子父母"),
            ("居住证（非本市户籍）", "原件", "居住证未在有效期内"),
            ("预防接种证", "原件", "未完成查验补种"),
        ],
    )
    unemployment = ServiceItem.objects.create(
        name="失业保险金申领",
        code="320682-GG-0004",
        organisation=orgs["人社局"],
        basis="《中华人民共和国社会保险法》第四十五条、第五十条；《失业保险条例》第十四条",
        scope="参加失业保险、非因本人意愿中断就业的失业人员",
        conditions="失业前用人单位和本人已缴纳失业保险费满一年；非因本人意愿中断就业；已办理失业登记并有求职要求",
        legal_time_limit="自申请之日起10个工作日",
        promised_time_limit="5个工作日",
        fee="不收费",
        consult_phone="0513-87621333",
        **common,
    )
    _steps_materials(
        unemployment,
        [
            ("失业登记", "通过“江苏智慧人社”或到市人力资源市场窗口办理", "即办"),
            ("申领", "提交失业保险金申领，无需提供离职证明以外的材料", "即办"),
            ("审核", "核定领取期限和标准", "5个工作日"),
            ("发放", "按月发放至社会保障卡银行账户", ""),
        ],
        [
            ("居民身份证或社会保障卡", "原件", "社会保障卡金融功能未激活"),
            ("解除或终止劳动关系证明", "电子或原件", "离职原因写成“个人原因”"),
        ],
    )
    birth = ServiceItem.objects.create(
        name="新生儿出生登记（上户口）",
        code="320682-GG-0005",
        organisation=orgs["公安局"],
        basis="《中华人民共和国户口登记条例》第七条",
        scope="在本市出生、父母一方为本市户籍的婴儿",
        conditions="婴儿出生后一个月以内申报出生登记",
        legal_time_limit="即办",
        promised_time_limit="即办（可“出生一件事”网上联办）",
        fee="不收费",
        consult_phone="0513-87580110",
        **common,
    )
    _steps_materials(
        birth,
        [
            ("申报", "监护人到户籍所在地派出所或在“出生一件事”平台申报", "即办"),
            ("登记", "民警审核后登记入户", "即办"),
        ],
        [
            ("出生医学证明", "原件", "姓名与申报姓名不一致"),
            ("父母户口簿、居民身份证、结婚证", "原件", "未携带随迁一方的户口簿"),
        ],
    )
    return {
        "permit": permit,
        "penalty": penalty,
        "elderly": elderly,
        "subsidy": subsidy,
        "school": school,
        "unemployment": unemployment,
        "birth": birth,
    }


# The 办事服务 the life events and 一件事 packages need (gongkai/demo/banshi.yaml), beyond the
# guides above: (kind, code, name, org, basis, 法定, 承诺, steps, materials).
ID_CARD = ("居民身份证", "原件", "证件过期")
LICENCE = ("营业执照", "原件或电子营业执照", "经营范围未包含申请项目")
PLACE = ("经营场所使用证明（产权证明或租赁合同）", "复印件", "租赁合同未写明地址和期限")
MORE_GUIDES: list[
    tuple[str, str, str, str, str, str, str, list[tuple[str, str, str]], list[tuple[str, str, str]]]
] = [
    (
        "XK",
        "320682-XK-0002",
        "企业设立登记（营业执照核发）",
        "市场监管局",
        "《中华人民共和国市场主体登记管理条例》第十九条",
        "3个工作日",
        "即办",
        [
            ("申请", "“江苏政务服务网”企业开办全程网办或窗口提交", "即办"),
            ("审核", "登记机关审查材料", "即办"),
            ("发照", "发放纸质和电子营业执照", "即办"),
        ],
        [
            ("公司登记（备案）申请书", "电子", "未经全体股东签署"),
            ("公司章程", "电子", "出资期限超过5年"),
            ID_CARD,
            PLACE,
        ],
    ),
    (
        "XK",
        "320682-XK-0003",
        "食品经营许可",
        "市场监管局",
        "《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》",
        "10个工作日",
        "5个工作日",
        [
            ("受理", "窗口或网上受理", "即办"),
            ("现场核查", "对经营场所进行现场核查", "3个工作日"),
            ("决定", "作出许可决定", "1个工作日"),
            ("发证", "核发食品经营许可证", "1个工作日"),
        ],
        [
            ("食品经营许可申请书", "原件", "经营项目勾选不全"),
            LICENCE,
            ("与食品经营相适应的主要设备设施布局、操作流程等文件", "原件", "未标注生熟分区"),
            ("食品安全管理制度", "原件", "未明确食品安全管理员"),
            PLACE,
        ],
    ),
    (
        "QT",
        "320682-XK-0004",
        "公众聚集场所投入使用、营业前消防安全检查",
        "应急管理局",
        "《中华人民共和国消防法》第十五条",
        "10个工作日",
        "5个工作日",
        [
            ("申请", "提交承诺书和材料", "即办"),
            ("检查", "对场所进行消防安全检查", "5个工作日"),
            ("决定", "作出同意或不同意投入使用、营业的决定", ""),
        ],
        [
            ("公众聚集场所投入使用、营业消防安全告知承诺书", "原件", "未加盖公章"),
            LICENCE,
            ("场所平面布置图", "原件", "未标注疏散通道和安全出口"),
        ],
    ),
    (
        "QT",
        "320682-QT-0001",
        "建设项目环境影响登记表备案",
        "生态环境局",
        "《中华人民共和国环境影响评价法》第十六条；《建设项目环境影响登记表备案管理办法》",
        "即办",
        "即办",
        [
            ("网上填报", "在建设项目环境影响登记表备案系统填报", "即办"),
            ("备案", "系统自动生成备案回执", "即办"),
        ],
        [("建设项目环境影响登记表", "电子", "项目规模填写不准确"), LICENCE],
    ),
    (
        "XK",
        "320682-XK-0005",
        "企业变更登记",
        "市场监管局",
        "《中华人民共和国市场主体登记管理条例》第二十四条",
        "3个工作日",
        "即办",
        [
            ("申请", "网上或窗口提交变更申请", "即办"),
            ("审核", "登记机关审查", "即办"),
            ("换照", "换发营业执照", "即办"),
        ],
        [
            ("变更登记申请书", "电子", "变更事项与决议不一致"),
            ("股东会决议", "原件", "表决比例不符合章程"),
            LICENCE,
        ],
    ),
    (
        "XK",
        "320682-XK-0006",
        "企业注销登记",
        "市场监管局",
        "《中华人民共和国市场主体登记管理条例》第三十一条、第三十三条",
        "3个工作日",
        "1个工作日",
        [
            ("清算公告", "通过国家企业信用信息公示系统公告", "45日"),
            ("申请", "提交注销登记申请", "即办"),
            ("核准", "核准注销登记", "1个工作日"),
        ],
        [
            ("注销登记申请书", "电子", "未经全体投资人签署"),
            ("清算报告", "原件", "未载明债务清偿情况"),
            LICENCE,
        ],
    ),
    (
        "GG",
        "320682-GG-0006",
        "内地居民婚姻登记",
        "民政局",
        "《中华人民共和国民法典》第一千零四十九条；《婚姻登记条例》第五条",
        "即办",
        "即办",
        [
            ("预约", "网上预约登记日期", ""),
            ("审查", "婚姻登记员审查", "即办"),
            ("颁证", "颁发结婚证", "即办"),
        ],
        [
            ("户口簿", "原件", "户口簿婚姻状况未更新"),
            ID_CARD,
            ("近期半身免冠合影照片", "2张", "背景不是红色"),
        ],
    ),
    (
        "GG",
        "320682-GG-0007",
        "城镇职工基本养老金申领（退休）",
        "人社局",
        "《中华人民共和国社会保险法》第十六条",
        "20个工作日",
        "5个工作日",
        [
            ("申请", "单位或本人通过“江苏智慧人社”申请", "即办"),
            ("审核", "核定缴费年限和待遇", "5个工作日"),
            ("发放", "次月起按月发放", ""),
        ],
        [ID_CARD, ("社会保障卡", "原件", "金融功能未激活")],
    ),
    (
        "GG",
        "320682-GG-0008",
        "就业登记",
        "人社局",
        "《中华人民共和国就业促进法》；《就业服务与就业管理规定》第六十二条",
        "即办",
        "即办",
        [("登记", "用人单位网上办理就业登记", "即办")],
        [ID_CARD, ("劳动合同", "复印件", "未写明合同期限")],
    ),
    (
        "GG",
        "320682-GG-0009",
        "城乡居民基本医疗保险参保登记",
        "医保局",
        "《中华人民共和国社会保险法》第二十五条",
        "即办",
        "即办",
        [("登记", "到镇（街道）便民服务中心或网上办理", "即办"), ("缴费", "通过税务渠道缴纳", "")],
        [ID_CARD, ("户口簿（新生儿）", "原件", "新生儿尚未落户")],
    ),
    (
        "GG",
        "320682-GG-0010",
        "社会保障卡申领",
        "人社局",
        "《中华人民共和国社会保险法》第五十八条",
        "10个工作日",
        "即办",
        [("申请", "到合作银行网点或线上申请", "即办"), ("制卡", "即时制卡或邮寄", "即办")],
        [ID_CARD, ("户口簿（新生儿）", "原件", "新生儿尚未落户")],
    ),
    (
        "GG",
        "320682-GG-0011",
        "新办纳税人“套餐式”服务",
        "税务局",
        "《中华人民共和国税收征收管理法》第十五条",
        "即办",
        "即办",
        [("信息确认", "电子税务局确认登记信息", "即办"), ("发票", "申领发票和税控设备", "即办")],
        [LICENCE, ("经办人身份证件", "原件", "未提供授权委托书")],
    ),
    (
        "GG",
        "320682-GG-0012",
        "生育津贴申领",
        "医保局",
        "《中华人民共和国社会保险法》第五十四条、第五十六条",
        "20个工作日",
        "10个工作日",
        [
            ("申请", "单位或本人网上申请", "即办"),
            ("审核", "审核参保和生育情况", "10个工作日"),
            ("发放", "拨付至单位或个人账户", ""),
        ],
        [ID_CARD, ("出生医学证明", "复印件", "姓名与申报姓名不一致")],
    ),
]


def seed_service_guides(orgs: dict[str, Organisation]) -> int:
    """The guides above, through the same models the 权责/公共服务清单 import writes."""
    common = {
        "location_hours": "如皋市政务服务中心，工作日 8:30—17:30（周六上午延时服务）",
        "supervision_phone": "0513-12345",
        "fee": "不收费",
    }
    for kind, code, name, org, basis, legal, promised, steps, materials in MORE_GUIDES:
        fields = {
            "name": name,
            "code": code,
            "organisation": orgs[org],
            "basis": basis,
            "legal_time_limit": legal,
            "promised_time_limit": promised,
            "consult_phone": orgs[org].phone,
            **common,
        }
        if kind == "GG":
            obj: PowerItem | ServiceItem = ServiceItem.objects.create(**fields)
        else:
            category = PowerCategory.LICENSING if kind == "XK" else PowerCategory.OTHER
            obj = PowerItem.objects.create(category=category, **fields)
        _steps_materials(obj, steps, materials)
    return len(MORE_GUIDES)
