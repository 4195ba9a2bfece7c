"""The one way 办件 data enters the platform (docs/services.md#ingest): the 中间库 connector and
the push API both hand their rows to ``cases_ingest``.

Set-based, per batch: the cases the batch touches are read once, merged with what arrived,
their state recomputed from all their nodes (``rules.case_state``), then written with one
upsert for cases and one for nodes. So the same rows twice change nothing (idempotent), a node
that arrives before its case opens a placeholder the case later fills, and an older version of
a case than the one stored is ignored.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from gongkai.core.workdays import HolidayCalendar
from gongkai.services import rules
from gongkai.services.models import Case, CaseNode, CaseSource, Service

CASE_FIELDS = (
    "number",
    "item_code",
    "item_name",
    "applicant_name",
    "applicant_is_company",
    "applicant_id",
    "applicant_phone",
    "query_code",
    "received_at",
    "promised_due",
    "statutory_due",
    "result",
    "decision_no",
    "changed_at",
)
NODE_FIELDS = ("key", "case_number", "name", "occurred_at", "office", "note", "due")
REQUIRED_CASE = ("number",)
REQUIRED_NODE = ("key", "case_number", "name", "occurred_at")
_LIMITS = {
    "number": 40,
    "item_code": 40,
    "item_name": 200,
    "applicant_name": 100,
    "applicant_id": 40,
    "applicant_phone": 40,
    "query_code": 40,
    "result": 300,
    "decision_no": 80,
    "key": 64,
    "case_number": 40,
    "name": 40,
    "office": 100,
    "note": 300,
}
LABELS = {
    "number": "办件编号",
    "item_code": "事项编码",
    "item_name": "事项名称",
    "applicant_name": "申请人",
    "applicant_id": "证件号码",
    "applicant_phone": "联系电话",
    "query_code": "查询码",
    "received_at": "受理时间",
    "promised_due": "承诺办结日期",
    "statutory_due": "法定办结日期",
    "result": "办理结果",
    "decision_no": "决定文书号",
    "changed_at": "更新时间",
    "key": "环节标识",
    "case_number": "办件编号",
    "name": "环节名称",
    "occurred_at": "办理时间",
    "office": "办理处室",
    "note": "办理意见",
    "due": "环节时限",
}
UPDATE_CASE = [
    "source",
    "organisation",
    "item_code",
    "item_name",
    "service",
    "applicant_name",
    "applicant_is_company",
    "applicant_id_digest",
    "applicant_phone_digest",
    "query_code_digest",
    "received_at",
    "promised_due",
    "statutory_due",
    "source_promised_due",
    "source_statutory_due",
    "status",
    "finished_at",
    "finished_on_time",
    "result",
    "decision_no",
    "complete",
    "source_changed_at",
    "updated_at",
]
UPDATE_NODE = ["kind", "name", "occurred_at", "office", "note", "due", "on_time"]


@dataclass
class IngestResult:
    cases: int = 0
    nodes: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: IngestResult) -> None:
        self.cases += other.cases
        self.nodes += other.nodes
        self.skipped += other.skipped
        self.errors.extend(other.errors[: max(0, 50 - len(self.errors))])


def _text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value).strip()


def _bounded(row: dict[str, Any], fields: Iterable[str], required: Iterable[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in fields:
        value = row.get(key)
        if key in _LIMITS:
            text = _text(row, key)
            if len(text) > _LIMITS[key]:
                raise ValueError(f"{LABELS[key]}超过{_LIMITS[key]}个字符")
            value = text
        out[key] = value
    for key in required:
        if out.get(key) in (None, ""):
            raise ValueError(f"缺少{LABELS[key]}")
    return out


def case_clean(row: dict[str, Any]) -> dict[str, Any]:
    """One case row in the platform's terms, bounded; ValueError (Chinese) when unusable."""
    out = _bounded(row, CASE_FIELDS, REQUIRED_CASE)
    out["number"] = out["number"].upper()
    out["received_at"] = rules.as_aware(row.get("received_at"))
    out["changed_at"] = rules.as_aware(row.get("changed_at"))
    out["promised_due"] = rules.as_date(row.get("promised_due"))
    out["statutory_due"] = rules.as_date(row.get("statutory_due"))
    company = row.get("applicant_is_company")
    out["applicant_is_company"] = str(company).strip().lower() in {"1", "true", "t", "y", "法人"}
    return out


def node_clean(row: dict[str, Any]) -> dict[str, Any]:
    out = _bounded(row, NODE_FIELDS, REQUIRED_NODE)
    out["case_number"] = out["case_number"].upper()
    out["occurred_at"] = rules.as_aware(row.get("occurred_at"))
    out["due"] = rules.as_date(row.get("due"))
    return out


class _Services:
    """The services of a batch's item codes, and their 承诺/法定 limits counted once per day."""

    def __init__(self, codes: set[str]) -> None:
        self.by_code: dict[str, Service] = {
            s.code: s
            for s in Service.objects.filter(code__in=codes).select_related(
                "power_item", "service_item"
            )
        }
        self.calendar = HolidayCalendar()
        self._dues: dict[tuple[dt.date, str], dt.date | None] = {}

    def due(self, received: dt.datetime | None, text: str) -> dt.date | None:
        if received is None or not text:
            return None
        day = timezone.localtime(received).date()
        if (day, text) not in self._dues:
            self._dues[day, text] = rules.due_from(day, text, self.calendar)
        return self._dues[day, text]


