"""Pages of the access app: the lockout notice, two-factor set-up and verify, the coordinator's security log."""

from __future__ import annotations

import base64
import io
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404

from regio.access import two_factor
from regio.access.policies import region_access
from regio.access.selectors import security_events_for_region
from regio.regions.models import Region
from regio.regions.selectors import region_get
from regio.access.models import SecurityEventKind
from regio.access.security import security_event_record


class LoginView(auth_views.LoginView):
    """Django's sign-in, plus the single sign-on button when an OpenID provider is configured."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso_enabled"] = settings.REGIO_OIDC_ENABLED
        context["sso_failed"] = self.request.GET.get("sso") == "mislukt"
        return context


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes calls this instead of its English text when a user name + address is locked out."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(
        request,
        "registration/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes},
        status=429,
    )
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={
            "class": "utrecht-textbox utrecht-textbox--html-input", "autocomplete": "one-time-code",
            "inputmode": "numeric", "autofocus": True,
        }),
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit() or len(token) != 6:
            raise forms.ValidationError(_("Enter the six digits your app shows."), code="format")
        return token


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _qr_data_uri(text: str) -> str:
    buffer = io.BytesIO()
    qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2).save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _refused(request: HttpRequest, form: TokenForm, device: TOTPDevice) -> None:
    form.add_error("token", _("This code is not right. Check that the time on your phone is correct and enter the "
                              "newest code."))
    security_event_record(kind=SecurityEventKind.OTP_FAILED, user=request.user, request=request,
                          detail={"device": device.name})


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: a QR code (and the key to type), then one code to confirm it."""
    next_url = _next_url(request)
    if two_factor.confirmed_device(request.user) is not None:
        # Replacing a device needs the old one first; without it, this is someone with only the password.
        if two_factor.needs_verification(request):
            return redirect(f"{reverse('two-factor-verify')}?{urlencode({'next': next_url})}")
        messages.info(request, _("Two-factor authentication is already set up for your account."))
        return redirect(next_url)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, confirmed=False, name=_("Authenticator app"))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("token", _("Too many wrong codes in a row. Wait a minute and try again."))
        elif device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            request.session[two_factor.REQUIRED_KEY] = True
            two_factor.mark_verified(request)
            security_event_record(kind=SecurityEventKind.OTP_DEVICE_ADDED, user=request.user, request=request)
            messages.success(request, _("Two-factor authentication is set up. From now on you sign in with a code "
                                        "from your app as well."))
            return redirect(next_url)
        else:
            _refused(request, form, device)
    return render(request, "registration/two_factor_setup.html", {
        "form": form,
        "next": next_url,
        "qr_code": _qr_data_uri(device.config_url),
        "secret": base64.b32encode(device.bin_key).decode("ascii"),
        "required": two_factor.two_factor_required_by_role(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the authenticator app."""
    next_url = _next_url(request)
    if not two_factor.needs_verification(request):
        return redirect(next_url)
    device = two_factor.confirmed_device(request.user)
    if device is None:
        return redirect(f"{reverse('two-factor-setup')}?{urlencode({'next': next_url})}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            form.add_error("token", _("Too many wrong codes in a row. Wait a minute and try again."))
        elif device.verify_token(form.cleaned_data["token"]):
            two_factor.mark_verified(request)
            return redirect(next_url)
        else:
            _refused(request, form, device)
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": next_url})


@login_required
@require_http_methods(["GET"])
def security_log(request: HttpRequest, region: str) -> HttpResponse:
    try:
        region_obj = region_get(slug=region)
    except Region.DoesNotExist:
        raise Http404(_("There is no region with this address.")) from None
    request.region = region_obj
    request.access = region_access(request.user, region_obj)
    if not request.access.manages_region:
        raise PermissionDenied(_("Only the coordinator of the region sees its security log."))
    page = Paginator(security_events_for_region(region=region_obj), 50).get_page(request.GET.get("pagina"))
    return render(request, "access/security_log.html", {"region": region_obj, "page": page})
