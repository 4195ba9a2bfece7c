"""The demo county is the first thing an office evaluates: it must look like a real one."""

from __future__ import annotations

import re

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from gongkai.accounts.models import Organisation, OrgKind
from gongkai.catalog.domains_seed import DOMAINS_26, JIANGSU_PILOT
from gongkai.catalog.models import CatalogItem, Domain, ImportJob, ImportStatus
from gongkai.laws.models import Law
from gongkai.publishing.models import GazetteIssue, Page, Publication, StandardDocument

PRE_REFORM = (
    "国家税务局",
    "地方税务局",
    "安全生产监督管理局",
    "文化广电新闻出版局",
    "市规划局",
    "环境保护局",
)


@pytest.mark.django_db
def test_departments_are_those_after_the_institutional_reforms() -> None:
    names = list(Organisation.objects.values_list("name", flat=True))
    assert not [n for n in names if any(old in n for old in PRE_REFORM)]
    depts = Organisation.objects.exclude(kind=OrgKind.VILLAGE)
    assert depts.count() == depts.values("address").distinct().count()  # distinct addresses
    assert depts.count() == depts.values("phone").distinct().count()  # and telephones
    assert Organisation.objects.filter(kind=OrgKind.TOWNSHIP).count() >= 4


@pytest.mark.django_db
def test_catalog_came_through_the_importer_and_covers_all_26_domains() -> None:
    jobs = ImportJob.objects.filter(original_name="catalog.xlsx").order_by("pk")
    assert [j.dry_run for j in jobs] == [True, False]
    assert [j.status for j in jobs] == [ImportStatus.VALIDATED, ImportStatus.DONE]
    counts = dict(
        Domain.objects.annotate(n=Count("items", filter=Q(items__is_group=False))).values_list(
            "name", "n"
        )
    )
    assert set(DOMAINS_26) <= set(counts)
    assert {d: n for d, n in counts.items() if d in DOMAINS_26 and n < 2} == {}
    bases = " ".join(str(i.legal_bases) for i in CatalogItem.objects.all())
    assert "郑州" not in bases and "法律援助条例" not in bases  # 如皋's bases, not repealed ones


@pytest.mark.django_db
def test_publications_read_like_a_countys() -> None:
    today = timezone.localdate()
    pubs = Publication.objects.all()
    published = Publication.objects.published()
    assert published.count() >= 60
    titles = list(pubs.values_list("title", flat=True))
    assert len(titles) == len(set(titles))  # no copies
    assert not [t for t in titles if re.search(r"（[2-9]）$", t)]
    assert not pubs.filter(formed_on__gt=today).exists()  # nothing dated in the future
    assert not pubs.filter(invalid_on__gt=today).exists()
    stages = set(published.values_list("stage", flat=True))
    assert stages >= {"decision", "execution", "management", "service", "result"}
    assert set(published.values_list("domains__name", flat=True)) >= JIANGSU_PILOT
    for pub in pubs.filter(genre__in=["notice", "measures"]).exclude(interprets__isnull=False):
        assert "制定本法" not in pub.body and "制定本条例" not in pub.body
    for pub in pubs.filter(genre="measures"):
        assert "制定本办法" in pub.body
    # interpretations go out with their policy (三同步), and 图解 carry their picture
    readings = published.filter(interprets__isnull=False).select_related("interprets")
    assert readings.exists()
    for reading in readings:
        assert reading.published_at == reading.interprets.published_at
    for graphic in readings.filter(interpretation_kind="graphic"):
        assert graphic.attachments.filter(kind="png").exists() and "<img" in graphic.body
    assert published.filter(validity="expired").exists()  # the 失效文件清单 has an entry


@pytest.mark.django_db
def test_pages_standards_and_gazette_have_real_content() -> None:
    for slug in ("guide", "rules"):
        assert len(Page.objects.get(slug=slug).body) > 400
    standards = StandardDocument.objects.all()
    assert standards.count() >= 5 and all("范围" in s.body for s in standards)
    issue = GazetteIssue.objects.get()
    assert issue.documents.count() >= 5
    with issue.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