def _merge_case(case: Case, row: dict[str, Any], source: CaseSource, svc: _Services) -> None:
    service = svc.by_code.get(row["item_code"])
    case.source = source
    case.item_code = row["item_code"]
    case.item_name = row["item_name"] or (service.name if service else "")
    case.service = service
    case.organisation_id = service.item.organisation_id if service else source.organisation_id
    case.applicant_name = row["applicant_name"]
    case.applicant_is_company = row["applicant_is_company"]
    case.applicant_id_digest = rules.digest("id", row["applicant_id"])
    case.applicant_phone_digest = rules.digest("phone", row["applicant_phone"])
    if row["query_code"]:
        case.query_code_digest = rules.digest(f"code:{case.number}", row["query_code"])
    case.received_at = row["received_at"]
    case.source_promised_due = row["promised_due"]
    case.source_statutory_due = row["statutory_due"]
    case.result = row["result"]
    case.decision_no = row["decision_no"]
    case.complete = True
    case.source_changed_at = row["changed_at"] or timezone.now()


def _refresh_dues(case: Case, svc: _Services) -> None:
    """承诺/法定办结日期: the source's own date, else the service's limit on the law clock."""
    item = case.service.item if case.service_id and case.service else None
    case.promised_due = case.source_promised_due or (
        svc.due(case.received_at, item.promised_time_limit) if item else None
    )
    case.statutory_due = case.source_statutory_due or (
        svc.due(case.received_at, item.legal_time_limit) if item else None
    )


@transaction.atomic
def cases_ingest(
    *, source: CaseSource, cases: Iterable[dict[str, Any]], nodes: Iterable[dict[str, Any]]
) -> IngestResult:
    """Upsert a batch of case rows and node rows (in the platform's field names) from a source.
    Unusable rows are skipped and reported; the rest land together or not at all."""
    result = IngestResult()
    case_rows: dict[str, dict[str, Any]] = {}
    for i, raw in enumerate(cases, start=1):
        try:
            row = case_clean(raw)
        except ValueError as exc:
            result.skipped += 1
            result.errors.append(f"办件第{i}行：{exc}")
            continue
        kept = case_rows.get(row["number"])
        if kept is None or (row["changed_at"] or _EPOCH) >= (kept["changed_at"] or _EPOCH):
            case_rows[row["number"]] = row
    node_rows: dict[tuple[str, str], dict[str, Any]] = {}
    for i, raw in enumerate(nodes, start=1):
        try:
            row = node_clean(raw)
        except ValueError as exc:
            result.skipped += 1
            result.errors.append(f"环节第{i}行：{exc}")
            continue
        node_rows[row["case_number"], row["key"]] = row
    numbers = set(case_rows) | {n for n, _ in node_rows}
    if not numbers:
        return result

    existing = {c.number: c for c in Case.objects.filter(number__in=numbers)}
    codes = {r["item_code"] for r in case_rows.values()} | {c.item_code for c in existing.values()}
    svc = _Services(codes)
    touched: dict[str, Case] = {}
    for number, row in case_rows.items():
        case = existing.get(number)
        if case is None:
            case = Case(number=number)
        elif (
            case.complete
            and case.source_changed_at
            and row["changed_at"]
            and row["changed_at"] < case.source_changed_at
        ):
            result.skipped += 1  # an older version of what we hold: arrived late, ignored
            continue
        _merge_case(case, row, source, svc)
        _refresh_dues(case, svc)
        touched[number] = case
        result.cases += 1
    for number, _key in node_rows:
        if number in touched:
            continue
        case = existing.get(number)
        if case is None:  # the node came first: a placeholder until the case row arrives
            case = Case(
                number=number, source=source, organisation_id=source.organisation_id, complete=False
            )
        touched[number] = case

    # all nodes of the touched cases, as stored, then what arrived over them
    ids = [c.pk for c in touched.values() if c.pk]
    by_case: dict[str, dict[str, _Node]] = defaultdict(dict)
    number_of = {c.pk: c.number for c in touched.values() if c.pk}
    # plain tuples, not model instances: a batch reads every stored node of its cases, and
    # building models for them was the connector's largest cost (docs/benchmarks.md#cases)
    for values in CaseNode.objects.filter(case_id__in=ids).values_list(*_NODE_FIELDS):
        node = _Node(*values)
        by_case[number_of[node.case_id]][node.key] = node
    changed_nodes: list[_Node] = []
    for (number, key), row in node_rows.items():
        node = by_case[number].get(key) or _Node(key=key)
        node.kind = str(rules.node_kind(row["name"]))
        node.name = row["name"]
        node.occurred_at = row["occurred_at"]
        node.office = row["office"]
        node.note = row["note"]
        node.due = row["due"]
        by_case[number][key] = node
        changed_nodes.append(node)
        result.nodes += 1
    now = timezone.now()
    seen = {id(n) for n in changed_nodes}
    unchanged: set[str] = set()
    for number, case in touched.items():
        listed = list(by_case[number].values())
        state = rules.case_state(
            (rules.NodeFact(n.kind, n.occurred_at, n.due) for n in listed),
            promised_due=case.promised_due,
        )
        before = (case.status, case.finished_at, case.finished_on_time)
        after = (state.status, state.finished_at, state.finished_on_time)
        if case.pk and number not in case_rows and before == after:
            unchanged.add(number)  # only its nodes moved: the case row needs no write
        case.status, case.finished_at, case.finished_on_time = after
        case.updated_at = now
        for node, flag in zip(listed, state.node_on_time, strict=True):
            if node.on_time != flag or id(node) in seen:
                node.on_time = flag
                if id(node) not in seen:
                    changed_nodes.append(node)
                    seen.add(id(node))

    Case.objects.bulk_create(
        [c for n, c in touched.items() if n not in unchanged],
        update_conflicts=True,
        unique_fields=["number"],
        update_fields=UPDATE_CASE,
        batch_size=500,
    )
    ids_now = dict(Case.objects.filter(number__in=list(touched)).values_list("number", "pk"))
    owner = {id(n): number for number, nodes_ in by_case.items() for n in nodes_.values()}
    for node in changed_nodes:
        node.case_id = ids_now[owner[id(node)]]
    _nodes_upsert(changed_nodes)
    return result


