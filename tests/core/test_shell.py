import pytest


@pytest.mark.django_db
def test_home_renders_in_indonesian_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Language"] == "id"
    assert response["X-Request-ID"]


@pytest.mark.django_db
def test_unknown_page_is_an_indonesian_404(client):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_audit_record_links_events(province, login):
    from django.db import transaction

    from lontar.audit.models import AuditEvent
    from lontar.audit.services import audit_record

    _, user = login(province["kabupaten"], "admin")
    with transaction.atomic():
        first = audit_record(action="accounts.user.created", actor=user, target=user)
        second = audit_record(action="accounts.user.created", actor=user, target=user)
    assert second.prev_hash == first.hash
    assert AuditEvent.objects.count() == 2


@pytest.mark.django_db
def test_browser_language_does_not_override_indonesian_default(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "id"


@pytest.mark.django_db
def test_language_switch_cookie_selects_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    response = client.get("/")
    assert response["Content-Language"] == "en"
    response = client.post("/i18n/setlang/", {"language": "id", "next": "/"})
    assert client.get("/")["Content-Language"] == "id"
