"""Identity documents are encrypted at rest: their field uses the sealed private storage, and the
files already stored (as plaintext, mode 0644) are sealed in place (mode 0600).

Reading still accepts legacy plaintext (a file without the sealed marker), so a file restored from
an old backup stays readable; ``manage.py rotate_keys`` seals any such file it finds.
"""

from django.db import migrations, models

import lontar.ppid.storage


def seal_existing(apps, schema_editor):
    from lontar.core.storage import reseal_files
    from lontar.ppid.storage import identity_storage

    IdentityDocument = apps.get_model("ppid", "IdentityDocument")
    names = (
        IdentityDocument.objects.filter(purged_at__isnull=True)
        .exclude(file="")
        .order_by("pk")
        .values_list("file", flat=True)
        .iterator(chunk_size=500)
    )
    reseal_files(identity_storage, names)


class Migration(migrations.Migration):
    dependencies = [
        ("ppid", "0004_dip"),
    ]

    operations = [
        migrations.AlterField(
            model_name="identitydocument",
            name="file",
            field=models.FileField(
                max_length=200,
                storage=lontar.ppid.storage.get_identity_storage,
                upload_to="ppid/identity/%Y/%m/",
                verbose_name="file",
            ),
        ),
        # irreversible on purpose: going back would write personal data to disk in plaintext again
        migrations.RunPython(seal_existing, elidable=True),
    ]
