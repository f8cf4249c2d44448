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


def _datastore_problem(resource: Resource) -> str:
    """Why the file of a tabular resource cannot be served yet (empty when it can)."""
    from lontar.catalog.services.datastore_bridge import table_for
    from lontar.datastore.ingest.report import ValidationReport
    from lontar.datastore.models import TableStatus

    table = table_for(resource)
    if table is None or table.status == TableStatus.LOADING:
        return _("The file of “%(name)s” is still being loaded and checked; wait a moment.") % {"name": resource.name}
    if table.status == TableStatus.FAILED:
        return _("The file of “%(name)s” could not be loaded: %(error)s") % {
            "name": resource.name,
            "error": table.error_message,
        }
    if ValidationReport.from_dict(table.report).has_errors:
        return _("The validation report of “%(name)s” has errors; correct the file and upload it again.") % {
            "name": resource.name
        }
    return ""


def _resource_problems(resource: Resource) -> list[str]:
    if not resource.is_tabular:
        return []
    if resource.file:
        problem = _datastore_problem(resource)
        if problem:
            return [problem]
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
