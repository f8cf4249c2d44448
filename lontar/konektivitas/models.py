"""Sites (titik layanan), their connections, measurements, cellular coverage and towers.

Field lists and enumerations follow ``shared/reference/infrastructure.md`` §1 (Giga's data model
and status rule, for design only) and §5 (the model recommended for Lontar). Codes are English,
labels Indonesian through the locale; legal and programme names (BAKTI AKSI, Podes) keep theirs.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lontar.core.models import TimeStampedModel


class SiteKind(models.TextChoices):
    KANTOR_OPD = "kantor_opd", _("OPD office")
    KANTOR_KECAMATAN = "kantor_kecamatan", _("Kecamatan office")
    KANTOR_DESA = "kantor_desa", _("Desa/kelurahan office")
    SEKOLAH = "sekolah", _("School")
    MADRASAH = "madrasah", _("Madrasah")
    PUSKESMAS = "puskesmas", _("Puskesmas")
    PUSTU_POLINDES = "pustu_polindes", _("Pustu/polindes")
    RUMAH_SAKIT = "rumah_sakit", _("Hospital")
    MPP = "mpp", _("Mal Pelayanan Publik")
    RUANG_PUBLIK = "ruang_publik", _("Public space")
    LAINNYA = "lainnya", _("Other")


class LocationSource(models.TextChoices):
    GPS_LAPANGAN = "gps_lapangan", _("GPS in the field")
    DAPODIK = "dapodik", _("Dapodik")
    PETA = "peta", _("Picked on a map")
    GEOKODE = "geokode", _("Geocoded address")
    CEK_KONEKSI = "cek_koneksi", _("Device location during Cek koneksi")
    LAINNYA = "lainnya", _("Other")


class PowerSource(models.TextChoices):
    PLN = "pln", _("PLN grid")
    GENSET = "genset", _("Generator")
    SURYA = "surya", _("Solar")
    LAINNYA = "lainnya", _("Other")
    TIDAK_ADA = "tidak_ada", _("None")
    TIDAK_DIKETAHUI = "tidak_diketahui", _("Unknown")


class ConnectivityStatus(models.TextChoices):
    """Giga's four classes plus "tidak ada" (reference §1.3)."""

    BAIK = "baik", _("Good")
    SEDANG = "sedang", _("Moderate")
    BURUK = "buruk", _("Poor")
    TIDAK_ADA = "tidak_ada", _("No connection")
    TIDAK_DIKETAHUI = "tidak_diketahui", _("Unknown")


class StatusRule(models.TextChoices):
    """Which data produced a status, in Giga's fallback order (reference §1.3)."""

    MEASURED = "diukur", _("Measured speed")
    CONTRACTED = "kontrak", _("Contracted speed")
    AVAILABILITY = "ketersediaan", _("Availability only")
    COVERAGE = "cakupan", _("Cellular coverage of the desa")
    NONE = "tanpa_data", _("No data")


