"""Identity numbers are checked as the national standards define them, in Chinese."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from gongkai.accounts.validators import (
    IdType,
    id_check_char,
    validate_identity,
    validate_resident_id,
    validate_uscc,
)
from gongkai.testing import planning_org


def test_gb11643_check_character_hand_computed() -> None:
    # 11010519491231002X: Σ(digit × weight) = 167 → 167 mod 11 = 2 → "X" (GB 11643-1999 table)
    assert id_check_char("11010519491231002") == "X"
    # 320682199001011231: Σ = 3·7+2·9+0·10+6·5+8·8+2·4+1·2+9·1+9·6+0·3+0·7+1·9+0·10+1·5+1·8+2·4
    # +3·2 = 242 → 242 mod 11 = 0 → "1"
    assert id_check_char("32068219900101123") == "1"


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("320682199001011234", "身份证号码校验位不正确"),
        ("32068219900101123", "身份证号码应为18位"),
        ("320682199002301236", "身份证号码中的出生日期无效"),  # 30 February
        ("32068290010112", "身份证号码应为18位"),
    ],
)
def test_wrong_resident_ids_name_the_field(number: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        validate_resident_id(number)


def test_valid_numbers_of_every_type() -> None:
    assert validate_resident_id("11010519491231002x") == "11010519491231002X"
    assert validate_resident_id("320682900101123") == "320682900101123"  # 15-digit, 1990-01-01
    assert validate_identity(IdType.HK_MACAO_PASS, "h12345678") == "H12345678"
    assert validate_identity(IdType.TAIWAN_PASS, "12345678") == "12345678"
    assert validate_identity(IdType.PASSPORT, "E12345678") == "E12345678"
    assert validate_identity(IdType.FOREIGN_PERMANENT, "USA110012345678") == "USA110012345678"
    permit = "81000019900101123"
    assert validate_identity(IdType.RESIDENCE_PERMIT, permit + id_check_char(permit))
    with pytest.raises(ValidationError, match="港澳台居民居住证号码应以810000"):
        validate_identity(IdType.RESIDENCE_PERMIT, "320682199001011231")
    with pytest.raises(ValidationError, match="港澳居民来往内地通行证号码应为H或M开头"):
        validate_identity(IdType.HK_MACAO_PASS, "X1234567")


def test_uscc_check_character() -> None:
    with pytest.raises(ValidationError, match="统一社会信用代码校验位不正确"):
        validate_uscc("913206820000000001")


@pytest.mark.django_db
def test_the_foi_form_and_api_refuse_a_wrong_id_number(client) -> None:  # type: ignore[no-untyped-def]

    org = planning_org()
    body = {
        "organisation": org.pk,
        "applicant_kind": "person",
        "name": "王小明",
        "id_number": "320682199001011234",
        "phone": "13912345678",
        "email": "wang@example.com",
        "description": "城市总体规划批复",
        "delivery": "email",
    }
    page = client.post("/foi/apply/", body).content.decode()
    assert "身份证号码校验位不正确，请核对后重新输入" in page
    api = client.post("/api/v1/foi/applications", body, content_type="application/json")
    assert api.status_code == 400 and "校验位不正确" in api.json()["errors"]["id_number"][0]
    api = client.post(
        "/api/v1/foi/applications",
        {**body, "id_type": "护照", "id_number": "E12345678"},
        content_type="application/json",
    )
    assert api.status_code == 201
