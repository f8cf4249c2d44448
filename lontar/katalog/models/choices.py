"""Enumerations of the SPBE architecture registry (reference §2.1–2.3, §3, §5).

Codes are stable (used in exports, imports and the API); labels are English msgids translated to
Indonesian in the app's catalogue. Where the reference marks a list as not official ([U]), the
values are those the three open implementations agree on.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Basis(models.TextChoices):
    """Basis Aplikasi (multi-select; wic2020/arsitekturpemdi)."""

    WEB = "web", _("Web")
    MOBILE = "mobile", _("Mobile")
    DESKTOP = "desktop", _("Desktop")
    LAINNYA = "lainnya", _("Other")


class LicenceType(models.TextChoices):
    OPEN_SOURCE = "open_source", _("Open source")
    PROPRIETARY = "proprietary", _("Proprietary")


class OwnershipClass(models.TextChoices):
    """(A) set by MenPANRB, (B) owned by a K/L, (C) owned by the Pemda (reference §2.1)."""

    UMUM_NASIONAL = "umum_nasional", _("National common application")
    KHUSUS_KL = "khusus_kl", _("Special application of a ministry/agency")
    KHUSUS_PEMDA = "khusus_pemda", _("Special application of the regional government")


class Stage(models.TextChoices):
    """Lifecycle (GOV.UK service phases adapted; consolidation per Perpres 82/2023)."""

    USULAN = "usulan", _("Proposed")
    PENGEMBANGAN = "pengembangan", _("In development")
    UJI = "uji", _("In testing")
    OPERASIONAL = "operasional", _("In operation")
    KONSOLIDASI = "konsolidasi", _("Being consolidated")
    DIHENTIKAN = "dihentikan", _("Retired")


class SystemCategory(models.TextChoices):
    """Kategori sistem elektronik."""

    RENDAH = "rendah", _("Low")
    TINGGI = "tinggi", _("High")
    STRATEGIS = "strategis", _("Strategic")


class AuditConclusion(models.TextChoices):
    """Conclusion of a security audit, Perban BSSN 8/2024 Ps 19(4)."""

    MEMADAI = "memadai", _("Adequate (Memadai)")
    PERLU_PENINGKATAN = "perlu_peningkatan", _("Needs improvement (Perlu Peningkatan)")
    TIDAK_MEMADAI = "tidak_memadai", _("Inadequate (Tidak Memadai)")


class AssetKind(models.TextChoices):
    """The 12 SIA-SPBE infrastructure (DAI) object types (reference §2.2)."""

    FASILITAS_KOMPUTASI = "fasilitas_komputasi", _("Computing facility (data centre)")
    KOMPUTASI_AWAN = "komputasi_awan", _("Cloud computing")
    SERVER = "server", _("Server")
    PERIFERAL = "periferal", _("Peripheral")
    MEDIA_PENYIMPANAN = "media_penyimpanan", _("Storage")
    PERANGKAT_JARINGAN = "perangkat_jaringan", _("Network device")
    PERANGKAT_KEAMANAN = "perangkat_keamanan", _("Security device")
    SISTEM_OPERASI = "sistem_operasi", _("Software: operating system")
    PERANGKAT_LUNAK_BASIS_DATA = "basis_data", _("Software: database")
    UTILITAS = "utilitas", _("Software: utility")
    JARINGAN_INTRA = "jaringan_intra", _("Government intranet")
    SPLP = "splp", _("Service integration system (SPLP)")


SOFTWARE_KINDS = frozenset({AssetKind.SISTEM_OPERASI, AssetKind.PERANGKAT_LUNAK_BASIS_DATA, AssetKind.UTILITAS})
#: kinds an application may be hosted on
HOSTING_KINDS = frozenset({AssetKind.FASILITAS_KOMPUTASI, AssetKind.KOMPUTASI_AWAN, AssetKind.SERVER})


class Ownership(models.TextChoices):
    """SIA-SPBE "Status Kepemilikan" (reference §2.2, three implementations agree)."""

    MILIK_SENDIRI = "milik_sendiri", _("Milik Sendiri")
    INSTANSI_LAIN = "instansi_lain", _("Milik Instansi Pemerintah Lain")
    BUMN = "bumn", _("Milik BUMN")
    PIHAK_KETIGA = "pihak_ketiga", _("Milik Pihak Ketiga")


class AssetStatus(models.TextChoices):
    """Snipe-IT's four status types (reference §3)."""

    DEPLOYABLE = "deployable", _("Ready for use")
    PENDING = "pending", _("Pending")
    UNDEPLOYABLE = "undeployable", _("Not usable")
    ARCHIVED = "archived", _("Archived")


class ServiceKind(models.TextChoices):
    """RAL: Layanan Publik or Layanan Administrasi Pemerintahan (reference §2.1)."""

    PUBLIK = "publik", _("Public service")
    ADMINISTRASI = "administrasi", _("Government administration service")