class Site(TimeStampedModel):
    """A physical place that should be connected: an office, school, puskesmas, service centre."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    # Indexes: see Meta (no LIKE-pattern twins of name, kind and desa; kabupaten and organisation
    # lead composite indexes).
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=SiteKind.choices)
    desa = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("desa/kelurahan"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    # Denormalised from the desa's code for fast province and kab/kota views.
    kabupaten = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("kabupaten/kota"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    lat = models.FloatField(_("latitude"))
    lng = models.FloatField(_("longitude"))
    location_source = models.CharField(
        _("location source"), max_length=20, choices=LocationSource.choices, default=LocationSource.LAINNYA
    )
    location_accuracy_m = models.FloatField(_("location accuracy (m)"), null=True, blank=True)
    location_verified = models.BooleanField(_("location verified"), default=False)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("responsible agency"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    npsn = models.CharField(_("NPSN"), max_length=12, blank=True)
    puskesmas_code = models.CharField(_("puskesmas code"), max_length=20, blank=True)
    bakti_site_id = models.CharField(_("BAKTI site id"), max_length=40, blank=True)
    power = models.CharField(
        _("power source"), max_length=20, choices=PowerSource.choices, default=PowerSource.TIDAK_DIKETAHUI
    )
    remote = models.BooleanField(_("remote (terpencil)"), default=False)
    border = models.BooleanField(_("border area (perbatasan)"), default=False)
    disaster_prone = models.BooleanField(_("disaster-prone (rawan bencana)"), default=False)
    is_active = models.BooleanField(_("active"), default=True, db_index=True)
    is_sample = models.BooleanField(_("sample data (data contoh)"), default=False)
    # The latest weekly status, cached for maps and lists (SiteWeeklyStatus keeps the history).
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ConnectivityStatus.choices,
        default=ConnectivityStatus.TIDAK_DIKETAHUI,
    )
    status_rule = models.CharField(_("status rule"), max_length=20, choices=StatusRule.choices, default=StatusRule.NONE)
    status_week = models.DateField(_("status week"), null=True, blank=True)

    class Meta:
        verbose_name = _("site (titik layanan)")
        verbose_name_plural = _("sites (titik layanan)")
        ordering = ("code",)
        # Every index is written for each site whose row the weekly recompute moves, unless no indexed
        # column changes: then PostgreSQL updates the row on its own page (a HOT update, with the free
        # space the table's fillfactor of 50 leaves, migration 0008). So the cached status and week are
        # in no index (a status filter reads the kab/kota or kind index and filters, or the summaries),
        # and each index here is read by a query: kab/kota pages (kabupaten, kind), staff lists per
        # agency (organisation, kind), the desa list, search and order by name, the kind filter.
        indexes = [
            models.Index(fields=["kabupaten", "kind"], name="kon_site_kab_kind"),
            models.Index(fields=["organisation", "kind"], name="kon_site_org_kind"),
            models.Index(fields=["desa"], name="kon_site_desa"),
            models.Index(fields=["name"], name="kon_site_name"),
            models.Index(fields=["kind"], name="kon_site_kind"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["npsn"], condition=~Q(npsn=""), name="kon_site_npsn_unique"),
            models.UniqueConstraint(
                fields=["puskesmas_code"], condition=~Q(puskesmas_code=""), name="kon_site_puskesmas_unique"
            ),
            models.UniqueConstraint(
                fields=["bakti_site_id"], condition=~Q(bakti_site_id=""), name="kon_site_bakti_unique"
            ),
            models.CheckConstraint(condition=Q(lat__gte=-90, lat__lte=90), name="kon_site_lat_range"),
            models.CheckConstraint(condition=Q(lng__gte=-180, lng__lte=180), name="kon_site_lng_range"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ConnectionRole(models.TextChoices):
    UTAMA = "utama", _("Main")
    CADANGAN = "cadangan", _("Backup")


class Technology(models.TextChoices):
    """Giga's normalised list with Indonesian codes (reference §5)."""

    FIBER = "fiber", _("Fibre optic")
    TEMBAGA_XDSL = "tembaga_xdsl", _("Copper / xDSL")
    KOAKSIAL = "koaksial", _("Coaxial")
    KABEL_LAIN = "kabel_lain", _("Other wired")
    SELULER = "seluler", _("Cellular")
    RADIO_P2P = "radio_p2p", _("Radio point-to-point")
    RADIO_P2MP = "radio_p2mp", _("Radio point-to-multipoint")
    VSAT = "vsat", _("VSAT (geostationary satellite)")
    SATELIT_LEO = "satelit_leo", _("LEO satellite")
    LAINNYA = "lainnya", _("Other")
    TIDAK_ADA = "tidak_ada", _("None")
    TIDAK_DIKETAHUI = "tidak_diketahui", _("Unknown")


class TechnologyRoot(models.TextChoices):
    KABEL = "kabel", _("Wired")
    NIRKABEL = "nirkabel", _("Wireless")
    LAINNYA = "lainnya", _("Other")
    TIDAK_ADA = "tidak_ada", _("None")
    TIDAK_DIKETAHUI = "tidak_diketahui", _("Unknown")


class CellularGeneration(models.TextChoices):
    G2 = "2g", "2G"
    G3 = "3g", "3G"
    G4 = "4g", "4G"
    G5 = "5g", "5G"


