"""One document as the engines index it (docs/search.md). A module of its own so that the
engines, the registry and the services all depend on it and on nothing else."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field


@dataclass
class SearchDoc:
    key: str  # "<ctype>:<pk>"
    ctype: str
    title: str
    text: str
    url: str
    date: dt.date | None = None
    stage: str = ""
    domains: list[str] = field(default_factory=list)
    organisation: str = ""
    validity: str = ""
    doc_number: str = ""
    index_no: str = ""
    keywords: str = ""

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def version(self) -> str:
        """Fingerprint of everything indexed: the consistency check compares these."""
        payload = json.dumps(
            [
                self.ctype,
                self.title,
                self.text,
                self.url,
                str(self.date),
                self.stage,
                self.domains,
                self.organisation,
                self.validity,
                self.doc_number,
                self.index_no,
                self.keywords,
            ],
            ensure_ascii=False,
        )
        return hashlib.sha1(payload.encode()).hexdigest()
