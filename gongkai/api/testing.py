"""Validate API responses against the committed OpenAPI document (docs/openapi.yaml)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http.request import RawPostDataException
from django.test import RequestFactory
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse


@lru_cache(maxsize=1)
def openapi() -> OpenAPI:
    return OpenAPI.from_file_path(str(Path(settings.BASE_DIR) / "docs" / "openapi.yaml"))


def assert_matches_schema(response) -> None:  # type: ignore[no-untyped-def]
    """Raise unless the request and its 2xx response match the committed document.

    A POST body already consumed by DRF cannot be re-read, so for those the request is
    checked by path and method only (its body was validated by the view's serializer).
    """
    assert 200 <= response.status_code < 300, response.content[:500]
    original = response.wsgi_request
    try:
        original.body  # noqa: B018  touch: raises if the stream was consumed
        request = DjangoOpenAPIRequest(original)
        openapi().validate_request(request)
    except RawPostDataException:
        stand_in = RequestFactory().generic(
            original.method, original.get_full_path(), b"{}", content_type="application/json"
        )
        stand_in.resolver_match = original.resolver_match
        request = DjangoOpenAPIRequest(stand_in)
    openapi().validate_response(request, DjangoOpenAPIResponse(response))
