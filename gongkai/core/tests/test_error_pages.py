"""Every error page is Chinese, in the layout, with a way back; API paths answer JSON."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import client_for


def _chinese_page(response, status: int, *words: str) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == status
    page = response.content.decode()
    assert '<html lang="zh-CN">' in page and "返回首页" in page
    for word in words:
        assert word in page
    for english in ("Not Found", "Forbidden", "Server Error", "Bad Request", "CSRF"):
        assert english not in page
    return page


@pytest.mark.django_db
def test_404_403_and_csrf_pages_are_chinese(citizen) -> None:
    _chinese_page(Client().get("/no/such/page/"), 404, "页面不存在")
    _chinese_page(Client().get("/art/99999999/"), 404)
    page = _chinese_page(client_for(citizen).get("/manage/"), 403, "工作台仅限工作人员使用")
    assert "个人中心" in page
    strict = Client(enforce_csrf_checks=True)
    _chinese_page(strict.post("/accounts/login/", {"username": "x"}), 403, "请刷新后重试")


@pytest.mark.django_db
def test_api_errors_outside_views_are_chinese_json() -> None:
    response = Client().get("/api/v1/no-such-endpoint/")
    assert response.status_code == 404 and response.json()["message"]


@pytest.mark.django_db
def test_500_and_400_pages_are_chinese(rf) -> None:  # type: ignore[no-untyped-def]
    from gongkai.core.views_errors import bad_request, server_error

    request = rf.get("/info/")
    request.user = __import__(
        "django.contrib.auth.models", fromlist=["AnonymousUser"]
    ).AnonymousUser()
    assert "服务器出现错误" in server_error(request).content.decode()
    assert "请求有误" in bad_request(request).content.decode()
