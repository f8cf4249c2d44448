"""Development and `make demo`: SQLite under var/, console e-mail, debug on unless told."""

from cryptography.fernet import Fernet

from config.env import env
from config.settings.base import *  # noqa: F403
from config.settings.base import DATA_DIR, FIELD_ENCRYPTION_KEYS, SIGNING_KEY

DEBUG = env.bool("LONTAR_DEBUG", default=True)
SECRET_KEY = env("LONTAR_SECRET_KEY", default="dev-only-insecure-key-change-me")
DATA_DIR.mkdir(parents=True, exist_ok=True)

if not FIELD_ENCRYPTION_KEYS:
    # A development key generated once and kept next to the SQLite file, so the demo data stays readable.
    _dev_key_file = DATA_DIR / "dev-field-encryption.key"
    if not _dev_key_file.exists():
        _dev_key_file.write_text(Fernet.generate_key().decode())
        _dev_key_file.chmod(0o600)
    FIELD_ENCRYPTION_KEYS = [_dev_key_file.read_text().strip()]

if not SIGNING_KEY:
    # Likewise a development signing key, so signatures of demo documents stay checkable.
    _dev_signing_file = DATA_DIR / "dev-signing.key"
    if not _dev_signing_file.exists():
        from lontar.core.signing import new_key

        _dev_signing_file.write_text(new_key())
        _dev_signing_file.chmod(0o600)
    SIGNING_KEY = _dev_signing_file.read_text().strip()

# With DEBUG on, Django's own error pages use inline scripts and styles: the policy is only
# reported (browser console) so they stay readable. Production enforces it (check --deploy).
CONTENT_SECURITY_POLICY_REPORT_ONLY = DEBUG

# Serve static files straight from the app directories (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
