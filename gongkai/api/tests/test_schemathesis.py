"""Property-based contract test of the whole API (schemathesis, docs/api.md#contract).

Every operation of the committed docs/openapi.yaml is called in-process with generated valid
and invalid input, anonymously and with a staff token holding every scope, and every check
schemathesis has is applied: no 500, only documented statuses, bodies and headers, invalid
input refused, valid input accepted. The seed is fixed (derandomized), so a run is repeatable.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode

MAX_EXAMPLES = 12

schema = schemathesis.openapi.from_path(Path(settings.BASE_DIR) / "docs" / "openapi.yaml")
schema.app = get_wsgi_application()
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
    max_examples=MAX_EXAMPLES,
    deterministic=True,
    allow_x00=False,
)
SETTINGS = hypothesis_settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():  # type: ignore[no-untyped-def]
    """The WSGI handler closes the database connection after each request; in a test that
    would close the test's own transaction (Django's test Client disconnects the same)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def staff_token(world) -> str:  # type: ignore[no-untyped-def]
    from gongkai.accounts.models import TokenScope
    from gongkai.accounts.tokens import api_token_create

    user = world.planning_editor
    _token, plain = api_token_create(
        actor=user, user=user, name="契约测试", scopes=list(TokenScope.values)
    )
    return plain


# What OpenAPI cannot say about an application, filled into the generated *valid* cases so
# that they are valid for the server too: the receiving body must exist (a foreign key), the
# identity number must pass its checksum for the chosen kind (条例 第二十九条), and an offline
# application cannot be dated in the future, and a signed-for letter has its signing date.
# Invalid cases are left as generated.
APPLICANT = {
    "id_type": "居民身份证",
    "id_number": "320682199001011231",
    "uscc": "91320999MA1XXXXX0L",
}
OFFLINE_DATES = {"submitted_on": "2026-11-02", "confirmed_on": "2026-11-04"}


def _realistic(case, world) -> None:  # type: ignore[no-untyped-def]
    from schemathesis import GenerationMode as Mode

    if case.meta is None or case.meta.generation.mode != Mode.POSITIVE:
        return
    if isinstance(case.body, dict) and {"subject", "content", "name"} <= set(case.body):  # 留言
        for key, value in (("organisation", world.planning.pk), ("domain", None)):
            if case.body.get(key) is not None:
                case.body[key] = value
        if not (case.body.get("phone") or case.body.get("email")):  # one of them is required
            case.body["phone"] = "13912345678"
        if case.body.get("received_on"):  # staff intake: 补录 reaches back at most 90 days
            from django.utils import timezone

            case.body["received_on"] = timezone.localdate().isoformat()
        return
    if not isinstance(case.body, dict) or "applicant_kind" not in case.body:
        return
    case.body.update({"organisation": world.planning.pk, **APPLICANT})
    if case.body["applicant_kind"] == "person":
        case.body.pop("uscc")
    for key, day in OFFLINE_DATES.items():  # only those the case has: absent ones stay absent
        if key in case.body:
            case.body[key] = day
    if case.body.get("channel") == "post_signed":  # 条例 第三十一条第二项: received when signed for
        case.body["confirmed_on"] = OFFLINE_DATES["confirmed_on"]


@pytest.mark.django_db
@schema.parametrize()
@SETTINGS
def test_api_contract_anonymous(case, world) -> None:  # type: ignore[no-untyped-def]
    _realistic(case, world)
    case.call_and_validate()


@pytest.mark.django_db
@schema.parametrize()
@SETTINGS
def test_api_contract_as_staff(case, world, staff_token) -> None:  # type: ignore[no-untyped-def]
    _realistic(case, world)
    case.call_and_validate(headers={"Authorization": f"Bearer {staff_token}"})
