"""Whole-response cache of public pages for anonymous visitors (lontar.core.page_cache, ADR 0010)."""

from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from lontar.core import page_cache
from lontar.organisations.models import Organisation

pytestmark = pytest.mark.django_db

DIRECTORY = "/organisasi/"
DETAIL = "/organisasi/test-pemkab-kupang/"
API = "/api/v1/organisations"
#: masked CSRF tokens as the shell writes them (data-hx-headers and the language switch form)
TOKEN = re.compile(r'(?<="X-CSRFToken": ")[A-Za-z0-9]{64}|(?<=name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}')
#: headers that differ between any two answers
PER_ANSWER = {"x-request-id"}


def tokens(response) -> list[str]:
    return TOKEN.findall(response.content.decode())


def without_tokens(response) -> str:
    return TOKEN.sub("TOKEN", response.content.decode())


def headers(response) -> dict[str, str]:
    return {k.lower(): v for k, v in response.items() if k.lower() not in PER_ANSWER}


def cookie_attributes(response) -> dict[str, dict[str, object]]:
    """Set-Cookie per cookie name, without the value (which is the visitor's own) and without the
    ``expires`` date, which is max-age from the moment of the answer (two answers a second apart
    differ by that second; max-age is compared)."""
    return {
        name: {k: v for k, v in morsel.items() if v and k != "expires"} for name, morsel in response.cookies.items()
    }


def served_from_cache(client: Client, url: str, django_assert_num_queries, **extra):
    """GET ``url`` asserting it was a hit: the data version is the only query, the view and the
    middleware below the page cache (session, language, CSRF, auth…) did not run."""
    with django_assert_num_queries(1):
        response = client.get(url, **extra)
    assert not hasattr(response.wsgi_request, "_page_cache") and not hasattr(response.wsgi_request, "session")
    return response


def missed(response):
    assert hasattr(response.wsgi_request, "_page_cache")
    return response


@pytest.fixture
def cached(province):
    """The three benchmark URLs requested once by some earlier visitor (entries in the store)."""
    for url in (DIRECTORY, DETAIL, API):
        assert Client().get(url).status_code == 200
    assert len(page_cache.store) == 3
    return province


@pytest.mark.parametrize("url", [DIRECTORY, DETAIL, API])
def test_hit_equals_an_uncached_answer(province, django_assert_num_queries, url):
    with override_settings(PAGE_CACHE_ENABLED=False):
        uncached = Client().get(url)
        assert len(page_cache.store) == 0
    first = missed(Client().get(url))
    hit = served_from_cache(Client(), url, django_assert_num_queries)
    for answer in (first, hit):
        assert answer.status_code == uncached.status_code == 200
        assert headers(answer) == headers(uncached)
        assert cookie_attributes(answer) == cookie_attributes(uncached)
        assert without_tokens(answer) == without_tokens(uncached)
        assert answer["X-Request-ID"] and answer["X-Request-ID"] != uncached["X-Request-ID"]
        assert page_cache.placeholder() not in answer.content.decode()
    if url != API:
        assert "Cookie" in headers(hit)["vary"]
        assert headers(hit)["content-language"] == "id"
        assert "csrftoken" in hit.cookies and len(set(tokens(hit))) == 1


def test_every_visitor_gets_a_token_of_their_own_that_the_language_switch_accepts(cached):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    token_first, token_second = tokens(first.get(DIRECTORY))[0], tokens(second.get(DIRECTORY))[0]
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    assert token_first != token_second
    refused = first.post("/i18n/setlang/", {"language": "en", "next": DIRECTORY, "csrfmiddlewaretoken": token_second})
    assert refused.status_code == 403
    switched = first.post("/i18n/setlang/", {"language": "en", "next": DIRECTORY, "csrfmiddlewaretoken": token_first})
    assert switched.status_code == 302 and switched.cookies["django_language"].value == "en"
    english = first.get(DIRECTORY)
    assert english["Content-Language"] == "en" and '<html lang="en">' in english.content.decode()
    # the htmx header token is accepted too, and a returning visitor keeps the secret of their cookie
    again = tokens(second.get(DETAIL))[0]
    assert second.post("/i18n/setlang/", {"language": "en", "next": "/"}, HTTP_X_CSRFTOKEN=again).status_code == 302


