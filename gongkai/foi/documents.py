"""告知书 generation as DOCX and PDF from editable templates, and 送达 records (docs/foi.md).

Every decision document carries its number, legal basis and the remedy clause of 条例
第五十一条 (行政复议 within 60 days, 行政诉讼 within 6 months).
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from docx import Document as DocxDocument
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from gongkai.foi.law import OUTCOME_BY_CODE
from gongkai.foi.models import (
    DECISION_KINDS,
    Action,
    Application,
    DocKind,
    EventKind,
    ReplyDocument,
    ReplyTemplate,
)
from gongkai.foi.services import _event, _guard, _require_handler

REMEDY = (
    "如对本答复不服，可以自收到本告知书之日起60日内依法申请行政复议，"
    "或者自收到本告知书之日起6个月内依法向人民法院提起行政诉讼。"
)
BASIS = {
    DocKind.DISCLOSE: "《中华人民共和国政府信息公开条例》第三十六条",
    DocKind.PARTIAL: "《中华人民共和国政府信息公开条例》第三十七条",
    DocKind.NOT_EXIST: "《中华人民共和国政府信息公开条例》第三十六条第（四）项",
    DocKind.NOT_OURS: "《中华人民共和国政府信息公开条例》第三十六条第（五）项",
    DocKind.REPEAT: "《中华人民共和国政府信息公开条例》第三十六条第（六）项",
    DocKind.CORRECTION: "《中华人民共和国政府信息公开条例》第三十条",
    DocKind.EXTENSION: "《中华人民共和国政府信息公开条例》第三十三条",
    DocKind.FEE: "《政府信息公开信息处理费管理办法》",
    DocKind.THIRD_PARTY: "《中华人民共和国政府信息公开条例》第三十二条",
}
_FONT = "STSong-Light"  # Adobe CID font for simplified Chinese, built into reportlab


def _number(app: Application, on: dt.date) -> str:
    seq = (
        ReplyDocument.objects.filter(
            application__organisation=app.organisation, created_at__year=on.year
        ).count()
        + 1
    )
    prefix = app.organisation.short_name or app.organisation.name
    return f"{prefix}依申请告〔{on.year}〕{seq}号"


def render_text(app: Application, kind: str, extra: dict[str, Any], on: dt.date) -> tuple[str, str]:
    template = ReplyTemplate.objects.filter(kind=kind).first()
    if template is None:
        raise ValidationError("该类型的文书模板不存在，请联系政务公开办")
    row = OUTCOME_BY_CODE.get(app.outcome)
    basis = BASIS.get(kind) or (
        f"《中华人民共和国政府信息公开条例》{row.basis.removeprefix('条例')}"
        if row
        else "《中华人民共和国政府信息公开条例》"
    )
    values: dict[str, Any] = defaultdict(
        str,
        {
            "申请人": app.name,
            "受理编号": app.receipt_no,
            "所需信息": app.description[:200],
            "收到日期": f"{app.received_on:%Y年%m月%d日}" if app.received_on else "",
            "答复内容": app.reply_text,
            "法律依据": basis,
            "机关名称": app.organisation.name,
            "补正期限": f"{app.correction_deadline:%Y年%m月%d日}"
            if app.correction_deadline
            else "",
            "延期天数": app.extension_days,
            "答复期限": f"{app.reply_due:%Y年%m月%d日}" if app.reply_due else "",
            "费用": app.fee_amount,
            "缴费期限": f"{app.fee_due:%Y年%m月%d日}" if app.fee_due else "",
            **extra,
        },
    )
    body = template.body.format_map(values)
    if kind in DECISION_KINDS:
        body += "\n\n" + REMEDY
    body += f"\n\n{app.organisation.name}\n{on:%Y年%m月%d日}"
    return body, basis


def _docx(title: str, number: str, body: str) -> bytes:
    doc = DocxDocument()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "SimSun", Pt(12)
    doc.add_heading(title, level=1)
    doc.add_paragraph(number)
    for para in body.split("\n"):
        doc.add_paragraph(para)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _pdf(title: str, number: str, body: str) -> bytes:
    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    out = io.BytesIO()
    heading = ParagraphStyle("h", fontName=_FONT, fontSize=18, leading=26, alignment=1)
    normal = ParagraphStyle("n", fontName=_FONT, fontSize=12, leading=20, wordWrap="CJK")
    story = [
        Paragraph(title, heading),
        Paragraph(number, ParagraphStyle("c", parent=normal, alignment=1)),
        Spacer(1, 12),
    ]
    for para in body.split("\n"):
        story.append(Paragraph(para.replace("&", "&amp;").replace("<", "&lt;") or "&nbsp;", normal))
    SimpleDocTemplate(out, pagesize=A4, title=title).build(story)
    return out.getvalue()


@transaction.atomic
def reply_document_generate(
    *, actor: Any, app: Application, kind: str, extra: dict[str, Any] | None = None
) -> ReplyDocument:
    _require_handler(actor, app)
    _guard(app, Action.DOCUMENT)
    if kind not in DocKind.values:
        raise ValidationError({"kind": "请选择文书类型"})
    if kind in DECISION_KINDS and not app.outcome:
        raise ValidationError("请先作出答复，再生成答复告知书")
    on = timezone.localdate()
    text, basis = render_text(app, kind, extra or {}, on)
    title = str(DocKind(kind).label)
    number = _number(app, on)
    document = ReplyDocument(
        application=app, kind=kind, number=number, legal_basis=basis, text=text, created_by=actor
    )
    document.docx.save(
        f"{app.receipt_no}-{kind}.docx", ContentFile(_docx(title, number, text)), save=False
    )
    document.pdf.save(
        f"{app.receipt_no}-{kind}.pdf", ContentFile(_pdf(title, number, text)), save=False
    )
    document.save()
    _event(app, EventKind.DOCUMENT, f"制作{title}（{number}）", actor=actor, public=False)
    return document


@transaction.atomic
def reply_document_serve(
    *, actor: Any, document: ReplyDocument, method: str, on: dt.date, receipt: str = ""
) -> ReplyDocument:
    """送达: method, date and the receipt or proof (送达回证、邮件回执…)."""
    _require_handler(actor, document.application)
    _guard(document.application, Action.SERVE)
    if not method.strip():
        raise ValidationError({"method": "请填写送达方式"})
    made_on = timezone.localtime(document.created_at).date()
    if not made_on <= on <= timezone.localdate():
        raise ValidationError({"on": f"送达日期应在制作日期（{made_on:%Y-%m-%d}）与今天之间"})
    document.served_method, document.served_on, document.service_receipt = (
        method.strip(),
        on,
        receipt,
    )
    document.save(update_fields=["served_method", "served_on", "service_receipt"])
    _event(
        document.application,
        EventKind.SERVED,
        f"送达{document.get_kind_display()}（{method}）",
        on=on,
        actor=actor,
    )
    return document
