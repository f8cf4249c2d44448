"""S3-compatible storages (``LONTAR_S3_*``): every file in one bucket, under two prefixes.

* ``media/`` (setting ``S3_MEDIA_LOCATION``): the default storage, i.e. catalogue resource files
  and the datastore's uploaded source files. Lontar streams them through its own views; the bucket
  is never public.
* ``private/`` (setting ``S3_PRIVATE_LOCATION``), one folder per app below it: PPID identity
  documents (sealed), notices, delivered files and DIP documents, evaluation evidence and LHE,
  connectivity imports. Served only through access-checked views.

Both keep the prefix in settings and read it on every call (not once at start), so a test can give
each test its own prefix as it gives each test its own ``MEDIA_ROOT``. URLs are presigned and
short-lived (``querystring_expire``) for ``media/``; private storages give no URL at all (as on
local disk: views stream the file after their permission check). Nothing has a public ACL.

Imported only when ``LONTAR_S3_BUCKET`` is set (boto3 is not loaded otherwise).
"""

from __future__ import annotations

from typing import Any

from botocore.config import Config
from django.conf import settings
from storages.backends.s3 import S3Storage

from lontar.core.storage import SealingMixin


class _SettingLocation:
    """``location`` read from a setting at every use; the value given to ``__init__`` is ignored.

    The client gets short timeouts and few attempts (``S3_CONNECT_TIMEOUT``, ``S3_READ_TIMEOUT``,
    ``S3_MAX_ATTEMPTS``): botocore's defaults (60 s each, retries with back-off) would hold a
    request for minutes while the store is down instead of answering 503 (lontar.core.outage).
    """

    prefix_setting = ""
    subdir = ""
    client_config: Config

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.client_config = self.client_config.merge(
            Config(
                connect_timeout=settings.S3_CONNECT_TIMEOUT,
                read_timeout=settings.S3_READ_TIMEOUT,
                retries={"total_max_attempts": settings.S3_MAX_ATTEMPTS, "mode": "standard"},
            )
        )

    @property  # type: ignore[override]
    def location(self) -> str:
        prefix = str(getattr(settings, self.prefix_setting)).strip("/")
        return "/".join(part for part in (prefix, self.subdir) if part)

    @location.setter
    def location(self, value: str) -> None:
        """S3Storage's ``__init__`` sets it from its options; the setting decides."""


class MediaS3Storage(_SettingLocation, S3Storage):
    """The default storage on S3: keys under ``S3_MEDIA_LOCATION`` (``media/``), private ACL, signed URLs."""

    prefix_setting = "S3_MEDIA_LOCATION"


class PrivateS3Storage(_SettingLocation, S3Storage):
    """A private storage on S3: keys under ``S3_PRIVATE_LOCATION``/``subdir``, private ACL, signed URLs."""

    prefix_setting = "S3_PRIVATE_LOCATION"

    def __init__(self, subdir: str = "", **options: Any) -> None:
        self.subdir = subdir.strip("/")
        super().__init__(**{**options, "default_acl": "private", "querystring_auth": True})

    def url(self, name: str | None, parameters: Any = None, expire: Any = None, http_method: Any = None) -> str:
        raise ValueError("Private files have no public URL; serve them through an access-checked view.")


class SealedPrivateS3Storage(SealingMixin, PrivateS3Storage):
    """A private storage on S3 whose objects are ciphertext (envelope encryption)."""
