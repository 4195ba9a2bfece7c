"""Factories: build one object of the tests' cast through the same services users go through.

Each factory takes keyword arguments for what a test cares about and fills the rest with
plausible values, numbered so that two calls never collide (docs/testing.md).
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from gongkai.accounts.models import Organisation, OrgKind, OrgLevel, User, UserKind
from gongkai.accounts.services import staff_user_create
from gongkai.accounts.validators import id_check_char, uscc_check_char
from gongkai.catalog.choices import PowerCategory
from gongkai.catalog.models import (
    CatalogItem,
    Domain,
    GuideMaterial,
    GuideStep,
    PowerItem,
    ServiceItem,
)
from gongkai.catalog.rules import parse_legal_bases
from gongkai.catalog.services import catalog_item_create, catalog_item_submit
from gongkai.foi.models import Application
from gongkai.foi.services import application_submit
from gongkai.publishing.models import Publication
from gongkai.publishing.services import publication_create, publication_review, publication_submit

PASSWORD = "test-pass-2026"  # every factory-made login has it
REGION = "320999"  # an unused 行政区划代码: nothing in the cast is mistaken for a real county
_seq = itertools.count(1)
_hashed: dict[str, str] = {}


def _n() -> int:
    return next(_seq)


def password_hash() -> str:
    """Hash the one test password once: PBKDF2 per user would dominate the set-up time."""
    if "pw" not in _hashed:
        _hashed["pw"] = make_password(PASSWORD)
    return _hashed["pw"]


def uscc_make(n: int) -> str:
    first17 = f"11{REGION}0{n:08d}"
    return first17 + uscc_check_char(first17)


def org_make(
    *,
    name: str,
    short_name: str,
    kind: str = OrgKind.DEPARTMENT,
    level: str = OrgLevel.COUNTY,
    parent: Organisation | None = None,
    **extra: Any,
) -> Organisation:
    n = _n()
    fields: dict[str, Any] = {
        "uscc": uscc_make(n) if kind != OrgKind.VILLAGE else "",
        "display_order": n,
        "foi_office": f"{name}政务公开工作机构" if kind != OrgKind.VILLAGE else "",
        "address": f"示例县城关镇测试路{n}号",
        "postcode": "226999",
        "phone": f"0513-8800{n:04d}",
        "email": f"org{n}@example.gov.cn",
        **extra,
    }
    org = Organisation(
        name=name, short_name=short_name, kind=kind, level=level, parent=parent, **fields
    )
    org.full_clean()
    org.save()
    return org


def staff_make(
    *, username: str, organisation: Organisation, roles: list[str], display_name: str = ""
) -> User:
    return staff_user_create(
        actor=None,
        username=username,
        password_hash=password_hash(),
        organisation=organisation,
        roles=roles,
        display_name=display_name or username,
        email=f"{username}@example.gov.cn",
    )


def citizen_make(*, phone: str | None = None, display_name: str = "测试用户") -> User:
    phone = phone or f"137{_n():08d}"
    user = User(
        username=f"u{phone}",
        kind=UserKind.PUBLIC,
        phone=phone,
        email=f"c{phone}@example.com",
        display_name=display_name,
    )
    user.password = password_hash()
    user.full_clean()
    user.save()
    return user


def power_item_make(
    *, organisation: Organisation, name: str, basis: str, category: str = PowerCategory.LICENSING
) -> PowerItem:
    n = _n()
    prefix = {PowerCategory.LICENSING: "XK", PowerCategory.PENALTY: "CF"}.get(category, "QT")
    return PowerItem.objects.create(
        name=name,
        code=f"{REGION}-{prefix}-{n:04d}",
        category=category,
        basis=basis,
        organisation=organisation,
        legal_time_limit="20个工作日",
        promised_time_limit="5个工作日",
        fee="不收费",
        consult_phone=organisation.phone,
        remedy="行政复议（60日内）或行政诉讼（6个月内）",
    )


def service_item_make(*, organisation: Organisation, name: str, basis: str) -> ServiceItem:
    return ServiceItem.objects.create(
        name=name,
        code=f"{REGION}-GG-{_n():04d}",
        basis=basis,
        organisation=organisation,
        consult_phone=organisation.phone,
        promised_time_limit="3个工作日",
    )


def guide_make(
    owner: PowerItem | ServiceItem,
    *,
    steps: list[tuple[str, str, str]],
    materials: list[tuple[str, str, str]],
) -> None:
    """The 办事指南 of an entry: steps (title, description, time limit) and materials (name,
    form, common errors)."""
    key = "power_item" if isinstance(owner, PowerItem) else "service_item"
    for i, (title, desc, limit) in enumerate(steps, start=1):
        GuideStep.objects.create(
            order=i, title=title, description=desc, time_limit=limit, **{key: owner}
        )
    for i, (name, form, errors) in enumerate(materials, start=1):
        GuideMaterial.objects.create(
            order=i, name=name, form=form, common_errors=errors, **{key: owner}
        )


def catalog_item_make(
    *,
    actor: User,
    domain: Domain | str,
    name: str,
    parent: CatalogItem | None = None,
    group: bool = False,
    publish: bool = True,
    **data: Any,
) -> CatalogItem:
    """A catalog item (事项) made by ``actor`` through the catalog services; published unless
    ``publish=False`` (a draft), or sent for review when it is not 主动公开."""
    if isinstance(domain, str):
        domain = Domain.objects.get(name=domain)
    fields: dict[str, Any] = {
        "domain": domain,
        "parent": parent,
        "name": name,
        "organisation": actor.organisation,
        "is_group": group,
    }
    if not group:
        fields.update(
            stage="decision",
            content=f"{name}的主要内容",
            legal_bases=parse_legal_bases("《中华人民共和国政府信息公开条例》第二十条"),
            time_limit_text="自该信息形成或者变更之日起20个工作日内",
            channels=["website"],
            audience="public",
            mode="proactive",
        )
    fields.update(data)
    item = catalog_item_create(actor=actor, data=fields)
    if publish:
        item = catalog_item_submit(actor=actor, item=item)
    return item


def publication_make(
    *,
    editor: User,
    title: str,
    reviewer: User | None = None,
    formed_on: dt.date | None = None,
    reviewed_at: dt.datetime | None = None,
    **data: Any,
) -> Publication:
    """A publication drafted by ``editor``; submitted and published when a ``reviewer`` is
    given (at ``reviewed_at``, default now), else left a draft."""
    fields: dict[str, Any] = {
        "organisation": editor.organisation,
        "title": title,
        "body": f"<p>{title}的正文。</p>",
        "formed_on": formed_on or timezone.localdate() - dt.timedelta(days=3),
        "genre": "notice",
        "stage": "execution",
        **data,
    }
    pub = publication_create(actor=editor, data=fields)
    if reviewer is not None:
        publication_submit(actor=editor, pub=pub)
        pub = publication_review(actor=reviewer, pub=pub, approve=True, now=reviewed_at)
    return pub


def id_number_make(seed: int | None = None) -> str:
    """A 居民身份证号码 (GB 11643) with a valid check digit, in the unused region."""
    seed = _n() if seed is None else seed
    body = f"{REGION}{1960 + seed % 40}{1 + seed % 12:02d}{1 + seed % 28:02d}{100 + seed % 900:03d}"
    return body + id_check_char(body)


def application_data(**extra: Any) -> dict[str, Any]:
    """What an applicant fills in on the 依申请公开 form (a person, e-mail delivery)."""
    n = _n()
    return {
        "applicant_kind": "person",
        "name": "李测试",
        "id_number": id_number_make(n),
        "phone": f"139{n:08d}",
        "email": f"applicant{n}@example.com",
        "description": "2025年度城乡规划专项资金使用情况",
        "purpose": "了解相关情况",
        "delivery": "email",
        **extra,
    }


def application_make(
    *,
    organisation: Organisation,
    user: User | None = None,
    submitted_on: dt.date | None = None,
    **data: Any,
) -> Application:
    """An online 依申请公开 application as the public form makes it (received at once)."""
    app, _code = application_submit(
        data=application_data(**data),
        organisation=organisation,
        submitted_on=submitted_on,
        user=user,
    )
    return app


def dataset_make(
    *,
    editor: User,
    reviewer: User | None = None,
    name: str,
    title: str,
    csv_text: str = "",
    **data: Any,
) -> Any:
    """A dataset drafted by ``editor`` through the opendata services, with one CSV resource
    when ``csv_text`` is given (loaded into the datastore at once); published when a
    ``reviewer`` is given."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.opendata import services as ods

    fields = {
        "name": name,
        "title": title,
        "notes": f"{title}的说明。",
        "organisation": editor.organisation,
        "tags": ["测试"],
        **data,
    }
    ds = ods.dataset_create(actor=editor, data=fields)
    if csv_text:
        upload = SimpleUploadedFile(f"{name}.csv", csv_text.encode("utf-8"), "text/csv")
        res = ods.resource_add(actor=editor, dataset=ds, name=f"{title}（CSV）", file=upload)
        ods.datastore_load_version(version_id=res.latest().pk)
    if reviewer is not None:
        ods.dataset_submit(actor=editor, dataset=ds)
        ds = ods.dataset_review(actor=reviewer, dataset=ds, approve=True)
    return ds
