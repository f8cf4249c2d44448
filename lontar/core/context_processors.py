from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    return {"BASE_URL": settings.BASE_URL, "REQUIRE_2FA": settings.LONTAR_REQUIRE_2FA}
