"""Tests for the TOML writer: what it writes, tomllib reads back unchanged."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from innovationsresan.files.tomlwriter import dumps

keys = st.text(min_size=1, max_size=12)
scalars = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(),
)
tables: st.SearchStrategy[dict[str, Any]] = st.recursive(
    st.dictionaries(keys, scalars, max_size=4),
    lambda inner: st.dictionaries(
        keys, st.one_of(scalars, inner, st.lists(inner, min_size=1, max_size=2)), max_size=4
    ),
    max_leaves=12,
)


class TestDumps:
    @given(tables)
    def test_round_trip(self, document: dict[str, Any]) -> None:
        """Any document of tables, arrays of tables and scalars reads back equal."""
        assert document == tomllib.loads(dumps(document))

    def test_readable_layout(self) -> None:
        """Scalars first, then tables with headers, arrays of tables with [[…]]."""
        text = dumps(
            {
                "schema": "innovationsresan.plan/1",
                "created": dt.date(2026, 11, 26),
                "follow_up": {"at": dt.datetime(2027, 2, 15, 9, tzinfo=dt.UTC)},
                "actions": [{"what": "Testa", "who": ["Anna"]}],
            }
        )
        assert (
            'schema = "innovationsresan.plan/1"\n'
            "created = 2026-11-26\n"
            "\n[follow_up]\n"
            "at = 2027-02-15T09:00:00+00:00\n"
            "\n[[actions]]\n"
            'what = "Testa"\n'
            'who = ["Anna"]\n'
        ) == text

    def test_quoted_keys_and_escapes(self) -> None:
        """Keys with colons are quoted; control characters are escaped."""
        text = dumps({"statements": {"kiruna:x-1": 5}, "note": 'a "b"\n\x01'})
        assert {"statements": {"kiruna:x-1": 5}, "note": 'a "b"\n\x01'} == tomllib.loads(text)
        assert '"kiruna:x-1" = 5' in text
