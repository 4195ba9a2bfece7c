"""有效性 is a matter of date: the 失效文件清单 and the 台账 show what is in force today."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.publishing.choices import Validity
from gongkai.publishing.models import Publication


@pytest.mark.django_db
def test_a_document_that_will_expire_is_in_force_with_its_end_date() -> None:
    today = timezone.localdate()
    docs = list(Publication.objects.published().filter(is_normative=True)[:2])
    will, has = docs
    Publication.objects.filter(pk=will.pk).update(
        validity=Validity.EXPIRED, invalid_on=today + dt.timedelta(days=30)
    )
    Publication.objects.filter(pk=has.pk).update(
        validity=Validity.ABOLISHED, invalid_on=today - dt.timedelta(days=1)
    )
    will.refresh_from_db()
    has.refresh_from_db()
    assert will.validity_on(today) == Validity.VALID
    assert will.validity_on(today + dt.timedelta(days=30)) == Validity.EXPIRED
    assert will.validity_today.startswith("现行有效（")
    assert has.validity_today.startswith("废止（")
    page = Client().get("/info/invalid/").content.decode()
    assert has.title in page and will.title not in page
    ledger = Client().get("/info/normative/?page=1").content.decode()
    assert "现行有效（" in ledger or will.title not in ledger
    article = Client().get(will.get_absolute_url()).content.decode()
    assert "现行有效（" in article
    assert Publication.objects.in_force_on(today).filter(pk=will.pk).exists()
    assert not Publication.objects.in_force_on(today).filter(pk=has.pk).exists()


@pytest.mark.django_db
def test_the_ledger_counts_a_document_without_a_written_date_in_its_year_formed(world) -> None:  # type: ignore[no-untyped-def]
    """成文日期 is optional: the ledger answered 500 when a 规范性文件 had none."""
    from gongkai.publishing.selectors import normative_ledger

    measures = world.measures
    Publication.objects.filter(pk=measures.pk).update(written_on=None)
    rows = {r["year"]: r for r in normative_ledger()}
    assert measures.formed_on.year in rows
    assert Client().get("/info/normative/").status_code == 200
