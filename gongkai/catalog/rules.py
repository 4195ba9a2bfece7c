"""Parsing and computing catalog elements: 公开依据, 公开时限 and 事项编码 (docs/catalog.md).

公开时限 is stored twice: the text as the catalog writes it, and a structured rule that the
publishing deadline is computed from. Without a rule the default is 条例 第二十六条:
"自该政府信息形成或者变更之日起20个工作日内及时公开".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from gongkai.catalog.choices import DayUnit, LegalLevel, Period, TimeLimitKind
from gongkai.core.clock import ClockRule, rule_due

DEFAULT_TRIGGER = "信息形成或者变更之日"
DEFAULT_WORKING_DAYS = 20  # 条例 第二十六条

LEVEL_BY_LABEL = {str(label): value for value, label in LegalLevel.choices}
LEVEL_ALIASES = {
    "部门规章及规范性文件": LegalLevel.DEPT_RULE,
    "规章": LegalLevel.LOCAL_RULE,
    "行政规范性文件": LegalLevel.NORMATIVE_DOC,
    "法规": LegalLevel.ADMIN_REGULATION,
}
BASIS_RE = re.compile(r"(?:【([^】]+)】)?\s*《([^》]+)》([^【《\n]*)")
SEPARATORS = " \t、，,；;。"


def guess_level(title: str) -> str:
    """Only the unambiguous cases; everything else stays '' (未注明层级)."""
    if title.startswith("中华人民共和国") and title.endswith("法"):
        return LegalLevel.LAW
    if title.startswith("中华人民共和国") and title.endswith("条例"):
        return LegalLevel.ADMIN_REGULATION
    return ""


def parse_legal_bases(text: str) -> list[dict[str, str]]:
    """'【法律】《中华人民共和国X法》第十条' lines → [{level, title, article}].

    Raises ValueError with a Chinese message for an unknown level label or text without 《》.
    """
    bases: list[dict[str, str]] = []
    text = (text or "").strip()
    if not text:
        return bases
    pos = 0
    for match in BASIS_RE.finditer(text):
        between = text[pos : match.start()].strip(SEPARATORS + "\n")
        if between:
            raise ValueError(
                f"公开依据“{between[:30]}”缺少书名号《》，请按“【层级】《名称》条款”填写"
            )
        pos = match.end()
        label, title, article = match.group(1), match.group(2).strip(), match.group(3)
        if label:
            level = LEVEL_BY_LABEL.get(label.strip()) or LEVEL_ALIASES.get(label.strip())
            if level is None:
                allowed = "、".join(LEVEL_BY_LABEL)
                raise ValueError(f"公开依据层级“{label}”无效，应为：{allowed}")
        else:
            level = guess_level(title)
        bases.append({"level": str(level), "title": title, "article": article.strip(SEPARATORS)})
    rest = text[pos:].strip(SEPARATORS + "\n")
    if rest:
        raise ValueError(f"公开依据“{rest[:30]}”缺少书名号《》，请按“【层级】《名称》条款”填写")
    return bases


def format_legal_bases(bases: list[dict[str, str]]) -> str:
    lines = []
    for basis in bases:
        label = LegalLevel(basis["level"]).label if basis.get("level") else ""
        prefix = f"【{label}】" if label else ""
        lines.append(f"{prefix}《{basis['title']}》{basis.get('article', '')}")
    return "\n".join(lines)


def validate_legal_bases(bases: object) -> list[str]:
    errors: list[str] = []
    if not isinstance(bases, list):
        return ["公开依据格式不正确"]
    for i, basis in enumerate(bases, start=1):
        if not isinstance(basis, dict) or not str(basis.get("title", "")).strip():
            errors.append(f"第{i}条公开依据缺少文件名称")
            continue
        if basis.get("level") and basis["level"] not in LegalLevel.values:
            errors.append(f"第{i}条公开依据层级无效")
    return errors


@dataclass(frozen=True)
class TimeLimitRule:
    kind: str
    trigger_event: str = ""
    days: int | None = None
    unit: str = ""
    period: str = ""
    due_day: int | None = None


PERIOD_WORDS = [
    ("实时", Period.REALTIME),
    ("即时", Period.REALTIME),
    ("每月", Period.MONTHLY),
    ("按月", Period.MONTHLY),
    ("每季度", Period.QUARTERLY),
    ("按季度", Period.QUARTERLY),
    ("每季", Period.QUARTERLY),
    ("每年", Period.YEARLY),
    ("按年", Period.YEARLY),
    ("年度", Period.YEARLY),
]
DAYS_RE = re.compile(r"(\d+)\s*个?\s*(工作日|自然日|日|天)")


def parse_time_limit(text: str) -> TimeLimitRule:
    """Structured rule from the 公开时限 text, e.g. '自信息形成或者变更之日起20个工作日内'."""
    text = (text or "").strip()
    match = DAYS_RE.search(text)
    for word, period in PERIOD_WORDS:
        if word in text and (match is None or text.index(word) < match.start()):
            due = re.search(r"(\d+)\s*日", text[text.index(word) :])
            return TimeLimitRule(
                kind=TimeLimitKind.PERIODIC,
                period=period,
                due_day=int(due.group(1)) if due and period != Period.REALTIME else None,
            )
    if match is None:
        return TimeLimitRule(kind=TimeLimitKind.TEXT_ONLY)
    trigger = text[: match.start()].strip("，,；; ")
    trigger = re.sub(r"^(自|于|在)", "", trigger)
    trigger = re.sub(r"(起|后|之后)$", "", trigger).strip()
    unit = DayUnit.WORKING if match.group(2) == "工作日" else DayUnit.CALENDAR
    return TimeLimitRule(
        kind=TimeLimitKind.EVENT,
        trigger_event=trigger or DEFAULT_TRIGGER,
        days=int(match.group(1)),
        unit=unit,
    )


def format_rule(rule: TimeLimitRule) -> str:
    """Machine-readable rule cell of the xlsx export: '事件|触发|20|工作日', '定期|每季度|15'."""
    if rule.kind == TimeLimitKind.EVENT:
        return f"事件|{rule.trigger_event}|{rule.days}|{DayUnit(rule.unit).label}"
    if rule.kind == TimeLimitKind.PERIODIC:
        due = "" if rule.due_day is None else str(rule.due_day)
        return f"定期|{Period(rule.period).label}|{due}"
    return "文字"


def parse_rule_cell(cell: str) -> TimeLimitRule:
    parts = [p.strip() for p in (cell or "").split("|")]
    if parts == ["文字"]:
        return TimeLimitRule(kind=TimeLimitKind.TEXT_ONLY)
    if parts[0] == "事件" and len(parts) == 4 and parts[2].isdigit():
        units = {str(label): value for value, label in DayUnit.choices}
        if parts[3] in units:
            return TimeLimitRule(
                TimeLimitKind.EVENT, parts[1] or DEFAULT_TRIGGER, int(parts[2]), units[parts[3]]
            )
    if parts[0] == "定期" and len(parts) == 3:
        periods = {str(label): value for value, label in Period.choices}
        if parts[1] in periods and (parts[2] == "" or parts[2].isdigit()):
            return TimeLimitRule(
                TimeLimitKind.PERIODIC,
                period=periods[parts[1]],
                due_day=int(parts[2]) if parts[2] else None,
            )
    raise ValueError(
        "时限规则格式应为“事件|起算事件|天数|工作日/自然日”、“定期|每月/每季度/每年|日”或“文字”"
    )


def to_clock_rule(rule: TimeLimitRule) -> ClockRule:
    """The catalog's 公开时限 as a law-clock rule (core.clock).

    Text-only rules fall back to 条例 第二十六条 (20 working days).
    """
    if rule.kind == TimeLimitKind.EVENT and rule.days is not None:
        if rule.unit == DayUnit.CALENDAR:
            return ClockRule.calendar_days(rule.days)
        return ClockRule.working_days(rule.days)
    if rule.kind == TimeLimitKind.PERIODIC and rule.period:
        return ClockRule.periodic(rule.period, rule.due_day)
    return ClockRule.working_days(DEFAULT_WORKING_DAYS)


def due_date_for(rule: TimeLimitRule, event_date: dt.date) -> tuple[dt.date, bool]:
    """When information created on ``event_date`` must be public; (date, is_estimate)."""
    return rule_due(event_date, to_clock_rule(rule))


def child_code(prefix: str, seq: int, *, width: int, separator: str) -> str:
    if seq >= 10**width:
        raise ValueError(f"编码位数{width}位已用尽，请在目录设置中增加每级编码位数")
    return f"{prefix}{separator}{seq:0{width}d}"


def parent_code_of(code: str, *, width: int, separator: str) -> str:
    if separator:
        return code.rsplit(separator, 1)[0] if separator in code else ""
    return code[:-width] if len(code) > width else ""
