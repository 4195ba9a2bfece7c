"""Staff pages of the knowledge family and surveys under /manage/ (docs/interaction.md):
问答知识库 (and turning an answered message into an entry), 知识清单 (政务公开办), 热点回应 with
the response-time targets, 问卷调查 with full results. Thin over services; one endpoint per
action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import can_review_org, is_office
from gongkai.core.views_util import add_service_errors, paginate, run_step, staff_required
from gongkai.interaction import knowledge as kb
from gongkai.interaction import surveys as sv
from gongkai.interaction.forms_knowledge import (
    HotTopicForm,
    KnowledgeEntryForm,
    KnowledgeListForm,
    SurveyForm,
)
from gongkai.interaction.knowledge_rules import response_targets
from gongkai.interaction.models import KnowledgeList
from gongkai.interaction.selectors import (
    hot_topics_for_staff,
    knowledge_for_staff,
    messages_for_staff,
    surveys_for_staff,
)
from gongkai.interaction.survey_rules import SurveyStatus

CONTEXT = {"column_name": "政民互动办理", "column_type": "工作台"}


def _one(qs: models.QuerySet, pk: int, what: str) -> Any:
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404(f"没有找到该{what}，或无权查看")
    return obj


def _edit_page(
    request: HttpRequest,
    *,
    form: forms.ModelForm,
    save: Callable[[dict[str, Any]], Any],
    title: str,
    back: str,
    intro: str = "",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """Validate, save through the service, or show the form again with Chinese errors."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(dict(form.cleaned_data))
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            flash.success(request, "已保存")
            return redirect(saved["url"] if isinstance(saved, dict) else back)
    return render(
        request,
        "interaction/manage/simple_form.html",
        {"form": form, "title": title, "back": back, "intro": intro, **(extra or {}), **CONTEXT},
    )


def _action(run: Callable[[HttpRequest, int], Any], done: str, back: str) -> Callable[..., Any]:
    @staff_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        run_step(request, None, lambda _d: run(request, pk), done)
        return redirect(back, pk=pk)

    return view


# 问答知识库 ------------------------------------------------------------------------------------
@staff_required
def knowledge_page(request: HttpRequest) -> HttpResponse:
    page, query = paginate(request, knowledge_for_staff(user=request.user), 30)
    return render(
        request, "interaction/manage/knowledge.html", {"page": page, "query": query, **CONTEXT}
    )


def _kb_edit(request: HttpRequest, entry: Any) -> HttpResponse:
    form = KnowledgeEntryForm(request.POST or None, instance=entry, user=request.user)

    def save(data: dict[str, Any]) -> dict[str, str]:
        saved = kb.knowledge_entry_save(actor=request.user, data=data, entry=entry)
        return {"url": reverse("manage:knowledge_edit", args=[saved.pk])}

    return _edit_page(
        request,
        form=form,
        save=save,
        title="修改知识库问答" if entry else "新建知识库问答",
        back=reverse("manage:knowledge"),
        intro="保存后为草稿，经本机构审核人发布后公开；审核人修改已发布的问答无需重新发布。",
        extra={
            "entry": entry,
            "can_review": entry is not None and can_review_org(request.user, entry.organisation_id),
        },
    )


@staff_required
def knowledge_create(request: HttpRequest) -> HttpResponse:
    return _kb_edit(request, None)


@staff_required
def knowledge_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _kb_edit(request, _one(knowledge_for_staff(user=request.user), pk, "问答"))


knowledge_publish = _action(
    lambda r, pk: kb.knowledge_entry_publish(
        actor=r.user, entry=_one(knowledge_for_staff(user=r.user), pk, "问答")
    ),
    "已发布",
    "manage:knowledge_edit",
)
knowledge_withdraw = _action(
    lambda r, pk: kb.knowledge_entry_withdraw(
        actor=r.user, entry=_one(knowledge_for_staff(user=r.user), pk, "问答")
    ),
    "已撤回",
    "manage:knowledge_edit",
)


@staff_required
@require_POST
def message_to_knowledge(request: HttpRequest, pk: int) -> HttpResponse:
    msg = _one(messages_for_staff(user=request.user), pk, "留言")
    try:
        entry = kb.knowledge_from_message(actor=request.user, msg=msg)
    except (ValidationError, PermissionDenied) as exc:
        flash.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
        return redirect("manage:message", pk=pk)
    flash.success(request, "已生成知识库问答草稿，请完善后提交审核人发布")
    return redirect("manage:knowledge_edit", pk=entry.pk)


# 知识清单 --------------------------------------------------------------------------------------
def _office(request: HttpRequest) -> None:
    if not is_office(request.user):
        raise PermissionDenied("知识清单由政务公开办编制发布")


