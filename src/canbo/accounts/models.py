"""Users: each belongs to one org unit and holds roles; their reach is the unit's subtree."""

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

from canbo.accounts.choices import Role


class UserManager(BaseUserManager):
    """A superuser made by `canbo createsuperuser` got a password typed at a console, often by
    someone else than its holder: it must be changed at the first log-in."""

    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("must_change_password", True)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in. `roles` is a list of Role values; permissions derive from it in code
    (permissions.py), so that a role's meaning is reviewed with the code that enforces it."""

    AUDIT_EXCLUDE = ("password", "last_login")

    unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("hồ sơ cán bộ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )
    roles = models.JSONField(_("vai trò"), default=list, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    # Set when an administrator chose the password; the user cannot use canbo until changing it.
    must_change_password = models.BooleanField(_("phải đổi mật khẩu"), default=False)
    # Written by the services so that a change of password or of two-factor shows in the change
    # log (the password hash and the TOTP secret themselves never go there).
    password_changed_at = models.DateTimeField(_("đổi mật khẩu lúc"), null=True, blank=True, editable=False)
    two_factor_since = models.DateTimeField(_("bật xác thực hai lớp từ"), null=True, blank=True, editable=False)

    objects = UserManager()

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def has_role(self, *roles: str) -> bool:
        return any(r in (self.roles or []) for r in roles)

    def role_labels(self) -> list[str]:
        return [str(Role(r).label) for r in self.roles or [] if r in Role.values]

    def audit_unit_path(self) -> str:
        return self.unit.path if self.unit_id else ""


class SensitiveAccess(models.Model):
    """One display of sensitive fields (ethnicity, religion, Party membership, health): who saw
    which fields of whom, where, and in which request — one row per page, API call or export.

    Required by the personal-data law (NĐ 13/2023, Law 91/2025/QH15): every display is recorded.
    A page or API call lists the ids of the people shown; an export records its filters and the
    number of people instead of millions of ids.
    """

    time = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(User, verbose_name=_("người xem"), null=True, on_delete=models.SET_NULL, related_name="+")
    user_name = models.CharField(_("tên người xem"), max_length=150)
    fields = models.JSONField(_("trường thông tin"), default=list)
    where = models.CharField(_("nơi xem"), max_length=40)
    request_id = models.CharField(_("mã yêu cầu"), max_length=64, blank=True)
    people_count = models.PositiveIntegerField(_("số người"), default=0)
    people = models.JSONField(_("mã hồ sơ được xem"), default=list, blank=True)
    criteria = models.JSONField(_("điều kiện lọc"), default=dict, blank=True)

    class Meta:
        verbose_name = _("lượt xem thông tin nhạy cảm")
        verbose_name_plural = _("lượt xem thông tin nhạy cảm")

    def __str__(self) -> str:
        return f"{self.user_name} → {self.people_count} ({self.where})"


class LoginAttempt(models.Model):
    """One password log-in attempt: the security log, and what throttling counts (in the database
    so that every web process sees the same counts)."""

    class Outcome(models.TextChoices):
        FAILED = "failed", _("sai mật khẩu hoặc tên đăng nhập")
        LOCKED = "locked", _("bị chặn do đăng nhập sai nhiều lần")
        SUCCEEDED = "succeeded", _("thành công")

    time = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    username = models.CharField(_("tên đăng nhập"), max_length=150)
    address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    outcome = models.CharField(_("kết quả"), max_length=10, choices=Outcome.choices)

    class Meta:
        verbose_name = _("lượt đăng nhập")
        verbose_name_plural = _("lượt đăng nhập")
        indexes = [
            models.Index(fields=["username", "-time"], name="login_username_time"),
            models.Index(fields=["address", "-time"], name="login_address_time"),
        ]

    def __str__(self) -> str:
        return f"{self.time:%Y-%m-%d %H:%M:%S} {self.username} {self.address} {self.outcome}"


class RecoveryCodes(TimestampMixin, ThrottlingMixin, Device):
    """A user's one-time recovery codes for the second factor, kept only as salted password hashes
    (ASVS 5.0 V6.5.2: codes of 40 bits are not stored readable); each works once."""

    hashes = models.JSONField(default=list, editable=False)

    class Meta:
        verbose_name = _("mã khôi phục")
        verbose_name_plural = _("mã khôi phục")

    def get_throttle_factor(self):
        return getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1)

    def verify_token(self, token) -> bool:
        """The caller holds the row locked (select_for_update), so a code cannot be used twice."""
        allowed, _details = self.verify_is_allowed()
        if not allowed:
            return False
        match = next((h for h in self.hashes if check_password(str(token), h)), None)
        if match is None:
            self.throttle_increment()
            return False
        self.hashes = [h for h in self.hashes if h != match]
        self.throttle_reset(commit=False)
        self.set_last_used_timestamp(commit=False)
        self.save()
        return True
