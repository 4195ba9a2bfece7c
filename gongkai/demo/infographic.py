"""一图读懂: a plain PNG infographic (title and numbered key points) for a demo 图解 reading.

Drawn with the CJK face the 政府公报 uses (settings.GAZETTE_FONT, fonts-arphic-uming); without
it the picture still has its coloured panels, and the reading's text carries the content.
"""

from __future__ import annotations

import io
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

WIDTH, BLUE, PALE, INK = 750, (22, 93, 160), (232, 241, 250), (33, 33, 33)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = Path(settings.GAZETTE_FONT)
    if path.is_file():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default()


def _wrap(text: str, per_line: int) -> list[str]:
    return [text[i : i + per_line] for i in range(0, len(text), per_line)] or [""]


def infographic_png(title: str, points: list[tuple[str, str]]) -> bytes:
    """``points``: (heading, one or two sentences). Returns PNG bytes."""
    heading_font, title_font, body_font = _font(30), _font(40), _font(26)
    blocks = [(h, _wrap(t, 24)) for h, t in points]
    height = 200 + sum(90 + 38 * len(lines) for _h, lines in blocks) + 60
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, 170], fill=BLUE)
    y = 30
    for line in _wrap(title, 16)[:2]:
        draw.text((40, y), line, font=title_font, fill="white")
        y += 56
    y = 200
    for n, (head, lines) in enumerate(blocks, start=1):
        box = 60 + 38 * len(lines)
        draw.rounded_rectangle([30, y, WIDTH - 30, y + box], radius=16, fill=PALE)
        draw.ellipse([45, y + 12, 85, y + 52], fill=BLUE)
        draw.text((58, y + 14), str(n), font=heading_font, fill="white")
        draw.text((100, y + 14), head, font=heading_font, fill=BLUE)
        for i, line in enumerate(lines):
            draw.text((100, y + 56 + 38 * i), line, font=body_font, fill=INK)
        y += box + 30
    draw.text((40, height - 50), "如皋市人民政府 政务公开", font=body_font, fill=(90, 90, 90))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
