"""Organisations 机构, staff and public users 用户, and staff roles 角色.

Docs: docs/permissions.md.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.validators import validate_mobile, validate_uscc


class OrgKind(models.TextChoices):
    GOVERNMENT = "government", _("人民政府")
    DEPARTMENT = "department", _("部门")
    TOWNSHIP = "township", _("乡镇（街道）")
    VILLAGE = "village", _("村（社区）")


class OrgLevel(models.TextChoices):
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    TOWNSHIP = "township", _("乡级")
    VILLAGE = "village", _("村级")


ALLOWED_PARENTS = {
    OrgKind.GOVERNMENT: {None, OrgKind.GOVERNMENT},
    OrgKind.DEPARTMENT: {OrgKind.GOVERNMENT},
    OrgKind.TOWNSHIP: {OrgKind.GOVERNMENT},
    OrgKind.VILLAGE: {OrgKind.TOWNSHIP},
}


class Organisation(models.Model):
    """A 行政机关 or 村（社区） in the tree 人民政府 → 部门 / 乡镇（街道） → 村（社区）."""

    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=30)
    uscc = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_uscc],
    )
    kind = models.CharField(_("类型"), max_length=12, choices=OrgKind.choices)
    level = models.CharField(_("层级"), max_length=10, choices=OrgLevel.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("上级机构"),
    )
    government = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("所属人民政府"),
        editable=False,
    )
    code = models.CharField(
        _("机构代码"),
        max_length=20,
        blank=True,
        help_text=_("用于索引号前缀，默认取统一社会信用代码第9–17位（组织机构代码）"),
    )
    display_order = models.PositiveIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)
    # 信息公开指南 contact data (条例 第十二条)
    foi_office = models.CharField(_("政府信息公开工作机构"), max_length=100, blank=True)
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    fax = models.CharField(_("传真号码"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    website = models.URLField(_("互联网联系方式"), blank=True)

    class Meta:
        ordering = ["display_order", "id"]
        verbose_name = _("机构")
        verbose_name_plural = _("机构")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.code and self.uscc:
            self.code = self.uscc[8:17]
        if self.kind != OrgKind.GOVERNMENT:
            self.government_id = self.parent.government_id if self.parent_id else None
        super().save(*args, **kwargs)
        if self.kind == OrgKind.GOVERNMENT and self.government_id != self.pk:
            Organisation.objects.filter(pk=self.pk).update(government=self.pk)
            self.government_id = self.pk

    def get_absolute_url(self) -> str:
        return reverse("catalog:org", args=[self.pk])

    def clean(self) -> None:
        parent_kind = self.parent.kind if self.parent_id else None
        if parent_kind not in ALLOWED_PARENTS.get(self.kind, set()):
            raise ValidationError(
                {
                    "parent": _(
                        "该类型机构的上级机构不符合“人民政府 → 部门/乡镇（街道）→ 村（社区）”的层级"
                    )
                }
            )
        if self.uscc:
            self.uscc = self.uscc.strip().upper()
        if self.postcode and not (self.postcode.isdigit() and len(self.postcode) == 6):
            raise ValidationError({"postcode": _("邮政编码应为6位数字")})


class UserKind(models.TextChoices):
    STAFF = "staff", _("工作人员")
    PUBLIC = "public", _("公众用户")


class Role(models.TextChoices):
    EDITOR = "editor", _("公开专员")
    REVIEWER = "reviewer", _("审核人")
    OFFICE = "office", _("政务公开办")
    SYSADMIN = "sysadmin", _("系统管理员")


class User(AbstractUser):
    """Staff (belong to an organisation, hold roles) and public users (phone or e-mail)."""

    kind = models.CharField(
        _("用户类型"), max_length=10, choices=UserKind.choices, default=UserKind.PUBLIC
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("所属机构"),
    )
    phone = models.CharField(
        _("手机号码"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_mobile],
    )
    display_name = models.CharField(_("姓名/昵称"), max_length=50, blank=True)
    phone_verified_at = models.DateTimeField(
        _("手机号码验证时间"),
        null=True,
        blank=True,
        help_text=_("本人用短信验证码确认过的手机号；查询本人办件、补贴前须验证"),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=~models.Q(email=""), name="unique_nonblank_email"
            )
        ]

    def get_full_name(self) -> str:
        return self.display_name or super().get_full_name()

    def clean(self) -> None:
        super().clean()
        if self.kind == UserKind.STAFF and not self.organisation_id:
            raise ValidationError({"organisation": _("工作人员必须属于一个机构")})
        if self.kind == UserKind.PUBLIC and not (self.phone or self.email):
            raise ValidationError(_("公众用户须填写手机号码或电子邮箱"))

    @property
    def role_set(self) -> set[str]:
        if not hasattr(self, "_role_cache"):
            self._role_cache = set(self.roles.values_list("role", flat=True)) if self.pk else set()
        return self._role_cache

    @property
    def phone_verified(self) -> bool:
        return bool(self.phone and self.phone_verified_at)

    def has_role(self, role: str) -> bool:
        return self.is_active and self.kind == UserKind.STAFF and role in self.role_set


class UserRole(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("角色"), max_length=10, choices=Role.choices)

    class Meta:
        unique_together = [("user", "role")]
        verbose_name = _("角色")
        verbose_name_plural = _("角色")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


class TokenScope(models.TextChoices):
    """What an API token may do 访问令牌权限范围; each staff endpoint names the scope it needs
    per method (``token_scopes`` on the view, checked by accounts.permissions.IsStaff)."""

    FOI_READ = "foi:read", _("读取本机关的依申请公开申请")
    FOI_WRITE = "foi:write", _("办理依申请公开申请（登记、办理步骤、上传）")
    CATALOG_READ = "catalog:read", _("读取本机关的公开事项（含草稿）")
    HUDONG_READ = "hudong:read", _("读取本机构的政民互动留言、意见征集、知识库、热点回应和问卷")
    HUDONG_WRITE = "hudong:write", _("办理政民互动（登记、办理留言、审核意见、发布）")
    JIANDU_READ = "jiandu:read", _("读取本机构的公开义务扫描、本人的监督提醒和公开过程")
    JIANDU_WRITE = "jiandu:write", _("确认本人的监督提醒")
    OPENDATA_WRITE = "opendata:write", _("通过CKAN接口新建、修改本机构的数据集和数据资源")
    BANJIAN_PUSH = "banjian:push", _("业务系统向平台推送本部门的办件和办理环节")


class ApiToken(models.Model):
    """A personal access token 个人访问令牌 for API clients (docs/api.md#tokens).

    Only a SHA-256 of the secret is stored: the token is shown once, when it is created. The
    secret is 32 random bytes, so a fast hash is enough (nothing to guess from a dictionary);
    ``prefix`` finds the row without revealing anything.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("用途"), max_length=60)
    prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64)
    scopes = models.JSONField(_("权限范围"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("有效期至"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API访问令牌")
        verbose_name_plural = _("API访问令牌")

    def __str__(self) -> str:
        return f"{self.name}（gk_{self.prefix}…）"

    def is_usable(self, now: Any) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    def scope_labels(self) -> list[str]:
        return [str(TokenScope(s).label) for s in self.scopes if s in TokenScope.values]
