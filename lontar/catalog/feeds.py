"""Atom feed of the datasets most recently published in the public catalogue."""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from lontar.catalog.models import CatalogEntry
from lontar.catalog.selectors.public import public_entries


class RecentDatasetsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Satu Data NTT: recently published datasets")
    subtitle = _("Datasets published or updated in the public catalogue of Nusa Tenggara Timur.")

    def link(self) -> str:
        return reverse("catalog:search")

    def items(self) -> Any:
        return public_entries().order_by("-metadata_modified", "dataset_id")[:50]

    def item_title(self, item: CatalogEntry) -> str:
        return item.title

    def item_description(self, item: CatalogEntry) -> str:
        return item.notes[:1000]

    def item_link(self, item: CatalogEntry) -> str:
        return reverse("catalog:detail", args=[item.name])

    def item_guid(self, item: CatalogEntry) -> str:
        return f"{item.dataset_id}:v{item.version.number}"

    item_guid_is_permalink = False

    def item_updateddate(self, item: CatalogEntry) -> Any:
        return item.metadata_modified

    def item_pubdate(self, item: CatalogEntry) -> Any:
        return item.metadata_created

    def item_author_name(self, item: CatalogEntry) -> str:
        return item.organisation.name
