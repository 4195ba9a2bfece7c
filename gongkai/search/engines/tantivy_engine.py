"""Embedded engine: an on-disk tantivy index, no server (docs/search.md).

Text is segmented in Python (rjieba) and stored space-separated, so tantivy's whitespace
tokenizer sees whole Chinese words. One writer at a time (tantivy's lock); readers reload
the latest commit before each search.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import tantivy

from gongkai.search.docs import SearchDoc
from gongkai.search.engines.base import FACETS, EngineHit, EngineQuery, EngineResult
from gongkai.search.text import canonical_doc_number, tokens

RAW = "raw"
WS = "whitespace"
TITLE_BOOST = 3.0
KEYWORDS_BOOST = 2.0


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("key", stored=True, tokenizer_name=RAW, index_option="basic")
    for name in ("ctype", "stage", "organisation", "validity", "domains"):
        sb.add_text_field(name, stored=True, fast=True, tokenizer_name=RAW, index_option="basic")
    sb.add_integer_field("year", stored=True, indexed=True, fast=True)
    sb.add_integer_field("date_ord", stored=True, fast=True)
    sb.add_text_field("title", tokenizer_name=WS, index_option="position")
    sb.add_text_field("keywords", tokenizer_name=WS, index_option="freq")
    sb.add_text_field("body", tokenizer_name=WS, index_option="freq")
    sb.add_text_field("docno", stored=False, tokenizer_name=RAW, index_option="basic")
    sb.add_text_field("index_no", stored=False, tokenizer_name=RAW, index_option="basic")
    sb.add_text_field("payload", stored=True, tokenizer_name=RAW, index_option="basic")
    return sb.build()


class TantivyEngine:
    name = "tantivy"

    def __init__(
        self, path: str | Path, *, writer_heap: int = 128_000_000, threads: int = 1
    ) -> None:
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        self.index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
        self.writer_heap, self.threads = writer_heap, threads
        self._lock = threading.Lock()
        self._last_reload = 0.0

    # writing ---------------------------------------------------------------------------------
    def _writer(self) -> tantivy.IndexWriter:
        for attempt in range(50):  # another process may hold tantivy's writer lock briefly
            try:
                return self.index.writer(heap_size=self.writer_heap, num_threads=self.threads)
            except ValueError:
                time.sleep(0.1 * (attempt + 1))
        return self.index.writer(heap_size=self.writer_heap, num_threads=self.threads)

    def document(self, doc: SearchDoc) -> tantivy.Document:
        payload = json.dumps(
            {
                "title": doc.title,
                "text": doc.text[:600],
                "url": doc.url,
                "date": doc.date.isoformat() if doc.date else "",
                "doc_number": doc.doc_number,
                "index_no": doc.index_no,
                "version": doc.version,
            },
            ensure_ascii=False,
        )
        fields = {
            "key": doc.key,
            "ctype": doc.ctype,
            "stage": doc.stage or "-",
            "organisation": doc.organisation or "-",
            "validity": doc.validity or "-",
            "year": doc.year or 0,
            "date_ord": int(doc.date.strftime("%Y%m%d")) if doc.date else 0,
            "title": " ".join(tokens(doc.title)),
            "keywords": " ".join(tokens(doc.keywords)),
            "body": " ".join(tokens(doc.text)),
            "payload": payload,
            "docno": canonical_doc_number(doc.doc_number) if doc.doc_number else "-",
            "index_no": doc.index_no or "-",
        }
        document = tantivy.Document(**fields)
        for code in doc.domains:
            document.add_text("domains", code)
        if not doc.domains:
            document.add_text("domains", "-")
        return document

    @contextmanager
    def _writing(self) -> Iterator[tantivy.IndexWriter]:
        """One writer per change set; committed, merged, and seen by the next search."""
        with self._lock:
            writer = self._writer()
            yield writer
            writer.commit()
            writer.wait_merging_threads()
            self._last_reload = 0.0  # our own commit: reload before the next search

    def upsert(self, docs: list[SearchDoc]) -> None:
        if not docs:
            return
        with self._writing() as writer:
            for doc in docs:
                writer.delete_documents_by_term("key", doc.key)
            for doc in docs:
                writer.add_document(self.document(doc))

    def add(self, docs: list[SearchDoc]) -> None:
        """Bulk add to an index known not to hold these keys (rebuild after clear)."""
        if not docs:
            return
        with self._writing() as writer:
            for doc in docs:
                writer.add_document(self.document(doc))

    def delete(self, keys: list[str]) -> None:
        if not keys:
            return
        with self._writing() as writer:
            for key in keys:
                writer.delete_documents_by_term("key", key)

    def clear(self) -> None:
        with self._writing() as writer:
            writer.delete_all_documents()

    # reading ---------------------------------------------------------------------------------
    def _searcher(self) -> tantivy.Searcher:
        now = time.monotonic()
        if now - self._last_reload > 0.2:  # see commits of other processes almost at once
            self.index.reload()
            self._last_reload = now
        return self.index.searcher()

    def _text_query(self, groups: list[list[str]]) -> tantivy.Query:
        clauses = []
        for group in groups:
            alternatives = []
            for word in group:
                for field, boost in (
                    ("title", TITLE_BOOST),
                    ("keywords", KEYWORDS_BOOST),
                    ("body", 1.0),
                ):
                    q = tantivy.Query.term_query(self.schema, field, word)
                    alternatives.append(
                        (
                            tantivy.Occur.Should,
                            tantivy.Query.boost_query(q, boost) if boost != 1.0 else q,
                        )
                    )
            clauses.append((tantivy.Occur.Should, tantivy.Query.boolean_query(alternatives)))
        if len(groups) > 1:  # the words together in the title score extra
            phrase = [g[0] for g in groups]
            clauses.append(
                (
                    tantivy.Occur.Should,
                    tantivy.Query.boost_query(
                        tantivy.Query.phrase_query(self.schema, "title", phrase), 2.0
                    ),
                )
            )
        return tantivy.Query.boolean_query(clauses)

    def _filters(self, filters: dict[str, str]) -> list[tuple[tantivy.Occur, tantivy.Query]]:
        out = []
        mapping = {
            "ctype": "ctype",
            "stage": "stage",
            "domain": "domains",
            "organisation": "organisation",
            "validity": "validity",
        }
        for key, field in mapping.items():
            if filters.get(key):
                out.append(
                    (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, field, filters[key]))
                )
        if filters.get("year"):
            out.append(
                (
                    tantivy.Occur.Must,
                    tantivy.Query.term_query(self.schema, "year", int(filters["year"])),
                )
            )
        return out

    def search(self, query: EngineQuery) -> EngineResult:
        searcher = self._searcher()
        text = self._text_query(query.groups) if query.groups else tantivy.Query.all_query()
        q = tantivy.Query.boolean_query([(tantivy.Occur.Must, text), *self._filters(query.filters)])
        if query.sort == "date":
            result = searcher.search(
                q,
                limit=query.limit,
                offset=query.offset,
                order_by_field="date_ord",
                order=tantivy.Order.Desc,
            )
        else:
            result = searcher.search(q, limit=query.limit, offset=query.offset)
        hits = [self._hit(searcher, score, address) for score, address in result.hits]
        facets = self._facets(searcher, q) if query.facets else {}
        return EngineResult(total=result.count or 0, hits=hits, facets=facets)

    def _facets(
        self, searcher: tantivy.Searcher, q: tantivy.Query
    ) -> dict[str, list[tuple[str, int]]]:
        spec = {name: {"terms": {"field": name, "size": 50}} for name in FACETS}
        raw = searcher.aggregate(q, spec)
        facets = {}
        for name in FACETS:
            buckets = raw.get(name, {}).get("buckets", [])
            facets[name] = [
                (str(b["key"]), int(b["doc_count"]))
                for b in buckets
                if str(b["key"]) not in ("-", "0")
            ]
        return facets

    def _hit(
        self, searcher: tantivy.Searcher, score: float, address: tantivy.DocAddress
    ) -> EngineHit:
        doc = searcher.doc(address)
        payload = json.loads(doc["payload"][0])
        return EngineHit(
            key=doc["key"][0],
            score=float(score) if isinstance(score, float) else 0.0,
            ctype=doc["ctype"][0],
            title=payload["title"],
            text=payload["text"],
            url=payload["url"],
            date=dt.date.fromisoformat(payload["date"]) if payload["date"] else None,
            stage=doc["stage"][0].strip("-"),
            organisation=doc["organisation"][0].strip("-"),
            doc_number=payload["doc_number"],
            index_no=payload["index_no"],
            validity=doc["validity"][0].strip("-"),
        )

    def exact(self, *, doc_number: str = "", index_no: str = "") -> list[EngineHit]:
        searcher = self._searcher()
        if doc_number:
            q = tantivy.Query.term_query(self.schema, "docno", canonical_doc_number(doc_number))
        else:
            q = tantivy.Query.term_query(self.schema, "index_no", index_no)
        result = searcher.search(q, limit=10)
        return [self._hit(searcher, 1000.0, a) for _s, a in result.hits]

    def versions(self) -> dict[str, str]:
        searcher = self._searcher()
        total = searcher.num_docs
        out: dict[str, str] = {}
        if not total:
            return out
        result = searcher.search(tantivy.Query.all_query(), limit=total, count=False)
        for _score, address in result.hits:
            doc = searcher.doc(address)
            out[doc["key"][0]] = json.loads(doc["payload"][0])["version"]
        return out

    def doc_freq(self, token: str) -> int:
        searcher = self._searcher()
        return max(searcher.doc_freq(field, token) for field in ("title", "body"))
