"""Writes to networks. Every role change is recorded in the audit log."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from voneinander.audit.services import record_event
from voneinander.networks.models import Network, NetworkCoordinator
from voneinander.networks.roles import forget_roles


def add_coordinator(*, network: Network, user, by) -> NetworkCoordinator:
    if not user.is_active:
        raise ValidationError(_("Only active accounts can become coordinators."))
    try:
        with transaction.atomic():
            role = NetworkCoordinator.objects.create(network=network, user=user, added_by=by)
            record_event(
                actor=by,
                action="role.coordinator_added",
                target=network,
                data={"user_id": user.pk, "user": user.email},
            )
    except IntegrityError:
        raise ValidationError(
            _("%(person)s already coordinates this network.") % {"person": user}
        ) from None
    forget_roles(user)
    return role


def remove_coordinator(*, network: Network, user, by) -> None:
    with transaction.atomic():
        deleted, _details = NetworkCoordinator.objects.filter(network=network, user=user).delete()
        if not deleted:
            raise ValidationError(
                _("%(person)s does not coordinate this network.") % {"person": user}
            )
        if not NetworkCoordinator.objects.filter(network=network).exists():
            raise ValidationError(_("A network needs at least one coordinator."))
        record_event(
            actor=by,
            action="role.coordinator_removed",
            target=network,
            data={"user_id": user.pk, "user": user.email},
        )
    forget_roles(user)
