from allauth.mfa.models import Authenticator

from voneinander.networks.models import NetworkCoordinator


def requires_mfa(user) -> bool:
    """Coordinators and admins must use two-factor authentication."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return NetworkCoordinator.objects.filter(user=user).exists()


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
