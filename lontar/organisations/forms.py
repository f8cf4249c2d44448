"""The public directory's filter form (GET, works without JavaScript)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from lontar.organisations.models import OpdType, OrganisationKind
from lontar.organisations.selectors import MAX_QUERY_LENGTH, RegionChoice


class DirectoryFilterForm(forms.Form):
    """Search and filters. An invalid field is reported next to it and left out of the filter."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Name or short name, e.g. “kominfo kupang”."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    wilayah = forms.ChoiceField(
        label=_("Province or regency/city"),
        required=False,
        error_messages={"invalid_choice": _("Unknown region; choose one from the list.")},
    )
    jenis = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *OrganisationKind.choices],
        error_messages={"invalid_choice": _("Unknown kind; choose one from the list.")},
    )
    tipe = forms.ChoiceField(
        label=_("Agency type"),
        required=False,
        choices=[("", _("All types")), *OpdType.choices],
        error_messages={"invalid_choice": _("Unknown agency type; choose one from the list.")},
    )

    def __init__(self, *args: object, regions: list[RegionChoice], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        wilayah = cast(forms.ChoiceField, self.fields["wilayah"])
        wilayah.choices = [("", _("All of NTT")), *((r.code, _label(r)) for r in regions)]

    def filters(self) -> dict[str, str]:
        """The valid filters only (call after ``is_valid``)."""
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] for name in ("q", "wilayah", "jenis", "tipe") if data.get(name)}


def _label(region: RegionChoice) -> str:
    if region.level == "provinsi":
        return _("Province of %(name)s") % {"name": region.name}
    return region.name