@dataclass(slots=True)
class _Node:
    """A node as the ingest handles it (read as a tuple, written by one upsert)."""

    case_id: int | None = None
    key: str = ""
    kind: str = ""
    name: str = ""
    occurred_at: dt.datetime | None = None
    office: str = ""
    note: str = ""
    due: dt.date | None = None
    on_time: bool | None = None


_NODE_FIELDS = tuple(f for f in _Node.__slots__)  # type: ignore[attr-defined]


# node columns and their PostgreSQL array types, for the one-statement upsert below
_NODE_COLUMNS = (
    ("case_id", "bigint"),
    ("key", "text"),
    ("kind", "text"),
    ("name", "text"),
    ("occurred_at", "timestamptz"),
    ("office", "text"),
    ("note", "text"),
    ("due", "date"),
    ("on_time", "boolean"),
)


def _nodes_upsert(nodes: list[_Node]) -> None:
    """Insert or update nodes by (case, key). On PostgreSQL one ``INSERT … SELECT FROM
    unnest(…)`` per 5,000 nodes, a column an array: Django's ``bulk_create`` prepares every
    value in Python and was a third of the connector's time (docs/benchmarks.md#cases)."""
    if not nodes:
        return
    if connection.vendor != "postgresql":
        CaseNode.objects.bulk_create(
            [CaseNode(**{f: getattr(n, f) for f in _NODE_FIELDS}) for n in nodes],
            update_conflicts=True,
            unique_fields=["case", "key"],
            update_fields=UPDATE_NODE,
            batch_size=500,
        )
        return
    qn = connection.ops.quote_name
    names = ", ".join(qn(c) for c, _ in _NODE_COLUMNS)
    arrays = ", ".join(f"%s::{t}[]" for _, t in _NODE_COLUMNS)
    updates = ", ".join(f"{qn(c)} = EXCLUDED.{qn(c)}" for c in UPDATE_NODE)
    sql = (
        f"INSERT INTO {qn(CaseNode._meta.db_table)} ({names}) SELECT * FROM unnest({arrays}) "
        f"ON CONFLICT ({qn('case_id')}, {qn('key')}) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cur:
        for lo in range(0, len(nodes), 5000):
            part = nodes[lo : lo + 5000]
            cur.execute(sql, [[getattr(n, c) for n in part] for c, _ in _NODE_COLUMNS])


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def case_dues_refresh(*, case_ids: Iterable[int] | None = None) -> int:
    """Recount 承诺/法定办结日期 and on-time flags (after a holiday table or a service's limit
    changed): the stored copies are refreshed from the one rule."""
    qs = Case.objects.filter(complete=True).select_related(
        "service__power_item", "service__service_item"
    )
    if case_ids is not None:
        qs = qs.filter(pk__in=list(case_ids))
    svc = _Services(set())
    count = 0
    for case in qs.iterator(chunk_size=500):
        before = (case.promised_due, case.statutory_due)
        _refresh_dues(case, svc)
        if (case.promised_due, case.statutory_due) == before:
            continue
        nodes = list(case.nodes.all())
        state = rules.case_state(
            (rules.NodeFact(n.kind, n.occurred_at, n.due) for n in nodes),
            promised_due=case.promised_due,
        )
        case.finished_on_time = state.finished_on_time
        case.save(update_fields=["promised_due", "statutory_due", "finished_on_time"])
        for node, flag in zip(nodes, state.node_on_time, strict=True):
            if node.on_time != flag:
                node.on_time = flag
                node.save(update_fields=["on_time"])
        count += 1
    return count
