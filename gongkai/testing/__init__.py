"""The tests' own cast (docs/testing.md): ``world.make_world`` builds a small county with the
``factories``; tests reach it through the ``world`` fixture and the role fixtures in
conftest.py, never through the demo county's names."""

from __future__ import annotations

from gongkai.accounts.models import Organisation, User

PLANNING_EDITOR = "t_planning_editor"  # 公开专员 of the department the tests call "planning"
FINANCE_EDITOR = "t_finance_editor"


def planning_org() -> Organisation:
    return User.objects.get(username=PLANNING_EDITOR).organisation


def finance_org() -> Organisation:
    return User.objects.get(username=FINANCE_EDITOR).organisation
