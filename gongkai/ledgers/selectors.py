"""Reads of 惠民资金 (docs/ledgers.md). The public sees programmes that are open and batches on
公示, with names and ID numbers masked; staff see their departments' own."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from gongkai.accounts.permissions import is_office, orgs_visible_to
from gongkai.ledgers.choices import BatchStatus
from gongkai.ledgers.models import Payment, PaymentBatch, PaymentImport, Programme


def programmes_public() -> QuerySet[Programme]:
    published = Q(batches__status=BatchStatus.PUBLISHED)
    return (
        Programme.objects.filter(is_active=True)
        .select_related("organisation")
        .annotate(
            n_batches=Count("batches", filter=published),
            n_paid=Sum("batches__rows", filter=published),
            amount=Sum("batches__total", filter=published),
        )
        .order_by("organisation__name", "code")
    )


def programme_public_get(*, code: str) -> Programme | None:
    return (
        Programme.objects.filter(code=(code or "")[:40], is_active=True)
        .select_related("organisation")
        .first()
    )


def batches_public(programme: Programme) -> QuerySet[PaymentBatch]:
    return programme.batches.filter(status=BatchStatus.PUBLISHED).order_by("-published_at", "-pk")


def batch_public_get(programme: Programme, pk: Any) -> PaymentBatch | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return batches_public(programme).filter(pk=pk).first()


def batch_payments(batch: PaymentBatch, *, village: str = "") -> QuerySet[Payment]:
    qs = batch.payments.all()
    if village:
        qs = qs.filter(village=village[:60])
    return qs.order_by("row_no")


def batch_villages(batch: PaymentBatch) -> list[str]:
    return list(
        batch.payments.exclude(village="")
        .values_list("village", flat=True)
        .distinct()
        .order_by("village")
    )


def payments_of_person(*, id_digest: str, name_digest: str) -> list[Payment]:
    """The 公示 payments whose ID number and name both match (digests), newest first."""
    if not id_digest or not name_digest:
        return []
    return list(
        Payment.objects.filter(
            id_digest=id_digest,
            name_digest=name_digest,
            batch__status=BatchStatus.PUBLISHED,
            programme__is_active=True,
        )
        .select_related("batch", "programme__organisation")
        .order_by("-paid_on", "-batch__published_at", "row_no")[:500]
    )


@dataclass(frozen=True)
class Totals:
    count: int
    amount: Decimal


def totals(payments: list[Payment]) -> Totals:
    return Totals(len(payments), sum((p.amount for p in payments), Decimal(0)))


# staff -----------------------------------------------------------------------------------------
def programmes_for_staff(*, user: Any) -> QuerySet[Programme]:
    return (
        Programme.objects.filter(organisation__in=orgs_visible_to(user))
        .select_related("organisation")
        .annotate(
            n_pending=Count("batches", filter=Q(batches__status=BatchStatus.PENDING)),
            n_published=Count("batches", filter=Q(batches__status=BatchStatus.PUBLISHED)),
        )
        .order_by("organisation__name", "code")
    )


def programme_for_staff(*, user: Any, pk: int) -> Programme | None:
    return programmes_for_staff(user=user).filter(pk=pk).first()


def imports_of(programme: Programme) -> QuerySet[PaymentImport]:
    return programme.imports.select_related("uploaded_by").defer("content")[:20]


def import_for_staff(*, user: Any, pk: int) -> PaymentImport | None:
    return (
        PaymentImport.objects.filter(pk=pk, programme__organisation__in=orgs_visible_to(user))
        .select_related("programme__organisation")
        .defer("content")
        .first()
    )


def batches_of(programme: Programme) -> QuerySet[PaymentBatch]:
    return programme.batches.select_related("reviewed_by").order_by("-created_at", "-pk")


def batch_for_staff(*, user: Any, pk: int) -> PaymentBatch | None:
    return (
        PaymentBatch.objects.filter(pk=pk, programme__organisation__in=orgs_visible_to(user))
        .select_related("programme__organisation", "reviewed_by")
        .first()
    )


def pending_batches_for(*, user: Any) -> int:
    """How many batches wait for this user's review (the dashboard card)."""
    qs = PaymentBatch.objects.filter(status=BatchStatus.PENDING)
    if not is_office(user):
        qs = qs.filter(programme__organisation_id=getattr(user, "organisation_id", None))
    return qs.filter(programme__organisation__in=orgs_visible_to(user)).count()
