"""The annual report as DOCX and xlsx in the national layout (国办公开办函〔2021〕30号): six
sections, table 二 in its four blocks, table 三 with its 7 applicant columns and 25 rows,
table 四 with its 15 cells (docs/supervision.md#annual-report)."""

from __future__ import annotations

import io
from typing import Any

from gongkai.supervision.annual_rules import SECTIONS

THREE_HEAD = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
FOUR_HEAD = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def table_three_rows(three: dict[str, Any]) -> list[tuple[str, list[int]]]:
    """Label and cells of every numeric row of table 三, in the national order."""
    rows = [
        ("一、本年新收政府信息公开申请数量", three["new_row"]),
        ("二、上年结转政府信息公开申请数量", three["carried_in_row"]),
    ]
    seen_groups: set[str] = set()
    for r in three["rows"]:
        numbered = r["code"][0] in "3456"
        if numbered and r["group"] not in seen_groups:
            seen_groups.add(r["group"])
            rows.append((f"三、本年度办理结果 {r['group']}", []))  # a group heading, no numbers
        label = (
            f"    {r['code'].split('.')[1]}.{r['label']}"
            if numbered
            else f"三、本年度办理结果 {r['group']}"
        )
        rows.append((label, r["cells"]))
    rows.append(("三、本年度办理结果 （七）总计", three["total_row"]))
    rows.append(("四、结转下年度继续办理", three["carried_out_row"]))
    return rows


def table_two_rows(two: dict[str, Any]) -> list[list[str]]:
    docs = two["documents"]
    return [
        ["第二十条第（一）项", "", "", ""],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        *[[d["label"], str(d["issued"]), str(d["abolished"]), str(d["current"])] for d in docs],
        ["第二十条第（五）项", "", "", ""],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政许可", str(two["licences"]), "", ""],
        ["第二十条第（六）项", "", "", ""],
        ["信息内容", "本年处理决定数量", "", ""],
        ["行政处罚", str(two["penalties"]), "", ""],
        ["行政强制", str(two["enforcements"]), "", ""],
        ["第二十条第（八）项", "", "", ""],
        ["信息内容", "本年收费金额（单位：万元）", "", ""],
        ["行政事业性收费", two["fees_wan"], "", ""],
    ]


def report_docx(report: Any, tables: dict[str, Any]) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading(str(report), level=0)
    doc.add_paragraph(tables["period"] + "。")
    texts = {0: report.overview, 4: report.problems, 5: report.other}
    for i, heading in enumerate(SECTIONS):
        doc.add_heading(heading, level=1)
        if i in texts:
            for para in (texts[i] or "").splitlines():
                if para.strip():
                    doc.add_paragraph(para.strip())
        elif i == 1:
            _docx_table(doc, table_two_rows(tables["table_two"]))
        elif i == 2:
            head = [
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                *THREE_HEAD,
            ]
            body = [
                [label, *[str(n) for n in cells]]
                for label, cells in table_three_rows(tables["table_three"])
            ]
            _docx_table(doc, [head, *body])
        else:
            four = tables["table_four"]
            head = ["", *FOUR_HEAD]
            _docx_table(doc, [head, *[[r["label"], *[str(n) for n in r["cells"]]] for r in four]])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _docx_table(doc: Any, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    for row in rows:
        cells = table.add_row().cells
        for i, value in enumerate(row):
            cells[i].text = value


def report_xlsx(report: Any, tables: dict[str, Any]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    two = wb.active
    two.title = "表二 主动公开"
    two.append([f"{report}　二、主动公开政府信息情况"])
    for row in table_two_rows(tables["table_two"]):
        two.append([_number(v) for v in row])
    three = wb.create_sheet("表三 依申请公开")
    three.append([f"{report}　三、收到和处理政府信息公开申请情况"])
    three.append(["项目", *THREE_HEAD])
    for label, cells in table_three_rows(tables["table_three"]):
        three.append([label.strip(), *cells])
    four = wb.create_sheet("表四 复议诉讼")
    four.append([f"{report}　四、政府信息公开行政复议、行政诉讼情况"])
    four.append(["类型", *FOUR_HEAD])
    for r in tables["table_four"]:
        four.append([r["label"], *r["cells"]])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _number(value: str) -> Any:
    try:
        return float(value) if "." in value else int(value)
    except ValueError:
        return value
