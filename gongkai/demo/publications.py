"""Demo publications: each department's documents (documents.py) through the publishing
services (draft → review → publish), so index numbers, deadlines and audit records are real.

Dates are in the past, spread over the last year; most records were reviewed within their
公开时限, about one in twelve a few working days late and a few not yet (已超期). A 规范性文件
with a 政策解读 is reviewed together with it (三同步); 图解 readings carry their picture.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.accounts.models import Organisation, User
from gongkai.catalog.models import CatalogItem, Domain
from gongkai.core.workdays import HolidayCalendar, add_working_days
from gongkai.demo.documents import DEPTS, Dept
from gongkai.demo.infographic import infographic_png
from gongkai.publishing.gazette import gazette_issue_build
from gongkai.publishing.models import GazetteIssue, Publication, Topic
from gongkai.publishing.services import (
    publication_create,
    publication_review,
    publication_submit,
    publication_update,
)

GENRES = {  # key → (genre, 五公开 stage, normative, audience)
    "notice": ("notice", "execution", False, []),
    "measures": ("measures", "decision", True, []),
    "draft": ("announcement", "decision", False, ["everyday"]),
    "report": ("report", "management", False, []),
    "result": ("announcement", "result", False, []),
    "news": ("news", "execution", False, ["everyday"]),
    "service": ("other", "service", False, ["everyday"]),
}
CN_NUM = "一二三四五六七八九十"


def _p(*lines: str) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def _body(key: str, dept: Dept, org: Organisation, title: str, day: dt.date) -> str:
    date = f"{day.year}年{day.month}月{day.day}日"
    points = [f"{CN_NUM[i]}、{p}。" for i, p in enumerate(dept.points)]
    if key == "notice":
        return _p(
            "各镇（区、街道），市各有关部门、单位：",
            f"为进一步做好{dept.subject}工作，根据{dept.basis}等规定，结合我市实际，"
            "现就有关事项通知如下：",
            *points,
            f"{CN_NUM[len(points)]}、各单位要明确分管负责人和具体经办人员，"
            "工作中遇到的问题请及时与我局（委）联系。",
            f"联系电话：{org.phone}",
            org.name,
            date,
        )
    if key == "measures":
        name = title.removeprefix("如皋市")
        return _p(
            f"第一条　为了规范{dept.subject}工作，保障公民、法人和其他组织的合法权益，"
            f"根据{dept.basis}等法律法规，结合本市实际，制定本办法。",
            f"第二条　本办法适用于本市行政区域内的{dept.subject}活动。",
            f"第三条　{org.name}负责本办法的组织实施；各镇（区、街道）和市有关部门按照各自职责做好相关工作。",
            f"第四条　{dept.points[0]}。",
            f"第五条　{dept.points[1]}。",
            f"第六条　{dept.points[2]}。",
            f"第七条　违反本办法规定的，由{org.short_name}责令改正；依法应当给予处分或者处罚的，依照有关规定执行。",
            f"第八条　本办法由{org.name}负责解释。",
            f"第九条　本办法自{date}起施行，有效期5年。《{name}》施行前本市有关规定与本办法不一致的，以本办法为准。",
        )
    if key == "draft":
        end = day + dt.timedelta(days=30)
        return _p(
            f"为提高行政决策的科学性和透明度，现将{title.split('关于')[-1].split('公开征求')[0]}"
            "全文公布，公开征求社会各界意见。",
            f"征求意见时间：{date}至{end.year}年{end.month}月{end.day}日。",
            "意见反馈方式：",
            f"（一）电子邮件：{org.email}（请在邮件主题注明“意见建议”）；",
            f"（二）信函：{org.address}{org.name}（邮编{org.postcode}），请在信封上注明“意见建议”字样；",
            f"（三）电话：{org.phone}（工作日 8:30—17:30）。",
            "我们将认真研究各方面意见，并在决策后公开意见采纳情况。",
            "附件：征求意见稿（全文见下）",
            *points,
        )
    if key == "report":
        return _p(
            f"{day.year - 1}年，在市委、市政府的领导下，{org.name}认真贯彻{dept.basis}，"
            f"扎实推进{dept.subject}各项工作，现将有关情况报告如下。",
            "一、主要工作",
            *[f"（{CN_NUM[i]}）{p}。" for i, p in enumerate(dept.points)],
            "二、存在的问题",
            "基层工作力量不足，部分镇（街道）信息报送不够及时，群众知晓率有待进一步提高。",
            "三、下一步打算",
            f"{day.year}年，我们将围绕群众关心关切，进一步完善制度、压实责任，推动{dept.subject}工作规范化、标准化。",
        )
    if key == "news":
        return _p(
            f"{date}，{title.removesuffix('。')}。活动现场，工作人员通过发放资料、现场解答等方式，"
            f"向群众宣传{dept.subject}有关政策。",
            f"{org.short_name}有关负责人表示，下一步将持续做好政策宣传和服务工作，"
            "让群众对政策看得到、听得懂、能监督。",
        )
    if key == "service":
        return _p(
            f"一、办理依据：{dept.basis}。",
            f"二、办理地点：如皋市政务服务中心（福寿东路188号）{org.short_name}窗口，或登录“江苏政务服务网”网上办理。",
            "三、办理时间：工作日 上午8:30—12:00，下午14:00—17:30。",
            f"四、咨询电话：{org.phone}；投诉监督电话：12345。",
            f"五、注意事项：{dept.points[1]}。",
        )
    return _p(  # result: 公示 / 公告 of a result
        f"根据{dept.basis}等规定，现将有关情况予以公布（公示）。",
        *points,
        f"对公布（公示）内容有异议的，请于公布之日起7日内向{org.name}书面反映。"
        f"联系电话：{org.phone}。",
        org.name,
        date,
    )


def _review_moment(
    pub: Publication, *, i: int, d_index: int, now: dt.datetime, calendar: HolidayCalendar
) -> dt.datetime | None:
    """When the demo reviewer approved ``pub``: mostly on time, one in twelve late, a few not
    yet (those past their date show as 已超期). None = not reviewed."""
    today = timezone.localdate()
    if (d_index == 0 and i in (2,)) or (d_index == 1 and i == 3):
        return None
    due = pub.due_date or add_working_days(pub.formed_on, 20, calendar=calendar).due
    late = add_working_days(due, 1 + i % 3, calendar=calendar).due
    if (d_index * 7 + i) % 12 == 5 and late < today:
        day = late
    else:
        day = min(add_working_days(pub.formed_on, 1 + i % 4, calendar=calendar).due, due)
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(9 + i % 8, (7 * i) % 60)))
    return min(moment, now)


def _graphic(actor: User, reading: Publication, short: str, dept: Dept) -> None:
    points = [
        ("为什么制定", f"规范{dept.subject}工作，保障群众合法权益。"),
        ("主要内容", dept.points[0] + "。"),
        ("怎么办理", dept.points[1] + "。"),
        ("何时施行", "自印发之日起施行，有效期5年。"),
    ]
    png = infographic_png(f"一图读懂《{short}》", points)
    upload = SimpleUploadedFile(f"yitududong-{reading.pk}.png", png, content_type="image/png")
    publication_update(actor=actor, pub=reading, data={}, files=[upload])
    image = reading.attachments.order_by("-pk").first()
    body = (
        f'<p><img src="{image.file.url}" alt="一图读懂《{short}》：'
        + "；".join(f"{h}：{t}" for h, t in points)
        + '" width="750"></p>'
        + "".join(f"<h2>{h}</h2><p>{t}</p>" for h, t in points)
    )
    publication_update(actor=actor, pub=reading, data={"body": body})


def seed_publications(*, editors: dict[str, User], reviewers: dict[str, User]) -> list[Publication]:
    now = timezone.now()
    today = timezone.localdate()
    calendar = HolidayCalendar()
    domains = {d.name: d for d in Domain.objects.all()}
    topics = {t.name: t for t in Topic.objects.all()}
    normatives: list[Publication] = []
    gazette: list[Publication] = []  # 规范性文件 and 通知 the 公报 prints
    numbers: dict[str, int] = {}
    for d_index, dept in enumerate(DEPTS):
        org = Organisation.objects.get(short_name=dept.short)
        domain = domains[dept.domain]
        items = list(CatalogItem.objects.published().filter(domain=domain, is_group=False)[:3])
        for i, (key, title) in enumerate(dept.docs):
            genre, stage, normative, audience = GENRES[key]
            formed = today - dt.timedelta(days=6 + (d_index * 11 + i * 37) % 330)
            if normative:  # 办法 are older; some have already reached their end
                formed = today - dt.timedelta(days=220 + d_index * 9)
            year = formed.year
            doc_number = ""
            if key in ("notice", "measures", "draft"):
                numbers[dept.abbr + str(year)] = numbers.get(dept.abbr + str(year), 0) + 1
                doc_number = f"皋{dept.abbr}发〔{year}〕{numbers[dept.abbr + str(year)]}号"
            full_title = f"{org.name}{title}" if key == "notice" else title
            data = {
                "organisation": org,
                "title": full_title,
                "body": _body(key, dept, org, title, formed),
                "doc_number": doc_number,
                "written_on": formed,
                "formed_on": formed,
                "genre": genre,
                "stage": stage,
                "topic": topics.get(dept.topic),
                "is_normative": normative,
                "audience_tags": audience,
                "keywords": f"{dept.domain},{dept.subject}",
                "domains": [domain],
                "catalog_items": items[i % len(items) :][:1] if items else [],
                "needs_interpretation": normative,
            }
            if normative and d_index % 3 == 1:
                # a 办法 already past its end (no date in the future): 失效 since that day
                data.update(validity="expired", invalid_on=formed + dt.timedelta(days=200))
            pub = publication_create(actor=editors[dept.short], data=data)
            publication_submit(actor=editors[dept.short], pub=pub)
            reading = None
            if normative:
                short = title.removeprefix("如皋市")
                graphic = d_index % 2 == 0
                reading = publication_create(
                    actor=editors[dept.short],
                    data={
                        "organisation": org,
                        "title": f"一图读懂《{short}》" if graphic else f"《{short}》政策解读",
                        "genre": "interpretation",
                        "interprets": pub,
                        "interpretation_kind": "graphic" if graphic else "qa",
                        "formed_on": formed,
                        "stage": "decision",
                        "domains": [domain],
                        "body": _p(
                            "一、制定背景",
                            f"为规范{dept.subject}工作，根据{dept.basis}，结合我市实际制定本办法。",
                            "二、主要内容",
                            *[f"{n + 1}．{p}。" for n, p in enumerate(dept.points)],
                            "三、问：办法何时施行？",
                            "答：自印发之日起施行，有效期5年。",
                        ),
                    },
                )
                if graphic:
                    _graphic(editors[dept.short], reading, short, dept)
                publication_submit(actor=editors[dept.short], pub=reading)
            pub.refresh_from_db()
            moment = _review_moment(pub, i=i, d_index=d_index, now=now, calendar=calendar)
            if moment is None:
                continue  # still waiting for its reviewer: open, or overdue if past its date
            if reading is not None:  # 三同步: the reading goes out with its policy
                publication_review(
                    actor=reviewers[dept.short], pub=reading, approve=True, now=moment
                )
            publication_review(actor=reviewers[dept.short], pub=pub, approve=True, now=moment)
            if normative:
                normatives.append(pub)
            if key in ("measures", "notice"):
                gazette.append(pub)
    issue = GazetteIssue.objects.create(
        year=today.year, number=1, title="如皋市人民政府公报", published_on=today
    )
    issue.documents.set((normatives + [p for p in gazette if not p.is_normative])[:10])
    gazette_issue_build(actor=None, issue=issue)  # the same step an office uses
    return normatives
