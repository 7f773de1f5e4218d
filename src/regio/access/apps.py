from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "regio.access"
    verbose_name = _("Access")

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from regio.access import security, two_factor

        # Sign-ins happen inside Django and django-axes; their signals are the only way to hear of them.
        user_logged_in.connect(security.on_user_logged_in, dispatch_uid="regio-security-sign-in")
        user_logged_in.connect(two_factor.on_user_logged_in, dispatch_uid="regio-two-factor-sign-in")
        user_login_failed.connect(security.on_user_login_failed, dispatch_uid="regio-security-sign-in-failed")
        user_locked_out.connect(security.on_user_locked_out, dispatch_uid="regio-security-locked-out")
