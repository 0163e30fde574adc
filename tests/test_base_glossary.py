"""The base glossary layer (EDINET taxonomy labels) under the default and house glossaries."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from taiyaku.glossary.lookup import Glossary, base_glossary_paths
from taiyaku.glossary.store import load

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL = ROOT / "tests" / "data" / "external"


def test_build_script_on_the_excerpts(tmp_path: Path) -> None:
    out = tmp_path / "edinet.ja-en.tsv"
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_base_glossary.py"), "--shared", str(EXTERNAL), "--out", str(out)],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert "© Copyright 2014 Financial Services Agency" in text
    glossary = load(out)
    assert not glossary.problems
    by_ja = {e.ja: e for e in glossary.entries}
    assert by_ja["売上収益"].en == "Revenue"
    assert by_ja["賞与引当金"].en == "Provision for bonuses"
    assert not any("[" in e.en for e in glossary.entries)  # no heading / text-block labels


def test_shipped_layer_carries_its_notice() -> None:
    (path,) = base_glossary_paths()
    assert (path.parent / "EDINET_Taxonomy_Legal_Statement_ja.md").is_file()
    assert "Financial Services Agency" in (path.parent / "NOTICE").read_text(encoding="utf-8")
    assert not (path.parent / "tdnet.ja-en.tsv").exists()  # TSE states no redistribution terms


def test_taxonomy_rendering_accepted_unless_a_house_glossary_narrows(tmp_path: Path) -> None:
    glossary = Glossary.from_paths([])
    match = glossary.lookup("減価償却費", fuzzy=False)
    assert match is not None and match.entry.en == "Depreciation and amortization"
    assert match.accepts("Depreciation")  # EDINET's label, another company's house style
    assert not match.accepts("Amortization of goodwill")  # a planted wrong label
    assert glossary.lookup("賞与引当金", fuzzy=False).accepts("Provision for bonuses")
    house = tmp_path / "house.tsv"
    house.write_text("減価償却費\tDepreciation and amortization\n", encoding="utf-8")
    narrowed = Glossary.from_paths([house]).lookup("減価償却費", fuzzy=False)
    assert narrowed is not None and not narrowed.accepts("Depreciation")


def test_summary_labels_map_out_of_the_box() -> None:
    glossary = Glossary.from_paths([])
    for ja, en in (
        ("売上収益", "Revenue"),
        ("売上高", "Net sales"),
        ("経常利益", "Ordinary profit"),
        ("親会社株主に帰属する当期純利益", "Profit attributable to owners of parent"),
        ("親会社の所有者に帰属する当期利益", "Profit attributable to owners of the parent"),
        ("1株当たり当期純利益", "Basic earnings per share"),
    ):
        match = glossary.lookup(ja, fuzzy=False)
        assert match is not None and match.accepts(en), ja
