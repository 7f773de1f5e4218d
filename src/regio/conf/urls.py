"""The site's URLs: admin, accounts, language switch, and the per-region pages."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from regio.access import views as access_views
from regio.access.oidc import sso_urlpatterns
from regio.access.throttling import rate_limited
from regio.web.forms import LoginForm

urlpatterns = [
    path("beheer/", admin.site.urls),
    path(
        "account/inloggen/",
        rate_limited("login", methods=("POST",))(access_views.LoginView.as_view(authentication_form=LoginForm)),
        name="login",
    ),
    path("account/sso/", include(sso_urlpatterns())),
    path("account/uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/tweestapsverificatie/", access_views.two_factor_verify, name="two-factor-verify"),
    path("account/tweestapsverificatie/instellen/", access_views.two_factor_setup, name="two-factor-setup"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("regio.notifications.urls")),
    path("api/v1/", include("regio.publication.api.urls")),
    path("openbaar/", include("regio.publication.urls")),
    path("open-data/", include("regio.publication.export_urls")),
    path("<slug:region>/beveiligingslog/", access_views.security_log, name="security-log"),
    path("", include("regio.web.urls")),
]

handler403 = "regio.web.views.permission_denied"
handler404 = "regio.web.views.page_not_found"
# handler500 stays Django's own: it renders 500.html without a request context, so no database is touched.
