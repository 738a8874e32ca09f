"""The profile's "API-Schlüssel" page: list, create and revoke personal tokens."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from voneinander.api import selectors, services
from voneinander.api.forms import TokenForm
from voneinander.core.access import LOGIN, access
from voneinander.core.forms import add_service_errors


@access(LOGIN)
def token_list(request):
    """GET: the tokens and the form; POST: create one and show its key once."""
    form = TokenForm(request.POST or None)
    created = raw_key = None
    if request.method == "POST" and form.is_valid():
        try:
            created, raw_key = services.create_token(
                user=request.user,
                name=form.cleaned_data["name"],
                can_write=form.cleaned_data["can_write"],
                expires_at=form.expires_at(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            form = TokenForm()
    response = render(
        request,
        "api/tokens/list.html",
        {
            "form": form,
            "tokens": selectors.tokens_of(request.user),
            "created": created,
            "raw_key": raw_key,
        },
    )
    if raw_key:
        # The key is in this page only: keep it out of every cache.
        response["Cache-Control"] = "no-store"
    return response


@access(LOGIN)
@require_POST
def token_revoke(request, pk: int):
    token = selectors.own_token(request, pk)
    services.revoke_token(token=token, by=request.user)
    messages.success(request, _("The token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect("api_tokens:list")
