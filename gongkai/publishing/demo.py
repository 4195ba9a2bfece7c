"""Demo publications built from real legal texts (shared/corpus/laws), for the 9 pilot domains.

Each department "贯彻落实" a law of its field: the notice quotes the law's first articles.
Everything goes through the publishing services (draft → review → publish), so index numbers,
deadlines and audit records are real. Falls back to built-in texts without the corpus.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from gongkai.accounts.models import Organisation, User
from gongkai.catalog.models import CatalogItem, Domain
from gongkai.core.workdays import HolidayCalendar, add_working_days
from gongkai.publishing.gazette import gazette_issue_build
from gongkai.publishing.models import GazetteIssue, Publication, StandardDocument, Topic
from gongkai.publishing.services import (
    publication_create,
    publication_review,
    publication_submit,
)

CORPUS = Path(settings.BASE_DIR).parent / "shared" / "corpus" / "laws"
DOMAINS = {  # domain → (department, keywords in law titles, topic)
    "城乡规划": ("规划局", ["城乡规划", "土地管理", "测绘", "规划"], "城乡建设、环境保护"),
    "重大建设项目": (
        "发改委",
        ["建设工程", "招标投标", "建筑", "工程"],
        "国民经济管理、国有资产监管",
    ),
    "财政预决算": ("财政局", ["预算", "会计", "审计", "财政", "政府采购"], "财政、金融、审计"),
    "税收管理": ("地税局", ["税"], "财政、金融、审计"),
    "环境保护": (
        "环保局",
        ["环境", "污染", "大气", "噪声", "固体废物", "水法"],
        "城乡建设、环境保护",
    ),
    "食品药品监管": ("市场监管局", ["食品", "药品", "医疗器械"], "市场监管、安全生产监管"),
    "安全生产": (
        "安监局",
        ["安全生产", "消防", "危险化学品", "特种设备"],
        "市场监管、安全生产监管",
    ),
    "公共文化服务": (
        "文广新局",
        ["文化", "图书馆", "博物馆", "文物", "广播电视"],
        "文化、广电、新闻出版",
    ),
    "公共法律服务": (
        "司法局",
        ["法律援助", "人民调解", "公证", "律师", "社区矫正"],
        "公安、安全、司法",
    ),
}
ABBR = {
    "规划局": "规",
    "发改委": "发改",
    "财政局": "财",
    "地税局": "地税",
    "环保局": "环",
    "市场监管局": "市监",
    "安监局": "安监",
    "文广新局": "文广",
    "司法局": "司",
}
PATTERNS = [  # (title pattern, genre, stage, normative, audience)
    ("{org}关于贯彻落实《{law}》的通知", "notice", "execution", False, []),
    ("{org}关于印发《{short}实施办法》的通知", "measures", "decision", True, []),
    (
        "关于《{short}实施细则（征求意见稿）》公开征求意见的公告",
        "announcement",
        "decision",
        False,
        ["everyday"],
    ),
    ("{org}{year}年{short}执法检查情况通报", "report", "management", False, []),
    ("{short}办事指南", "other", "service", False, ["everyday"]),
    ("{org}{year}年{short}工作情况报告", "report", "result", False, []),
    ("{org}开展{short}宣传月活动", "news", "execution", False, ["everyday"]),
]
ARTICLE_RE = re.compile(r"^(第[一二三四五六七八九十百]+条)\s*(.+)$")


def _laws(keywords: list[str], limit: int) -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    if not CORPUS.is_dir():
        return found
    # national laws and regulations first; local ones only to fill up
    paths = [p for p in CORPUS.rglob("*.md") if not {"司法解释", "案例"} & set(p.parts)]
    for path in sorted(paths, key=lambda p: ("地方法规" in p.parts, str(p))):
        name = path.stem.split("(")[0]
        if (
            not any(k in name for k in keywords)
            or name.startswith("_")
            or "《" in name
            or "军" in name
        ):
            continue
        articles = []
        for line in path.read_text(encoding="utf-8", errors="ignore").splitlines():
            match = ARTICLE_RE.match(line.strip())
            if match:
                articles.append(f"{match.group(1)}　{match.group(2)}")
            if len(articles) >= 6:
                break
        if articles:
            found.append((name, articles))
        if len(found) >= limit:
            break
    return found


def _short(law: str) -> str:
    return (
        re.sub(r"^(中华人民共和国|.{2,3}省|.{2,3}市)", "", law)
        .replace("条例", "")
        .replace("办法", "")[:14]
    )


def _review_moment(
    pub: Publication, *, i: int, d_index: int, now: dt.datetime, calendar: HolidayCalendar
) -> dt.datetime | None:
    """When the demo reviewer approved ``pub``: like a real county, most records within their
    公开时限, about one in twelve a few working days late, and a few never reviewed yet (those
    past their date show as 已超期). None = not reviewed."""
    today = timezone.localdate()
    if (d_index == 0 and i in (2, 20, 27)) or (d_index == 1 and i == 3):
        return None
    due = pub.due_date or add_working_days(pub.formed_on, 20, calendar=calendar).due
    if i % 12 == 5 and add_working_days(due, 1 + i % 3, calendar=calendar).due < today:
        day = add_working_days(due, 1 + i % 3, calendar=calendar).due
    else:
        day = min(add_working_days(pub.formed_on, 1 + i % 4, calendar=calendar).due, due)
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(9 + i % 8, (7 * i) % 60)))
    return min(moment, now)


def seed_publications(*, editors: dict[str, User], reviewers: dict[str, User]) -> int:
    now = timezone.now()
    calendar = HolidayCalendar()
    year = timezone.localdate().year
    domains = {d.name: d for d in Domain.objects.all()}
    topics = {t.name: t for t in Topic.objects.all()}
    count = 0
    normatives: list[Publication] = []
    for d_index, (domain_name, (dept, keywords, topic)) in enumerate(DOMAINS.items()):
        org = Organisation.objects.get(short_name=dept)
        laws = _laws(keywords, 5) or [
            (f"{domain_name}管理条例", [f"第一条　为规范{domain_name}工作，制定本条例。"])
        ]
        items = list(
            CatalogItem.objects.published().filter(domain=domains[domain_name], is_group=False)[:3]
        )
        for i in range(35):
            law, articles = laws[i % len(laws)]
            title_tpl, genre, stage, normative, audience = PATTERNS[i % len(PATTERNS)]
            short = _short(law)
            title = title_tpl.format(org=org.name, law=law, short=short, year=year - i % 3)
            if i >= len(PATTERNS):
                title = f"{title}（{i // len(PATTERNS) + 1}）"
            formed = timezone.localtime(now - dt.timedelta(days=3 + (d_index * 35 + i) * 2)).date()
            body = "".join(f"<p>{a}</p>" for a in articles)
            data = {
                "organisation": org,
                "title": title,
                "body": f"<p>各有关单位：</p><p>现将《{law}》有关规定摘录如下，请认真贯彻执行。</p>{body}",
                "doc_number": f"皋{ABBR[dept]}发〔{formed.year}〕{i + 1}号"
                if genre != "news"
                else "",
                "written_on": formed,
                "formed_on": formed,
                "genre": genre,
                "stage": stage,
                "topic": topics.get(topic),
                "is_normative": normative,
                "audience_tags": audience,
                "keywords": f"{domain_name},{short}",
                "domains": [domains[domain_name]],
                "catalog_items": items[i % len(items) :][:1] if items else [],
                "needs_interpretation": normative and i % 14 == 1,
            }
            if normative and i % 3 == 2 and formed + dt.timedelta(days=200) < timezone.localdate():
                # the demo has no date in the future: only documents already past their end
                data.update(validity="expired", invalid_on=formed + dt.timedelta(days=200))
            pub = publication_create(actor=editors[dept], data=data)
            publication_submit(actor=editors[dept], pub=pub)
            if data["needs_interpretation"]:
                reading = publication_create(
                    actor=editors[dept],
                    data={
                        "organisation": org,
                        "title": f"一图读懂《{short}实施办法》",
                        "genre": "interpretation",
                        "interprets": pub,
                        "interpretation_kind": "qa" if i % 2 else "graphic",
                        "formed_on": formed,
                        "stage": "decision",
                        "domains": [domains[domain_name]],
                        "body": "<h2>一、制定背景</h2><p>为贯彻落实上位法规定，结合本市实际制定本办法。</p>"
                        "<h2>二、主要内容</h2><p>明确适用范围、办理流程和监督方式。</p>"
                        "<h2>三、问：办法何时施行？</h2><p>答：自印发之日起施行。</p>",
                    },
                )
                publication_submit(actor=editors[dept], pub=reading)
            pub.refresh_from_db()
            moment = _review_moment(pub, i=i, d_index=d_index, now=now, calendar=calendar)
            count += 1
            if moment is None:
                continue  # still waiting for its reviewer: open, or overdue if past its date
            if data["needs_interpretation"]:
                publication_review(actor=reviewers[dept], pub=reading, approve=True, now=moment)
            publication_review(actor=reviewers[dept], pub=pub, approve=True, now=moment)
            if normative:
                normatives.append(pub)
    issue = GazetteIssue.objects.create(
        year=year,
        number=1,
        title="如皋市人民政府公报",
        published_on=timezone.localdate(),
    )
    issue.documents.set(normatives[:10])
    gazette_issue_build(actor=None, issue=issue)  # the same step an office uses
    _seed_standards()
    return count


def _seed_standards() -> None:
    gov_office = Organisation.objects.get(short_name="政府办")
    for code, title, issued in [
        ("RZ/GK 01-2018", "如皋市政务公开工作规则", "2018-08-24"),
        ("RZ/GK 02-2018", "依申请公开规范", "2018-08-24"),
        ("RZ/GK 03-2018", "清单和目录管理办法", "2018-08-24"),
        ("RZ/GK 04-2018", "政策解读要求", "2018-08-24"),
        ("RZ/GK 05-2018", "政务公开舆情回应", "2018-08-24"),
        ("RZ/GK 08-2018", "规划编政务公开工作规则", "2018-08-24"),
        ("RZ/GK 48-2018", "政务公开体验区建设指南", "2019-03-24"),
    ]:
        day = dt.date.fromisoformat(issued)
        StandardDocument.objects.create(
            code=code, title=title, issued_on=day, effective_on=day, organisation=gov_office
        )
