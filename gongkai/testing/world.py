"""``make_world``: the tests' own small county, built once per test session with factories.

Not the demo (gongkai/demo): the demo may change freely and no test notices. The cast is the
smallest that exercises every rule: a government with its 政务公开办, two departments that
must not see each other's data (planning and finance), a tax bureau, a town with a village,
a handful of catalog items in two domains, some publications in each state, and a 政府公报
issue. Tests reach the cast through the ``world`` fixture (conftest.py), never by the demo's
names (docs/testing.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone

from gongkai.accounts.models import OrgKind, OrgLevel, Role
from gongkai.catalog.choices import PowerCategory
from gongkai.catalog.models import CatalogItem, CatalogReview
from gongkai.catalog.rules import parse_legal_bases
from gongkai.catalog.services import catalog_review_decide
from gongkai.publishing.gazette import gazette_issue_build
from gongkai.publishing.models import GazetteIssue, StandardDocument
from gongkai.publishing.services import publication_review, publication_submit
from gongkai.testing import factories as f

GOVERNMENT = "示例县人民政府"


@dataclass
class World:
    """Names → (model, pk) of the cast; attribute access fetches a fresh copy from the
    database, so a test that changed an object never hands a stale one to the next."""

    refs: dict[str, tuple[type[models.Model], int]] = field(default_factory=dict)

    def add(self, name: str, obj: models.Model) -> Any:
        self.refs[name] = (type(obj), obj.pk)
        return obj

    def __getattr__(self, name: str) -> Any:
        refs = self.__dict__.get("refs", {})
        if name not in refs:
            raise AttributeError(name)
        model, pk = refs[name]
        return model._default_manager.get(pk=pk)


def make_world() -> World:
    w = World()
    _people(w)
    _guides(w)
    _catalog(w)
    _publications(w)
    w.add("application", f.application_make(organisation=w.tax))
    return w


def _people(w: World) -> None:
    gov = w.add(
        "gov",
        f.org_make(name=GOVERNMENT, short_name="示例县政府", kind=OrgKind.GOVERNMENT),
    )
    office_org = w.add(
        "office_org", f.org_make(name="示例县人民政府办公室", short_name="县政府办", parent=gov)
    )
    planning = w.add(
        "planning",
        f.org_make(name="示例县自然资源和规划局", short_name="自然资源和规划局", parent=gov),
    )
    finance = w.add("finance", f.org_make(name="示例县财政局", short_name="财政局", parent=gov))
    tax = w.add("tax", f.org_make(name="国家税务总局示例县税务局", short_name="税务局", parent=gov))
    town = w.add(
        "town",
        f.org_make(
            name="示例县青山镇人民政府",
            short_name="青山镇",
            kind=OrgKind.TOWNSHIP,
            level=OrgLevel.TOWNSHIP,
            parent=gov,
        ),
    )
    w.add(
        "village",
        f.org_make(
            name="青山镇桃园村",
            short_name="桃园村",
            kind=OrgKind.VILLAGE,
            level=OrgLevel.VILLAGE,
            parent=town,
        ),
    )
    w.add(
        "sysadmin", f.staff_make(username="t_admin", organisation=office_org, roles=[Role.SYSADMIN])
    )
    w.add(
        "office",
        f.staff_make(
            username="t_office",
            organisation=office_org,
            roles=[Role.OFFICE],
            display_name="政务公开办 测试主任",
        ),
    )
    for key, org in (("planning", planning), ("finance", finance), ("tax", tax), ("town", town)):
        w.add(
            f"{key}_editor",
            f.staff_make(username=f"t_{key}_editor", organisation=org, roles=[Role.EDITOR]),
        )
        w.add(
            f"{key}_reviewer",
            f.staff_make(username=f"t_{key}_reviewer", organisation=org, roles=[Role.REVIEWER]),
        )
    w.add("citizen", f.citizen_make(phone="13700000000", display_name="赵测试"))


def _guides(w: World) -> None:
    """权责清单 and 公共服务清单 entries; catalog items link to them by code."""
    w.add(
        "permit_power",
        f.power_item_make(
            organisation=w.planning,
            name="建设工程规划许可证核发",
            basis="《中华人民共和国城乡规划法》第四十条",
        ),
    )
    w.add(
        "penalty_power",
        f.power_item_make(
            organisation=w.planning,
            name="对未取得建设工程规划许可证进行建设的处罚",
            basis="《中华人民共和国城乡规划法》第六十四条",
            category=PowerCategory.PENALTY,
        ),
    )
    service = w.add(
        "jobless_service",
        f.service_item_make(
            organisation=w.finance,
            name="失业保险金申领",
            basis="《中华人民共和国社会保险法》第四十五条；《失业保险条例》第十四条",
        ),
    )
    elder = w.add(
        "elder_service",
        f.service_item_make(
            organisation=w.town,
            name="老年人优待证办理",
            basis="《中华人民共和国老年人权益保障法》第五十七条",
        ),
    )
    f.guide_make(
        elder,
        steps=[("受理审核", "核对身份证件", "即时"), ("制证发放", "", "5个工作日")],
        materials=[("近期一寸免冠照片", "原件", "使用生活照、背景不是白色")],
    )
    f.guide_make(
        service,
        steps=[("受理审核", "窗口核对身份和失业登记", "即时"), ("发放", "按月发放", "次月")],
        materials=[("社会保障卡", "原件", "社会保障卡未激活金融功能")],
    )


def _catalog(w: World) -> None:
    planner, finance, tax = w.planning_editor, w.finance_editor, w.tax_editor
    drafting = w.add(
        "drafting_group",
        f.catalog_item_make(actor=planner, domain="城乡规划", name="规划编制", group=True),
    )
    w.add(
        "plan_item",
        f.catalog_item_make(
            actor=planner,
            domain="城乡规划",
            name="城市总体规划",
            parent=drafting,
            channels=["website", "new_media"],
            time_limit_text="自批准之日起20个工作日内",
        ),
    )
    permits = w.add(
        "permit_group",
        f.catalog_item_make(actor=planner, domain="城乡规划", name="规划许可", group=True),
    )
    w.add(
        "permit_item",
        f.catalog_item_make(
            actor=planner,
            domain="城乡规划",
            name="建设工程规划许可",
            parent=permits,
            stage="result",
            time_limit_text="自作出行政决定之日起7个工作日内公开",
            content="许可事项名称、建设单位、建设位置、建设规模、许可证号、发证日期",
            channels=["website", "service_center"],
            consult_method="电话咨询：0513-88000000",
            supervision_method="向县政务公开办反映：0513-88000001",
            legal_bases=parse_legal_bases("《中华人民共和国城乡规划法》第四十条"),
            power_items=[w.permit_power],
        ),
    )
    w.add(
        "village_permit_item",
        f.catalog_item_make(
            actor=planner, domain="城乡规划", name="乡村建设规划许可", parent=permits
        ),
    )
    w.add(
        "survey_item",
        f.catalog_item_make(
            actor=planner,
            domain="城乡规划",
            name="规划核实结果",
            parent=permits,
            mode="on_request",
            non_proactive_reason="涉及建设单位的商业秘密，依申请公开",
        ),
    )
    review = CatalogReview.objects.filter(item_id=w.refs["survey_item"][1]).get()
    catalog_review_decide(actor=w.office, review=review, approve=True, comment="同意")
    funds = w.add(
        "funds_group",
        f.catalog_item_make(actor=finance, domain="财政预决算", name="财政专项资金", group=True),
    )
    w.add(
        "funds_item",
        f.catalog_item_make(
            actor=finance, domain="财政预决算", name="专项资金分配结果", parent=funds
        ),
    )
    w.add(
        "finance_draft_item",
        f.catalog_item_make(
            actor=finance,
            domain="财政预决算",
            name="政府采购意向",
            parent=funds,
            publish=False,
        ),
    )
    w.add(
        "tax_item",
        f.catalog_item_make(
            actor=tax,
            domain="税收管理",
            name="欠税公告",
            time_limit_text="每季度结束后15日内",
        ),
    )
    town = w.town_editor  # a town's 社会救助 items, the words citizens search for
    w.add(
        "dibao_item",
        f.catalog_item_make(
            actor=town,
            domain="社会救助",
            name="最低生活保障审批",
            stage="result",
            content="审批对象姓名（脱敏）、保障人数、保障金额",
            tier_township=True,
        ),
    )
    w.add(
        "dibao_standard_item",
        f.catalog_item_make(
            actor=town,
            domain="社会救助",
            name="最低生活保障标准",
            content="城乡低保标准及调整情况",
            tier_township=True,
        ),
    )
    assert CatalogItem.objects.filter(status="published").count() >= 10


def _publications(w: World) -> None:
    today = timezone.localdate()
    year = today.year
    planner, reviewer = w.planning_editor, w.planning_reviewer
    planning_domain = w.permit_item.domain
    w.add(
        "notice",
        f.publication_make(
            editor=planner,
            reviewer=reviewer,
            title="示例县自然资源和规划局关于开展违法建设专项整治的通知",
            doc_number=f"示自然资规发〔{year}〕3号",
            formed_on=today - dt.timedelta(days=10),
            domains=[planning_domain],
            catalog_items=[w.permit_item],
            keywords="城乡规划,违法建设",
        ),
    )
    # a 规范性文件 goes out together with its 一图读懂 (三同步)
    measures = f.publication_make(
        editor=planner,
        title="示例县农村村民住宅建设管理办法",
        doc_number=f"示自然资规发〔{year}〕5号",
        genre="measures",
        stage="decision",
        is_normative=True,
        needs_interpretation=True,
        formed_on=today - dt.timedelta(days=5),
        domains=[planning_domain],
    )
    reading = f.publication_make(
        editor=planner,
        title="一图读懂《示例县农村村民住宅建设管理办法》",
        genre="interpretation",
        interprets=measures,
        interpretation_kind="graphic",
        stage="decision",
        formed_on=measures.formed_on,
        domains=[planning_domain],
    )
    for pub in (reading, measures):
        publication_submit(actor=planner, pub=pub)
        publication_review(actor=reviewer, pub=pub, approve=True)
    w.add("measures", measures)
    w.add("reading", reading)
    w.add(
        "planning_draft",
        f.publication_make(editor=planner, title="关于公布2026年度规划许可批后公示的公告"),
    )
    budget = w.funds_item.domain
    w.add(
        "finance_measures",
        f.publication_make(
            editor=w.finance_editor,
            reviewer=w.finance_reviewer,
            title="示例县财政专项资金管理办法",
            doc_number=f"示财规〔{year}〕1号",
            genre="measures",
            stage="decision",
            is_normative=True,
            formed_on=today - dt.timedelta(days=8),
            domains=[budget],
        ),
    )
    issue = GazetteIssue.objects.create(
        year=year, number=1, title="示例县人民政府公报", published_on=today
    )
    issue.documents.set([w.measures, w.finance_measures, w.notice])
    w.add("gazette", gazette_issue_build(actor=None, issue=issue))
    StandardDocument.objects.create(
        code="RZ/GK 02-2018",
        title="依申请公开规范",
        issued_on=dt.date(2018, 8, 24),
        effective_on=dt.date(2018, 9, 1),
        organisation=w.gov,
        summary="依申请公开的受理、登记、办理、答复、送达和归档要求。",
        body="<p>申请内容不明确的，自收到申请之日起7个工作日内一次性告知补正。</p>",
    )
