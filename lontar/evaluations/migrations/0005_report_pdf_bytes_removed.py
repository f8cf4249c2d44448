"""Step 3 of 3: the bytes column is gone; the file field takes its name (``Report.pdf``), and a
report can no longer be recorded without its stored PDF."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0004_report_pdf_to_storage")]

    operations = [
        migrations.RemoveField(model_name="report", name="pdf"),
        migrations.RenameField(model_name="report", old_name="pdf_file", new_name="pdf"),
        migrations.AddConstraint(
            model_name="report",
            constraint=models.CheckConstraint(condition=~models.Q(pdf=""), name="report_pdf_stored"),
        ),
    ]
