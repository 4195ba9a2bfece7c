"""PostgreSQL engine: full-text search in the shared database, for several web machines.

Documents live in ``search_searchdocument`` with a ``tsvector`` column (title weight A, body
weight B) built from the same rjieba tokens as the embedded engine, with a GIN index
(migration 0002, PostgreSQL only). Ranking is ``ts_rank_cd``.
"""

from __future__ import annotations

from django.db import connection, transaction

from gongkai.search.docs import SearchDoc
from gongkai.search.engines.base import FACETS, EngineHit, EngineQuery, EngineResult
from gongkai.search.models import SearchDocument
from gongkai.search.text import canonical_doc_number, tokens

TABLE = "search_searchdocument"
COLUMNS = "key, ctype, title, text, url, date, stage, organisation, doc_number, index_no, validity"


def _tsquery(groups: list[list[str]]) -> str:
    def term(word: str) -> str:
        return "'" + word.replace("'", "") + "'"

    return " | ".join("(" + " | ".join(term(w) for w in group) + ")" for group in groups)


class PostgresEngine:
    name = "postgres"

    def __init__(self) -> None:
        if connection.vendor != "postgresql":
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured("SEARCH_ENGINE=postgres needs DATABASE_URL=postgres://…")

    @transaction.atomic
    def upsert(self, docs: list[SearchDoc]) -> None:
        if not docs:
            return
        keys = [d.key for d in docs]
        SearchDocument.objects.filter(key__in=keys).delete()
        SearchDocument.objects.bulk_create(
            [
                SearchDocument(
                    key=d.key,
                    ctype=d.ctype,
                    title=d.title,
                    text=d.text[:4000],
                    url=d.url,
                    date=d.date,
                    year=d.year,
                    stage=d.stage,
                    domains=d.domains,
                    organisation=d.organisation,
                    validity=d.validity,
                    doc_number=canonical_doc_number(d.doc_number) if d.doc_number else "",
                    index_no=d.index_no,
                    title_tokens=" ".join(tokens(d.title) + tokens(d.keywords)),
                    body_tokens=" ".join(tokens(d.text)),
                    version=d.version,
                )
                for d in docs
            ],
            batch_size=1000,
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {TABLE} SET tsv = setweight(to_tsvector('simple', title_tokens), 'A') || "
                f"setweight(to_tsvector('simple', body_tokens), 'B') WHERE key = ANY(%s)",
                [keys],
            )

    def add(self, docs: list[SearchDoc]) -> None:
        self.upsert(docs)

    def delete(self, keys: list[str]) -> None:
        SearchDocument.objects.filter(key__in=keys).delete()

    def clear(self) -> None:
        SearchDocument.objects.all().delete()

    def _where(self, query: EngineQuery) -> tuple[str, list]:
        clauses, params = [], []
        if query.groups:
            clauses.append("tsv @@ to_tsquery('simple', %s)")
            params.append(_tsquery(query.groups))
        f = query.filters
        for key, column in (
            ("ctype", "ctype"),
            ("stage", "stage"),
            ("organisation", "organisation"),
            ("validity", "validity"),
        ):
            if f.get(key):
                clauses.append(f"{column} = %s")
                params.append(f[key])
        if f.get("year"):
            clauses.append("year = %s")
            params.append(int(f["year"]))
        if f.get("domain"):
            clauses.append("domains @> %s::jsonb")
            params.append(f'["{f["domain"]}"]')
        return (" AND ".join(clauses) or "TRUE"), params

    def search(self, query: EngineQuery) -> EngineResult:
        where, params = self._where(query)
        rank, rank_params = "0", []
        if query.groups:
            # BM25 is not built in: combine ts_rank_cd (title weighs 5× body; flags 1|32: divided by
            # log length, then squashed to [0, 1) so that a long law full of the words cannot
            # outweigh a short record whose title holds them all)
            # with a bonus for covering every query word, and for all of them in the title.
            n = len(query.groups)
            coverage = " + ".join(["(tsv @@ to_tsquery('simple', %s))::int"] * n)
            rank = (
                f"ts_rank_cd('{{0.05, 0.1, 0.2, 1.0}}', tsv, to_tsquery('simple', %s), 33) "
                f"+ 0.5 * ({coverage}) / {n} "
                f"+ (tsv @@ to_tsquery('simple', %s))::int"
            )
            title_all = " & ".join(
                "(" + " | ".join(f"'{w}':A" for w in g) + ")" for g in query.groups
            )
            rank_params = [
                _tsquery(query.groups),
                *[_tsquery([g]) for g in query.groups],
                title_all,
            ]
        order = "date DESC NULLS LAST, key" if query.sort == "date" else "score DESC, key"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {COLUMNS}, {rank} AS score FROM {TABLE} WHERE {where} "
                f"ORDER BY {order} LIMIT %s OFFSET %s",
                [*rank_params, *params, query.limit, query.offset],
            )
            rows = cursor.fetchall()
            cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE {where}", params)
            total = cursor.fetchone()[0]
            facets = self._facets(cursor, where, params) if query.facets else {}
        return EngineResult(total=total, hits=[self._hit(r) for r in rows], facets=facets)

    def _facets(self, cursor, where: str, params: list) -> dict[str, list[tuple[str, int]]]:  # type: ignore[no-untyped-def]
        facets: dict[str, list[tuple[str, int]]] = {}
        for name in FACETS:
            if name == "domains":
                sql = (
                    f"SELECT d, count(*) FROM {TABLE}, jsonb_array_elements_text(domains) d "
                    f"WHERE {where} GROUP BY d ORDER BY count(*) DESC, d LIMIT 50"
                )
            else:
                sql = (
                    f"SELECT {name}, count(*) FROM {TABLE} WHERE {where} GROUP BY {name} "
                    f"ORDER BY count(*) DESC, {name} LIMIT 50"
                )
            cursor.execute(sql, params)
            facets[name] = [(str(v), n) for v, n in cursor.fetchall() if v not in (None, "", 0)]
        return facets

    @staticmethod
    def _hit(row: tuple) -> EngineHit:
        key, ctype, title, text, url, date, stage, org, docno, index_no, validity, score = row
        return EngineHit(
            key=key,
            score=float(score),
            ctype=ctype,
            title=title,
            text=text[:600],
            url=url,
            date=date,
            stage=stage,
            organisation=org,
            doc_number=docno,
            index_no=index_no,
            validity=validity,
        )

    def exact(self, *, doc_number: str = "", index_no: str = "") -> list[EngineHit]:
        column, value = (
            ("doc_number", canonical_doc_number(doc_number))
            if doc_number
            else ("index_no", index_no)
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {COLUMNS}, 1000.0 FROM {TABLE} WHERE {column} = %s LIMIT 10", [value]
            )
            return [self._hit(r) for r in cursor.fetchall()]

    def versions(self) -> dict[str, str]:
        return dict(SearchDocument.objects.values_list("key", "version"))

    def doc_freq(self, token: str) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {TABLE} WHERE tsv @@ to_tsquery('simple', %s)",
                [_tsquery([[token]])],
            )
            return cursor.fetchone()[0]
