"""Raw technology values to the normalised list (reference §1.4, §2.6, §5)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lontar.konektivitas.models import Technology, TechnologyRoot
from lontar.konektivitas.technology import normalise


@pytest.mark.parametrize(
    ("raw", "technology", "root", "generation"),
    [
        ("Telkomsel Flash", "seluler", "nirkabel", ""),
        ("Modem 4G Telkomsel", "seluler", "nirkabel", "4g"),
        ("Smartfren LTE", "seluler", "nirkabel", "4g"),
        ("Indosat 3G", "seluler", "nirkabel", "3g"),
        ("XL 2.5G/EDGE", "seluler", "nirkabel", "2g"),
        ("HSDPA", "seluler", "nirkabel", "3g"),
        ("VSAT", "vsat", "nirkabel", ""),
        ("VSAT BAKTI AKSI", "vsat", "nirkabel", ""),
        ("satelit", "vsat", "nirkabel", ""),
        ("Starlink", "satelit_leo", "nirkabel", ""),
        ("FO", "fiber", "kabel", ""),
        ("fiber optik", "fiber", "kabel", ""),
        ("Fibre Optic (FTTH)", "fiber", "kabel", ""),
        ("IndiHome", "fiber", "kabel", ""),
        ("radio", "radio_p2p", "nirkabel", ""),
        ("Wireless", "radio_p2p", "nirkabel", ""),
        ("Radio P2MP", "radio_p2mp", "nirkabel", ""),
        ("ADSL", "tembaga_xdsl", "kabel", ""),
        ("Speedy", "tembaga_xdsl", "kabel", ""),
        ("First Media", "koaksial", "kabel", ""),
        ("LAN kabel", "kabel_lain", "kabel", ""),
        ("Tidak ada", "tidak_ada", "tidak_ada", ""),
        ("lainnya", "lainnya", "lainnya", ""),
        ("fiber", "fiber", "kabel", ""),
        ("Radio point-to-point", "radio_p2p", "nirkabel", ""),
    ],
)
def test_examples(raw, technology, root, generation):
    found = normalise(raw)
    assert (found.technology, found.root, found.generation) == (technology, root, generation)
    assert found.recognised


@pytest.mark.parametrize("raw", ["", "   ", None, "xyzzy", "Fotokopi"])
def test_unrecognised_is_unknown(raw):
    found = normalise(raw)
    assert (found.technology, found.root, found.recognised) == ("tidak_diketahui", "tidak_diketahui", False)


@given(st.text(max_size=300))
def test_never_raises_and_stays_in_the_lists(raw):
    found = normalise(raw)
    assert found.technology in Technology.values and found.root in TechnologyRoot.values
    assert found.generation == "" or found.technology == "seluler"
