"""Uploads checked by content, not by name, and rich text sanitised (docs/publishing.md).

Shared by every app that takes files or HTML (publishing, 依申请公开, later 政民互动).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import IO, Any

import nh3
from django.core.exceptions import ValidationError

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
# kind → (allowed name endings, magic prefix test)
KINDS: dict[str, tuple[tuple[str, ...], bytes]] = {
    "pdf": ((".pdf",), b"%PDF-"),
    "ooxml": ((".docx", ".xlsx", ".pptx"), b"PK\x03\x04"),
    "ole": ((".doc", ".xls", ".ppt", ".wps", ".et"), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    "png": ((".png",), b"\x89PNG\r\n\x1a\n"),
    "jpeg": ((".jpg", ".jpeg"), b"\xff\xd8\xff"),
    "gif": ((".gif",), b"GIF8"),
    "ofd": ((".ofd",), b"PK\x03\x04"),
}
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "a",
    "img",
    "blockquote",
    "span",
    "div",
    "sup",
    "sub",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}


def sanitize_html(html: str) -> str:
    """Keep document structure; drop scripts, event handlers, styles and unsafe URLs."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def attachment_kind(name: str, head: bytes) -> str:
    lower = name.lower()
    for kind, (endings, magic) in KINDS.items():
        if lower.endswith(endings) and head.startswith(magic):
            return kind
    allowed = "、".join(sorted({e for endings, _m in KINDS.values() for e in endings}))
    raise ValidationError(f"附件“{name}”的类型不受支持或内容与扩展名不符。允许的类型：{allowed}")


def inspect_uploads(
    files: Sequence[Any], *, max_bytes: int, max_count: int | None = None, field: str = ""
) -> list[tuple[Any, str]]:
    """Each upload a citizen sends (FOI applications, 政民互动 messages) with its kind, checked
    by content before anything is stored; errors are Chinese and, given ``field``, attached to
    that form field."""

    def refuse(message: str) -> ValidationError:
        return ValidationError({field: message}) if field else ValidationError(message)

    if max_count is not None and len(files) > max_count:
        raise refuse(f"附件最多{max_count}个")
    checked = []
    for f in files:
        if f.size > max_bytes:
            raise refuse(f"附件“{f.name}”超过{max_bytes // (1024 * 1024)}MB")
        kind, _digest = inspect_attachment(f.name, f, f.size)
        checked.append((f, kind))
    return checked


def inspect_attachment(name: str, stream: IO[bytes], size: int) -> tuple[str, str]:
    """(kind, sha256) of an upload, or a Chinese ValidationError."""
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(f"附件“{name}”超过50MB，请压缩后再上传")
    if size == 0:
        raise ValidationError(f"附件“{name}”是空文件")
    stream.seek(0)
    head = stream.read(16)
    kind = attachment_kind(name, head)
    stream.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(chunk)
    stream.seek(0)
    return kind, digest.hexdigest()
