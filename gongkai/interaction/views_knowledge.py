"""Public pages of the knowledge family and surveys (docs/interaction.md#knowledge):
问答知识库 with search and as-you-type suggestions, 知识清单, 热点回应 with the 网络新闻发言人, and
问卷调查 with their results as charts. Thin over selectors and services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.catalog.models import Domain
from gongkai.core.ratelimit import rate_limited
from gongkai.core.views_util import paginate
from gongkai.interaction.models import Spokesperson, Survey
from gongkai.interaction.selectors import (
    hot_topics_public,
    knowledge_lists_public,
    knowledge_public,
    surveys_public,
)
from gongkai.interaction.survey_rules import QuestionKind
from gongkai.interaction.surveys import survey_is_open, survey_respond, survey_results
from gongkai.interaction.views import _too_many

CONTEXT = {"column_name": "政民互动", "column_type": "互动交流"}


def knowledge_index(request: HttpRequest) -> HttpResponse:
    q = (request.GET.get("q") or "").strip()[:50]
    domain = Domain.objects.filter(code=(request.GET.get("domain") or "")[:8]).first()
    page, query = paginate(request, knowledge_public(q=q, domain=domain), 20)
    return render(
        request,
        "interaction/knowledge_index.html",
        {"page": page, "query": query, "q": q, "domain": domain, **CONTEXT},
    )


def knowledge_entry(request: HttpRequest, pk: int) -> HttpResponse:
    entry = knowledge_public().filter(pk=pk).first()
    if entry is None:
        raise Http404("该问答不存在、未发布或已过有效期")
    return render(request, "interaction/knowledge_entry.html", {"entry": entry, **CONTEXT})


def knowledge_lists(request: HttpRequest) -> HttpResponse:
    page, query = paginate(request, knowledge_lists_public(), 20)
    return render(
        request, "interaction/knowledge_lists.html", {"page": page, "query": query, **CONTEXT}
    )


def knowledge_list(request: HttpRequest, pk: int) -> HttpResponse:
    kl = knowledge_lists_public().filter(pk=pk).first()
    if kl is None:
        raise Http404("该知识清单不存在或未发布")
    return render(request, "interaction/knowledge_list.html", {"kl": kl, **CONTEXT})


def hot_topics(request: HttpRequest) -> HttpResponse:
    page, query = paginate(request, hot_topics_public(), 20)
    people = Spokesperson.objects.filter(is_active=True).select_related("organisation")
    return render(
        request,
        "interaction/hot_topics.html",
        {"page": page, "query": query, "people": people, **CONTEXT},
    )


def hot_topic(request: HttpRequest, pk: int) -> HttpResponse:
    topic = hot_topics_public().filter(pk=pk).first()
    if topic is None:
        raise Http404("该热点回应不存在或未发布")
    return render(request, "interaction/hot_topic.html", {"topic": topic, **CONTEXT})


def surveys(request: HttpRequest) -> HttpResponse:
    page, query = paginate(request, surveys_public(), 20)
    return render(request, "interaction/surveys.html", {"page": page, "query": query, **CONTEXT})


def _survey(pk: int) -> Survey:
    survey = surveys_public().filter(pk=pk).first()
    if survey is None:
        raise Http404("该问卷不存在或未发布")
    return survey


def _answers(request: HttpRequest, survey: Survey) -> dict[int, Any]:
    out: dict[int, Any] = {}
    for q in survey.questions.all()[:50]:
        key = f"q{q.number}"
        if q.kind == QuestionKind.MULTIPLE:
            out[q.number] = request.POST.getlist(key)[:20]
        else:
            out[q.number] = (request.POST.get(key) or "")[:2000]
    return out


def _source(request: HttpRequest) -> str:
    """Who answered, for one-answer-each: the account, else this browser's session (an
    address shared by a whole office or village must not lock everyone else out)."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    if not request.session.session_key:
        request.session.save()
    return f"session:{request.session.session_key}"


def _form_questions(s: Survey, given: dict[int, Any]) -> list[dict[str, Any]]:
    """Each question with what the citizen chose or wrote, kept when the page comes back."""
    out = []
    for q in s.questions.prefetch_related("options"):
        value = given.get(q.number)
        chosen = {str(v) for v in value} if isinstance(value, list) else {str(value or "")}
        out.append(
            {
                "q": q,
                "text": value if isinstance(value, str) and q.kind == QuestionKind.TEXT else "",
                "options": [(o, str(o.number) in chosen) for o in q.options.all()],
            }
        )
    return out


def survey(request: HttpRequest, pk: int) -> HttpResponse:
    s = _survey(pk)
    errors: dict[str, list[str]] = {}
    given: dict[int, Any] = {}
    if request.method == "POST":
        if rate_limited(request, key=f"survey-{s.pk}", limit=20, window_seconds=3600):
            return _too_many(request, "提交过于频繁，请1小时后再试。")
        given = _answers(request, s)
        try:
            survey_respond(survey=s, answers=given, source=_source(request))
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        else:
            flash.success(request, "提交成功，感谢您参与问卷调查")
            return redirect("interaction:survey_results", pk=s.pk)
    return render(
        request,
        "interaction/survey.html",
        {
            "s": s,
            "questions": _form_questions(s, given),
            "open": survey_is_open(s, timezone.localdate()),
            "errors": errors,
            "given": given,
            **CONTEXT,
        },
        status=400 if errors else 200,
    )


def survey_results_page(request: HttpRequest, pk: int) -> HttpResponse:
    s = _survey(pk)
    return render(
        request,
        "interaction/survey_results.html",
        {"s": s, "results": survey_results(s), "total": s.responses.count(), **CONTEXT},
    )
