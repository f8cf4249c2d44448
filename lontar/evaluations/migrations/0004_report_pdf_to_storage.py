"""Step 2 of 3: the bytes of every issued LHE are copied, unchanged, to a file in the configured
private storage (``lontar.evaluations.storage``, through the field's storage: local disk under
``PRIVATE_FILES_ROOT/evaluasi/lhe/`` or the bucket's ``private/evaluasi/lhe/``).

Going back copies each file's bytes into the column again and deletes the file. If copying stops
half-way, the files already written are deleted (``atomic_with_files``).
"""

import uuid

from django.core.files.base import ContentFile
from django.db import migrations


def to_storage(apps, schema_editor):
    from lontar.core.files import atomic_with_files, delete_on_rollback

    alias = schema_editor.connection.alias
    Report = apps.get_model("evaluations", "Report")
    storage = Report._meta.get_field("pdf_file").storage
    pending = Report.objects.using(alias).filter(pdf_file="").order_by("pk")
    with atomic_with_files(using=alias):
        for pk in list(pending.values_list("pk", flat=True)):
            report = Report.objects.using(alias).only("pk", "pdf", "created_at").get(pk=pk)
            name = f"lhe/{report.created_at:%Y/%m}/{uuid.uuid4().hex}.pdf"
            name = storage.save(name, ContentFile(bytes(report.pdf)))
            delete_on_rollback(storage, name, using=alias)
            Report.objects.using(alias).filter(pk=pk).update(pdf_file=name)


def to_column(apps, schema_editor):
    alias = schema_editor.connection.alias
    Report = apps.get_model("evaluations", "Report")
    storage = Report._meta.get_field("pdf_file").storage
    names = []
    for pk, name in Report.objects.using(alias).exclude(pdf_file="").order_by("pk").values_list("pk", "pdf_file"):
        with storage.open(name, "rb") as handle:
            Report.objects.using(alias).filter(pk=pk).update(pdf=handle.read(), pdf_file="")
        names.append(name)

    def delete_files() -> None:
        for name in names:
            storage.delete(name)

    schema_editor.connection.on_commit(delete_files)


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0003_report_pdf_file")]

    operations = [migrations.RunPython(to_storage, to_column, elidable=True)]
