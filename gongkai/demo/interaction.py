"""Demo 政民互动, made through interaction's services as staff and citizens would.

Calls, visits and letters are recorded with the day they came in (补录), answered on the spot
or through review today, so the figures have on-the-spot answers, on-time replies and one late
one; web messages arrive today and wait for their handlers. Then: a merged duplicate, a 转信访 referral, a 不予受理,
knowledge entries turned from answers, an open consultation with moderated comments, a
survey with answers, hot-topic responses and a published 知识清单 (docs/interaction.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from gongkai.demo.county import County
from gongkai.interaction import consultations as consult
from gongkai.interaction import knowledge as kb
from gongkai.interaction import services
from gongkai.interaction import surveys as sv
from gongkai.interaction.choices import Channel, Kind, Rating
from gongkai.interaction.consult_rules import DecisionKind, HideReason
from gongkai.interaction.duplicates import message_merge
from gongkai.interaction.models import RoutingRule, Spokesperson


@dataclass(frozen=True)
class Call:
    org: str
    kind: str
    channel: str
    ago: int  # days before today it came in
    subject: str
    content: str
    answer: str  # "" = still being handled
    on_spot: bool = False
    rating: str = ""


CALLS = [
    Call(
        "人社局",
        Kind.CONSULT,
        Channel.PHONE,
        0,
        "灵活就业人员如何缴纳养老保险",
        "本人灵活就业，想了解在哪里办理企业职工养老保险参保登记、缴费基数怎么选。",
        "可携带身份证到市政务服务中心人社窗口或通过“江苏智慧人社”办理参保登记，缴费基数可在"
        "全省公布的上下限之间自主选择。",
        on_spot=True,
        rating=Rating.SATISFIED,
    ),
    Call(
        "医保局",
        Kind.CONSULT,
        Channel.PHONE,
        0,
        "异地就医备案怎么办理",
        "父母长期在外地随子女居住，看病报销需要办理什么手续？",
        "可通过国家医保服务平台App或到医保经办窗口办理异地长期居住备案，备案后在就医地定点"
        "医院直接结算。",
        on_spot=True,
        rating=Rating.SATISFIED,
    ),
    Call(
        "城管局",
        Kind.COMPLAINT,
        Channel.PHONE,
        18,
        "夜间施工噪声扰民",
        "海阳南路某工地每天晚上十点以后仍在施工，噪声很大，影响休息。",
        "经现场核查，该工地未办理夜间施工许可，已责令停止夜间作业并立案调查。",
        rating=Rating.SATISFIED,
    ),
    Call(
        "住建局",
        Kind.SUGGESTION,
        Channel.LETTER,
        16,
        "建议老旧小区加装电梯简化审批",
        "我们小区是上世纪九十年代建的六层楼，很多老人上下楼困难，建议简化加装电梯的审批流程。",
        "我局已会同自然资源和规划局制定既有住宅加装电梯联合审查办法，实行一窗受理、并联审批，"
        "欢迎符合条件的小区申请。",
        rating=Rating.BASIC,
    ),
    Call(
        "市场监管局",
        Kind.REPORT,
        Channel.PHONE,
        12,
        "超市销售过期食品",
        "某超市货架上有过期的酸奶仍在销售。",
        "执法人员已到现场检查，查扣过期食品并依法立案处理。",
        rating=Rating.SATISFIED,
    ),
    Call(
        "教体局",
        Kind.CONSULT,
        Channel.WALK_IN,
        0,
        "义务教育阶段入学需要哪些材料",
        "孩子明年上小学，需要准备哪些材料，何时报名？",
        "请关注每年5月发布的招生公告，一般需提供户口簿、房产证明或居住证等材料。",
        on_spot=True,
        rating=Rating.SATISFIED,
    ),
    Call(
        "城管局",
        Kind.COMPLAINT,
        Channel.PHONE,
        26,
        "小区门口占道经营",
        "如城街道某小区门口早晚有摊贩占道经营，影响通行。",
        "已安排执法中队早晚巡查，引导摊贩进入便民疏导点经营。",
        rating=Rating.UNSATISFIED,
    ),
    Call(
        "民政局",
        Kind.CONSULT,
        Channel.PHONE,
        0,
        "高龄津贴如何申领",
        "家中老人今年满80周岁，高龄津贴怎么申请？",
        "可由本人或家属携带身份证、户口簿到户籍所在地村（社区）申请，审核通过后按月发放。",
        on_spot=True,
        rating=Rating.SATISFIED,
    ),
    Call(
        "卫健委",
        Kind.SUGGESTION,
        Channel.LETTER,
        9,
        "建议乡镇卫生院增加儿科门诊时间",
        "周末带孩子到卫生院看病，儿科不开门，建议增加周末门诊。",
        "已要求各乡镇卫生院合理安排儿科门诊，周末设置儿科或全科医生值班。",
    ),
    Call(
        "生态环境局",
        Kind.COMPLAINT,
        Channel.PHONE,
        7,
        "河道有异味",
        "某村河道近期发黑发臭，怀疑有企业偷排。",
        "经监测和排查，系生活污水管网破损所致，已督促修复并开展河道清淤。",
        rating=Rating.BASIC,
    ),
    Call(
        "人社局",
        Kind.CONSULT,
        Channel.PHONE,
        10,
        "失业保险金领取条件",
        "单位裁员，失业后可以领取失业保险金吗？",
        "",
        on_spot=False,
    ),
    Call(
        "住建局",
        Kind.COMPLAINT,
        Channel.LETTER,
        6,
        "物业公司不履行维修义务",
        "小区电梯多次故障，物业公司拖延维修。",
        "",
    ),
]

WEB = [
    (
        "城管局",
        Kind.COMPLAINT,
        "某某路路灯不亮",
        "如城街道某某路与某某街交叉口的路灯连续一周不亮，夜间出行不便，请尽快修复。",
    ),
    (
        "城管局",
        Kind.COMPLAINT,
        "某某路口路灯坏了",
        "如城街道某某路与某某街交叉口路灯一周不亮，晚上很黑，请派人修复。",
    ),
    (
        "住建局",
        Kind.MAILBOX,
        "关于老旧小区改造的建议",
        "希望市领导关注城北片区老旧小区的雨污分流和停车难问题。",
    ),
    ("教体局", Kind.CONSULT, "课后服务收费标准", "小学课后服务是否收费，标准是多少？"),
]


def seed_interaction(county: County) -> None:
    orgs, editors, reviewers = county.orgs, county.editors, county.reviewers
    today = timezone.localdate()
    for kind, short in (
        (Kind.COMPLAINT, "城管局"),
        (Kind.REPORT, "市场监管局"),
        (Kind.SUGGESTION, "住建局"),
    ):
        RoutingRule.objects.create(kind=kind, organisation=orgs[short])
    answered = []
    for i, c in enumerate(CALLS):
        org, editor, reviewer = orgs[c.org], editors[c.org], reviewers[c.org]
        msg, _code = services.message_submit(
            data={
                "kind": c.kind,
                "subject": c.subject,
                "content": c.content,
                "organisation": org,
                "name": f"来电群众{i + 1}",
                "phone": f"1390000{i:04d}",
                "allow_public": True,
            },
            channel=c.channel,
            actor=editor,
            received_on=today - dt.timedelta(days=c.ago),
        )
        if not c.answer:
            services.message_accept(actor=editor, msg=msg)
            continue
        if c.on_spot:
            msg = services.message_answer_on_spot(actor=editor, msg=msg, text=c.answer)
        else:
            services.message_accept(actor=editor, msg=msg)
            services.message_answer(actor=editor, msg=msg, text=c.answer)
            msg = services.message_answer_review(actor=reviewer, msg=msg, approve=True)
        if c.rating:
            msg = services.message_rate(msg=msg, rating=c.rating)
        answered.append(msg)
    web = [
        services.message_submit(
            data={
                "kind": kind,
                "subject": subject,
                "content": content,
                "organisation": orgs[short],
                "name": "网友",
                "phone": f"1370000{n:04d}",
                "allow_public": True,
            }
        )[0]
        for n, (short, kind, subject, content) in enumerate(WEB)
    ]
    message_merge(actor=editors["城管局"], msg=web[1], into=web[0])
    services.message_accept(actor=editors["城管局"], msg=web[0])
    petition, _ = services.message_submit(
        data={
            "kind": Kind.COMPLAINT,
            "subject": "征地补偿款长期未发放",
            "content": "本村土地被征收三年，补偿款至今未全部发放，多次反映无果。",
            "organisation": orgs["城管局"],
            "name": "村民",
            "phone": "13700009999",
        }
    )
    services.message_refer_petition(
        actor=editors["城管局"], msg=petition, note="属信访事项，已转市信访局依《信访工作条例》办理"
    )
    rejected, _ = services.message_submit(
        data={
            "kind": Kind.SUGGESTION,
            "subject": "测试",
            "content": "测试测试",
            "name": "网友",
            "phone": "13700008888",
        }
    )
    services.message_reject(
        actor=editors["住建局"], msg=rejected, reason="留言内容不具体，无法办理"
    )

    _seed_knowledge(county, answered)
    _seed_consultation(county, today)
    _seed_survey(county, today)
    _seed_hot_topics(county)
    kl = kb.knowledge_list_compile(
        actor=county.office,
        title="",
        start=today - dt.timedelta(days=89),
        end=today,
        note="汇总近三个月群众建言和投诉反映的问题及办理情况。",
    )
    kb.knowledge_list_publish(actor=county.office, kl=kl)


def _seed_knowledge(county: County, answered: list) -> None:  # type: ignore[type-arg]
    for msg in answered:
        if msg.kind != Kind.CONSULT:
            continue
        short = msg.organisation.short_name
        entry = kb.knowledge_from_message(actor=county.editors[short], msg=msg)
        kb.knowledge_entry_publish(actor=county.reviewers[short], entry=entry)
    entry = kb.knowledge_entry_save(
        actor=county.office,
        data={
            "question": "申请政府信息公开，多长时间能得到答复？",
            "answer": "行政机关收到申请，能够当场答复的应当当场答复；不能当场答复的，应当自收到"
            "申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人"
            "同意并告知申请人，延长期限最长不得超过20个工作日。",
            "organisation": county.orgs["政府办"],
            "basis": "《中华人民共和国政府信息公开条例》第三十三条",
        },
    )
    kb.knowledge_entry_publish(actor=county.office, entry=entry)


def _seed_consultation(county: County, today: dt.date) -> None:
    editor, reviewer, org = (
        county.editors["住建局"],
        county.reviewers["住建局"],
        county.orgs["住建局"],
    )
    c = consult.consultation_save(
        actor=editor,
        data={
            "organisation": org,
            "title": "如皋市既有住宅加装电梯实施办法（征求意见稿）",
            "decision_kind": DecisionKind.NORMATIVE,
            "deciding_body": "如皋市人民政府",
            "draft": "第一条 为改善既有住宅使用功能，方便居民出行，制定本办法。\n"
            "第二条 本办法适用于本市城市规划区内四层以上（含四层）、未设电梯的既有住宅。\n"
            "第三条 加装电梯应当经本单元房屋专有部分面积占比三分之二以上且人数占比三分之二以上"
            "的业主参与表决，并经参与表决的业主四分之三以上同意。\n"
            "第四条 加装电梯实行一窗受理、联合审查。\n"
            "第五条 本办法自发布之日起施行。",
            "explanation": "为回应群众加装电梯的需求，简化审批流程，起草本办法。",
            "how_to_comment": "可在本页逐条提出意见，或发送电子邮件至住建局。",
            "starts_on": today,
            "ends_on": today + dt.timedelta(days=30),
        },
    )
    c = consult.consultation_publish(actor=reviewer, consultation=c)
    paragraphs = list(c.paragraphs.all())
    for paragraph, text, show in (
        (paragraphs[2], "建议明确低层住户的补偿标准，减少邻里矛盾。", True),
        (None, "支持出台，希望财政给予适当补贴。", True),
        (None, "加微信了解优惠贷款", False),
    ):
        comment = consult.comment_submit(
            consultation=c,
            data={"paragraph": paragraph, "content": text, "phone": "13600001111"},
        )
        consult.comment_moderate(
            actor=editor, comment=comment, show=show, reason="" if show else HideReason.ADVERT
        )


def _seed_survey(county: County, today: dt.date) -> None:
    s = sv.survey_save(
        actor=county.editors["城管局"],
        data={
            "title": "城市管理服务满意度问卷调查",
            "intro": "为改进城市管理工作，请您花两分钟填写本问卷。问卷匿名填写。",
            "organisation": county.orgs["城管局"],
            "start_on": today,
            "end_on": today + dt.timedelta(days=20),
            "source": "[单选] 您对所在片区的市容环境是否满意？\n- 满意\n- 基本满意\n- 不满意\n"
            "[多选] 您认为最需要改进的方面有哪些？\n- 占道经营\n- 停车管理\n- 路灯照明\n"
            "- 垃圾分类\n[问答] 您还有什么意见和建议？（选填）",
        },
    )
    sv.survey_publish(actor=county.reviewers["城管局"], survey=s)
    picks = [(1, [1, 2]), (2, [2]), (1, [3]), (1, [1, 4]), (2, [1, 2]), (3, [3]), (1, [2])]
    for n, (single, multiple) in enumerate(picks):
        sv.survey_respond(survey=s, answers={1: str(single), 2: multiple}, source=f"demo:{n}")


def _seed_hot_topics(county: County) -> None:
    now = timezone.now()
    for short, name, post in (
        ("政府办", "陈某", "副主任"),
        ("城管局", "周某", "副局长"),
        ("生态环境局", "吴某", "副局长"),
    ):
        Spokesperson.objects.create(organisation=county.orgs[short], name=name, post=post)
    editor, reviewer = county.editors["生态环境局"], county.reviewers["生态环境局"]
    topic = kb.hot_topic_save(
        actor=editor,
        data={
            "title": "关于某河段出现死鱼情况的回应",
            "concern": "网民反映某河段出现大量死鱼，担心水质受到污染。",
            "response": "接报后我局立即组织监测，结果显示主要指标符合地表水Ⅲ类标准，死鱼系高温"
            "缺氧所致。我局将持续监测并及时公布结果。",
            "organisation": county.orgs["生态环境局"],
            "spokesperson": Spokesperson.objects.get(organisation=county.orgs["生态环境局"]),
            "major": True,
            "arose_at": now - dt.timedelta(hours=3),
        },
    )
    kb.hot_topic_publish(actor=reviewer, topic=topic)
