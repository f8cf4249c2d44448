"""Development and `make demo`: SQLite under var/, console e-mail, debug on unless told."""

from config.env import env
from config.settings.base import *  # noqa: F403
from config.settings.base import DATA_DIR

DEBUG = env.bool("LONTAR_DEBUG", default=True)
SECRET_KEY = env("LONTAR_SECRET_KEY", default="dev-only-insecure-key-change-me")  # noqa: S105
DATA_DIR.mkdir(parents=True, exist_ok=True)
