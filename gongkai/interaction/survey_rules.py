"""States and the question format of 问卷调查 (docs/interaction.md#surveys).

Staff type the questions as plain text, one block per question:

    [单选] 您对小区物业服务是否满意？
    - 满意
    - 基本满意
    - 不满意
    [多选] 您最关心哪些方面？（可多选）
    - 绿化
    - 停车
    [问答] 您还有什么建议？（选填）

A question whose text ends in （选填） may be left blank. ``parse_questions`` turns the text
into questions or a Chinese error naming the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    OPEN = "open", _("进行中")
    CLOSED = "closed", _("已结束")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("单选")
    MULTIPLE = "multiple", _("多选")
    TEXT = "text", _("问答")


MARKS = {"单选": QuestionKind.SINGLE, "多选": QuestionKind.MULTIPLE, "问答": QuestionKind.TEXT}
HEAD = re.compile(r"^\[(单选|多选|问答)\]\s*(.+)$")
MAX_QUESTIONS, MAX_OPTIONS = 50, 20
OPTIONAL = "（选填）"


@dataclass
class ParsedQuestion:
    kind: str
    text: str
    required: bool
    options: list[str] = field(default_factory=list)


def parse_questions(source: str) -> list[ParsedQuestion]:
    questions: list[ParsedQuestion] = []
    for n, raw in enumerate(source.splitlines(), start=1):
        line = raw.strip().replace("［", "[").replace("］", "]")
        if not line:
            continue
        head = HEAD.match(line)
        if head:
            text = head.group(2).strip()[:200]
            questions.append(
                ParsedQuestion(MARKS[head.group(1)], text, not text.endswith(OPTIONAL))
            )
        elif line.startswith(("-", "－")) and questions:
            q = questions[-1]
            if q.kind == QuestionKind.TEXT:
                raise ValidationError(f"第{n}行：问答题不设选项")
            q.options.append(line.lstrip("-－").strip()[:100])
        else:
            raise ValidationError(f"第{n}行：应以[单选]、[多选]、[问答]开头，或以“-”开头列出选项")
    if not questions:
        raise ValidationError("请至少填写一道题")
    if len(questions) > MAX_QUESTIONS:
        raise ValidationError(f"题目不能超过{MAX_QUESTIONS}道")
    for i, q in enumerate(questions, start=1):
        if q.kind != QuestionKind.TEXT and not 2 <= len(q.options) <= MAX_OPTIONS:
            raise ValidationError(f"第{i}题“{q.text}”应有2至{MAX_OPTIONS}个选项")
        if any(not o for o in q.options):
            raise ValidationError(f"第{i}题有空白选项")
    return questions
