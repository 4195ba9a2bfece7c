"""第三方评估 and 社会评议 rounds (docs/supervision.md#evaluation).

Seed 000 (如皋): 政务公开 is assessed by the government and by 第三方评估 and 社会评议 — 人大代表,
政协委员, 媒体 and 群众. A round lists the questions (each with its full marks); each invited
evaluator gets a one-time link and scores every department and town once. An organisation's
round score is the mean of its evaluators' totals as a share of the full marks (0–100).
"""

from __future__ import annotations

from django.db import models

MAX_QUESTIONS = 20
MAX_POINTS = 100  # full marks of one question
MAX_EVALUATORS = 500


class RoundKind(models.TextChoices):
    THIRD_PARTY = "third_party", "第三方评估"
    SOCIAL = "social", "社会评议"


class RoundStatus(models.TextChoices):
    DRAFT = "draft", "筹备中"
    OPEN = "open", "评议中"
    CLOSED = "closed", "已结束"


class EvaluatorKind(models.TextChoices):
    DEPUTY = "deputy", "人大代表"
    MEMBER = "member", "政协委员"
    MEDIA = "media", "媒体"
    PUBLIC = "public", "群众代表"
    THIRD_PARTY = "third_party", "第三方机构"


def parse_questions(text: str) -> list[dict]:
    """One question a line, "问题|满分" (满分 defaults to 10)."""
    from django.core.exceptions import ValidationError

    out = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        label, _sep, points = line.partition("|")
        label = label.strip()
        try:
            full = int(points.strip()) if points.strip() else 10
        except ValueError:
            raise ValidationError({"questions": f"第{n}行的满分应为整数"}) from None
        if not label or len(label) > 200:
            raise ValidationError({"questions": f"第{n}行的问题应为1至200字"})
        if not 1 <= full <= MAX_POINTS:
            raise ValidationError({"questions": f"第{n}行的满分应为1至{MAX_POINTS}"})
        out.append({"text": label, "max": full})
    if not out or len(out) > MAX_QUESTIONS:
        raise ValidationError({"questions": f"请填写1至{MAX_QUESTIONS}个评议问题"})
    return out
