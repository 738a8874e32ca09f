from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from voneinander.accounts.forms import ProfileForm
from voneinander.accounts.services import update_profile
from voneinander.core.access import Perm, access


@access(Perm("accounts.edit_own_profile"))
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        update_profile(user=request.user, form=form)
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})
