#!/usr/bin/env python3
"""Make the excerpts of the shared external data that the tests read (committed with this script).

A user's clone has no shared folder beside it, so the tests read these excerpts instead: each is
the header of a real label table, its first rows, and every row whose Japanese label a test
names, byte for byte as in the source (only rows are left out), with the source's
PROVENANCE.md and licence or legal statement beside it.

    python tests/data/external/make_excerpts.py [--shared PATH_OF_THE_SHARED_FOLDER]
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (file under external/, lines kept before the first data row, first data rows kept,
#  Japanese labels or codes whose rows are kept wherever they stand)
EXCERPTS: tuple[tuple[str, int, int, tuple[str, ...]], ...] = (
    ("tdnet_tse_ed_t_2014_labels/tse-ed-t_2014-01-12_labels_ja_en.csv", 1, 500,
     ("経常利益", "売上高及び営業収入", "1株当たり資本合計（純資産）", "福岡証券取引所 既存市場", "1株当たり当期純利益",
      "現金及び現金同等物期末残高", "簡便な会計処理及び特有の会計処理の適用")),
    ("edinet_taxonomy_labels_2026/jpcrp_2025-11-01_labels_ja_en.csv", 1, 200, ("自己資本比率",)),
    ("edinet_taxonomy_labels_2026/jpigp_2025-11-01_labels_ja_en.csv", 1, 200, ("売上収益",)),
    ("edinet_dict_jppfs_2021/edinet_dict_jppfs_jpigp_ja_en.csv", 1, 200, ("賞与引当金",)),
    ("edinet_code_list_2026-10-05/EdinetcodeDlInfo_20261005.utf8.csv", 2, 200, ("カネコ種苗株式会社",)),
    # A house glossary of a translation tool: comment lines, no header row, a quoted cell with
    # a line break within the first 260 lines, a label rendered two ways further down.
    ("yakulingo_glossary_2026/glossary.ja-en.csv", 2, 260, ("営業利益", "為替")),
)
# Files that travel with the data.
COMPANIONS = ("PROVENANCE.md", "EDINET_Taxonomy_Legal_Statement_ja.md", "LICENSE")


def _keeps(line: str, labels: tuple[str, ...]) -> bool:
    cells = [c.strip('"') for c in line.rstrip("\n").split(",")]
    return any(label in cells for label in labels)


def excerpt(source: Path, target: Path, head: int, first: int, labels: tuple[str, ...]) -> int:
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = lines[:head] + [
        line for i, line in enumerate(lines[head:]) if i < first or _keeps(line, labels)
    ]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(kept), encoding="utf-8")
    return len(kept)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parents[2].parent / "shared")
    args = parser.parse_args()
    external = args.shared / "external"
    for name, head, first, labels in EXCERPTS:
        n = excerpt(external / name, HERE / name, head, first, labels)
        folder = Path(name).parent
        for companion in COMPANIONS:
            src = external / folder / companion
            if src.is_file():
                shutil.copyfile(src, HERE / folder / companion)
        print(f"{name}: {n} lines")


if __name__ == "__main__":
    main()
