"""Load PPID sample data ("data contoh"): public bodies and two years of requests. Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from lontar.ppid import demo
from lontar.ppid.demo.dip import load_sample_dip
from lontar.ppid.demo.notices import RECENT_PER_BODY, store_sample_notice_pdfs


class Command(BaseCommand):
    help = (
        "Create a PPID Utama for Pemprov NTT and each Pemkab/Pemkot, a PPID Pelaksana for each OPD of Pemprov "
        "NTT, and sample requests over two years in every state (all labelled data contoh). Run "
        "load_organisations and holidays_seed first. Running it again adds nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", type=int, default=120, help="sample requests for the province (default 120)")
        parser.add_argument(
            "--per-kabkota", type=int, default=12, help="sample requests per kabupaten/kota (default 12)"
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--notice-pdfs",
            type=int,
            default=RECENT_PER_BODY,
            help=(
                f"store the PDF of the N most recent sample notices of each public body (default {RECENT_PER_BODY}; "
                "0: none); manage.py ppid_notice_pdfs stores the rest"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if (
            options["province"] < 0
            or options["per_kabkota"] < 0
            or options["notice_pdfs"] < 0
            or options["province"] + options["per_kabkota"] > 20_000
        ):
            raise CommandError("Use between 0 and 20000 sample requests.")
        with transaction.atomic():
            bodies = demo.load_bodies()
        if not bodies:
            raise CommandError("No organisations yet: run load_regions and load_organisations first.")
        counts = demo.load_sample_requests(
            per_body={"ntt": options["province"], "*": options["per_kabkota"]}, seed=options["seed"]
        )
        counts.objections = demo.load_sample_objections(seed=options["seed"])
        for line in demo.describe(counts):
            self.stdout.write(line)
        self.stdout.write(f"sample DIP entries written: {load_sample_dip()}")
        examples = [number for number, _token in counts.examples]
        stored = store_sample_notice_pdfs(per_body=options["notice_pdfs"], requests=examples)
        self.stdout.write(f"sample notice PDFs stored: {stored} (the rest: manage.py ppid_notice_pdfs)")
        if counts.requests == 0 and counts.objections == 0:
            self.stdout.write("sample requests already present: nothing added")