class Programme(models.TextChoices):
    APBD = "apbd", _("APBD")
    BAKTI_AKSI = "bakti_aksi", _("BAKTI Akses Internet (AKSI)")
    BAKTI_BTS = "bakti_bts", _("BAKTI BTS 4G")
    APBN_KL = "apbn_kl", _("APBN (K/L)")
    DANA_DESA = "dana_desa", _("Dana desa")
    SWADAYA = "swadaya", _("Self-funded (swadaya)")
    KOMERSIAL = "komersial", _("Commercial")


class ConnectionStatus(models.TextChoices):
    RENCANA = "rencana", _("Planned")
    INSTALASI = "instalasi", _("Being installed")
    AKTIF = "aktif", _("Active")
    GANGGUAN = "gangguan", _("Disrupted")
    NONAKTIF = "nonaktif", _("Inactive")
    DIRELOKASI = "direlokasi", _("Relocated")


class Ownership(models.TextChoices):
    """SIA-SPBE "Status Kepemilikan" (reference §2.2, three implementations agree)."""

    MILIK_SENDIRI = "milik_sendiri", _("Milik Sendiri")
    INSTANSI_LAIN = "instansi_lain", _("Milik Instansi Pemerintah Lain")
    BUMN = "bumn", _("Milik BUMN")
    PIHAK_KETIGA = "pihak_ketiga", _("Milik Pihak Ketiga")


