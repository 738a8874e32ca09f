from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class ContactVisibility(models.TextChoices):
    PUBLIC = "public", _("Everyone (public)")
    NETWORK = "network", _("Members of my networks")
    NOBODY = "nobody", _("Nobody (coordinators only)")


class User(AbstractUser):
    """A person. Signs in with the e-mail address; there is no user name."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("For example the administration you work for, if it is not a municipality."),
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    # A claim becomes an affiliation (and grants member access to the
    # municipality's networks) only once a coordinator or a contact person of
    # that municipality confirms it. Changing the municipality clears it.
    municipality_confirmed_at = models.DateTimeField(
        _("affiliation confirmed at"), null=True, blank=True, editable=False
    )
    municipality_confirmed_by = models.ForeignKey(
        "self",
        verbose_name=_("affiliation confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_visibility = models.CharField(
        _("who may see my contact details"),
        max_length=10,
        choices=ContactVisibility.choices,
        default=ContactVisibility.NETWORK,
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self):
        return self.get_full_name() or self.email

    # Account deletion (accounts/privacy_erasure.py) keeps the row, emptied, with the
    # address deleted-<id>@invalid; the person is shown as "Deleted person" everywhere.
    @property
    def is_deleted(self) -> bool:
        return not self.is_active and self.email.endswith("@invalid")

    def get_full_name(self) -> str:
        name = super().get_full_name()
        # Deletion clears the names, so only a nameless row can be a deleted one;
        # rows loaded without email/is_active (`.only()` in lists) are not asked,
        # which would cost one query per row.
        if name or {"email", "is_active"} & self.get_deferred_fields():
            return name
        return str(_("Deleted person")) if self.is_deleted else name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email.split("@")[0]
