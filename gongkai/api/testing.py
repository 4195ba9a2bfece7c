"""Validate API responses against the committed OpenAPI document (docs/openapi.yaml).

``validating_client`` (an autouse fixture in conftest.py) runs ``validate_api_response`` on
every response the test client gets from /api/v1/, whatever its status, like Zulip's
``validate_api_response_openapi``: a test cannot forget to check the contract.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http.request import RawPostDataException
from django.test import Client, RequestFactory
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound
from openapi_core.templating.responses.exceptions import ResponseNotFound

ERROR_KEYS = {"code", "message", "errors"}


@lru_cache(maxsize=1)
def openapi() -> OpenAPI:
    return OpenAPI.from_file_path(str(Path(settings.BASE_DIR) / "docs" / "openapi.yaml"))


def _openapi_request(original: Any, check_body: bool) -> DjangoOpenAPIRequest:
    """The request as openapi-core sees it. A POST body already consumed by DRF cannot be
    re-read, so for those a stand-in with the same path and method is used."""
    try:
        original.body  # noqa: B018  touch: raises if the stream was consumed
        request = DjangoOpenAPIRequest(original)
        if check_body:
            openapi().validate_request(request)
        return request
    except RawPostDataException:
        stand_in = RequestFactory().generic(
            original.method, original.get_full_path(), b"{}", content_type="application/json"
        )
        stand_in.resolver_match = original.resolver_match
        return DjangoOpenAPIRequest(stand_in)


def validate_api_response(response: Any) -> None:
    """Raise unless the response's status is documented for its operation and its body matches.

    Error responses must also have the one error shape. Successful requests are checked too:
    a request the server accepted must be one the document allows.
    """
    if response.status_code >= 400 and response.get("Content-Type", "").startswith(
        "application/json"
    ):
        body = json.loads(response.content)
        assert isinstance(body, dict) and set(body) >= ERROR_KEYS, body
    request = _openapi_request(response.wsgi_request, 200 <= response.status_code < 300)
    try:
        openapi().validate_response(request, DjangoOpenAPIResponse(response))
    except ResponseNotFound as exc:
        raise AssertionError(
            f"{request.method} {request.path} answered {response.status_code}, "
            f"which docs/openapi.yaml does not document: {response.content[:300]!r}"
        ) from exc
    except (PathNotFound, OperationNotFound):
        # a URL or method the document does not have may only be refused (404, 405, or 400
        # for a request the middleware rejects before routing), in the error shape above
        assert response.status_code in (400, 404, 405), (
            f"{request.method} {request.path} is not in docs/openapi.yaml "
            f"but answered {response.status_code}"
        )


def assert_matches_schema(response: Any) -> None:
    """Kept for tests that want to say so: a 2xx response that matches the document."""
    assert 200 <= response.status_code < 300, response.content[:500]
    validate_api_response(response)


def _is_api(response: Any) -> bool:
    path = response.wsgi_request.path
    return path.startswith("/api/v1/") and not path.startswith("/api/v1/schema")


@contextmanager
def validating_client() -> Iterator[None]:
    original: Callable[..., Any] = Client.request

    def request(self: Client, **kwargs: Any) -> Any:
        response = original(self, **kwargs)
        if _is_api(response):
            validate_api_response(response)
        return response

    Client.request = request  # type: ignore[method-assign]
    try:
        yield
    finally:
        Client.request = original  # type: ignore[method-assign]
