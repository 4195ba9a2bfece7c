"""Public pages of 惠民资金 (docs/ledgers.md): programmes and their 公示 lists, and the lookup
of one's own payments. Thin over selectors and services; lookups are never cached."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from gongkai.core.ratelimit import rate_limited
from gongkai.core.views_util import paginate
from gongkai.ledgers import selectors as sel
from gongkai.ledgers import services as svc
from gongkai.ledgers.forms import LookupForm
from gongkai.ledgers.models import SavedIdentity

CONTEXT = {"column_name": "惠民资金", "column_type": "办事服务"}


def _saved(request: HttpRequest) -> SavedIdentity | None:
    user = request.user
    if not (user.is_authenticated and getattr(user, "phone_verified", False)):
        return None
    return SavedIdentity.objects.filter(user=user).first()


@never_cache
def index(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.POST or None)
    found, remember_error = None, ""
    if request.method == "POST":
        if rate_limited(request, key="hm-lookup", limit=svc.LOOKUP_LIMIT, window_seconds=600):
            return render(
                request,
                "accounts/too_many.html",
                {"message": "查询过于频繁，请10分钟后再试。", **CONTEXT},
                status=429,
            )
        if form.is_valid():
            data = form.cleaned_data
            found = svc.payments_lookup(
                actor=request.user, id_number=data["id_number"], name=data["name"]
            )
            form = LookupForm()  # the ID number is not written back into the page
            if data["remember"] and request.user.is_authenticated:
                try:
                    svc.identity_save(
                        user=request.user, id_number=data["id_number"], name=data["name"]
                    )
                except (PermissionDenied, ValidationError) as exc:
                    remember_error = "；".join(getattr(exc, "messages", [str(exc)]))
    return render(
        request,
        "ledgers/index.html",
        {
            "programmes": sel.programmes_public(),
            "form": form,
            "found": found,
            "totals": sel.totals(found) if found is not None else None,
            "saved": _saved(request),
            "limit": svc.LOOKUP_LIMIT,
            "remember_error": remember_error,
            **CONTEXT,
        },
    )


def programme(request: HttpRequest, code: str) -> HttpResponse:
    obj = sel.programme_public_get(code=code)
    if obj is None:
        raise Http404("没有这个惠民资金项目")
    return render(
        request,
        "ledgers/programme.html",
        {"programme": obj, "batches": sel.batches_public(obj), **CONTEXT, "column_name": obj.name},
    )


def batch(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    obj = sel.programme_public_get(code=code)
    found = sel.batch_public_get(obj, pk) if obj is not None else None
    if found is None:
        raise Http404("没有这个公示批次")
    village = (request.GET.get("village") or "").strip()[:60]
    page, query = paginate(request, sel.batch_payments(found, village=village), 50)
    return render(
        request,
        "ledgers/batch.html",
        {
            "programme": obj,
            "batch": found,
            "page": page,
            "query": query,
            "village": village,
            "villages": sel.batch_villages(found),
            **CONTEXT,
            "column_name": f"{obj.name}公示",
        },
    )


@never_cache
def mine(request: HttpRequest) -> HttpResponse:
    from django.contrib.auth.views import redirect_to_login

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    verified = getattr(request.user, "phone_verified", False)
    saved = _saved(request)
    if request.method == "POST" and request.POST.get("forget"):
        svc.identity_forget(user=request.user)
        return redirect("ledgers:mine")
    found = None
    if saved is not None:
        found = sel.payments_of_person(id_digest=saved.id_digest, name_digest=saved.name_digest)
    return render(
        request,
        "ledgers/mine.html",
        {
            "verified": verified,
            "saved": saved,
            "found": found,
            "totals": sel.totals(found) if found is not None else None,
            "form": LookupForm(initial={"remember": True}),
            **CONTEXT,
            "column_name": "我的惠民资金",
        },
    )
