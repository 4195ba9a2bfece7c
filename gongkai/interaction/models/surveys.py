"""问卷调查 (docs/interaction.md#surveys): questions of one choice, several choices or text;
answers are anonymous; results are counted in the database and drawn as bars."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.interaction.survey_rules import QuestionKind, SurveyStatus


class Survey(models.Model):
    title = models.CharField(_("标题"), max_length=100)
    intro = models.TextField(_("说明"), max_length=2000, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("发起机构"), on_delete=models.PROTECT
    )
    start_on = models.DateField(_("开始日期"))
    end_on = models.DateField(_("截止日期"))
    status = models.CharField(
        _("状态"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    # the questions as staff typed them (survey_rules.parse_questions); kept for editing
    source = models.TextField(_("题目"), max_length=10000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta:
        ordering = ["-start_on", "-id"]
        verbose_name = _("问卷调查")
        verbose_name_plural = _("问卷调查")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("interaction:survey", args=[self.pk])


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=8, choices=QuestionKind.choices)
    text = models.CharField(max_length=200)
    required = models.BooleanField(default=True)

    class Meta:
        ordering = ["number"]
        unique_together = [("survey", "number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    number = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=100)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.text


class SurveyResponse(models.Model):
    """One filled questionnaire: no name or contact is asked; the submitter's address is kept
    only as a keyed hash to stop one address answering many times."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    source_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["survey", "source_hash"], name="survey_source")]

    def __str__(self) -> str:
        return f"{self.survey_id}#{self.pk}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(
        Option, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    text = models.CharField(max_length=1000, blank=True)

    def __str__(self) -> str:
        return f"{self.question_id}: {self.option_id or self.text[:20]}"