@pytest.mark.django_db
def test_the_law_library_is_loaded() -> None:
    assert Law.objects.filter(title="中华人民共和国政府信息公开条例").exists()


@pytest.mark.django_db
def test_deadlines_are_mostly_on_time_a_few_late_a_few_overdue() -> None:
    from gongkai.core.deadlines import deadlines_recompute_open, duty_kinds
    from gongkai.core.models import Deadline, DeadlineState

    counts = Deadline.objects.filter(kind__in=duty_kinds()).state_counts(timezone.localdate())
    done = counts[DeadlineState.MET] + counts[DeadlineState.LATE]
    assert counts[DeadlineState.MET] / done >= 0.85
    assert counts[DeadlineState.LATE] >= 3 and counts[DeadlineState.OVERDUE] >= 2
    # and the database is consistent: the nightly recompute changes nothing
    assert deadlines_recompute_open(reason="每日核对") == 0


@pytest.mark.django_db
def test_no_demo_document_is_dated_in_the_future() -> None:
    today = timezone.localdate()
    future = Publication.objects.filter(invalid_on__gt=today) | Publication.objects.filter(
        formed_on__gt=today
    )
    assert not future.exists()


@pytest.mark.django_db
def test_interaction_has_answers_figures_knowledge_and_participation(client) -> None:
    from gongkai.interaction.models import KnowledgeEntry, Message, Survey

    assert Message.objects.filter(answer_on_spot=True).count() >= 3
    assert Message.objects.filter(merged_into__isnull=False).exists()
    public = client.get("/hudong/").content.decode()
    assert "路灯" not in public  # not answered yet: not public
    assert "夜间施工噪声扰民" in public and "来电群众" not in public
    figures = client.get("/hudong/tongji/").content.decode()
    assert "当场答复率" in figures
    assert KnowledgeEntry.objects.filter(state="published").count() >= 4
    assert "申请政府信息公开，多长时间" in client.get("/hudong/zhishi/").content.decode()
    assert Survey.objects.get().responses.count() >= 5
    for url in ("/hudong/zhengji/", "/hudong/wenjuan/", "/hudong/redian/", "/hudong/qingdan/"):
        page = client.get(url)
        assert page.status_code == 200 and "暂无" not in page.content.decode(), url


@pytest.mark.django_db
def test_the_demo_foi_applications_pass_every_table_three_check() -> None:
    """Each organisation's table 三 and the whole government's, this year and last year."""
    import datetime as dt

    from gongkai.foi.annual import table_three
    from gongkai.foi.models import Application

    today = timezone.localdate()
    apps = Application.objects.all()
    assert apps.exists()
    for year in (today.year - 1, today.year):
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        whole = table_three(apps, start=start, end=end)
        assert whole["checks"] == [], [f.message for f in whole["checks"]]
        for org_id in apps.values_list("organisation", flat=True).distinct():
            table = table_three(apps.filter(organisation_id=org_id), start=start, end=end)
            assert table["checks"] == [], [f.message for f in table["checks"]]
    assert whole["new_row"][-1] + whole["carried_in_row"][-1] > 0


@pytest.mark.django_db
def test_last_years_annual_reports_are_published_with_every_check_passing(client) -> None:
    from gongkai.supervision.models import AnnualReport

    year = timezone.localdate().year - 1
    reports = AnnualReport.objects.filter(year=year, status="published")
    assert {r.organisation.kind for r in reports} == {OrgKind.GOVERNMENT, OrgKind.DEPARTMENT}
    gov = reports.get(organisation__kind=OrgKind.GOVERNMENT)
    assert gov.tables["checks"] == [] and gov.tables["table_two"]["licences"] >= 6215
    page = client.get(f"/gk/nianbao/{gov.pk}/").content.decode()
    assert "一、总体情况" in page and "表三" in page and "六、其他需要报告的事项" in page


