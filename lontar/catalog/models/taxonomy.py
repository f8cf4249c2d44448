"""Topics (urusan pemerintahan, loaded from data/urusan.json) and free tags."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TopicGroup(models.TextChoices):
    WAJIB_DASAR = "wajib_dasar", _("Mandatory, basic service")
    WAJIB_NON_DASAR = "wajib_non_dasar", _("Mandatory, not a basic service")
    PILIHAN = "pilihan", _("Optional")


class Topic(models.Model):
    """An urusan pemerintahan (UU 23/2014 Pasal 12), a CKAN group in the API."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    group = models.CharField(_("group"), max_length=20, choices=TopicGroup.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("topic (urusan)")
        verbose_name_plural = _("topics (urusan)")

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    """A keyword; stored in lower case, unique."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name
