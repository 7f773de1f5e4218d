"""The page where a user chooses their e-mails, and the unsubscribe link's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .forms import PreferenceForm
from .models import NotificationKind
from .services import preference_get, preference_update, unsubscribe
from .tokens import ALL_KINDS, ExpiredToken, InvalidToken, read_token


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    preference = preference_get(user=request.user)
    if request.method == "POST":
        form = PreferenceForm(request.POST, instance=preference)
        if form.is_valid():
            preference_update(
                user=request.user,
                daily_digest=form.cleaned_data["daily_digest"],
                decision_requests=form.cleaned_data["decision_requests"],
                commitment_reminders=form.cleaned_data["commitment_reminders"],
                email=form.cleaned_data["email"],
            )
            messages.success(request, _("Your e-mail choices are saved."))
            return redirect("notifications:preferences")
    else:
        form = PreferenceForm(instance=preference, initial={"email": request.user.email})
    return render(request, "notifications/preferences.html", {"form": form})


def _kind_label(kind: str) -> str:
    return _("every e-mail from Regio") if kind == ALL_KINDS else dict(NotificationKind.choices)[kind]


# The link's signature is the authorisation; mail programs post to it without a session ("one click").
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token: str):
    try:
        data = read_token(token)
        label = _kind_label(data.kind)
    except ExpiredToken:
        return render(request, "notifications/unsubscribe.html", {"problem": "expired"}, status=400)
    except (InvalidToken, KeyError):
        return render(request, "notifications/unsubscribe.html", {"problem": "invalid"}, status=400)
    if request.method == "POST":
        try:
            unsubscribe(token=token)
        except (InvalidToken, ExpiredToken):
            return render(request, "notifications/unsubscribe.html", {"problem": "invalid"}, status=400)
        return render(request, "notifications/unsubscribe.html", {"done": True, "label": label})
    return render(request, "notifications/unsubscribe.html", {"label": label})
