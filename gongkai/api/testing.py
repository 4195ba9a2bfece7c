"""Validate API responses against the committed OpenAPI document (docs/openapi.yaml)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse


@lru_cache(maxsize=1)
def openapi() -> OpenAPI:
    return OpenAPI.from_file_path(str(Path(settings.BASE_DIR) / "docs" / "openapi.yaml"))


def assert_matches_schema(response) -> None:  # type: ignore[no-untyped-def]
    """Raise unless the request and its 2xx response match the committed document."""
    assert 200 <= response.status_code < 300, response.content[:500]
    request = DjangoOpenAPIRequest(response.wsgi_request)
    openapi().validate_request(request)
    openapi().validate_response(request, DjangoOpenAPIResponse(response))
