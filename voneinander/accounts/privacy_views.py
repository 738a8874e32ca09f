"""Profile pages for the person's own data: "Download my data" and "Delete account"."""

from django.contrib import messages
from django.contrib.auth import logout
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from voneinander.accounts.privacy import (
    EXPORTS_PER_HOUR,
    export_personal_data,
    take_export_slot,
)
from voneinander.accounts.privacy_erasure import delete_account as erase_account
from voneinander.accounts.privacy_forms import DeleteAccountForm
from voneinander.core.access import Perm, access
from voneinander.core.http import private_download


@access(Perm("accounts.edit_own_profile"))
@require_http_methods(["GET", "POST"])
def data_export(request):
    if request.method == "POST":
        if not take_export_slot(request.user):
            return render(
                request,
                "accounts/data_export.html",
                {"limited": True, "per_hour": EXPORTS_PER_HOUR},
                status=429,
            )
        archive = export_personal_data(user=request.user)
        filename = f"voneinander-meine-daten-{timezone.localdate():%Y-%m-%d}.zip"
        response = FileResponse(archive, content_type="application/zip")
        return private_download(response, filename)
    return render(request, "accounts/data_export.html", {"per_hour": EXPORTS_PER_HOUR})


@access(Perm("accounts.edit_own_profile"))
@require_http_methods(["GET", "POST"])
def delete_account(request):
    user = request.user
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        erase_account(user=user, by=user)
        logout(request)
        messages.success(request, _("Your account has been deleted."))
        return redirect("core:home")
    return render(request, "accounts/delete_account.html", {"form": form})
