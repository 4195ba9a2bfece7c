"""政府数据开放: states, actions, 开放属性, update frequencies and formats
(docs/opendata.md). Declared next to the models and asked by services, templates and the API.
"""

from __future__ import annotations

from django.db import models

from gongkai.core.clock import ClockRule

UPDATE_DEADLINE = "opendata.update"
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]{1,99}$"  # CKAN's dataset "name": the URL slug


class DatasetStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PENDING = "pending", "待审核"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


class DatasetAction(models.TextChoices):
    EDIT = "edit", "修改"
    SUBMIT = "submit", "提交审核"
    APPROVE = "approve", "审核通过并发布"
    RETURN = "return", "退回修改"
    UPLOAD = "upload", "上传新版本"
    WITHDRAW = "withdraw", "撤回"


ALLOWED_FROM: dict[str, set[str]] = {
    DatasetAction.EDIT: {DatasetStatus.DRAFT, DatasetStatus.PUBLISHED},
    DatasetAction.SUBMIT: {DatasetStatus.DRAFT},
    DatasetAction.APPROVE: {DatasetStatus.PENDING},
    DatasetAction.RETURN: {DatasetStatus.PENDING},
    DatasetAction.UPLOAD: {DatasetStatus.DRAFT, DatasetStatus.PUBLISHED},
    DatasetAction.WITHDRAW: {DatasetStatus.PUBLISHED},
}


class Access(models.TextChoices):
    """开放属性 (公共数据开放: 无条件开放 / 有条件开放 / 不予开放)."""

    OPEN = "open", "无条件开放"
    CONDITIONAL = "conditional", "有条件开放"
    CLOSED = "closed", "不予开放"


class Frequency(models.TextChoices):
    IRREGULAR = "irregular", "不定期"
    DAILY = "daily", "每日"
    WEEKLY = "weekly", "每周"
    MONTHLY = "monthly", "每月"
    QUARTERLY = "quarterly", "每季度"
    YEARLY = "yearly", "每年"


# how long after an update the next one is due, in 日 (民法典 第二百零一条、第二百零三条: the last
# day rolls to the next working day) — the udata ``update_fulfilled_in_time`` idea on the law clock
FREQUENCY_DAYS = {
    Frequency.DAILY: 1,
    Frequency.WEEKLY: 7,
    Frequency.MONTHLY: 31,
    Frequency.QUARTERLY: 92,
    Frequency.YEARLY: 366,
}


def update_rule(frequency: str) -> ClockRule | None:
    days = FREQUENCY_DAYS.get(frequency)
    return ClockRule.calendar_days(days) if days else None


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", "知识共享署名 4.0（CC BY 4.0）"
    ODC_BY = "odc-by", "开放数据共享署名许可（ODC-By）"
    CC0 = "cc-zero", "公有领域贡献（CC0）"
    GOV = "gov-open", "政府数据开放许可（署名、非独占、可商用）"


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.ODC_BY: "https://opendatacommons.org/licenses/by/1-0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    Licence.GOV: "",
}


class Format(models.TextChoices):
    CSV = "CSV", "CSV"
    XLSX = "XLSX", "XLSX"
    JSON = "JSON", "JSON"
    GEOJSON = "GeoJSON", "GeoJSON"
    PDF = "PDF", "PDF"
    API = "API", "API接口"


TABULAR = {Format.CSV, Format.XLSX, Format.JSON}
OPEN_FORMATS = {Format.CSV, Format.JSON, Format.GEOJSON, Format.API}
MIMETYPES = {
    Format.CSV: "text/csv",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Format.JSON: "application/json",
    Format.GEOJSON: "application/geo+json",
    Format.PDF: "application/pdf",
    Format.API: "",
}
EXTENSIONS = {
    ".csv": Format.CSV,
    ".xlsx": Format.XLSX,
    ".json": Format.JSON,
    ".geojson": Format.GEOJSON,
    ".pdf": Format.PDF,
}


class FieldType(models.TextChoices):
    """Column types of the datastore (what CKAN's DataStore calls int, numeric, text, date)."""

    INTEGER = "int", "整数"
    NUMBER = "numeric", "数值"
    DATE = "date", "日期"
    TEXT = "text", "文本"


ACCESS_DEADLINE = "opendata.access"
CORRECTION_DEADLINE = "opendata.correction"
DEFAULT_ACCESS_DAYS = 10  # working days, until the 政务公开办 sets its own
DEFAULT_CORRECTION_DAYS = 10
MAX_ACCESS_MONTHS = 12  # a key is granted for at most a year


class CorrectionStatus(models.TextChoices):
    OPEN = "open", "待处理"
    EXPLAINED = "explained", "已说明"
    CORRECTED = "corrected", "已更正"


class ReuseStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已展示"
    REJECTED = "rejected", "未采用"


class AccessStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已同意"
    REFUSED = "refused", "不同意"
