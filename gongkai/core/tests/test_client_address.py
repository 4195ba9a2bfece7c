"""The client's address behind a trusted reverse proxy, and only then."""

from __future__ import annotations

from django.test import RequestFactory

from gongkai.core.middleware import request_ip


def test_x_real_ip_is_believed_only_from_a_trusted_proxy(settings) -> None:
    factory = RequestFactory()
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    proxied = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    assert request_ip(proxied) == "203.0.113.7"
    direct = factory.get("/", REMOTE_ADDR="198.51.100.2", HTTP_X_REAL_IP="203.0.113.7")
    assert request_ip(direct) == "198.51.100.2"  # a client cannot choose its own address
    assert request_ip(factory.get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"
    settings.TRUSTED_PROXIES = []
    assert request_ip(proxied) == "127.0.0.1"
