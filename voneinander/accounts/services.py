from django.db import transaction
from django.utils import timezone

from voneinander.networks.roles import forget_roles


def update_profile(*, user, form) -> object:
    """Save the profile form; a changed municipality needs a new confirmation."""
    with transaction.atomic():
        profile = form.save(commit=False)
        if "municipality" in form.changed_data:
            profile.municipality_confirmed_at = None
            profile.municipality_confirmed_by = None
        profile.full_clean()
        profile.save()
    forget_roles(user)
    return profile


def confirm_affiliation(*, user, by) -> object:
    """A coordinator or contact person confirms that `user` works for their municipality."""
    with transaction.atomic():
        user.municipality_confirmed_at = timezone.now()
        user.municipality_confirmed_by = by
        user.save(update_fields=["municipality_confirmed_at", "municipality_confirmed_by"])
    forget_roles(user)
    return user