def test_language_variants_are_kept_apart(cached, django_assert_num_queries):
    indonesian = served_from_cache(Client(), DETAIL, django_assert_num_queries)
    english_client = Client()
    english_client.cookies["django_language"] = "en"
    english = missed(english_client.get(DETAIL))  # the English variant is built
    assert english["Content-Language"] == "en" and '<html lang="en">' in english.content.decode()
    assert served_from_cache(english_client, DETAIL, django_assert_num_queries)["Content-Language"] == "en"
    assert served_from_cache(Client(), DETAIL, django_assert_num_queries)["Content-Language"] == "id"
    assert indonesian["Content-Language"] == "id"
    unknown = Client()
    unknown.cookies["django_language"] = "fr"  # not a language of the site: the default, from the cache
    assert served_from_cache(unknown, DETAIL, django_assert_num_queries)["Content-Language"] == "id"


def test_an_edit_shows_at_once(cached, login):
    from lontar.organisations.services import organisation_update

    _, admin = login(cached["province"], "admin")
    organisation_update(actor=admin, organisation=cached["kabupaten"], name="Pemkab Kupang (nama baru)")
    for url in (DIRECTORY, DETAIL, API):
        assert "Pemkab Kupang (nama baru)" in missed(Client().get(url)).content.decode()
    Organisation.objects.filter(slug="test-diskominfo-kota-kupang").delete()  # even without the services
    assert "test-diskominfo-kota-kupang" not in Client().get(API).content.decode()


def test_signed_in_users_never_get_nor_leave_a_cached_page(cached, login, django_assert_num_queries):
    user_client, _ = login(cached["kabupaten"], "admin")
    page = user_client.get(DETAIL).content.decode()
    logout = f'action="{reverse("accounts:logout")}"'
    assert logout in page
    anonymous = served_from_cache(Client(), DETAIL, django_assert_num_queries).content.decode()
    assert logout not in anonymous
    # an API call with a token header goes the normal way even without cookies
    served_from_cache(Client(), API, django_assert_num_queries)
    # a public endpoint reads no credentials, so an unknown token does not make it refuse
    assert Client().get(API, HTTP_AUTHORIZATION="Bearer lontar_x").status_code == 200
    assert len(page_cache.store) == 3


@pytest.mark.parametrize(
    "cookie",
    [("sessionid", "abc"), ("messages", "x"), ("other", "1")],
)
def test_requests_with_other_cookies_go_the_normal_way(cached, cookie):
    client = Client()
    client.cookies[cookie[0]] = cookie[1]
    assert page_cache.cache_key(client.get(DIRECTORY).wsgi_request) is None


def test_htmx_requests_go_the_normal_way(cached):
    response = Client().get(DIRECTORY, HTTP_HX_REQUEST="true")
    assert page_cache.cache_key(response.wsgi_request) is None
    assert "<html" not in response.content.decode()  # the results section only


def test_key_space_is_bounded(cached):
    client = Client()
    for query in ({"q": "kupang"}, {"q": "alor"}, {"foo": "1"}, {"page": "x"}, {"page": "99"}, {"wilayah": "99.99"}):
        client.get(DIRECTORY, query)
    client.get(API, {"q": "kupang"})
    client.get(API, {"cursor": "abc"})
    client.get("/organisasi/tidak-ada/")
    client.get(DIRECTORY, {"jenis": "opd", "x": "y" * 600})
    assert len(page_cache.store) == 3  # searches, unknown parameters, errors: never kept
    not_found = client.get(DIRECTORY, {"page": "99"})
    assert not_found.status_code == 404 and page_cache.placeholder() not in not_found.content.decode()
    assert tokens(not_found)  # the 404 page's forms still carry a real token
    client.get(DIRECTORY, {"jenis": "opd"})
    assert len(page_cache.store) == 4


