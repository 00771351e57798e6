"""Fuzzing the file readers: responses, plans and journeys, never a stray exception (see
tests/fuzzing.py for what surviving means).
"""

from __future__ import annotations

import json
import shutil
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from innovationsresan.files.journeys import read_journey
from innovationsresan.files.jsonable import to_jsonable
from innovationsresan.files.plans import read_plan
from innovationsresan.files.responses import read_response, read_responses
from innovationsresan.plans import validate_plan
from tests.fuzzing import (
    CSV,
    JOURNEY,
    PLAN,
    RESPONSE,
    TODAY,
    assert_survives,
    catalog,
    command,
    encode,
    formats,
    fuzz,
    parsed,
    score_all,
    scratch,
)
from tests.strategies import fuzz_values, mutated_bytes, mutated_documents


class TestResponseReaders:
    @fuzz
    @given(st.binary(max_size=2000), st.sampled_from([".toml", ".json", ".jsonl", ".csv"]))
    def test_arbitrary_bytes(self, data: bytes, suffix: str) -> None:
        """Any bytes in any kind of response file end in success or an InputError."""
        with scratch() as folder:
            path = folder / f"team{suffix}"
            path.write_bytes(data)
            assert_survives(lambda: read_responses(path), score_all)
            if suffix in (".toml", ".json"):
                assert_survives(lambda: read_response(path))

    @fuzz
    @given(st.data())
    def test_damaged_bytes(self, data: st.DataObject) -> None:
        """A valid response, JSONL or CSV file with damaged bytes never crashes the reader."""
        seeds = {
            ".toml": RESPONSE.read_bytes(),
            ".json": json.dumps(parsed(RESPONSE), default=str).encode(),
            ".jsonl": b"\n".join(json.dumps(parsed(RESPONSE), default=str).encode() for _ in "ab"),
            ".csv": CSV.encode(),
        }
        suffix = data.draw(st.sampled_from(sorted(seeds)))
        damaged = data.draw(mutated_bytes(seeds[suffix]))
        with scratch() as folder:
            path = folder / f"team{suffix}"
            path.write_bytes(damaged)
            assert_survives(lambda: read_responses(path), score_all)

    @fuzz
    @given(mutated_documents(parsed(RESPONSE)), formats)
    def test_damaged_structure(self, document: dict[str, object], fmt: str) -> None:
        """Keys dropped or added and values of the wrong type end in success or an InputError."""
        with scratch() as folder:
            path = folder / f"r.{fmt}"
            path.write_bytes(encode(document, fmt))
            assert_survives(lambda: read_response(path), lambda r: score_all([r]))

    @fuzz
    @given(st.lists(mutated_documents(parsed(RESPONSE)) | fuzz_values, min_size=1, max_size=4))
    def test_damaged_lines(self, lines: list[object]) -> None:
        """A JSONL file whose lines are damaged responses or any values never crashes."""
        with scratch() as folder:
            path = folder / "team.jsonl"
            text = "\n".join(json.dumps(line, default=str, ensure_ascii=False) for line in lines)
            path.write_text(text, encoding="utf-8")
            assert_survives(lambda: read_responses(path), score_all)

    @fuzz
    @given(
        st.lists(
            st.lists(
                st.text(max_size=12) | st.sampled_from(["n/a", "", "5", "0", "x"]), max_size=8
            ),
            min_size=0,
            max_size=5,
        ),
        st.sampled_from([",", ";", "\t"]),
    )
    def test_csv_rows(self, rows: list[list[str]], separator: str) -> None:
        """The valid header over rows of any cells gives success or an InputError."""
        header = CSV.splitlines()[0].replace(",", separator)
        body = "\n".join(separator.join(row) for row in rows)
        with scratch() as folder:
            path = folder / "team.csv"
            path.write_text(f"{header}\n{body}\n", encoding="utf-8")
            assert_survives(lambda: read_responses(path), score_all)


class TestPlanReader:
    @fuzz
    @given(st.binary(max_size=2000), st.sampled_from([".toml", ".json"]))
    def test_arbitrary_bytes(self, data: bytes, suffix: str) -> None:
        """Any bytes in a plan file end in success or an InputError."""
        with scratch() as folder:
            path = folder / f"plan{suffix}"
            path.write_bytes(data)
            assert_survives(lambda: read_plan(path), self.validated)

    @fuzz
    @given(mutated_bytes(PLAN.read_bytes()))
    def test_damaged_bytes(self, damaged: bytes) -> None:
        """The example plan with damaged bytes never crashes the reader or the check."""
        with scratch() as folder:
            path = folder / "plan.toml"
            path.write_bytes(damaged)
            assert_survives(lambda: read_plan(path), self.validated)

    @fuzz
    @given(mutated_documents(parsed(PLAN)), formats)
    def test_damaged_structure(self, document: dict[str, object], fmt: str) -> None:
        """A plan with keys dropped, added or of the wrong type never crashes the reader."""
        with scratch() as folder:
            path = folder / f"plan.{fmt}"
            path.write_bytes(encode(document, fmt))
            assert_survives(lambda: read_plan(path), self.validated)

    @staticmethod
    def validated(plan: Any) -> object:
        """A plan that could be read is checked (which never raises) and printed as JSON."""
        report = validate_plan(plan, catalog(), today=TODAY)
        return to_jsonable(report)


class TestJourneyReader:
    @command
    @given(
        journey=mutated_documents(parsed(JOURNEY / "journey.toml")),
        response=mutated_documents(parsed(RESPONSE)),
        plan=mutated_documents(parsed(PLAN)),
        round_name=st.sampled_from(["2026-11-26", "2026-02-30", "runda-1", "2026-1-1"]),
    )
    def test_damaged_files(
        self,
        journey: dict[str, object],
        response: dict[str, object],
        plan: dict[str, object],
        round_name: str,
    ) -> None:
        """A journey with damaged journey.toml, responses and plans never crashes the reader."""
        with scratch() as folder:
            (folder / "journey.toml").write_bytes(encode(journey, "toml"))
            first = folder / "2026-01-22"
            shutil.copytree(JOURNEY / "2026-01-22", first)
            second = folder / round_name
            second.mkdir(exist_ok=True)
            (second / "r99.json").write_bytes(encode(response, "json"))
            (second / "plan.toml").write_bytes(encode(plan, "toml"))
            assert_survives(
                lambda: read_journey(folder, catalog(), today=TODAY),
                lambda j: to_jsonable(j, lang="en"),
            )

    @fuzz
    @given(st.binary(max_size=600), st.binary(max_size=600))
    def test_arbitrary_bytes(self, settings_bytes: bytes, response_bytes: bytes) -> None:
        """Any bytes in journey.toml and in a round's response give a journey or an InputError."""
        with scratch() as folder:
            (folder / "journey.toml").write_bytes(settings_bytes)
            (folder / "2026-11-26").mkdir()
            (folder / "2026-11-26" / "r1.toml").write_bytes(response_bytes)
            assert_survives(lambda: read_journey(folder, catalog(), today=TODAY), to_jsonable)
