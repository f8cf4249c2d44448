"""The issued LHE's PDF moves from a bytes column to a file in private storage (step 1 of 3):
the file field, empty until the next migration copies the bytes. The bytes column may be empty
from here on, so that going back can re-create it before the bytes are copied into it again."""

from django.db import migrations, models

import lontar.evaluations.storage


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0002_final_results_immutable")]

    operations = [
        migrations.AddField(
            model_name="report",
            name="pdf_file",
            field=models.FileField(
                default="",
                max_length=200,
                storage=lontar.evaluations.storage.get_report_storage,
                upload_to="lhe/%Y/%m/",
                verbose_name="PDF",
            ),
            preserve_default=False,
        ),
        migrations.AlterField(model_name="report", name="pdf", field=models.BinaryField(null=True)),
    ]
