"""HOT updates for the weekly recompute and fewer indexes to write per measurement.

Site: the cached status leaves every index and the table keeps half of each page free (fillfactor
50, PostgreSQL), so moving a site's status and week is an update on the same page, without a new
entry in each index. Measurement: the site and device indexes go (the first is led by
kon_meas_site_time, the second was never read), and the time index carries the site, download and
flag (key columns: SQLite has no INCLUDE) so the weekly recompute reads a week without visiting the
table. SiteWeeklyStatus: the site
index is led by the (site, week) unique constraint.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fillfactor(value: int):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        table = schema_editor.quote_name(apps.get_model("konektivitas", "Site")._meta.db_table)
        schema_editor.execute(f"ALTER TABLE {table} SET (fillfactor = {int(value)})")

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("konektivitas", "0007_site_fewer_indexes"),
        ("organisations", "0003_organisation_signatory"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="measurement",
            name="kon_meas_time",
        ),
        migrations.RemoveIndex(
            model_name="site",
            name="kon_site_kab_kind_status",
        ),
        migrations.RemoveIndex(
            model_name="site",
            name="kon_site_status_kind",
        ),
        migrations.AlterField(
            model_name="measurement",
            name="device_id",
            field=models.CharField(blank=True, max_length=80, verbose_name="device"),
        ),
        migrations.AlterField(
            model_name="measurement",
            name="site",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="measurements",
                to="konektivitas.site",
            ),
        ),
        migrations.AlterField(
            model_name="siteweeklystatus",
            name="site",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="weekly_statuses",
                to="konektivitas.site",
            ),
        ),
        migrations.AddIndex(
            model_name="measurement",
            index=models.Index(fields=["measured_at", "site", "download_mbps", "flagged"], name="kon_meas_time_cover"),
        ),
        migrations.AddIndex(
            model_name="site",
            index=models.Index(fields=["kabupaten", "kind"], name="kon_site_kab_kind"),
        ),
        migrations.RunPython(fillfactor(50), fillfactor(100)),
    ]
