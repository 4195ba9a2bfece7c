"""Test helpers: who is who in the tests' cast, by role rather than by the demo's names.

Tests ask for "the planning department" or "the finance department" through the login of its
公开专员 (docs/testing.md), so renaming a department in the demo breaks no test.
"""

from __future__ import annotations

from gongkai.accounts.models import Organisation, User

PLANNING_EDITOR = "ghj_editor"  # 公开专员 of the department the tests call "planning"
FINANCE_EDITOR = "czj_editor"


def planning_org() -> Organisation:
    return User.objects.get(username=PLANNING_EDITOR).organisation


def finance_org() -> Organisation:
    return User.objects.get(username=FINANCE_EDITOR).organisation
