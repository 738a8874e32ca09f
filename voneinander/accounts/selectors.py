from allauth.mfa.models import Authenticator

from voneinander.networks.roles import network_roles


def requires_mfa(user) -> bool:
    """Coordinators and admins must use two-factor authentication."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    # The roles are computed once per request anyway (one query for all of them).
    return bool(network_roles(user).coordinated)


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
