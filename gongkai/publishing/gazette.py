"""政府公报 as a real document: cover, 目录 with page numbers, every document of the issue in
full, page numbers, the Chinese font embedded (docs/publishing.md).

Font: AR PL UMing (文鼎PL细上海宋, Debian package ``fonts-arphic-uming``, Arphic Public
License), a Song/Ming face as official documents use; ``scripts/_env.sh`` installs it. Its
TrueType outlines are embedded as a subset. Without it the PDF falls back to reportlab's
built-in STSong-Light, which readers must supply themselves (not embedded).
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus.tableofcontents import TableOfContents

from gongkai.accounts.permissions import is_office, is_sysadmin
from gongkai.core.audit import audit_record
from gongkai.publishing.models import GazetteIssue

RED = "#b5120b"
BLOCK = re.compile(r"<(p|h[1-6]|li)[^>]*>(.*?)</\1>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")


def _font() -> tuple[str, bool]:
    """(font name, embedded?) — the packaged CJK TrueType face, else the CID fallback."""
    path = Path(settings.GAZETTE_FONT)
    if path.exists():
        if "GazetteSong" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("GazetteSong", str(path), subfontIndex=0))
        return "GazetteSong", True
    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light", False


def _paragraphs(body_html: str) -> list[tuple[str, str]]:
    """(kind, text) of the sanitised body: headings and paragraphs, tags stripped."""
    blocks = [(m.group(1).lower(), m.group(2)) for m in BLOCK.finditer(body_html or "")]
    if not blocks:
        blocks = [("p", body_html or "")]
    out = []
    for tag, inner in blocks:
        text = html.unescape(TAG.sub("", inner)).strip()
        if text:
            out.append(("h" if tag.startswith("h") else "p", text))
    return out


class _Doc(BaseDocTemplate):
    def afterFlowable(self, flowable: Any) -> None:
        if getattr(flowable, "toc_entry", None):
            self.notify("TOCEntry", (0, flowable.toc_entry, self.page - 1))  # cover unnumbered


def gazette_pdf(issue: GazetteIssue) -> bytes:
    """The issue as a PDF built from its publications (in 目录 order)."""
    font, _embedded = _font()
    base = ParagraphStyle("base", fontName=font, fontSize=12, leading=22, wordWrap="CJK")
    body = ParagraphStyle("body", parent=base, firstLineIndent=24, spaceAfter=4)
    heading = ParagraphStyle("h", parent=base, fontSize=13, leading=24, spaceBefore=6)
    title = ParagraphStyle(
        "title", parent=base, fontSize=18, leading=30, alignment=TA_CENTER, spaceAfter=6
    )
    meta = ParagraphStyle("meta", parent=base, alignment=TA_CENTER, textColor="#333333")
    sign = ParagraphStyle("sign", parent=base, alignment=TA_RIGHT, spaceBefore=12)
    cover_title = ParagraphStyle(
        "cover", parent=base, fontSize=36, leading=48, alignment=TA_CENTER, textColor=RED
    )
    cover_meta = ParagraphStyle("cm", parent=base, fontSize=16, leading=28, alignment=TA_CENTER)
    name = issue.title.split("（")[0]  # the issue's name, never with its number twice

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 10)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"— {doc.page - 1} —")
        canvas.restoreState()

    out = io.BytesIO()
    doc = _Doc(
        out,
        pagesize=A4,
        title=f"{name}（{issue}）",
        author=settings.SITE_NAME,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        topMargin=30 * mm,
        bottomMargin=25 * mm,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="f")
    doc.addPageTemplates(
        [PageTemplate("cover", [frame]), PageTemplate("pages", [frame], onPage=footer)]
    )
    toc = TableOfContents()
    toc.levelStyles = [
        ParagraphStyle("toc", parent=base, leftIndent=0, firstLineIndent=0, leading=24)
    ]
    story: list[Any] = [
        Spacer(1, 60 * mm),
        Paragraph(html.escape(name), cover_title),
        Spacer(1, 12 * mm),
        Paragraph(f"{issue.year}年第{issue.number}期（总第{issue.number}期）", cover_meta),
        Spacer(1, 70 * mm),
        Paragraph(html.escape(settings.SITE_NAME) + "办公室　编", cover_meta),
        Paragraph(f"{issue.published_on:%Y年%m月%d日}出版", cover_meta),
        NextPageTemplate("pages"),
        PageBreak(),
        Paragraph("目　　录", title),
        toc,
    ]
    for pub in issue.documents.order_by("written_on", "id"):
        story.append(PageBreak())
        heading_para = Paragraph(html.escape(pub.title), title)
        heading_para.toc_entry = pub.title  # type: ignore[attr-defined]
        story.append(heading_para)
        if pub.doc_number:
            story.append(Paragraph(html.escape(pub.doc_number), meta))
        story.append(Spacer(1, 4 * mm))
        for kind, text in _paragraphs(pub.body):
            story.append(Paragraph(html.escape(text), heading if kind == "h" else body))
        written = pub.written_on or pub.formed_on
        signature = html.escape(pub.issuer or pub.organisation.name)
        story.append(Paragraph(f"{signature}<br/>{written:%Y年%m月%d日}", sign))
    doc.multiBuild(story)
    return out.getvalue()


@transaction.atomic
def gazette_issue_build(*, actor: Any, issue: GazetteIssue) -> GazetteIssue:
    """The 政务公开办 produces an issue's PDF from its documents (replacing an earlier one)."""
    if actor is not None and not (is_office(actor) or is_sysadmin(actor)):
        raise PermissionDenied("只有政务公开办可以编印政府公报")
    if not issue.documents.exists():
        raise ValidationError("本期公报还没有收录文件")
    content = gazette_pdf(issue)
    issue.pdf.save(f"gazette-{issue.year}-{issue.number:02d}.pdf", ContentFile(content))
    audit_record(
        actor=actor,
        action="gazette.build",
        obj=issue,
        new={"documents": issue.documents.count(), "bytes": len(content)},
    )
    return issue
