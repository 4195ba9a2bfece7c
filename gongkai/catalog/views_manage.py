"""Back office of the catalog: staff edit within their permissions (docs/permissions.md)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import is_office, is_sysadmin
from gongkai.catalog.choices import ItemStatus, ReviewDecision
from gongkai.catalog.forms import (
    FIELD_MAP,
    CatalogItemAdjustForm,
    CatalogItemForm,
    DomainMergeForm,
    DomainRenameForm,
    ImportForm,
    ReviewDecisionForm,
    RevokeForm,
)
from gongkai.catalog.models import Domain, ImportJob
from gongkai.catalog.selectors import (
    catalog_item_for_staff,
    catalog_items_for_staff,
    catalog_reviews_for_staff,
)
from gongkai.catalog.services import (
    catalog_item_adjust,
    catalog_item_create,
    catalog_item_revoke,
    catalog_item_submit,
    catalog_item_update_draft,
    catalog_review_decide,
    domain_merge,
    domain_rename,
)
from gongkai.catalog.tasks import run_catalog_import
from gongkai.core.jobs import enqueue_on_commit
from gongkai.core.links import STAFF, subject_links
from gongkai.core.models import AuditEvent
from gongkai.core.views_util import add_service_errors, paginate, staff_required


@staff_required
def item_list(request: HttpRequest) -> HttpResponse:
    items = catalog_items_for_staff(user=request.user).order_by("code")
    status = request.GET.get("status", "")
    if status in ItemStatus.values:
        items = items.filter(status=status)
    q = request.GET.get("q", "").strip()
    if q:
        items = items.filter(name__icontains=q)
    page, query = paginate(request, items, 50)
    return render(
        request,
        "catalog/manage/items.html",
        {
            "page": page,
            "status": status,
            "statuses": ItemStatus.choices,
            "q": q,
            "query": query,
            "column_name": "目录维护",
        },
    )


@staff_required
def item_create(request: HttpRequest) -> HttpResponse:
    form = CatalogItemForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            item = catalog_item_create(actor=request.user, data=form.to_data())
        except ValidationError as exc:
            add_service_errors(form, exc, FIELD_MAP)
        else:
            messages.success(request, f"已保存草稿：{item.code} {item.name}")
            return redirect("manage:catalog_item", pk=item.pk)
    return render(
        request,
        "catalog/manage/item_form.html",
        {
            "form": form,
            "title": "新增公开事项",
            "column_name": "目录维护",
        },
    )


@staff_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = catalog_item_for_staff(user=request.user, pk=pk)
    published = item.status == ItemStatus.PUBLISHED
    form_class = CatalogItemAdjustForm if published else CatalogItemForm
    form = form_class(
        request.POST or None, user=request.user, initial=CatalogItemForm.initial_for(item)
    )
    if not (item.can_edit() or item.can_adjust()):
        messages.error(request, "该事项当前状态不能修改，或已有待审核、待生效的调整")
        return redirect("manage:catalog_item", pk=item.pk)
    if request.method == "POST" and form.is_valid():
        try:
            if published:
                data = form.to_data()
                reason, effective = data.pop("reason"), data.pop("effective_date")
                version = catalog_item_adjust(
                    actor=request.user,
                    item=item,
                    data=data,
                    reason=reason,
                    effective_date=effective,
                )
                messages.success(
                    request, f"已提交第{version.number}版调整（{version.get_status_display()}）"
                )
            else:
                catalog_item_update_draft(actor=request.user, item=item, data=form.to_data())
                messages.success(request, "草稿已保存")
        except ValidationError as exc:
            add_service_errors(form, exc, FIELD_MAP)
        else:
            return redirect("manage:catalog_item", pk=item.pk)
    return render(
        request,
        "catalog/manage/item_form.html",
        {
            "form": form,
            "item": item,
            "column_name": "目录维护",
            "title": f"动态调整：{item.name}" if published else f"编辑草稿：{item.name}",
        },
    )


@staff_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = catalog_item_for_staff(user=request.user, pk=pk)
    history = AuditEvent.objects.filter(object_type="catalog.catalogitem", object_id=str(item.pk))
    return render(
        request,
        "catalog/manage/item_detail.html",
        {
            "item": item,
            "actions": item.allowed_actions(),
            "versions": item.versions.all(),
            "reviews": item.reviews.all(),
            "history": history.order_by("at", "id"),
            "revoke_form": RevokeForm(),
            "subject_links": subject_links(item, audience=STAFF, user=request.user),
            "column_name": "目录维护",
        },
    )


@staff_required
@require_POST
def item_submit(request: HttpRequest, pk: int) -> HttpResponse:
    item = catalog_item_for_staff(user=request.user, pk=pk)
    try:
        item = catalog_item_submit(actor=request.user, item=item)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"已提交，当前状态：{item.get_status_display()}")
    return redirect("manage:catalog_item", pk=item.pk)


@staff_required
@require_POST
def item_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    item = catalog_item_for_staff(user=request.user, pk=pk)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            catalog_item_revoke(actor=request.user, item=item, **form.cleaned_data)
            messages.success(request, "已登记取消")
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("manage:catalog_item", pk=item.pk)


@staff_required
def review_list(request: HttpRequest) -> HttpResponse:
    reviews = catalog_reviews_for_staff(user=request.user)
    return render(
        request,
        "catalog/manage/reviews.html",
        {
            "pending": reviews.filter(decision=ReviewDecision.PENDING),
            "done": reviews.exclude(decision=ReviewDecision.PENDING)[:50],
            "can_decide": is_office(request.user) or is_sysadmin(request.user),
            "column_name": "非主动公开审核",
        },
    )


@staff_required
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(catalog_reviews_for_staff(user=request.user), pk=pk)
    form = ReviewDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            catalog_review_decide(
                actor=request.user,
                review=review,
                approve=form.cleaned_data["decision"] == "approve",
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "审核已完成")
            return redirect("manage:catalog_reviews")
    snapshot = review.version.snapshot if review.version else {}
    from gongkai.catalog.snapshots import LABELS, display_value

    rows = [(label, display_value(f, snapshot.get(f), snapshot)) for f, label in LABELS.items()]
    return render(
        request,
        "catalog/manage/review_decide.html",
        {
            "review": review,
            "form": form,
            "rows": rows,
            "column_name": "非主动公开审核",
        },
    )


@staff_required
def import_start(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        job = ImportJob.objects.create(
            created_by=request.user,
            organisation=request.user.organisation,
            file=cd["file"],
            original_name=cd["file"].name[:200],
            dry_run=cd["dry_run"],
            reason=cd["reason"],
            effective_date=cd["effective_date"],
        )
        enqueue_on_commit(run_catalog_import, job_id=job.pk)
        return redirect("manage:catalog_import_status", pk=job.pk)
    jobs = ImportJob.objects.filter(created_by=request.user)[:10]
    return render(
        request,
        "catalog/manage/import.html",
        {
            "form": form,
            "jobs": jobs,
            "column_name": "目录导入",
        },
    )


def _own_job(request: HttpRequest, pk: int) -> ImportJob:
    job = get_object_or_404(ImportJob, pk=pk)
    if job.created_by_id != request.user.pk and not is_sysadmin(request.user):
        raise PermissionDenied("只能查看自己提交的导入")
    return job


@staff_required
def import_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = _own_job(request, pk)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": job.status,
                "status_label": job.get_status_display(),
                "percent": job.progress_percent,
                "errors": job.errors[:500],
                "summary": job.summary,
            }
        )
    return render(
        request,
        "catalog/manage/import_status.html",
        {
            "job": job,
            "column_name": "目录导入",
        },
    )


@staff_required
def domain_list(request: HttpRequest) -> HttpResponse:
    if not (is_office(request.user) or is_sysadmin(request.user)):
        raise PermissionDenied("只有政务公开办或系统管理员可以管理领域")
    if request.method == "POST":
        domain = get_object_or_404(Domain, pk=request.POST.get("domain"))
        action = request.POST.get("action")
        try:
            if action == "rename":
                form = DomainRenameForm(request.POST)
                if form.is_valid():
                    domain_rename(actor=request.user, domain=domain, name=form.cleaned_data["name"])
                    messages.success(request, "领域已更名")
            elif action == "merge":
                form = DomainMergeForm(request.POST)
                if form.is_valid():
                    n = domain_merge(
                        actor=request.user, source=domain, target=form.cleaned_data["target"]
                    )
                    messages.success(request, f"已合并，移动事项 {n} 项")
            elif action in ("up", "down"):
                from gongkai.catalog.services import domain_reorder

                ids = list(
                    Domain.objects.filter(merged_into__isnull=True).values_list("pk", flat=True)
                )
                i = ids.index(domain.pk)
                j = i - 1 if action == "up" else i + 1
                if 0 <= j < len(ids):
                    ids[i], ids[j] = ids[j], ids[i]
                    domain_reorder(actor=request.user, ordered_ids=ids)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect("manage:domains")
    return render(
        request,
        "catalog/manage/domains.html",
        {
            "domains": Domain.objects.filter(merged_into__isnull=True),
            "merged": Domain.objects.filter(merged_into__isnull=False).select_related(
                "merged_into"
            ),
            "column_name": "领域管理",
        },
    )