def test_store_is_bounded_by_entries_and_bytes():
    store = page_cache._Store(max_bytes=250, max_entries=3)

    def entry(size: int) -> page_cache._Entry:
        return page_cache._Entry("v", 1, 200, (), b"x" * size, expires=float("inf"), has_placeholder=False)

    for number in range(5):
        store.set(("k", number), entry(10))
    assert len(store) == 3 and store.get(("k", 0)) is None and store.get(("k", 4)) is not None
    store.get(("k", 2))  # recently used: kept
    store.set(("big",), entry(200))
    assert store.size <= 250 and store.get(("k", 2)) is not None and store.get(("k", 3)) is None
    expired = page_cache._Entry("v", 1, 200, (), b"", expires=0.0, has_placeholder=False)
    store.set(("old",), expired)
    assert store.get(("old",)) is None


def test_expired_entries_are_rebuilt(cached, monkeypatch):
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: float("inf"))
    assert missed(Client().get(DETAIL)).status_code == 200  # expired: built again


def test_placeholder_depends_on_the_secret_key():
    before = page_cache.placeholder()
    assert len(before) == 64 and before.isalnum()
    with override_settings(SECRET_KEY="another-secret-key-for-this-test"):
        assert page_cache.placeholder() != before


def test_masked_token_is_what_django_would_accept():
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, _check_token_format, _unmask_cipher_token
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    first, second = page_cache.masked_csrf_token(request), page_cache.masked_csrf_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    assert len(secret) == 32 and set(secret) <= set(CSRF_ALLOWED_CHARS)
    for token in (first, second):
        _check_token_format(token)
        assert len(token) == 64 and _unmask_cipher_token(token) == secret
    assert first != second  # masked afresh each time
    drawn = "".join(page_cache.masked_csrf_token(RequestFactory().get("/")) for _ in range(200))
    assert set(drawn) == set(CSRF_ALLOWED_CHARS)


@pytest.mark.parametrize("url", [DIRECTORY, DETAIL, API])
def test_compressed_hit_equals_a_compressed_uncached_answer(province, django_assert_num_queries, url):
    import gzip

    def unzipped(response) -> str:
        assert response["Content-Encoding"] == "gzip"
        assert int(response["Content-Length"]) == len(response.content)
        return TOKEN.sub("TOKEN", gzip.decompress(response.content).decode())

    with override_settings(PAGE_CACHE_ENABLED=False):
        uncached = Client().get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    first = missed(Client().get(url, HTTP_ACCEPT_ENCODING="gzip, deflate"))
    hit = served_from_cache(Client(), url, django_assert_num_queries, HTTP_ACCEPT_ENCODING="gzip, deflate")
    plain = served_from_cache(Client(), url, django_assert_num_queries)
    for answer in (first, hit):
        assert unzipped(answer) == unzipped(uncached)
        assert {k: v for k, v in headers(answer).items() if k != "content-length"} == {
            k: v for k, v in headers(uncached).items() if k != "content-length"
        }
        assert cookie_attributes(answer) == cookie_attributes(uncached)
        assert len(answer.content) < len(plain.content) / 2
    assert "Content-Encoding" not in plain and "Accept-Encoding" in plain["Vary"]
    if url != API:  # the visitor's own token survives compression and is accepted
        page = gzip.decompress(hit.content).decode()
        assert TOKEN.findall(page) and page_cache.placeholder() not in page
        client = Client(enforce_csrf_checks=True)
        token = TOKEN.findall(gzip.decompress(client.get(url, HTTP_ACCEPT_ENCODING="gzip").content).decode())[0]
        switched = client.post("/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
        assert switched.status_code == 302
