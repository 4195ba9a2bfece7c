"""Reading the corpus format: title, dates, chapters, articles and their 款."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gongkai.laws.parser import LawFormatError, parse_file, parse_text

TEXT = """---
bookCollapseSection: true
---
# 某某市测试条例

2019年4月3日 某某市人民代表大会常务委员会公布

2020年1月8日 第一次修正

2020年5月1日 施行

<!-- INFO END -->

## 第一章 总则

第一条 为了测试，制定本条例。

第二条 本条例适用于：

（一）甲；

（二）乙。

### 第一节 细则

第二条之一 补充规定。

## 第二章 附则

第二十条　本条例自公布之日起施行。
"""


def test_title_dates_chapters_and_articles() -> None:
    law = parse_text(TEXT, level="local", branch="测试", region="测试")
    assert law.title == "某某市测试条例"
    assert law.promulgated_on == dt.date(2020, 1, 8)  # the last change
    assert law.effective_on == dt.date(2020, 5, 1)  # the 施行 line
    assert [a.label for a in law.articles] == ["第一条", "第二条", "第二条之一", "第二十条"]
    assert law.articles[1].text == "本条例适用于：\n（一）甲；\n（二）乙。"  # 款 and 项 kept
    headings = [(b.label, b.level) for b in law.blocks if b.kind == "heading"]
    assert headings == [("第一章 总则", 2), ("第一节 细则", 3), ("第二章 附则", 2)]


def test_version_date_comes_from_the_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "行政法规"
    folder.mkdir()
    path = folder / "测试条例(2021-06-01).md"
    path.write_text(TEXT, encoding="utf-8")
    law = parse_file(path, root=tmp_path)
    assert law.version_on == dt.date(2021, 6, 1) and law.level == "regulation"


@pytest.mark.parametrize(
    "content, message",
    [("没有标题的文本\n第一条 内容", "缺少标题行"), ("# " + "长" * 201, "超过200字")],
)
def test_a_file_that_is_not_a_law_says_why(content: str, message: str) -> None:
    with pytest.raises(LawFormatError, match=message):
        parse_text(content, level="other", branch="", region="")


def test_a_file_in_another_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gbk.md"
    path.write_bytes("# 标题\n第一条 内容".encode("gbk"))
    with pytest.raises(LawFormatError, match="UTF-8"):
        parse_file(path, root=tmp_path)
