from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

from gongkai.accounts.models import User


class EmailOrPhoneBackend(ModelBackend):
    """Log in with user name, mobile number or e-mail address."""

    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        if not username or not password:
            return None
        ident = username.strip()
        query = Q(username=ident) | Q(phone=ident)
        if "@" in ident:
            query |= Q(email__iexact=ident)
        user = User.objects.filter(query).first()
        if user is None:
            User().set_password(password)  # same cost as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
