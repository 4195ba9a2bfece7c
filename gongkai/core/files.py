"""Uploads checked by content, not by name, and rich text sanitised (docs/publishing.md).

Shared by every app that takes files or HTML (publishing, 依申请公开, later 政民互动).
"""

from __future__ import annotations

import hashlib
from typing import IO

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
