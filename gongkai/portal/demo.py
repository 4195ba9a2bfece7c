"""Demo data: a realistic county (如皋市) with departments, staff, catalog and guides.

Departments are those named in seed 000's 备注 (试点涉及部门) plus 政府办, 民政局, 住建局.
Run by ``manage.py seed_demo``; idempotent (does nothing when the government exists).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import Organisation, OrgKind, OrgLevel, Role, User
from gongkai.accounts.services import staff_user_create
from gongkai.accounts.validators import uscc_check_char
from gongkai.catalog.choices import PowerCategory
from gongkai.catalog.demo_rows import ROWS
from gongkai.catalog.models import (
    CatalogItem,
    Domain,
    GuideMaterial,
    GuideStep,
    PowerItem,
    ServiceItem,
)
from gongkai.catalog.rules import parse_legal_bases
from gongkai.catalog.services import (
    catalog_item_adjust,
    catalog_item_create,
    catalog_item_submit,
)
from gongkai.foi.demo import seed_applications
from gongkai.publishing.demo import seed_publications

DEMO_PASSWORD = "gongkai-demo-2026"
GOV = "如皋市人民政府"
REGION = "320682"

DEPARTMENTS = [  # (name, short name, user prefix)
    ("如皋市人民政府办公室", "政府办", "zfb"),
    ("如皋市行政审批局", "行政审批局", "spj"),
    ("如皋市规划局", "规划局", "ghj"),
    ("如皋市城市管理局", "城管局", "cgj"),
    ("如皋市发展和改革委员会", "发改委", "fgw"),
    ("如皋市财政局", "财政局", "czj"),
    ("如皋市国家税务局", "国税局", "gsj"),
    ("如皋市地方税务局", "地税局", "dsj"),
    ("如皋市环境保护局", "环保局", "hbj"),
    ("如皋市市场监督管理局", "市场监管局", "scj"),
    ("如皋市安全生产监督管理局", "安监局", "ajj"),
    ("如皋市文化广电新闻出版局", "文广新局", "wgx"),
    ("如皋市司法局", "司法局", "sfj"),
    ("如皋市民政局", "民政局", "mzj"),
    ("如皋市住房和城乡建设局", "住建局", "zjj"),
]
TOWNSHIPS = [
    ("如皋市如城街道办事处", "如城街道", ["平园池社区", "龙游河社区"]),
    ("如皋市白蒲镇人民政府", "白蒲镇", ["白蒲社区", "林梓社区"]),
]


def _uscc(n: int) -> str:
    first17 = f"11{REGION}01412{n:04d}"
    return first17 + uscc_check_char(first17)


def _org(
    n: int, name: str, short: str, kind: str, level: str, parent: Organisation | None, phone: str
) -> Organisation:
    org = Organisation(
        name=name,
        short_name=short,
        kind=kind,
        level=level,
        parent=parent,
        uscc=_uscc(n),
        display_order=n,
        foi_office=f"{short}政务公开工作办公室",
        address=f"江苏省如皋市如城街道海阳南路{n * 8}号",
        postcode="226500",
        office_hours="工作日 上午8:30—12:00，下午14:00—17:30",
        phone=phone,
        fax=phone,
        email=f"gk{n:02d}@rugao.gov.cn",
        website="http://www.rugao.gov.cn",
    )
    org.full_clean()
    org.save()
    return org


@transaction.atomic
def seed_demo() -> list[tuple[str, str, str]]:
    """Create the demo county; returns (username, role, organisation) rows to print."""
    if Organisation.objects.filter(name=GOV).exists():
        return []
    gov = _org(1, GOV, "如皋市政府", OrgKind.GOVERNMENT, OrgLevel.COUNTY, None, "0513-87512345")
    orgs: dict[str, Organisation] = {}
    for i, (name, short, _p) in enumerate(DEPARTMENTS, start=2):
        orgs[short] = _org(
            i, name, short, OrgKind.DEPARTMENT, OrgLevel.COUNTY, gov, f"0513-8751{2300 + i}"
        )
    n = 40
    for name, short, villages in TOWNSHIPS:
        n += 1
        town = _org(
            n, name, short, OrgKind.TOWNSHIP, OrgLevel.TOWNSHIP, gov, f"0513-8766{1000 + n}"
        )
        orgs[short] = town
        for v in villages:
            n += 1
            org = Organisation(
                name=f"{short}{v}",
                short_name=v,
                kind=OrgKind.VILLAGE,
                level=OrgLevel.VILLAGE,
                parent=town,
                display_order=n,
            )
            org.full_clean()
            org.save()

    logins: list[tuple[str, str, str]] = []
    hashed = make_password(DEMO_PASSWORD)

    def staff(username: str, org: Organisation, roles: list[str], display: str) -> User:
        user = staff_user_create(
            actor=None,
            username=username,
            password_hash=hashed,
            organisation=org,
            roles=roles,
            display_name=display,
        )
        labels = "、".join(str(Role(r).label) for r in roles)
        logins.append((username, labels, org.name))
        return user

    admin = staff("admin", orgs["政府办"], [Role.SYSADMIN], "系统管理员")
    office = staff("gkb", orgs["政府办"], [Role.OFFICE], "政务公开办 王主任")
    editors: dict[str, User] = {}
    reviewers: dict[str, User] = {}
    for _name, short, prefix in DEPARTMENTS[1:]:
        editors[short] = staff(f"{prefix}_editor", orgs[short], [Role.EDITOR], f"{short}公开专员")
        reviewers[short] = staff(
            f"{prefix}_reviewer", orgs[short], [Role.REVIEWER], f"{short}审核人"
        )
    for _name, short, _v in TOWNSHIPS:
        editors[short] = staff(
            f"{'rc' if short == '如城街道' else 'bp'}_editor",
            orgs[short],
            [Role.EDITOR],
            f"{short}公开专员",
        )
    public = User(
        username="u13800000000",
        kind="public",
        phone="13800000000",
        email="citizen@example.com",
        display_name="张三",
    )
    public.password = hashed
    public.save()
    logins.append(("13800000000", "公众用户", "—"))

    guides = _seed_guides(orgs)
    _seed_catalog(orgs, editors, office, guides)
    seed_publications(editors=editors, reviewers=reviewers)
    seed_applications()
    _ = admin
    return logins


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


def _seed_guides(orgs: dict[str, Organisation]) -> dict[str, PowerItem | ServiceItem]:
    common = {
        "location_hours": "如皋市政务服务中心一楼综合窗口，工作日 8:30—17:30",
        "supervision_phone": "0513-12345",
    }
    permit = PowerItem.objects.create(
        name="建设工程规划许可证核发",
        code="320682-XK-0001",
        category=PowerCategory.LICENSING,
        basis="《中华人民共和国城乡规划法》第四十条",
        organisation=orgs["规划局"],
        accountability="对不符合法定条件的申请人准予许可的，依法追究责任",
        supervision="市政府办公室、市纪委监委派驻纪检组",
        remedy="行政复议（60日内）或行政诉讼（6个月内）",
        scope="在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设",
        conditions="已取得建设用地规划许可证或土地使用权证明",
        legal_time_limit="20个工作日",
        promised_time_limit="5个工作日",
        intermediary="建设工程设计方案编制（有资质的设计单位）",
        fee="不收费",
        consult_phone="0513-87512305",
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
        consult_phone="0513-87512304",
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
        consult_phone="0513-87512315",
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
        consult_phone="0513-87512315",
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
    return {"permit": permit, "penalty": penalty, "elderly": elderly, "subsidy": subsidy}


def _seed_catalog(
    orgs: dict[str, Organisation],
    editors: dict[str, User],
    office: User,
    guides: dict[str, PowerItem | ServiceItem],
) -> None:
    domains = {d.name: d for d in Domain.objects.all()}
    groups: dict[tuple, CatalogItem] = {}
    created: list[CatalogItem] = []

    def group(
        domain: Domain,
        parent: CatalogItem | None,
        name: str,
        org: Organisation,
        stage: str,
        actor: User,
    ) -> CatalogItem:
        key = (domain.pk, parent.pk if parent else None, name)
        if key not in groups:
            item = catalog_item_create(
                actor=actor,
                data={
                    "domain": domain,
                    "parent": parent,
                    "name": name,
                    "organisation": org,
                    "stage": stage,
                    "is_group": True,
                },
            )
            catalog_item_submit(actor=actor, item=item, reason="试点目录编制")
            groups[key] = item
        return groups[key]

    for (
        dname,
        l1,
        l2,
        l3,
        stage,
        content,
        bases,
        limit,
        org_short,
        channels,
        audience,
        mode,
        tiers,
        reason,
    ) in ROWS:
        domain, org, actor = domains[dname], orgs[org_short], editors[org_short]
        parent = group(domain, None, l1, org, stage, actor)
        if l3:
            parent = group(domain, parent, l2, org, stage, actor)
        links: dict = {}
        if l2 == "建设工程规划许可":
            links["power_items"] = [guides["permit"]]
        if l2 == "老年人优待证":
            links["service_items"] = [guides["elderly"]]
        if l2 == "高龄补贴":
            links["service_items"] = [guides["subsidy"]]
        item = catalog_item_create(
            actor=actor,
            data={
                "domain": domain,
                "parent": parent,
                "name": l3 or l2,
                "organisation": org,
                "stage": stage,
                "content": content,
                "legal_bases": parse_legal_bases(bases),
                "time_limit_text": limit,
                "channels": channels,
                "audience": audience,
                "mode": mode,
                "non_proactive_reason": reason,
                "tier_county": "county" in tiers,
                "tier_township": "township" in tiers,
                "consult_method": f"{org.name}，电话 {org.phone}",
                "supervision_method": "如皋市政务公开办，电话 0513-87512345；12345政务服务便民热线",
                **links,
            },
        )
        catalog_item_submit(actor=actor, item=item, reason="试点目录编制")
        created.append(item)
    # 动态调整 history: two adjustments that show up in 本期调整 and the diff view
    today = timezone.localdate()
    for code_name, change in (
        ("欠税公告", {"time_limit_text": "每季度结束后15日内"}),
        ("空气质量状况", {"channels": ["website", "new_media", "targeted_push", "radio_tv"]}),
    ):
        item = next(i for i in created if i.name == code_name)
        item.refresh_from_db()
        catalog_item_adjust(
            actor=editors[item.organisation.short_name],
            item=item,
            data=change,
            reason="根据上级部门要求调整公开时限和渠道",
            effective_date=today,
        )
    # The 依申请公开 item waits for the 政务公开办: approve it so the demo shows both states
    pending = [i for i in created if i.mode != "proactive"]
    from gongkai.catalog.models import CatalogReview
    from gongkai.catalog.services import catalog_review_decide

    for item in pending[:1]:
        review = CatalogReview.objects.filter(item=item).first()
        if review:
            catalog_review_decide(
                actor=office, review=review, approve=True, comment="理由充分，同意依申请公开"
            )
    # one draft not yet published, for the back-office demo
    catalog_item_create(
        actor=editors["财政局"],
        data={
            "domain": domains["财政预决算"],
            "parent": groups.get((domains["财政预决算"].pk, None, "财政专项资金")),
            "name": "政府采购意向",
            "organisation": orgs["财政局"],
            "stage": "decision",
            "content": "采购项目名称、采购需求概况、预算金额、预计采购时间",
            "legal_bases": parse_legal_bases("【部门规章】《政府采购信息发布管理办法》"),
            "time_limit_text": "原则上不得晚于采购活动开始前30日",
            "channels": ["website"],
            "audience": "public",
            "mode": "proactive",
        },
    )
    _ = dt
