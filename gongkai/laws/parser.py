"""Read one legal text in the corpus format (docs/laws.md).

The format (shared/corpus/README.md): ``# 标题``, lines of dates (公布, 修正, 施行), the marker
``<!-- INFO END -->``, then ``## 第一章 …`` chapters, ``### 第一节 …`` sections and articles
that start a line with ``第…条``. Cases (案例) have headings and paragraphs only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

INFO_END = "<!-- INFO END -->"
ARTICLE_RE = re.compile(
    r"^(第[零一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?)[\s　]*(.*)$"
)
HEADING_RE = re.compile(r"^(#{2,4})\s*(.+?)\s*$")
CN_DATE_RE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
ISO_DATE_RE = re.compile(r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")
VERSION_RE = re.compile(r"\(((?:19|20)\d{2}-\d{2}-\d{2})\)$")
MAX_BYTES = 2_000_000  # the largest corpus text is about 600 KB; anything bigger is not a law

# folder of the corpus → 效力级别 (laws.models.Level)
FOLDER_LEVEL = {
    "宪法": "constitution",
    "宪法相关法": "law",
    "民法典": "law",
    "民法商法": "law",
    "行政法": "law",
    "经济法": "law",
    "社会法": "law",
    "刑法": "law",
    "诉讼与非诉讼程序法": "law",
    "行政法规": "regulation",
    "部门规章": "rule",
    "地方法规": "local",
    "司法解释": "judicial",
    "案例": "case",
    "其他": "other",
}


class LawFormatError(ValueError):
    """The file is not a legal text in the corpus format (the message is Chinese)."""


@dataclass
class Block:
    kind: str  # heading | article | para
    label: str  # 第二十条 for articles, the heading text for headings
    text: str
    level: int = 0  # heading depth (2 = 章, 3 = 节)


@dataclass
class ParsedLaw:
    title: str
    level: str
    branch: str  # the corpus folder (社会法, 行政法规, 上海地方法规 …)
    region: str
    info: list[str]
    promulgated_on: dt.date | None
    effective_on: dt.date | None
    version_on: dt.date | None
    blocks: list[Block] = field(default_factory=list)

    @property
    def articles(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "article"]


def _date(text: str) -> dt.date | None:
    for regex in (CN_DATE_RE, ISO_DATE_RE):
        m = regex.search(text)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def _dates(info: list[str]) -> tuple[dt.date | None, dt.date | None]:
    """(公布/最后修改日, 施行日) from the info lines; 施行 defaults to the last change."""
    promulgated = effective = None
    for line in info:
        day = _date(line)
        if day is None:
            continue
        if "施行" in line and "修正" not in line and "修订" not in line:
            effective = effective or day
        elif promulgated is None or day > promulgated:
            promulgated = day
    if effective is None or (promulgated and effective < promulgated):
        effective = promulgated if effective is None else effective
    return promulgated, effective


def _placement(path: Path, root: Path) -> tuple[str, str, str]:
    parts = path.relative_to(root).parts
    folder = parts[0] if len(parts) > 1 else "其他"
    level = FOLDER_LEVEL.get(folder, "other")
    region = ""
    if folder == "地方法规" and len(parts) > 2:
        region = parts[1].removesuffix("地方法规")
        folder = parts[1]
    return level, folder, region


def parse_text(text: str, *, level: str, branch: str, region: str, version: str = "") -> ParsedLaw:
    lines = text.replace("\r\n", "\n").split("\n")
    while lines and (not lines[0].strip() or lines[0].startswith(("---", "bookCollapse"))):
        lines.pop(0)
    title_at = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if title_at is None:
        raise LawFormatError("缺少标题行（以“# ”开头）")
    title = lines[title_at][2:].strip()
    if not title or len(title) > 200:
        raise LawFormatError("标题为空或超过200字")
    rest = lines[title_at + 1 :]
    info: list[str] = []
    if any(line.strip() == INFO_END for line in rest):
        end = next(i for i, line in enumerate(rest) if line.strip() == INFO_END)
        info = [line.strip() for line in rest[:end] if line.strip()]
        rest = rest[end + 1 :]
    promulgated, effective = _dates(info)
    blocks: list[Block] = []
    for raw in rest:
        line = raw.strip().replace("\u3000", " ").strip()
        if not line:
            continue
        heading = HEADING_RE.match(line)
        if heading:
            blocks.append(Block("heading", heading[2], heading[2], level=len(heading[1])))
            continue
        article = ARTICLE_RE.match(line)
        if article:
            blocks.append(Block("article", article[1], article[2]))
        elif blocks and blocks[-1].kind == "article":
            blocks[-1].text += "\n" + line  # a further paragraph (款) of the same article
        else:
            blocks.append(Block("para", "", line))
    version_on = dt.date.fromisoformat(version) if version else promulgated
    return ParsedLaw(
        title=title,
        level=level,
        branch=branch,
        region=region,
        info=info,
        promulgated_on=promulgated,
        effective_on=effective,
        version_on=version_on,
        blocks=blocks,
    )


def parse_file(path: Path, *, root: Path) -> ParsedLaw:
    if path.stat().st_size > MAX_BYTES:
        raise LawFormatError("文件超过2MB，不是一部法律法规文本")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LawFormatError("文件不是UTF-8编码") from exc
    level, branch, region = _placement(path, root)
    match = VERSION_RE.search(path.stem)
    version = ""
    if match:
        try:
            dt.date.fromisoformat(match[1])
            version = match[1]
        except ValueError:
            version = ""
    return parse_text(text, level=level, branch=branch, region=region, version=version)


def corpus_files(root: Path) -> list[Path]:
    """Every legal text under ``root`` (the ``_index.md`` section files are not laws)."""
    return sorted(p for p in root.rglob("*.md") if p.name != "_index.md" and p.is_file())
