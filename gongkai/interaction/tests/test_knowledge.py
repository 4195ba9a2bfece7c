"""问答知识库 (from an answer, reviewed, valid, suggested while typing, in the main search),
知识清单 (counted from messages, published by the 政务公开办), 热点回应 with the 5 h / 24 h
targets of 国办发〔2016〕80号, 问卷调查 (one answer each, checked per question, results)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongkai.core.errors import Conflict
from gongkai.interaction import knowledge as kb
from gongkai.interaction import surveys as sv
from gongkai.interaction.choices import Kind, Rating
from gongkai.interaction.knowledge_rules import PubState, response_targets
from gongkai.interaction.models import KnowledgeEntry, RoutingRule, Spokesperson
from gongkai.interaction.selectors import knowledge_public, knowledge_suggest
from gongkai.interaction.services import (
    message_accept,
    message_answer,
    message_answer_review,
    message_rate,
    message_reject,
    message_submit,
)
from gongkai.interaction.survey_rules import QuestionKind, SurveyStatus, parse_questions


def _msg(world, **extra):  # type: ignore[no-untyped-def]
    data = {
        "kind": Kind.CONSULT,
        "subject": "不动产登记需要带哪些材料",
        "content": "办理二手房过户的不动产登记需要带哪些材料？",
        "name": "李某",
        "phone": "13912345678",
        "allow_public": True,
        "organisation": world.planning,
        **extra,
    }
    return message_submit(data=data)[0]


def _answered(world, editor, reviewer, **extra):  # type: ignore[no-untyped-def]
    msg = message_accept(actor=editor, msg=_msg(world, **extra))
    msg = message_answer(actor=editor, msg=msg, text="须携带身份证、不动产权证书和买卖合同。")
    return message_answer_review(actor=reviewer, msg=msg, approve=True)


@pytest.mark.django_db
def test_an_answer_becomes_a_reviewed_entry_that_is_suggested_and_searched(
    client, world, planning_editor, planning_reviewer, finance_editor
) -> None:
    msg = _answered(world, planning_editor, planning_reviewer)
    with pytest.raises(Conflict):
        kb.knowledge_from_message(actor=planning_editor, msg=_msg(world))  # not answered
    entry = kb.knowledge_from_message(actor=planning_editor, msg=msg)
    assert entry.state == PubState.DRAFT and entry.source_message == msg
    assert "李某" not in entry.answer and not knowledge_public().exists()
    with pytest.raises(PermissionDenied):
        kb.knowledge_entry_publish(actor=planning_editor, entry=entry)  # 先审后发
    with pytest.raises(PermissionDenied):
        kb.knowledge_entry_save(actor=finance_editor, entry=entry, data={"question": "x"})
    entry = kb.knowledge_entry_save(
        actor=planning_editor,
        entry=entry,
        data={"basis": "《不动产登记暂行条例》第十六条"},
    )
    kb.knowledge_entry_publish(actor=planning_reviewer, entry=entry)
    assert list(knowledge_public()) == [entry]
    found = knowledge_suggest(text="二手房过户登记要什么材料")
    assert found == [entry]
    assert knowledge_suggest(text="公园厕所") == []
    api = client.get("/api/v1/knowledge/suggest", {"q": "不动产登记材料"}).json()
    assert api["results"][0]["id"] == entry.pk
    page = client.get(f"/hudong/zhishi/{entry.pk}/").content.decode()
    assert "不动产权证书" in page and "政策依据" in page
    # an editor's change sends it back to review; a past validity date hides it
    kb.knowledge_entry_save(actor=planning_editor, entry=entry, data={"answer": "新的解答"})
    entry.refresh_from_db()
    assert entry.state == PubState.DRAFT and not knowledge_public().exists()
    kb.knowledge_entry_publish(actor=planning_reviewer, entry=entry)
    KnowledgeEntry.objects.filter(pk=entry.pk).update(
        valid_until=timezone.localdate() - dt.timedelta(days=1)
    )
    assert not knowledge_public().exists()
    assert client.get(f"/hudong/zhishi/{entry.pk}/").status_code == 404


@pytest.mark.django_db
def test_published_entries_are_in_the_main_search(world, planning_editor, planning_reviewer):
    from gongkai.search.registry import PROVIDERS, load_providers

    load_providers()
    entry = kb.knowledge_from_message(
        actor=planning_editor, msg=_answered(world, planning_editor, planning_reviewer)
    )
    assert entry not in PROVIDERS["kb"].public()
    kb.knowledge_entry_publish(actor=planning_reviewer, entry=entry)
    doc = PROVIDERS["kb"].to_doc(PROVIDERS["kb"].public().get())
    assert doc.url == f"/hudong/zhishi/{entry.pk}/" and "不动产权证书" in doc.text


@pytest.mark.django_db
def test_the_knowledge_list_counts_suggestions_and_complaints_by_theme(
    client, world, planning_editor, planning_reviewer, office
) -> None:
    RoutingRule.objects.create(organisation=world.planning)
    domain = world.permit_item.domain
    one = _answered(world, planning_editor, planning_reviewer, kind=Kind.COMPLAINT, domain=domain)
    message_rate(msg=one, rating=Rating.SATISFIED)
    _answered(world, planning_editor, planning_reviewer, kind=Kind.COMPLAINT, domain=domain)
    message_reject(actor=planning_editor, msg=_msg(world, kind=Kind.SUGGESTION), reason="重复")
    _msg(world, kind=Kind.CONSULT)  # consultations are not in the list
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):
        kb.knowledge_list_compile(actor=planning_editor, title="", start=today, end=today)
    with pytest.raises(ValidationError):
        kb.knowledge_list_compile(actor=office, title="", start=today, end=today - dt.timedelta(1))
    kl = kb.knowledge_list_compile(actor=office, title="", start=today, end=today)
    rows = {(r["theme"], r["kind"]): r for r in kl.rows}
    complaint = rows[(domain.name, "投诉")]
    assert (complaint["count"], complaint["answered"], complaint["satisfied"]) == (2, 2, 1)
    suggestion = rows[("未分领域", "建言")]
    assert (suggestion["count"], suggestion["rejected"]) == (1, 1)
    assert len(kl.rows) == 2
    assert client.get(f"/hudong/qingdan/{kl.pk}/").status_code == 404  # not yet published
    kb.knowledge_list_publish(actor=office, kl=kl)
    page = client.get(f"/hudong/qingdan/{kl.pk}/").content.decode()
    assert domain.name in page and "李某" not in page
    assert client.get("/api/v1/knowledge-lists/").json()["results"][0]["rows"][0]["count"] == 2


def test_the_major_event_targets_are_five_and_twenty_four_hours() -> None:
    arose = dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC)
    info, conference = response_targets(
        major=True,
        arose_at=arose,
        published_at=dt.datetime(2026, 7, 2, 3, 30, tzinfo=dt.UTC),  # exactly 5 h: on time
        conference_at=None,
    )
    assert info.due == dt.datetime(2026, 7, 2, 3, 30, tzinfo=dt.UTC)
    assert conference.due == dt.datetime(2026, 7, 2, 22, 30, tzinfo=dt.UTC)
    assert info.state(arose) == "met"
    assert conference.state(dt.datetime(2026, 7, 2, 22, 30, tzinfo=dt.UTC)) == "open"
    assert conference.state(dt.datetime(2026, 7, 2, 22, 31, tzinfo=dt.UTC)) == "overdue"
    late = response_targets(
        major=True,
        arose_at=arose,
        published_at=dt.datetime(2026, 7, 2, 3, 31, tzinfo=dt.UTC),
        conference_at=None,
    )[0]
    assert late.state(arose) == "late" and "国办发〔2016〕80号" in late.basis
    assert (
        response_targets(major=False, arose_at=arose, published_at=None, conference_at=None) == []
    )


@pytest.mark.django_db
def test_a_hot_topic_is_published_by_a_reviewer_with_its_spokesperson(
    client, world, planning_editor, planning_reviewer
) -> None:
    person = Spokesperson.objects.create(organisation=world.planning, name="张某", post="副局长")
    other = Spokesperson.objects.create(organisation=world.finance, name="赵某", post="局长")
    arose = timezone.now() - dt.timedelta(hours=2)
    data = {
        "title": "关于某小区规划调整的回应",
        "concern": "群众关心小区绿地是否减少。",
        "response": "规划调整不减少绿地面积。",
        "organisation": world.planning,
        "major": True,
        "arose_at": arose,
    }
    with pytest.raises(ValidationError):
        kb.hot_topic_save(actor=planning_editor, data={**data, "spokesperson": other})
    with pytest.raises(ValidationError):
        kb.hot_topic_save(
            actor=planning_editor, data={**data, "arose_at": timezone.now() + dt.timedelta(1)}
        )
    topic = kb.hot_topic_save(actor=planning_editor, data={**data, "spokesperson": person})
    client.force_login(planning_editor)
    staff = client.get(f"/manage/hot-topics/{topic.pk}/").content.decode()
    assert "最迟" in staff and "未到期" in staff and "国办发〔2016〕80号" in staff
    with pytest.raises(PermissionDenied):
        kb.hot_topic_publish(actor=planning_editor, topic=topic)
    kb.hot_topic_publish(actor=planning_reviewer, topic=topic)
    client.logout()
    page = client.get(f"/hudong/redian/{topic.pk}/").content.decode()
    assert "不减少绿地" in page and "副局长 张某" in page
    assert "网络新闻发言人" in client.get("/hudong/redian/").content.decode()
    assert client.get("/api/v1/hot-topics/").json()["results"][0]["spokesperson"] == "副局长 张某"


SOURCE = """[单选] 您对小区物业服务是否满意？
- 满意
- 基本满意
- 不满意
[多选] 您最关心哪些方面？
- 绿化
- 停车
- 安全
[问答] 您还有什么建议？（选填）
"""


def test_the_question_format_names_the_bad_line() -> None:
    parsed = parse_questions(SOURCE)
    assert [q.kind for q in parsed] == [
        QuestionKind.SINGLE,
        QuestionKind.MULTIPLE,
        QuestionKind.TEXT,
    ]
    assert parsed[2].required is False and parsed[1].options == ["绿化", "停车", "安全"]
    with pytest.raises(ValidationError, match="第2行"):
        parse_questions("[单选] 问题\n没有短横线的选项")
    with pytest.raises(ValidationError, match="2至20个选项"):
        parse_questions("[单选] 只有一个选项\n- 是")
    with pytest.raises(ValidationError, match="问答题不设选项"):
        parse_questions("[问答] 建议\n- 不该有")


@pytest.mark.django_db
def test_a_survey_is_answered_once_each_and_its_results_are_counted(
    client, world, planning_editor, planning_reviewer
) -> None:
    today = timezone.localdate()
    s = sv.survey_save(
        actor=planning_editor,
        data={
            "title": "物业服务满意度调查",
            "organisation": world.planning,
            "start_on": today,
            "end_on": today + dt.timedelta(days=10),
            "source": SOURCE,
        },
    )
    assert client.get(f"/hudong/wenjuan/{s.pk}/").status_code == 404  # a draft
    with pytest.raises(PermissionDenied):
        sv.survey_publish(actor=planning_editor, survey=s)
    sv.survey_publish(actor=planning_reviewer, survey=s)
    with pytest.raises(ValidationError) as bad:
        sv.survey_respond(survey=s, answers={1: ["1", "2"], 2: ["9"]}, source="a")
    assert set(bad.value.message_dict) == {"q1", "q2"}  # every question checked, nothing kept
    assert s.responses.count() == 0
    # the web form: one answer per browser, the page keeps what was chosen on an error
    page = client.post(f"/hudong/wenjuan/{s.pk}/", {"q2": ["1"]})
    assert page.status_code == 400 and "请回答第1题" in page.content.decode()
    assert 'value="1" checked' in page.content.decode()
    done = client.post(f"/hudong/wenjuan/{s.pk}/", {"q1": "1", "q2": ["1", "3"], "q3": "多种树"})
    assert done.status_code == 302
    again = client.post(f"/hudong/wenjuan/{s.pk}/", {"q1": "2", "q2": ["2"]})
    assert "已提交过" in again.content.decode()
    api = client.post(
        f"/api/v1/surveys/{s.pk}/responses",
        {
            "respondent": "app-user-7",
            "answers": [{"question": 1, "options": [3]}, {"question": 2, "options": [1]}],
        },
        content_type="application/json",
    )
    assert api.status_code == 201
    results = client.get(f"/api/v1/surveys/{s.pk}/results").json()
    assert results["responses"] == 2
    q1, q2, q3 = results["questions"]
    assert [o["count"] for o in q1["options"]] == [1, 0, 1]
    assert [o["percent"] for o in q2["options"]] == [100.0, 0.0, 50.0]
    assert q3["text_count"] == 1 and "texts" not in q3  # free text is never public
    public = client.get(f"/hudong/wenjuan/{s.pk}/results/").content.decode()
    assert "多种树" not in public and "2</strong> 份答卷" in public
    client.force_login(planning_editor)
    assert "多种树" in client.get(f"/manage/surveys/{s.pk}/").content.decode()
    assert sv.surveys_close_due(today=today + dt.timedelta(days=11)) == 1
    s.refresh_from_db()
    assert s.status == SurveyStatus.CLOSED
    with pytest.raises(Conflict):
        sv.survey_respond(survey=s, answers={1: "1", 2: ["1"]}, source="late")
