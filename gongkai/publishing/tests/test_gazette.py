"""The 政府公报 is produced from the platform as a real Chinese document."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied

from gongkai.publishing.gazette import gazette_issue_build, gazette_pdf
from gongkai.publishing.models import GazetteIssue


@pytest.mark.django_db
def test_issue_pdf_has_cover_contents_every_document_and_an_embedded_font(office) -> None:
    issue = GazetteIssue.objects.get(number=1)
    documents = issue.documents.count()
    assert documents >= 2
    pdf = gazette_pdf(issue)
    assert pdf.startswith(b"%PDF-")
    pages = max(int(n) for n in re.findall(rb"/Count (\d+)", pdf))
    assert pages >= 2 + documents  # cover, 目录, at least a page per document
    assert b"/FontFile2" in pdf and b"UMing" in pdf  # TrueType outlines embedded (a subset)
    issue = gazette_issue_build(actor=office, issue=issue)
    assert issue.pdf.name.endswith(".pdf")


@pytest.mark.django_db
def test_only_the_office_builds_an_issue(planning_editor) -> None:
    with pytest.raises(PermissionDenied):
        gazette_issue_build(actor=planning_editor, issue=GazetteIssue.objects.get(number=1))


@pytest.mark.django_db
def test_the_issue_title_is_not_doubled(client) -> None:  # type: ignore[no-untyped-def]
    issue = GazetteIssue.objects.get(number=1)
    page = client.get(issue.get_absolute_url()).content.decode()
    assert f"{issue.title}（{issue}）" in page and "（2026年第1期）（" not in page
    assert settings.GAZETTE_FONT
