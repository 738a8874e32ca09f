"""`{% module_feedback_box module %}` for the module page and `{% programme_versions programme %}`
for the programme page.

The box shows an enrolled participant the rating form (with their rating on the
current version, which they may change), and organisers a link to the feedback
page; everyone else sees nothing. The versions list is the public history of
changes ("Beta" → revised).
"""

from django import template

from voneinander.seminars import feedback_selectors
from voneinander.seminars.feedback_forms import ModuleFeedbackForm

register = template.Library()


def box_context(request, module, *, form=None, given=None, enrolled=None) -> dict:
    user = request.user
    programme = module.programme
    if enrolled is None:
        enrolled = feedback_selectors.takes_part(user, programme)
    if enrolled and given is None:
        given = feedback_selectors.own_feedback(module, user, programme.version_label)
    if enrolled and form is None:
        initial = {"rating": given.rating, "comment": given.comment} if given else None
        form = ModuleFeedbackForm(initial=initial, module=module)
    return {
        "request": request,
        "module": module,
        "programme": programme,
        "enrolled": enrolled,
        "given": given,
        "form": form,
        "may_read": user.is_authenticated
        and user.has_perm("seminars.view_module_feedback", programme),
    }


@register.inclusion_tag("seminars/feedback/_box.html", takes_context=True)
def module_feedback_box(context, module):
    result = box_context(context["request"], module)
    result["csrf_token"] = context.get("csrf_token")
    return result


@register.inclusion_tag("seminars/feedback/_versions.html", takes_context=True)
def programme_versions(context, programme, limit=3):
    """The latest versions (all with limit=0) and a link to the whole history."""
    request = context["request"]
    history = feedback_selectors.version_history(programme)
    return {
        "programme": programme,
        "versions": history[:limit] if limit else history,
        "more": bool(limit) and len(history) > limit,
        "may_revise": request.user.is_authenticated
        and request.user.has_perm("seminars.create_programme_version", programme),
    }
