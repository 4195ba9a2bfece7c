"""告知书 as DOCX and PDF, with number, legal basis and remedy clause; 送达 recorded."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from conftest import client_for
from gongkai.foi.documents import reply_document_generate, reply_document_serve
from gongkai.foi.services import application_decide, application_submit
from gongkai.foi.tests.test_law import PERSON
from gongkai.testing import planning_org


@pytest.mark.django_db
def test_refusal_notice_docx_pdf_and_service(planning_editor, finance_editor) -> None:
    org = planning_org()
    app, _code = application_submit(data=PERSON, organisation=org, submitted_on=dt.date(2026, 3, 2))
    with pytest.raises(Exception, match="请先作出答复"):
        reply_document_generate(actor=planning_editor, app=app, kind="refuse")
    app = application_decide(
        actor=planning_editor, app=app, outcome="3.6", reply_text="属于内部讨论的过程稿。"
    )
    doc = reply_document_generate(actor=planning_editor, app=app, kind="refuse")
    assert (
        doc.number.startswith(f"{planning_org().short_name}依申请告〔")
        and doc.legal_basis == "《中华人民共和国政府信息公开条例》第十六条第二款"
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(doc.docx.read())).paragraphs)
    assert (
        "政府信息不予公开告知书" in text
        and "张三" in text
        and "60日内" in text
        and "6个月内" in text
    )
    assert doc.pdf.read(5) == b"%PDF-"
    reply_document_serve(
        actor=planning_editor,
        document=doc,
        method="电子邮件",
        on=timezone.localdate(),  # a document is served on or after the day it is made
        receipt="邮件已送达 zhang@example.com",
    )
    assert app.events.filter(kind="served", public=True).exists()
    url = reverse("manage:foi_document", args=[doc.pk, "pdf"])
    assert client_for(planning_editor).get(url).status_code == 200
    assert client_for(finance_editor).get(url).status_code == 404


@pytest.mark.django_db
def test_correction_notice_from_the_page(planning_editor) -> None:
    org = planning_org()
    app, _code = application_submit(data=PERSON, organisation=org, submitted_on=dt.date(2026, 3, 2))
    client = client_for(planning_editor)
    client.post(
        reverse("manage:foi_step", args=[app.pk, "document"]),
        {"kind": "third_party", "party": "某建设公司"},
    )
    doc = app.documents.get()
    assert (
        doc.text.startswith("某建设公司：")
        and "15个工作日" in doc.text
        and "60日内" not in doc.text
    )


def test_private_uploads_are_not_served(client) -> None:
    assert client.get("/media/foi-documents/2026/x.pdf").status_code == 404
    assert client.get("/media/catalog-imports/x.xlsx").status_code == 404


@pytest.mark.django_db
def test_applicant_downloads_served_documents(client, planning_editor) -> None:
    org = planning_org()
    app, code = application_submit(data=PERSON, organisation=org, submitted_on=dt.date(2026, 3, 2))
    app = application_decide(
        actor=planning_editor, app=app, outcome="4.1", reply_text="经检索没有该信息。"
    )
    doc = reply_document_generate(actor=planning_editor, app=app, kind="not_exist")
    client.post(reverse("foi:track"), {"receipt_no": app.receipt_no, "code": code})
    assert client.get(reverse("foi:document", args=[doc.pk])).status_code == 404  # not served yet
    reply_document_serve(
        actor=planning_editor, document=doc, method="电子邮件", on=timezone.localdate()
    )
    assert "政府信息不存在告知书" in client.get(reverse("foi:status")).content.decode()
    assert client.get(reverse("foi:document", args=[doc.pk])).status_code == 200
    assert client.__class__().get(reverse("foi:document", args=[doc.pk])).status_code == 404
