"""Writes of module feedback and programme versions.

A participant rates a module once per programme version and may change the
rating until the programme gets a new version; then they may rate again, and
the earlier rating stays with the earlier version. Both services lock the
programme row, so that a rating cannot slip in under a version that has just
been replaced. Ratings are not audited (organisers must not learn who rated);
new versions are.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from voneinander.audit.services import record_event
from voneinander.seminars.feedback_selectors import RATINGS, label_taken, takes_part
from voneinander.seminars.models import Module, ModuleFeedback, Programme, ProgrammeVersion

# As ModuleFeedback.comment: a TextField's max_length is not checked by full_clean().
COMMENT_MAX = ModuleFeedback._meta.get_field("comment").max_length


def not_enrolled(module: Module) -> ValidationError:
    return ValidationError(
        _("Only participants enrolled in “%(programme)s” can rate its modules."),
        code="not_enrolled",
        params={"programme": module.programme.title},
    )


def rate_module(*, module: Module, user, rating: int, comment: str = "") -> ModuleFeedback:
    """Record or change the person's rating of the module on the current version."""
    if rating not in RATINGS:
        raise ValidationError(
            {"rating": ValidationError(_("Please choose a rating from 1 to 5."), code="rating")}
        )
    comment = comment.strip()
    if len(comment) > COMMENT_MAX:
        raise ValidationError(
            {
                "comment": ValidationError(
                    _("Please shorten your comment to at most %(max)s characters."),
                    code="max_length",
                    params={"max": COMMENT_MAX},
                )
            }
        )
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=module.programme_id)
        if not takes_part(user, programme):
            raise not_enrolled(module)
        feedback = ModuleFeedback.objects.filter(
            module=module, user=user, version_label=programme.version_label
        ).first() or ModuleFeedback(module=module, user=user, version_label=programme.version_label)
        feedback.rating = rating
        feedback.comment = comment
        feedback.full_clean()
        feedback.save()
    return feedback


def _first_version_text() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("First version of the programme.")


def create_programme_version(
    *, programme: Programme, by, label: str, changes: str
) -> ProgrammeVersion:
    """A new version of the programme: from now on feedback is given on it.

    The version the programme had so far enters the history first if it is not
    there yet (a programme starts with a label, e.g. "Beta", but no history).
    """
    label = label.strip()
    changes = changes.strip()
    errors = {}
    if not label:
        errors["label"] = ValidationError(_("Please name the new version."), code="required")
    if not changes:
        errors["changes"] = ValidationError(
            _("Please describe what changed and why."), code="required"
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Programme.objects.select_for_update().get(pk=programme.pk)
        if label_taken(locked, label):
            raise ValidationError(
                {
                    "label": ValidationError(
                        _("There already was a version “%(label)s”. Please choose another."),
                        code="taken",
                        params={"label": label},
                    )
                }
            )
        previous = locked.version_label
        if not ProgrammeVersion.objects.filter(programme=locked, label=previous).exists():
            first = ProgrammeVersion(
                programme=locked, label=previous, changes=_first_version_text()
            )
            first.full_clean(exclude=["created_by"])  # nobody created it as a revision
            first.save()
            # It has been the version since the programme was created.
            ProgrammeVersion.objects.filter(pk=first.pk).update(created_at=locked.created_at)
        version = ProgrammeVersion(programme=locked, label=label, changes=changes, created_by=by)
        version.full_clean()
        version.save()
        locked.version_label = label
        locked.save(update_fields=["version_label"])
        record_event(
            actor=by,
            action="seminar.version_created",
            target=locked,
            data={"label": label, "previous": previous},
        )
    programme.version_label = label
    return version
