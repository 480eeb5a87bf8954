"""People who sign in, and their personal API tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        # Accounts come only from an invitation sent to this address (accepting it proves the
        # address) or from the operator (`ally init`, the demo): record it as verified, which
        # allauth requires before two-factor sign-in can be enrolled.
        from allauth.account.models import EmailAddress

        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    title = models.CharField(_("job title"), max_length=150, blank=True)
    phone = models.CharField(_("work phone"), max_length=40, blank=True)
    preferred_language = models.CharField(
        _("language"), max_length=8, choices=[("en", "English"), ("es", "Español")], default="en"
    )
    # Every query is scoped to one task force: the one this person is working in now.
    active_task_force = models.ForeignKey(
        "tenancy.TaskForce", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


TOKEN_PREFIX = "ally_"  # noqa: S105 (a label, not a secret)


def hash_token(raw: str) -> str:
    # Tokens are 32 random bytes: a fast hash is enough, and lets us look a token up by its hash.
    return hashlib.sha256(raw.encode()).hexdigest()


def new_token_value() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiToken(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    # A token works in the task force it was made in, whichever one its owner has open later.
    task_force = models.ForeignKey(
        "tenancy.TaskForce", null=True, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    # The first characters, shown so a person can tell their tokens apart; useless on their own.
    hint = models.CharField(max_length=16)
    read_only = models.BooleanField(_("read only"), default=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    def is_usable(self, now: Any = None) -> bool:
        now = now or timezone.now()
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > now
