"""What a dataset needs before it may go to the Walidata (and be verified)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from lontar.catalog.models import Dataset, Resource


def completeness_problems(dataset: Dataset) -> list[str]:
    """Messages for everything still missing; empty when the dataset is complete."""
    problems: list[str] = []
    if not dataset.title.strip():
        problems.append(_("Give the dataset a title."))
    if len(dataset.description.strip()) < 20:
        problems.append(_("Describe the dataset in at least 20 characters."))
    if not dataset.topics.exists():
        problems.append(_("Choose at least one topic (urusan)."))
    if dataset.temporal_start is None and dataset.temporal_end is None:
        problems.append(_("Give the years the data covers."))
    if not dataset.contact_email:
        problems.append(_("Give a contact e-mail for questions about the data."))
    if dataset.is_prioritas and dataset.activity_id is None:
        problems.append(_("Data Prioritas needs its statistical activity metadata (MS-Keg)."))
    resources = list(Resource.objects.filter(dataset=dataset, removed_at__isnull=True).prefetch_related("columns"))
    if not resources:
        problems.append(_("Add at least one resource (a file or a link)."))
    for resource in resources:
        problems.extend(_resource_problems(resource))
    return problems


def _resource_problems(resource: Resource) -> list[str]:
    if not resource.is_tabular:
        return []
    columns = list(resource.columns.all())
    if not columns:
        return [_("Describe the columns of “%(name)s” in its data dictionary.") % {"name": resource.name}]
    unlabelled = [c.name for c in columns if not c.label.strip()]
    if unlabelled:
        return [
            _("Give a label to every column of “%(name)s” (missing: %(columns)s).")
            % {"name": resource.name, "columns": ", ".join(unlabelled[:10])}
        ]
    return []
