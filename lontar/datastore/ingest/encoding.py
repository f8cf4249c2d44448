"""What a file is (CSV text or an XLSX workbook) and which character encoding its text uses.

UTF-8 (with or without a byte-order mark) is checked over the *whole* file with an incremental
decoder (fast, constant memory); anything else is handed to charset-normalizer, and the guess is
checked over the whole file too, so that a file is never half-decoded.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

from lontar.datastore.ingest.errors import IngestError

BLOCK = 1 << 20
SAMPLE = 256 * 1024
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: legacy encodings charset-normalizer chooses among: the ones Indonesian offices' Windows and
#: Mac spreadsheets export (a free choice among all code pages picks Baltic or Cyrillic ones for
#: a file with a handful of accented letters)
CANDIDATES = ["cp1252", "latin_1", "iso8859_15", "cp850", "mac_roman"]
#: what charset-normalizer may answer for a Windows file, mapped to the codec that decodes it
LEGACY_PREFERENCE = {"latin_1": "cp1252", "iso8859_1": "cp1252", "iso8859_15": "cp1252", "ascii": "cp1252"}


def file_kind(path: Path) -> str:
    """``"xlsx"`` for a ZIP container, ``"csv"`` for anything else that is not binary."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if not head:
        raise IngestError("empty_file")
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE_MAGIC):
        raise IngestError("legacy_xls")
    return "csv"


def detect_encoding(path: Path) -> str:
    """The codec name that decodes the whole file; raises IngestError when there is none."""
    with path.open("rb") as fh:
        sample = fh.read(SAMPLE)
    if not sample.strip():
        raise IngestError("empty_file")
    for bom, name in BOMS:
        if sample.startswith(bom):
            _check_whole_file(path, name)
            return name
    if b"\x00" in sample:
        raise IngestError("not_text")
    bad_offset = _first_invalid_offset(path, "utf-8")
    if bad_offset is None:
        return "utf-8"
    guess = _guess_legacy(path, sample, bad_offset)
    if guess == "cp1252" and _first_invalid_offset(path, guess) is not None:
        guess = "latin_1"  # the five bytes cp1252 leaves undefined: latin-1 reads every byte
    _check_whole_file(path, guess)
    return guess


def _guess_legacy(path: Path, sample: bytes, bad_offset: int) -> str:
    """charset-normalizer's least chaotic reading of the bytes around the first non-UTF-8 byte;
    ties go to the earlier entry of CANDIDATES (cp1252 first)."""
    with path.open("rb") as fh:
        fh.seek(max(0, bad_offset - 4096))
        around = fh.read(8192)
    matches = list(from_bytes(sample[:4096] + b"\n" + around, cp_isolation=CANDIDATES))
    if not matches:
        raise IngestError("unknown_encoding")
    best = min(matches, key=lambda m: (round(m.chaos, 3), _rank(m.encoding)))
    name = codecs.lookup(best.encoding).name.replace("-", "_")
    return LEGACY_PREFERENCE.get(name, best.encoding)


def _rank(encoding: str) -> int:
    name = codecs.lookup(encoding).name.replace("-", "_")
    for index, candidate in enumerate(CANDIDATES):
        if codecs.lookup(candidate).name.replace("-", "_") == name:
            return index
    return len(CANDIDATES)


def _first_invalid_offset(path: Path, encoding: str) -> int | None:
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    with path.open("rb") as fh:
        while block := fh.read(BLOCK):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                return offset + exc.start
            offset += len(block)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return offset
    return None


def _check_whole_file(path: Path, encoding: str) -> None:
    bad = _first_invalid_offset(path, encoding)
    if bad is not None:
        raise IngestError("encoding_error", encoding=encoding, row=_row_at(path, bad))


def _row_at(path: Path, offset: int) -> int:
    """1-based line number of a byte offset (counting newline bytes before it)."""
    lines = 1
    done = 0
    with path.open("rb") as fh:
        while done < offset and (block := fh.read(min(BLOCK, offset - done))):
            lines += block.count(b"\n")
            done += len(block)
    return lines
