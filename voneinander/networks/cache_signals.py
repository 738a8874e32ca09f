"""Fragment versions follow every save, not only those made through the services.

The services bump the content version of a network when they change it or
its memberships (`networks/services.py`). Edits in the Django admin and
renames of municipalities do not pass through them; without these receivers,
the cached member list of a network page would show the old state until the
fragment expires (an hour). Bumping is cache invalidation only: no business
rule lives here.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from voneinander.core.caching import MEMBERSHIPS_SCOPE, bump_content_version, network_scope
from voneinander.municipalities.models import Municipality
from voneinander.networks.models import Membership, Network


@receiver([post_save, post_delete], sender=Membership, dispatch_uid="vn-cache-membership")
def _membership_changed(sender, instance, **kwargs):
    bump_content_version(network_scope(instance.network_id), MEMBERSHIPS_SCOPE)


@receiver(post_save, sender=Network, dispatch_uid="vn-cache-network")
def _network_changed(sender, instance, **kwargs):
    bump_content_version(network_scope(instance.pk))


@receiver(post_save, sender=Municipality, dispatch_uid="vn-cache-municipality")
def _municipality_changed(sender, instance, created, **kwargs):
    if created:
        return
    networks = Membership.objects.filter(municipality=instance).values_list("network_id", flat=True)
    scopes = {network_scope(network_id) for network_id in networks}
    if scopes:
        bump_content_version(*sorted(scopes), MEMBERSHIPS_SCOPE)
