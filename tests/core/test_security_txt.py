"""/.well-known/security.txt (RFC 9116) and the about page's reporting section."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_security_txt_is_404_without_a_contact(client, settings):
    settings.LONTAR_SECURITY_CONTACT = ""
    assert client.get("/.well-known/security.txt").status_code == 404


@pytest.mark.django_db
def test_security_txt_names_the_contact_and_expires(client, settings):
    settings.LONTAR_SECURITY_CONTACT = "csirt@example.go.id"
    settings.BASE_URL = "https://lontar.example.go.id"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    fields = dict(line.split(": ", 1) for line in body.strip().splitlines())
    assert fields["Contact"] == "mailto:csirt@example.go.id"
    assert fields["Canonical"] == "https://lontar.example.go.id/.well-known/security.txt"
    assert fields["Expires"][:4].isdigit()
    assert "id" in fields["Preferred-Languages"]


@pytest.mark.django_db
def test_security_txt_keeps_an_https_contact(client, settings):
    settings.LONTAR_SECURITY_CONTACT = "https://csirt.example.go.id/lapor"
    body = client.get("/.well-known/security.txt").content.decode()
    assert "Contact: https://csirt.example.go.id/lapor\n" in body


@pytest.mark.django_db
def test_about_page_tells_how_to_report(client, settings):
    settings.LONTAR_SECURITY_CONTACT = "csirt@example.go.id"
    html = client.get("/tentang/").content.decode()
    assert 'id="keamanan"' in html
    assert 'href="mailto:csirt@example.go.id"' in html
    assert "Melaporkan masalah keamanan" in html