@pytest.mark.django_db
def test_the_inspection_table_of_the_demo_portal(client) -> None:
    """The demo passes every single-veto item; a column left empty on purpose is listed."""
    from gongkai.accounts.models import User
    from gongkai.publishing.models import Column
    from gongkai.supervision.inspection import inspection_run

    Column.objects.create(name="专项审计结果", slug="audit-results", rule_genres=["minutes"])
    run = inspection_run(max_pages=150)
    rows = {r["key"]: r for r in run.results}
    assert [i["label"] for i in rows["empty"]["items"]] == ["专项审计结果"]
    assert rows["empty"]["value"] == "1个" and not rows["empty"]["failed"]
    assert not run.vetoed, [(r["name"], r["value"]) for r in run.results if r["failed"]]
    assert not rows["links"]["failed"] and not rows["tags"]["failed"]
    client.force_login(User.objects.get(username="gkb"))
    page = client.get("/manage/inspection/").content.decode()
    assert "专项审计结果" in page and "单项否决项全部通过" in page


@pytest.mark.django_db
def test_the_scorecards_rank_every_department_and_town(client) -> None:
    from gongkai.supervision.models import ScorePublication

    pub = ScorePublication.objects.get()
    assert len(pub.rows) >= 20 and [r["rank"] for r in pub.rows] == list(
        range(1, len(pub.rows) + 1)
    )
    assert all(0 <= r["score"] <= 100 for r in pub.rows)
    assert pub.rows == sorted(pub.rows, key=lambda r: -r["score"])
    page = client.get(f"/gk/chengjidan/{pub.pk}/").content.decode()
    assert pub.rows[0]["organisation"] in page and "指标说明" in page


@pytest.mark.django_db
def test_the_monitoring_page_shows_the_demo_obligations(client) -> None:
    from gongkai.accounts.models import User
    from gongkai.supervision.models import Alert, ItemPeriod

    assert ItemPeriod.objects.exists()  # the 每月/每季度/每年 items of the demo catalog
    assert Alert.objects.filter(user__username="gkb").exists()
    client.force_login(User.objects.get(username="gkb"))
    page = client.get("/manage/supervision/").content.decode()
    assert "各机构公开义务完成情况" in page and "定期公开" in page
    assert client.get("/manage/alerts/").status_code == 200


@pytest.mark.django_db
def test_the_demo_complaints_and_evaluation(client) -> None:
    from gongkai.accounts.models import User
    from gongkai.supervision.models import Complaint, EvaluationRound

    statuses = set(Complaint.objects.values_list("status", flat=True))
    assert {"closed", "received"} <= statuses
    assert Complaint.objects.filter(channel="online", message__isnull=False).exists()
    rnd = EvaluationRound.objects.get()
    assert rnd.status == "closed" and rnd.evaluators.filter(submitted_at__isnull=False).count() == 3
    client.force_login(User.objects.get(username="gkb"))
    assert "预算公开表格不全" in client.get("/manage/complaints/").content.decode()
    page = client.get(f"/manage/evaluations/{rnd.pk}/").content.decode()
    assert "评议结果" in page and "如皋市财政局" in page


@pytest.mark.django_db
def test_the_demo_open_data_covers_every_pilot_domain(client) -> None:
    from gongkai.catalog.models import Domain
    from gongkai.opendata.models import Dataset, ResourceVersion

    published = Dataset.objects.filter(status="published")
    for domain in Domain.objects.filter(is_pilot=True):
        assert published.filter(domain=domain).count() >= 2, domain.name
    assert published.filter(access="conditional").exists()
    assert not ResourceVersion.objects.filter(load_error__gt="").exists()
    loaded = ResourceVersion.objects.exclude(table="")
    assert loaded.count() >= 20
    # the catalog dataset holds exactly the published items of its domain
    from gongkai.catalog.models import CatalogItem

    ds = published.get(name="d01-catalog")
    version = ds.resources.get().current()
    items = CatalogItem.objects.published().filter(is_group=False, domain=ds.domain).count()
    assert version.rows == items
    page = client.get("/data/", {"domain": "01"}).content.decode()
    assert "城乡规划领域政务公开事项目录" in page and "城乡规划领域主动公开信息清单" in page
    assert "有条件开放" in client.get("/data/").content.decode()  # the 开放属性 facet
    result = client.get("/api/3/action/package_search", {"rows": 0}).json()["result"]
    assert result["count"] == published.count()
