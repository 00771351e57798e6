"""Fuzzing the pack readers: damaged pack files give problems with locations, never an
exception (see tests/fuzzing.py).
"""

from __future__ import annotations

import shutil

from hypothesis import given
from hypothesis import strategies as st

from innovationsresan.files.jsonable import to_jsonable
from innovationsresan.model import Problem
from innovationsresan.packs.check import check_pack_folder
from innovationsresan.packs.content import read_pack_folder
from tests.fuzzing import KIRUNA, PACK_FILES, encode, formats, heavy, parsed, scratch
from tests.strategies import mutated_bytes, mutated_documents


class TestPackReaders:
    @heavy
    @given(st.data())
    def test_damaged_bytes(self, data: st.DataObject) -> None:
        """A pack file with damaged bytes gives problems with locations, never an exception."""
        name = data.draw(st.sampled_from(sorted(PACK_FILES)))
        damaged = data.draw(mutated_bytes(PACK_FILES[name].read_bytes()))
        self.check_folder_with(name, damaged)

    @heavy
    @given(st.data(), formats)
    def test_damaged_structure(self, data: st.DataObject, fmt: str) -> None:
        """A pack file with keys dropped, added or of the wrong type never raises."""
        name = data.draw(st.sampled_from(sorted(PACK_FILES)))
        document = data.draw(mutated_documents(parsed(PACK_FILES[name])))
        self.check_folder_with(name, encode(document, "toml"))

    @heavy
    @given(st.sampled_from(sorted(PACK_FILES)), st.binary(max_size=1000))
    def test_arbitrary_bytes(self, name: str, data: bytes) -> None:
        """Any bytes in place of a pack file give problems, never an exception."""
        self.check_folder_with(name, data)

    @staticmethod
    def check_folder_with(name: str, data: bytes) -> None:
        """Copy the Kiruna pack, replace one content file, read and check it two ways."""
        with scratch() as folder:
            pack = folder / "innovationsresan-kiruna"
            shutil.copytree(
                KIRUNA, pack, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
            )
            content = pack / "src" / "innovationsresan_kiruna" / "content"
            (content / name).write_bytes(data)
            loaded, problems = read_pack_folder(content)
            assert all(p.location for p in problems)
            if loaded is not None:
                to_jsonable(loaded.info)
            pack_id, checked = check_pack_folder(pack)
            assert isinstance(pack_id, str)
            assert all(isinstance(p, Problem) and p.location for p in checked)
