"""Chinese text handling for search (docs/search.md): normalisation, segmentation, 文号/索引号."""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import opencc
import rjieba

_T2S = opencc.OpenCC("t2s")
_LOCK = threading.Lock()
_loaded_version: int | None = None
TOKEN_RE = re.compile(r"[\w\u4e00-\u9fff]+", re.UNICODE)
STOPWORDS = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "或",
        "在",
        "是",
        "对",
        "为",
        "于",
        "等",
        "之",
        "其",
        "有关",
        "关于",
        "一",
        "个",
        "我",
        "你",
        "请",
        "吗",
        "怎么",
        "如何",
        "什么",
        "哪里",
    ]
)
DOCNO_BRACKETS = re.compile(r"[\[\(（〔【［〖]\s*((?:19|20)\d{2})\s*[\]\)）〕】］〗]")
DOCNO_BARE = re.compile(r"([^\d〔])((?:19|20)\d{2})(\d{1,4}号)")
DOCNO_SPACED = re.compile(r"([^\d〔])((?:19|20)\d{2})\s+(\d{1,4}\s*号)")
DOCNO_HINT = re.compile(r"(?:19|20)\d{2}.{0,3}\d{1,4}\s*号")
INDEX_NO = re.compile(r"^[0-9A-Za-z-]{6,20}/(?:19|20)\d{2}-\d{3,6}$")


def normalize(text: str) -> str:
    """Full-width → half-width (NFKC), traditional → simplified, lower case."""
    if not text:
        return ""
    return _T2S.convert(unicodedata.normalize("NFKC", text)).lower()


def ensure_dictionary() -> None:
    """Load the admin-maintained terms into the segmenter once per dictionary version."""
    global _loaded_version
    from gongkai.search.dictionary import dictionary_version, load_terms

    version = dictionary_version()
    if version == _loaded_version:
        return
    with _LOCK:
        if version != _loaded_version:
            for word in load_terms():
                rjieba.add_word(word, None, None)
            _loaded_version = version
            tokens_for_query.cache_clear()


def tokens(text: str) -> list[str]:
    """Search tokens of ``text``: fine-grained segmentation, no punctuation or stop words."""
    out = []
    for piece in TOKEN_RE.findall(normalize(text)):
        for word in rjieba.cut_for_search(piece):
            word = word.strip()
            if word and word not in STOPWORDS:
                out.append(word)
    return out


@lru_cache(maxsize=4096)
def tokens_for_query(query: str) -> tuple[str, ...]:
    seen: list[str] = []
    for word in tokens(query):
        if word not in seen:
            seen.append(word)
    return tuple(seen)


def canonical_doc_number(value: str) -> str:
    """文号 however typed (〔2017〕, [2017], (2017), 2017) → one form: 皋政发〔2017〕12号."""
    text = unicodedata.normalize("NFKC", value or "").replace(" ", "").strip()
    text = text.replace("〔", "〔").replace("〕", "〕")
    text = DOCNO_BRACKETS.sub(r"〔\1〕", text)
    if "〔" not in text:
        text = DOCNO_BARE.sub(r"\1〔\2〕\3", text)
    return _T2S.convert(text)


def looks_like_doc_number(query: str) -> bool:
    return bool(DOCNO_HINT.search(unicodedata.normalize("NFKC", query)))


def looks_like_index_no(query: str) -> bool:
    return bool(INDEX_NO.match(query.strip()))
