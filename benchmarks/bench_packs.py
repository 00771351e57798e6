"""Benchmark: checking a content pack of 10 000 cards, against parsing its TOML.

Each card carries one warning (its steps' minutes do not add up to its own), the case that made
checking quadratic before: the checker recounted every problem for every entry. The target is
≤ 3× parsing the same files with tomllib, at 10 000 cards, and linear growth (a pack a quarter
the size checks in about a quarter of the time).

Run it alone with ``python benchmarks/bench_packs.py [--quick]``.
"""

from __future__ import annotations

import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from _timing import best_in_turn  # run.py puts this folder on sys.path

from innovationsresan.packs.content import read_pack_folder

LIMIT_RATIO = 3.0
#: Four times the cards should cost about four times the time; this allows for noise.
GROWTH_LIMIT = 5.0

_PACK = """schema = "innovationsresan.pack/1"

[pack]
id = "big"
name = { sv = "Stor kortlek", en = "Big deck" }
version = "1.0.0"
languages = ["sv", "en"]
"""

_CARD = """
[[cards]]
id = "card-{i}"
title = {{ sv = "Kort {i}", en = "Card {i}" }}
summary = {{ sv = "Ett kort att pröva.", en = "A card to try." }}
phase = "understand"
minutes = 30
principles = {{ curiosity = 1.0, collaboration = 0.5 }}
steps = [
  {{ sv = "10 min: gör så här", en = "10 min: do this" }},
  {{ sv = "10 min: gör sedan så", en = "10 min: then do that" }},
]
"""


def write_pack(folder: Path, cards: int) -> Path:
    """A pack folder with *cards* cards, each with the step-minutes warning."""
    folder.mkdir(parents=True)
    (folder / "pack.toml").write_text(_PACK, encoding="utf-8")
    text = 'schema = "innovationsresan.pack/1"\n' + "".join(_CARD.format(i=i) for i in range(cards))
    (folder / "cards.toml").write_text(text, encoding="utf-8")
    return folder


def _parse(folder: Path) -> None:
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            tomllib.load(handle)


def _check(folder: Path, cards: int) -> None:
    content, problems = read_pack_folder(folder, expected_id="big")
    if content is None or len(content.cards) != cards:
        raise AssertionError(f"the pack did not load: {problems[:3]}")


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Check packs of a quarter and of all the cards, against tomllib on the same files."""
    cards = 2_500 if quick else 10_000
    repeats = 2 if quick else 3
    rows = []
    with tempfile.TemporaryDirectory() as name:
        big = write_pack(Path(name) / "big", cards)
        quarter = write_pack(Path(name) / "quarter", cards // 4)
        _check(big, cards)
        mine, parsed, small = best_in_turn(
            [
                lambda: _check(big, cards),
                lambda: _parse(big),
                lambda: _check(quarter, cards // 4),
            ],
            repeats,
        )
    rows.append(
        {
            "name": f"pack of {cards} cards, checked",
            "seconds": mine,
            "baseline_seconds": parsed,
            "ratio": mine / parsed,
            "limit": LIMIT_RATIO,
            "note": "one warning per card; baseline: tomllib parsing the same files",
        }
    )
    rows.append(
        {
            "name": f"pack growth {cards} / {cards // 4} cards",
            "seconds": mine,
            "baseline_seconds": small,
            "ratio": mine / small,
            "limit": GROWTH_LIMIT,
            "note": "linear checking gives a ratio near 4",
        }
    )
    return rows


def main() -> int:
    """Print the rows as a table; exit 1 when a ratio is over its limit."""
    from _table import print_rows  # run as a script: this folder is on sys.path

    return print_rows(run(quick="--quick" in sys.argv))


if __name__ == "__main__":
    sys.exit(main())