@staff_required
def knowledge_lists_page(request: HttpRequest) -> HttpResponse:
    _office(request)
    form = KnowledgeListForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kl = kb.knowledge_list_compile(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            flash.success(request, "已编制，请核对后发布")
            return redirect("manage:knowledge_list", pk=kl.pk)
    page, query = paginate(request, KnowledgeList.objects.all(), 30)
    return render(
        request,
        "interaction/manage/knowledge_lists.html",
        {"form": form, "page": page, "query": query, **CONTEXT},
    )


@staff_required
def knowledge_list_page(request: HttpRequest, pk: int) -> HttpResponse:
    _office(request)
    kl = _one(KnowledgeList.objects.all(), pk, "知识清单")
    return render(request, "interaction/manage/knowledge_list.html", {"kl": kl, **CONTEXT})


def _kl_publish(request: HttpRequest, pk: int) -> Any:
    _office(request)
    return kb.knowledge_list_publish(
        actor=request.user, kl=_one(KnowledgeList.objects.all(), pk, "知识清单")
    )


knowledge_list_publish = _action(_kl_publish, "已发布", "manage:knowledge_list")


# 热点回应 --------------------------------------------------------------------------------------
@staff_required
def hot_topics_page(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    page, query = paginate(request, hot_topics_for_staff(user=request.user), 30)
    rows = [(t, _targets(t, now)) for t in page]
    return render(
        request,
        "interaction/manage/hot_topics.html",
        {"page": page, "query": query, "rows": rows, **CONTEXT},
    )


def _targets(topic: Any, now: Any) -> list[dict[str, Any]]:
    targets = response_targets(
        major=topic.major,
        arose_at=topic.arose_at,
        published_at=topic.published_at,
        conference_at=topic.conference_at,
    )
    return [t.at(now) for t in targets]


def _hot_edit(request: HttpRequest, topic: Any) -> HttpResponse:
    form = HotTopicForm(request.POST or None, instance=topic, user=request.user)

    def save(data: dict[str, Any]) -> dict[str, str]:
        links = data.pop("link_numbers")
        saved = kb.hot_topic_save(actor=request.user, data=data, topic=topic, links=links)
        return {"url": reverse("manage:hot_topic", args=[saved.pk])}

    return _edit_page(
        request,
        form=form,
        save=save,
        title="修改热点回应" if topic else "新建热点回应",
        back=reverse("manage:hot_topics"),
        intro="涉及特别重大、重大突发事件的政务舆情，最迟在5小时内发布权威信息，在24小时内举行"
        "新闻发布会（国办发〔2016〕80号）。保存后由本机构审核人发布。",
    )


@staff_required
def hot_topic_create(request: HttpRequest) -> HttpResponse:
    return _hot_edit(request, None)


@staff_required
def hot_topic_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _hot_edit(request, _one(hot_topics_for_staff(user=request.user), pk, "热点回应"))


@staff_required
def hot_topic_page(request: HttpRequest, pk: int) -> HttpResponse:
    topic = _one(hot_topics_for_staff(user=request.user), pk, "热点回应")
    return render(
        request,
        "interaction/manage/hot_topic.html",
        {
            "topic": topic,
            "targets": _targets(topic, timezone.now()),
            "can_review": can_review_org(request.user, topic.organisation_id),
            **CONTEXT,
        },
    )


hot_topic_publish = _action(
    lambda r, pk: kb.hot_topic_publish(
        actor=r.user, topic=_one(hot_topics_for_staff(user=r.user), pk, "热点回应")
    ),
    "已发布",
    "manage:hot_topic",
)


# 问卷调查 --------------------------------------------------------------------------------------
@staff_required
def surveys_page(request: HttpRequest) -> HttpResponse:
    page, query = paginate(request, surveys_for_staff(user=request.user), 30)
    return render(
        request, "interaction/manage/surveys.html", {"page": page, "query": query, **CONTEXT}
    )


def _survey_edit(request: HttpRequest, survey: Any) -> HttpResponse:
    if survey is not None and survey.status != SurveyStatus.DRAFT:
        flash.error(request, "已发布的问卷不能修改")
        return redirect("manage:survey", pk=survey.pk)
    form = SurveyForm(request.POST or None, instance=survey, user=request.user)

    def save(data: dict[str, Any]) -> dict[str, str]:
        saved = sv.survey_save(actor=request.user, data=data, survey=survey)
        return {"url": reverse("manage:survey", args=[saved.pk])}

    return _edit_page(
        request,
        form=form,
        save=save,
        title="修改问卷" if survey else "新建问卷",
        back=reverse("manage:surveys"),
        intro="问卷匿名填写。保存后为草稿，由本机构审核人发布；发布后不能修改题目。",
    )


@staff_required
def survey_create(request: HttpRequest) -> HttpResponse:
    return _survey_edit(request, None)


@staff_required
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _survey_edit(request, _one(surveys_for_staff(user=request.user), pk, "问卷"))


@staff_required
def survey_page(request: HttpRequest, pk: int) -> HttpResponse:
    s = _one(surveys_for_staff(user=request.user), pk, "问卷")
    return render(
        request,
        "interaction/manage/survey.html",
        {
            "s": s,
            "results": sv.survey_results(s, with_texts=True),
            "total": s.responses.count(),
            "can_review": can_review_org(request.user, s.organisation_id),
            **CONTEXT,
        },
    )


survey_publish = _action(
    lambda r, pk: sv.survey_publish(
        actor=r.user, survey=_one(surveys_for_staff(user=r.user), pk, "问卷")
    ),
    "已发布",
    "manage:survey",
)
