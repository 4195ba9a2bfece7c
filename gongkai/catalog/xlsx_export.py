"""xlsx export of the catalog: one sheet per domain, real column layout (cn-rules §4.3)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from gongkai.catalog.choices import DisclosureMode, Stage
from gongkai.catalog.models import CatalogItem, Domain
from gongkai.catalog.rules import format_legal_bases, format_rule
from gongkai.catalog.xlsx_layout import COLUMNS, TICK, format_channels

HEADER_ROWS = 3  # title row + two header rows, as in the printed catalogs


def sheet_title(domain: Domain) -> str:
    return re.sub(r"[\[\]:*?/\\]", "_", domain.name)[:31]


def _names(item: CatalogItem) -> tuple[str, str, str]:
    """(一级, 二级, 三级) names of the row that ``item`` is."""
    if item.depth == 1:
        return item.name, "", ""
    if item.depth == 2:
        return item.parent.name, item.name, ""
    return item.parent.parent.name, item.parent.name, item.name


def item_row(seq: int, item: CatalogItem) -> list[object]:
    l1, l2, l3 = _names(item)
    rule = item.time_limit_rule()
    return [
        seq,
        l1,
        l2,
        item.content,
        format_legal_bases(item.legal_bases),
        item.time_limit_text,
        item.organisation.name,
        format_channels(item.channels),
        TICK if item.audience == "public" else "",
        TICK if item.audience == "specific" else "",
        TICK if item.mode == DisclosureMode.PROACTIVE else "",
        TICK if item.mode == DisclosureMode.ON_REQUEST else "",
        TICK if item.tier_county else "",
        TICK if item.tier_township else "",
        l3,
        item.code,
        str(Stage(item.stage).label) if item.stage else "",
        item.consult_method,
        item.supervision_method,
        item.non_proactive_reason,
        format_rule(rule),
        "、".join(sorted(p.code for p in item.power_items.all())),
        "、".join(sorted(s.code for s in item.service_items.all())),
        item.remarks,
    ]


def _write_header(ws, title: str) -> None:  # type: ignore[no-untyped-def]
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    col = 1
    while col <= len(COLUMNS):
        top, sub = COLUMNS[col - 1]
        if sub is None:
            ws.cell(row=2, column=col, value=top)
            ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
            col += 1
            continue
        span = 1
        while col + span <= len(COLUMNS) and COLUMNS[col + span - 1][0] == top:
            span += 1
        ws.cell(row=2, column=col, value=top)
        ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + span - 1)
        for offset in range(span):
            ws.cell(row=3, column=col + offset, value=COLUMNS[col + offset - 1][1])
        col += span
    for row in ws.iter_rows(min_row=2, max_row=3):
        for cell in row:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths = [
        6,
        16,
        20,
        40,
        40,
        30,
        18,
        30,
        6,
        6,
        6,
        8,
        6,
        6,
        16,
        14,
        8,
        20,
        20,
        20,
        24,
        16,
        16,
        16,
    ]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "B4"


def row_items(items: Iterable[CatalogItem]) -> list[CatalogItem]:
    """Items that are rows: every disclosed item (groups only appear as names)."""
    return [i for i in items if not i.is_group]


def catalog_export(items: Iterable[CatalogItem], *, government_name: str = "") -> bytes:
    items = list(items)
    wb = Workbook()
    wb.remove(wb.active)
    by_domain: dict[int, list[CatalogItem]] = {}
    for item in row_items(items):
        by_domain.setdefault(item.domain_id, []).append(item)
    for domain in Domain.objects.filter(pk__in=by_domain).order_by("display_order", "code"):
        ws = wb.create_sheet(sheet_title(domain))
        _write_header(ws, f"{government_name}{domain.name}领域基层政务公开标准目录")
        for seq, item in enumerate(sorted(by_domain[domain.pk], key=lambda i: i.code), start=1):
            ws.append(item_row(seq, item))
    if not wb.worksheets:
        ws = wb.create_sheet("目录")
        _write_header(ws, f"{government_name}基层政务公开标准目录")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def export_queryset(qs):  # type: ignore[no-untyped-def]
    return qs.select_related("domain", "organisation", "parent__parent").prefetch_related(
        "power_items", "service_items"
    )