class Connection(TimeStampedModel):
    """One internet connection of a site; a change of provider or technology is a new row."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="connections")
    role = models.CharField(_("role"), max_length=10, choices=ConnectionRole.choices, default=ConnectionRole.UTAMA)
    technology = models.CharField(_("technology"), max_length=20, choices=Technology.choices)
    technology_raw = models.CharField(_("technology as entered"), max_length=120, blank=True)
    technology_root = models.CharField(_("technology group"), max_length=20, choices=TechnologyRoot.choices)
    cellular_generation = models.CharField(
        _("cellular generation"), max_length=3, choices=CellularGeneration.choices, blank=True
    )
    provider = models.CharField(_("provider"), max_length=120, blank=True)
    programme = models.CharField(_("programme"), max_length=20, choices=Programme.choices, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ConnectionStatus.choices, db_index=True)
    download_contracted_mbps = models.FloatField(_("contracted download (Mbps)"), null=True, blank=True)
    upload_contracted_mbps = models.FloatField(_("contracted upload (Mbps)"), null=True, blank=True)
    monthly_cost = models.DecimalField(_("monthly cost (Rp)"), max_digits=14, decimal_places=0, null=True, blank=True)
    contract_start = models.DateField(_("contract start"), null=True, blank=True)
    contract_end = models.DateField(_("contract end"), null=True, blank=True)
    ownership = models.CharField(_("ownership"), max_length=20, choices=Ownership.choices, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample data (data contoh)"), default=False)

    class Meta:
        verbose_name = _("connection")
        verbose_name_plural = _("connections")
        ordering = ("site_id", "role", "-valid_from", "id")
        indexes = [models.Index(fields=["site", "status"], name="kon_conn_site_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(download_contracted_mbps__isnull=True) | Q(download_contracted_mbps__gte=0),
                name="kon_conn_down_nonneg",
            ),
            models.CheckConstraint(
                condition=Q(upload_contracted_mbps__isnull=True) | Q(upload_contracted_mbps__gte=0),
                name="kon_conn_up_nonneg",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site_id} {self.role} {self.technology}"


class MeasurementSource(models.TextChoices):
    CEK_KONEKSI = "cek_koneksi", _("Cek koneksi (Lontar)")
    NDT7_MLAB = "ndt7_mlab", _("M-Lab ndt7")
    OOKLA_APP = "ookla_app", _("Ookla app")
    MANUAL = "manual", _("Entered by hand")
    QOS_ISP = "qos_isp", _("ISP QoS feed")
    SNMP = "snmp", _("SNMP probe")


class Measurement(models.Model):
    """One speed test at a site. Speeds are stored in Mbps (convert bps at ingest)."""

    # indexed by kon_meas_site_time (site first)
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="measurements", db_index=False)
    measured_at = models.DateTimeField(_("measured at"))
    download_mbps = models.FloatField(_("download (Mbps)"), null=True, blank=True)
    upload_mbps = models.FloatField(_("upload (Mbps)"), null=True, blank=True)
    latency_ms = models.FloatField(_("latency (ms)"), null=True, blank=True)
    jitter_ms = models.FloatField(_("jitter (ms)"), null=True, blank=True)
    packet_loss_pct = models.FloatField(_("packet loss (%)"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=MeasurementSource.choices)
    server = models.CharField(_("server"), max_length=200, blank=True)
    # not indexed: no query filters on it (the hourly limit per device counts in the cache)
    device_id = models.CharField(_("device"), max_length=80, blank=True)
    ip_hash = models.CharField(_("IP address (hashed)"), max_length=64, blank=True)
    data_used_mb = models.FloatField(_("data used (MB)"), null=True, blank=True)
    detected_lat = models.FloatField(_("detected latitude"), null=True, blank=True)
    detected_lng = models.FloatField(_("detected longitude"), null=True, blank=True)
    detected_accuracy_m = models.FloatField(_("detected accuracy (m)"), null=True, blank=True)
    distance_to_site_m = models.FloatField(_("distance to the site (m)"), null=True, blank=True)
    flagged = models.BooleanField(_("flagged"), default=False)
    flag_reason = models.CharField(_("flag reason"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    is_sample = models.BooleanField(_("sample data (data contoh)"), default=False)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ("-measured_at",)
        indexes = [
            models.Index(fields=["site", "measured_at"], name="kon_meas_site_time"),
            # the weekly recompute reads one week of every site's measurements: the index carries
            # what it reads (key columns, so SQLite uses it too), so a week is an index-only scan
            # wherever the rows lie in the table
            models.Index(fields=["measured_at", "site", "download_mbps", "flagged"], name="kon_meas_time_cover"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(download_mbps__isnull=True) | Q(download_mbps__gte=0), name="kon_meas_down_nonneg"
            ),
            models.CheckConstraint(
                condition=Q(upload_mbps__isnull=True) | Q(upload_mbps__gte=0), name="kon_meas_up_nonneg"
            ),
            models.CheckConstraint(
                condition=Q(latency_ms__isnull=True) | Q(latency_ms__gte=0), name="kon_meas_latency_nonneg"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site_id} {self.measured_at:%Y-%m-%d %H:%M} {self.download_mbps} Mbps"


class PhoneSignal(models.TextChoices):
    """Podes "sinyal telepon seluler" (reference §2.5)."""

    SANGAT_KUAT = "sangat_kuat", _("Very strong")
    KUAT = "kuat", _("Strong")
    LEMAH = "lemah", _("Weak")
    TIDAK_ADA = "tidak_ada", _("No signal")


class InternetSignal(models.TextChoices):
    """Podes "sinyal internet telepon seluler" (reference §2.5)."""

    G4 = "4g", _("4G/LTE")
    G3 = "3g", _("3G/H/H+/EVDO")
    G25 = "2_5g", _("2.5G/E/GPRS")
    TIDAK_ADA = "tidak_ada", _("No internet signal")


class CoverageSource(models.TextChoices):
    PODES = "podes", _("BPS Podes")
    KOMINFO_BLANKSPOT = "kominfo_blankspot", _("Kominfo/Komdigi blank-spot list")
    OOKLA = "ookla", _("Ookla open data")
    SURVEI_LAPANGAN = "survei_lapangan", _("Field survey")


class CoverageObservation(TimeStampedModel):
    """Cellular coverage of one desa in one year from one source."""

    desa = models.ForeignKey("organisations.Region", on_delete=models.PROTECT, related_name="+")
    kabupaten = models.ForeignKey("organisations.Region", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=20, choices=CoverageSource.choices)
    phone_signal = models.CharField(_("phone signal"), max_length=12, choices=PhoneSignal.choices, blank=True)
    internet_signal = models.CharField(_("internet signal"), max_length=10, choices=InternetSignal.choices, blank=True)
    has_bts = models.BooleanField(_("BTS in the desa"), null=True, blank=True)
    trusted = models.BooleanField(_("trusted"), default=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_sample = models.BooleanField(_("sample data (data contoh)"), default=False)

    class Meta:
        verbose_name = _("cellular coverage")
        verbose_name_plural = _("cellular coverage")
        ordering = ("desa_id", "-year", "source")
        constraints = [
            models.UniqueConstraint(fields=["desa", "year", "source"], name="kon_coverage_desa_year_source"),
        ]
        indexes = [models.Index(fields=["kabupaten", "year"], name="kon_cov_kab_year")]

    def __str__(self) -> str:
        return f"{self.desa_id} {self.year} {self.source}"


class TowerStatus(models.TextChoices):
    """BAKTI's lifecycle terms (reference §2.4)."""

    USULAN = "usulan", _("Proposed")
    AKUISISI_LAHAN = "akuisisi_lahan", _("Land acquisition")
    RFC = "rfc", _("Ready for construction (RFC)")
    KONSTRUKSI = "konstruksi", _("Construction")
    ON_AIR = "on_air", _("On-air")
    OFF_AIR = "off_air", _("Off-air")


