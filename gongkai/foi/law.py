"""The 依申请公开 law as code (docs/foi.md; cn-rules §1, §2.3).

Every rule names its source: 《中华人民共和国政府信息公开条例》 (条例) and
《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号, 办法).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

REPLY_WORKING_DAYS = 20  # 条例 第三十三条第二款: 自收到申请之日起20个工作日内予以答复
MAX_EXTENSION_WORKING_DAYS = 20  # 条例 第三十三条第二款: 延长的期限最长不得超过20个工作日
CORRECTION_NOTICE_WORKING_DAYS = 7  # 条例 第三十条: 自收到申请之日起7个工作日内一次性告知补正
CONSULTATION_WORKING_DAYS = (
    15  # 条例 第三十二条、第三十四条: 自收到征求意见书之日起15个工作日内提出意见
)
FEE_PAYMENT_WORKING_DAYS = 20  # 收费通知次日起20个工作日内缴纳, 逾期视为放弃 (cn-rules §1.5)


class Channel(models.TextChoices):
    """Receipt channels and their 收到申请之日 rule (条例 第三十一条)."""

    IN_PERSON = "in_person", _("当面提交")  # (一) 提交之日
    POST_SIGNED = "post_signed", _("邮寄（需签收）")  # (二) 签收之日
    POST_PLAIN = "post_plain", _("平常信函")  # (二) 当日与申请人确认, 确认之日
    ONLINE = "online", _("互联网")  # (三) 双方确认之日 (online: confirmed automatically)
    FAX = "fax", _("传真")  # (三) 双方确认之日
    EMAIL = "email", _("电子邮箱")  # 国办公开办函〔2015〕207号: 电子邮件系统接收之日
    OTHER = "other", _("其他渠道")  # 207号: 没有规定的, 双方确认之日


OFFLINE_CHANNELS = [c for c in Channel.choices if c[0] != Channel.ONLINE]  # staff register these
NEEDS_CONFIRMATION = {Channel.POST_PLAIN, Channel.FAX, Channel.OTHER}


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ORGANISATION = "organisation", _("法人或其他组织")


class OrgCategory(models.TextChoices):
    """Applicant columns of annual-report table 三 (国办公开办函〔2021〕30号)."""

    BUSINESS = "business", _("商业企业")
    RESEARCH = "research", _("科研机构")
    NONPROFIT = "nonprofit", _("社会公益组织")
    LEGAL = "legal", _("法律服务机构")
    OTHER = "other", _("其他")


class Delivery(models.TextChoices):
    PAPER = "paper", _("纸质")
    EMAIL = "email", _("电子邮件")
    DISC = "disc", _("光盘")
    PICKUP = "pickup", _("自行领取")
    ONLINE = "online", _("在线查看")


@dataclass(frozen=True)
class OutcomeRow:
    code: str
    label: str  # exactly as in annual-report table 三
    group: str
    basis: str  # the article it rests on (cn-rules §2.3 mapping)
    releases: bool = False  # information is handed out: 保密审查 first (条例 第十七条)
    system_only: bool = False  # set by the workflow itself, never chosen in a reply


OUTCOMES: list[OutcomeRow] = [
    OutcomeRow("1", "予以公开", "（一）予以公开", "条例第三十六条第（一）（二）项", True),
    OutcomeRow(
        "2",
        "部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（二）部分公开",
        "条例第三十七条",
        True,
    ),
    OutcomeRow("3.1", "属于国家秘密", "（三）不予公开", "条例第十四条"),
    OutcomeRow("3.2", "其他法律行政法规禁止公开", "（三）不予公开", "条例第十四条"),
    OutcomeRow("3.3", "危及“三安全一稳定”", "（三）不予公开", "条例第十四条"),
    OutcomeRow("3.4", "保护第三方合法权益", "（三）不予公开", "条例第十五条"),
    OutcomeRow("3.5", "属于三类内部事务信息", "（三）不予公开", "条例第十六条第一款"),
    OutcomeRow("3.6", "属于四类过程性信息", "（三）不予公开", "条例第十六条第二款"),
    OutcomeRow("3.7", "属于行政执法案卷", "（三）不予公开", "条例第十六条第二款"),
    OutcomeRow("3.8", "属于行政查询事项", "（三）不予公开", "条例第三十六条第（七）项"),
    OutcomeRow(
        "4.1", "本机关不掌握相关政府信息", "（四）无法提供", "条例第三十六条第（四）（五）项"
    ),
    OutcomeRow("4.2", "没有现成信息需要另行制作", "（四）无法提供", "条例第三十八条"),
    OutcomeRow("4.3", "补正后申请内容仍不明确", "（四）无法提供", "条例第三十条"),
    OutcomeRow("5.1", "信访举报投诉类申请", "（五）不予处理", "条例第三十九条第一款"),
    OutcomeRow("5.2", "重复申请", "（五）不予处理", "条例第三十六条第（六）项"),
    OutcomeRow("5.3", "要求提供公开出版物", "（五）不予处理", "条例第三十九条第二款"),
    OutcomeRow("5.4", "无正当理由大量反复申请", "（五）不予处理", "条例第三十五条"),
    OutcomeRow("5.5", "要求行政机关确认或重新出具已获取信息", "（五）不予处理", "—"),
    OutcomeRow(
        "6.1",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "（六）其他处理",
        "条例第三十条",
        system_only=True,
    ),
    OutcomeRow(
        "6.2",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "（六）其他处理",
        "《政府信息公开信息处理费管理办法》",
        system_only=True,
    ),
    OutcomeRow("6.3", "其他", "（六）其他处理", "—"),
]
OUTCOME_BY_CODE = {o.code: o for o in OUTCOMES}
OUTCOME_CHOICES = [
    (o.code, f"{o.group} {o.label}" if o.code[0] in "3456" else o.label) for o in OUTCOMES
]
# what a handler may choose when replying: every row but those the workflow sets itself
DECISION_CHOICES = [c for c in OUTCOME_CHOICES if not OUTCOME_BY_CODE[c[0]].system_only]
ABANDONED_NO_CORRECTION = "6.1"  # 条例 第三十条: 逾期不补正, 视为放弃
ABANDONED_NO_PAYMENT = "6.2"  # 办法: 逾期未缴纳, 视为放弃
OTHER_OUTCOME = "6.3"  # withdrawal is counted here (a choice; cn-rules marks it [U])


# 信息处理费 (办法 第三条至第五条) ------------------------------------------------------------
MAX_FEE_ITEMS = 1000  # 件 in one notice; beyond this a request is a 第三十五条 case, not a fee
MAX_FEE_PAGES = 100_000  # 页 in one notice


def _band_sum(first: int, last: int, lo: int, hi: int | None, price: int) -> int:
    """Price × the number of positions first..last that fall inside the band lo..hi."""
    top = last if hi is None else min(last, hi)
    bottom = max(first, lo)
    return max(0, top - bottom + 1) * price


def fee_per_item(already: int, count: int) -> int:
    """按件计收 (办法 第四条): the applicant's month, progressive by position.

    "同一申请人一个自然月内累计申请10件以下(含10件)的，不收费；11—30件(含30件)的部分：100元/件；
    31件以上的部分：以10件为一档，每增加一档，收费标准提高100元/件". ``already`` = the
    applicant's applications (items) earlier in the same natural month, charged or not; this
    application occupies positions already+1 … already+count. Items 31–40 cost 200元, 41–50
    300元, … (cn-rules §1.5 worked example).
    """
    if already < 0 or not 0 <= count <= MAX_FEE_ITEMS:
        raise ValueError(f"件数应在1至{MAX_FEE_ITEMS}之间")
    first, last = already + 1, already + count
    total = _band_sum(first, last, 11, 30, 100)
    if last >= 31:
        for band in range((max(first, 31) - 31) // 10, (last - 31) // 10 + 1):
            lo = 31 + 10 * band
            total += _band_sum(first, last, lo, lo + 9, 200 + 100 * band)
    return total


def fee_per_volume(pages: int) -> int:
    """按量计收 (办法 第三条、第五条), for one application on its own.

    第三条: "行政机关对每件申请可以根据实际情况选择适用其中一种标准" — the page bands apply to
    each application separately (not summed over the month): ≤ 30 pages free; 31–100: 10元;
    101–200: 20元; 201 and more: 40元 per page.
    """
    if not 0 <= pages <= MAX_FEE_PAGES:
        raise ValueError(f"页数应在1至{MAX_FEE_PAGES}之间")
    return (
        _band_sum(1, pages, 31, 100, 10)
        + _band_sum(1, pages, 101, 200, 20)
        + _band_sum(1, pages, 201, None, 40)
    )
