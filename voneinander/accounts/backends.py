"""Django's model permissions, read only for the people who can use them."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend


class StaffModelBackend(ModelBackend):
    """`ModelBackend` that skips its permission queries for people without admin access.

    Access rules live in `rules` (the first backend). Django asks the remaining
    backends whenever a rule says no, and `ModelBackend` then reads the person's
    model permissions: two queries per signed-in request. Model permissions only
    govern the admin site, which only staff reach, so for everybody else the
    answer is known without asking the database. Staff and superusers keep
    Django's behaviour unchanged.
    """

    def _get_permissions(self, user_obj, obj, from_name):
        if not (user_obj.is_staff or user_obj.is_superuser):
            return set()
        return super()._get_permissions(user_obj, obj, from_name)