class Tower(TimeStampedModel):
    """A cellular base station (BTS), e.g. one of BAKTI's BTS 4G sites."""

    code = models.CharField(_("site id"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    kabupaten = models.ForeignKey("organisations.Region", on_delete=models.PROTECT, related_name="+")
    desa = models.ForeignKey("organisations.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lng = models.FloatField(_("longitude"), null=True, blank=True)
    programme = models.CharField(_("programme"), max_length=20, choices=Programme.choices, blank=True)
    operator = models.CharField(_("operator"), max_length=120, blank=True)
    generation = models.CharField(_("generation"), max_length=3, choices=CellularGeneration.choices, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=TowerStatus.choices, db_index=True)
    planned_year = models.PositiveSmallIntegerField(_("planned year"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_sample = models.BooleanField(_("sample data (data contoh)"), default=False)

    class Meta:
        verbose_name = _("tower (BTS)")
        verbose_name_plural = _("towers (BTS)")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.code


class SpeedBenchmark(TimeStampedModel):
    """The download speed that counts as good (and the floor below which it is poor) per site kind.

    Giga's defaults (reference §1.3): good above 20 Mbps, poor below 1 Mbps. A province sets its own
    per kind; the source of each value is shown beside it.
    """

    kind = models.CharField(_("site kind"), max_length=20, choices=SiteKind.choices, unique=True)
    good_mbps = models.FloatField(_("good above (Mbps)"))
    base_mbps = models.FloatField(_("poor below (Mbps)"))
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("speed benchmark")
        verbose_name_plural = _("speed benchmarks")
        ordering = ("kind",)
        constraints = [
            models.CheckConstraint(condition=Q(base_mbps__gt=0) & Q(good_mbps__gt=0), name="kon_bench_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.base_mbps}-{self.good_mbps} Mbps"


class SiteWeeklyStatus(models.Model):
    """The derived status of a site for one ISO week, with the rule and value that produced it."""

    # indexed by kon_weekly_site_week (site first)
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="weekly_statuses", db_index=False)
    week = models.DateField(_("week (Monday)"))
    status = models.CharField(_("status"), max_length=20, choices=ConnectivityStatus.choices)
    rule = models.CharField(_("rule"), max_length=20, choices=StatusRule.choices)
    value = models.FloatField(_("value used"), null=True, blank=True)
    benchmark_mbps = models.FloatField(_("benchmark (Mbps)"), null=True, blank=True)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        verbose_name = _("weekly site status")
        verbose_name_plural = _("weekly site statuses")
        ordering = ("site_id", "-week")
        constraints = [models.UniqueConstraint(fields=["site", "week"], name="kon_weekly_site_week")]
        indexes = [models.Index(fields=["week", "status"], name="kon_weekly_week_status")]

    def __str__(self) -> str:
        return f"{self.site_id} {self.week} {self.status}"


class ImportStatus(models.TextChoices):
    CHECKED = "diperiksa", _("Checked")
    APPLIED = "diterapkan", _("Applied")
    FAILED = "gagal", _("File could not be read")


class ImportBatch(TimeStampedModel):
    """An uploaded site file (CSV/XLSX), its data-quality report, and what applying it did.

    The file is kept in private storage until applied; nothing is written to the registry before
    the reviewer confirms (all rows, or explicitly without the broken ones)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("default responsible agency"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    file_name = models.CharField(_("file name"), max_length=200)
    stored_name = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.CHECKED)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    error_rows = models.PositiveIntegerField(_("rows with problems"), default=0)
    report = models.JSONField(_("report"), default=dict)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_count = models.PositiveIntegerField(_("sites created"), default=0)
    updated_count = models.PositiveIntegerField(_("sites updated"), default=0)
    skipped_count = models.PositiveIntegerField(_("rows skipped"), default=0)

    class Meta:
        verbose_name = _("site import")
        verbose_name_plural = _("site imports")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.pk} {self.file_name}"


class SiteSummary(models.Model):
    """Active sites counted for the public maps, kept by ``services/summaries.py`` with every write.

    ``cell`` False: one row per (kab/kota, kind, status, technology) — the choropleths and the
    kind table. ``cell`` True: the province point map's grid cells (``selectors.maps.GRID_DEGREES``)
    with the sum of the positions. ``technology`` blank counts every site; a technology counts the
    sites with a live connection of it (the map's technology filter). Rows with no site are absent.
    """

    kabupaten = models.ForeignKey("organisations.Region", on_delete=models.CASCADE, related_name="+", db_index=False)
    cell = models.BooleanField(default=False)
    kind = models.CharField(max_length=20, choices=SiteKind.choices)
    status = models.CharField(max_length=20, choices=ConnectivityStatus.choices)
    technology = models.CharField(max_length=20, choices=Technology.choices, blank=True)
    cell_y = models.IntegerField(default=0)
    cell_x = models.IntegerField(default=0)
    sites = models.PositiveIntegerField()
    lat_sum = models.FloatField(default=0)
    lng_sum = models.FloatField(default=0)

    class Meta:
        verbose_name = _("site summary")
        verbose_name_plural = _("site summaries")
        indexes = [
            models.Index(fields=["cell", "technology", "kabupaten"], name="kon_sum_cell_tech_kab"),
            models.Index(fields=["kabupaten", "cell"], name="kon_sum_kab_cell"),
            # the province grid read from the index alone, in its GROUP BY order (SQLite)
            models.Index(
                fields=["cell", "technology", "cell_y", "cell_x", "status", "kind", "sites", "lat_sum", "lng_sum"],
                name="kon_sum_grid_covering",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kabupaten_id} {self.kind} {self.status} {self.technology} {self.sites}"


class WeeklySummary(models.Model):
    """Weekly statuses of the active sites counted per (week, kab/kota, kind, status): the trend
    charts, kept by ``services/summaries.py`` (the weekly recompute refreshes its week)."""

    week = models.DateField()
    kabupaten = models.ForeignKey("organisations.Region", on_delete=models.CASCADE, related_name="+", db_index=False)
    kind = models.CharField(max_length=20, choices=SiteKind.choices)
    status = models.CharField(max_length=20, choices=ConnectivityStatus.choices)
    sites = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("weekly status summary")
        verbose_name_plural = _("weekly status summaries")
        indexes = [
            # the trend of the province read from the index alone (week, status, the filters, the count)
            models.Index(fields=["week", "status", "kabupaten", "kind", "sites"], name="kon_wsum_trend_covering"),
            models.Index(fields=["kabupaten", "week"], name="kon_wsum_kab_week"),
        ]

    def __str__(self) -> str:
        return f"{self.week} {self.kabupaten_id} {self.kind} {self.status} {self.sites}"


class CoverageSummary(models.Model):
    """Per kab/kota: desa with a trusted coverage record and those of them in a blank spot (by
    ``status.blank_spot``) — the blank-spot choropleth, kept by ``services/summaries.py``."""

    kabupaten = models.OneToOneField("organisations.Region", on_delete=models.CASCADE, related_name="+")
    observed = models.PositiveIntegerField()
    blank = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("blank-spot summary")
        verbose_name_plural = _("blank-spot summaries")

    def __str__(self) -> str:
        return f"{self.kabupaten_id} {self.blank}/{self.observed}"
