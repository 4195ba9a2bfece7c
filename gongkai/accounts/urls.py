from django.contrib.auth.views import LogoutView
from django.urls import path

from gongkai.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.RateLimitedLoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("register/", views.register, name="register"),
    path("phone/", views.phone_verify, name="phone_verify"),
    path("tokens/", views.api_tokens, name="api_tokens"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path(
        "password/reset/confirm/",
        views.password_reset_confirm_view,
        name="password_reset_confirm",
    ),
]
