"""Structural checks of parsed documents (TOML or JSON), collecting every problem with its key path.

Readers of responses, plans, journeys and pack files share this one toolkit, so a wrong type
or an unknown key gets the same code and message wherever it appears.
Pure: it looks at values already parsed and never reads a file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from innovationsresan.model import Key, LocalizedText, Problem, Severity, any_value, location

if TYPE_CHECKING:  # imported where dates are checked: loading the packs needs none
    import datetime as dt

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")

_TYPE_NAMES = {
    "table": ("en tabell", "a table"),
    "string": ("en text", "a string"),
    "integer": ("ett heltal", "an integer"),
    "number": ("ett tal", "a number"),
    "list": ("en lista", "a list"),
    "date": ("ett datum (ÅÅÅÅ-MM-DD)", "a date (YYYY-MM-DD)"),
    "datetime": ("en tidpunkt med klockslag", "a date-time"),
    "boolean": ("sant eller falskt", "true or false"),
}


def type_name(value: object) -> tuple[str, str]:
    """Swedish and English names of the type *value* has, for messages."""
    if isinstance(value, bool):
        return _TYPE_NAMES["boolean"]
    if isinstance(value, int):
        return _TYPE_NAMES["integer"]
    if isinstance(value, float):
        return _TYPE_NAMES["number"]
    if isinstance(value, str):
        return _TYPE_NAMES["string"]
    if isinstance(value, Mapping):
        return _TYPE_NAMES["table"]
    if isinstance(value, list | tuple):
        return _TYPE_NAMES["list"]
    import datetime as dt  # noqa: PLC0415

    if isinstance(value, dt.datetime):
        return _TYPE_NAMES["datetime"]
    if isinstance(value, dt.date):
        return _TYPE_NAMES["date"]
    return ("ett okänt värde", "an unknown value")


#: The most problems kept for one file (a response, a plan, a pack's file); the rest are only
#: counted, and one ``more-problems`` problem says how many (docs/formats.md).
MAX_PROBLEMS_PER_FILE = 100


def more_problems(
    where: str,
    count: int,
    *,
    kept: int = MAX_PROBLEMS_PER_FILE,
    error: bool = True,
    sv_in: str = "i filen",
    en_in: str = "in the file",
) -> Problem:
    """The ``more-problems`` problem at *where*: *count* problems were left out after *kept*.

    It is an error when any problem left out was one (*error*), else a warning, so a plan with
    many warnings stays usable.
    """
    return Problem(
        Severity.ERROR if error else Severity.WARNING,
        "more-problems",
        where,
        LocalizedText.of(
            f"och {count} problem till {sv_in} (de första {kept} visas); "
            "rätta dem och läs filen igen",
            f"and {count} more problems {en_in} (the first {kept} are shown); "
            "fix them and read the file again",
        ),
    )


def capped(
    problems: Iterable[Problem],
    *,
    keep: int = MAX_PROBLEMS_PER_FILE,
    where: str = "",
    sv_in: str = "i filen",
    en_in: str = "in the file",
) -> list[Problem]:
    """*problems* with at most *keep* kept per file, in their order; the rest only counted.

    The file of a problem is its location up to the first ``:`` (docs/formats.md); problems
    without one count as one file, whose ``more-problems`` goes at *where*. One ``more-problems``
    per file that had more comes last, like the readers of responses give it.
    """
    result: list[Problem] = []
    kept: dict[str, int] = {}
    dropped: dict[str, list[int]] = {}  # file -> [count, errors]
    for problem in problems:
        head, sep, _ = problem.location.partition(":")
        file = head if sep else ""
        if kept.get(file, 0) < keep:
            kept[file] = kept.get(file, 0) + 1
            result.append(problem)
            continue
        counts = dropped.setdefault(file, [0, 0])
        counts[0] += 1
        counts[1] += problem.is_error
    for file, (count, errors) in dropped.items():
        result.append(
            more_problems(
                file or where, count, kept=keep, error=errors > 0, sv_in=sv_in, en_in=en_in
            )
        )
    return result


#: Names get a "did you mean" hint while a document has fewer problems than this …
HINTED_PROBLEMS = 100
#: … and when they are at most this long.
HINTED_LENGTH = 64


class Checker:
    """Collects problems while checking one document; every location gets the file prefix.

    With *keep*, at most that many problems are kept in :attr:`problems`; the ones after are
    only counted (:attr:`dropped`, by code), without building their messages and locations, so
    a document of a hundred thousand faults is checked in one cheap pass.
    """

    def __init__(self, file: str | None = None, *, keep: int | None = None) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.keep = keep
        #: The problems past *keep*, counted by code.
        self.dropped: dict[str, int] = {}
        self._dropped_errors = 0
        # errors among problems[:_counted]; only problems added since are looked at again
        self._counted = 0
        self._errors = 0

    @property
    def full(self) -> bool:
        """Whether further problems are only counted (*keep* problems are kept already)."""
        return self.keep is not None and len(self.problems) >= self.keep

    @property
    def dropped_count(self) -> int:
        """How many problems were counted but not kept."""
        return sum(self.dropped.values())

    def all_problems(self) -> list[Problem]:
        """The kept problems and, when some were only counted, the ``more-problems`` one."""
        if not self.dropped:
            return list(self.problems)
        more = more_problems(
            self.at(),
            self.dropped_count,
            kept=len(self.problems),
            error=self._dropped_errors > 0,
        )
        return [*self.problems, more]

    def hinting(self, name: str) -> bool:
        """Whether a problem about the name *name* is worth a "did you mean" hint.

        Only the first :data:`HINTED_PROBLEMS` problems of a document that are kept, and only
        names of at most :data:`HINTED_LENGTH` characters: a file of thousands of unknown names
        is checked in linear time (and only the first problems are read anyway).
        """
        return not self.full and len(self.problems) < HINTED_PROBLEMS and len(name) <= HINTED_LENGTH

    # -- recording ---------------------------------------------------------------------------

    def at(self, *path: Key) -> str:
        """The location of *path* in this document."""
        return location(*path, file=self.file) or (self.file or "(document)")

    def report(self, severity: Severity, code: str, path: Iterable[Key], sv: str, en: str) -> None:
        """Record a problem at *path* (or only count it, past *keep*)."""
        if self.full:
            self._drop(code, severity is Severity.ERROR)
            return
        where = self.at(*path)
        self.problems.append(Problem(severity, code, where, LocalizedText.of(sv, en)))

    def error(self, code: str, path: Iterable[Key], sv: str, en: str) -> None:
        """Record an error at *path*."""
        self.report(Severity.ERROR, code, path, sv, en)

    def warning(self, code: str, path: Iterable[Key], sv: str, en: str) -> None:
        """Record a warning at *path*."""
        self.report(Severity.WARNING, code, path, sv, en)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Add problems found elsewhere (past *keep* they are only counted)."""
        for problem in problems:
            if self.full:
                self._drop(problem.code, problem.is_error)
            else:
                self.problems.append(problem)

    def count(self, code: str, *, error: bool = True) -> None:
        """Count a problem past *keep* without writing its message (check :attr:`full` first)."""
        self._drop(code, error)

    def _drop(self, code: str, is_error: bool) -> None:
        self.dropped[code] = self.dropped.get(code, 0) + 1
        if is_error:
            self._dropped_errors += 1

    @property
    def ok(self) -> bool:
        """Whether no error has been recorded."""
        return self.error_count == 0

    @property
    def error_count(self) -> int:
        """How many errors have been recorded (warnings do not count).

        Counted as problems are added, so asking after every entry of a large file stays cheap.
        """
        problems = self.problems
        if len(problems) < self._counted:  # the list was replaced or cut: count afresh
            self._counted = self._errors = 0
        for i in range(self._counted, len(problems)):
            if problems[i].is_error:
                self._errors += 1
        self._counted = len(problems)
        return self._errors + self._dropped_errors

    def wrong_type(self, path: tuple[Key, ...], expected: str, value: object) -> None:
        """Record that the value at *path* should have been of type *expected*."""
        want_sv, want_en = _TYPE_NAMES[expected]
        got_sv, got_en = type_name(value)
        self.error(
            "wrong-type",
            path,
            f"ska vara {want_sv}, men är {got_sv}: {any_value(value)}",
            f"must be {want_en}, got {got_en}: {any_value(value)}",
        )

    # -- shapes ------------------------------------------------------------------------------

    def table(
        self,
        value: object,
        path: tuple[Key, ...],
        *,
        required: Collection[str] = (),
        optional: Collection[str] = (),
        open_keys: bool = False,
    ) -> Mapping[str, Any] | None:
        """Check that *value* is a table with the *required* keys and no keys beyond *optional*.

        With ``open_keys`` any further key is allowed (the caller checks them).
        """
        if not isinstance(value, Mapping):
            self.wrong_type(path, "table", value)
            return None
        for key in required:
            if key not in value:
                self.error(
                    "missing-key",
                    (*path, key),
                    f"nyckeln '{key}' saknas",
                    f"the key '{key}' is missing",
                )
        if not open_keys:
            allowed = set(required) | set(optional)
            for key in value:
                if key not in allowed:
                    self.unknown_key((*path, str(key)), allowed)
        return value

    def unknown_key(self, path: tuple[Key, ...], allowed: Iterable[str]) -> None:
        """Record an unknown key, suggesting the nearest allowed one."""
        key = str(path[-1])
        hint = _nearest(key, allowed) if self.hinting(key) else None
        extra_sv = f" (menade du '{hint}'?)" if hint else ""
        extra_en = f" (did you mean '{hint}'?)" if hint else ""
        self.error(
            "unknown-key",
            path,
            f"okänd nyckel '{key}'{extra_sv}",
            f"unknown key '{key}'{extra_en}",
        )

    def list_of(self, value: object, path: tuple[Key, ...]) -> list[Any] | None:
        """Check that *value* is a list."""
        if isinstance(value, list | tuple):
            return list(value)
        self.wrong_type(path, "list", value)
        return None

    def string(
        self,
        value: object,
        path: tuple[Key, ...],
        *,
        max_length: int | None = None,
    ) -> str | None:
        """Check that *value* is a string of at most *max_length* characters."""
        if not isinstance(value, str):
            self.wrong_type(path, "string", value)
            return None
        if max_length is not None and len(value) > max_length:
            self.error(
                "too-long",
                path,
                f"texten är {len(value)} tecken lång, högst {max_length} är tillåtet",
                f"the text is {len(value)} characters long, at most {max_length} are allowed",
            )
            return None
        return value

    def integer(
        self,
        value: object,
        path: tuple[Key, ...],
        *,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int | None:
        """Check that *value* is an integer (not a boolean) within the bounds."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.wrong_type(path, "integer", value)
            return None
        return value if self._in_range(value, path, minimum, maximum) else None

    def number(
        self,
        value: object,
        path: tuple[Key, ...],
        *,
        minimum: float | None = None,
        maximum: float | None = None,
        exclusive_minimum: bool = False,
    ) -> float | None:
        """Check that *value* is a finite number within the bounds."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.wrong_type(path, "number", value)
            return None
        number = float(value)
        if not math.isfinite(number):
            self.error(
                "out-of-range",
                path,
                f"talet måste vara ändligt, inte {any_value(value)}",
                f"the number must be finite, not {any_value(value)}",
            )
            return None
        if exclusive_minimum and minimum is not None and number <= minimum:
            self.error(
                "out-of-range",
                path,
                f"{any_value(value)} ska vara större än {minimum}",
                f"{any_value(value)} must be greater than {minimum}",
            )
            return None
        low = None if exclusive_minimum else minimum
        return number if self._in_range(number, path, low, maximum, shown=value) else None

    def _in_range(
        self,
        value: float,
        path: tuple[Key, ...],
        minimum: float | None,
        maximum: float | None,
        *,
        shown: object = None,
    ) -> bool:
        """Whether *value* lies within the limits; the message shows *shown* as it was written."""
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            if shown is None:
                shown = value
            low = "" if minimum is None else f"{minimum}"
            high = "" if maximum is None else f"{maximum}"
            self.error(
                "out-of-range",
                path,
                f"{any_value(shown)} ligger utanför det tillåtna intervallet {low}..{high}",
                f"{any_value(shown)} is outside the allowed range {low}..{high}",
            )
            return False
        return True

    def date(self, value: object, path: tuple[Key, ...]) -> dt.date | None:
        """Check that *value* is a date (a TOML date or an ISO 8601 string), not a date-time."""
        import datetime as dt  # noqa: PLC0415

        if isinstance(value, dt.datetime):
            self.wrong_type(path, "date", value)
            return None
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.error(
            "invalid-date",
            path,
            f"ska vara ett datum ÅÅÅÅ-MM-DD, inte {any_value(value)}",
            f"must be a date YYYY-MM-DD, not {any_value(value)}",
        )
        return None

    def datetime(self, value: object, path: tuple[Key, ...]) -> dt.datetime | None:
        """Check that *value* is a date-time (TOML or ISO 8601 string), not a bare date."""
        import datetime as dt  # noqa: PLC0415

        if isinstance(value, dt.datetime):
            return value
        if isinstance(value, str) and ("T" in value or " " in value.strip()):
            try:
                return dt.datetime.fromisoformat(value)
            except ValueError:
                pass
        self.error(
            "invalid-datetime",
            path,
            f"ska vara en tidpunkt med klockslag (t.ex. 2027-02-15T09:00:00+01:00), "
            f"inte {any_value(value)}",
            f"must be a date-time (e.g. 2027-02-15T09:00:00+01:00), not {any_value(value)}",
        )
        return None

    def choice(
        self,
        value: object,
        path: tuple[Key, ...],
        choices: Collection[str],
        names: Mapping[str, str] | None = None,
    ) -> str | None:
        """Check that *value* is one of *choices*, or a name people type for one (*names*: the
        name in lower case → the choice, so ``bemanning`` is read as ``staffing``)."""
        if not isinstance(value, str):
            self.wrong_type(path, "string", value)
            return None
        if value not in choices and names is not None:
            value = names.get(value.strip().casefold(), value)
        if value not in choices:
            listed = ", ".join(sorted(choices))
            self.error(
                "invalid-value",
                path,
                f"'{value}' är inte ett tillåtet värde; tillåtna: {listed}",
                f"'{value}' is not an allowed value; allowed: {listed}",
            )
            return None
        return value

    def slug(self, value: object, path: tuple[Key, ...]) -> str | None:
        """Check that *value* is an id slug: ``[a-z0-9][a-z0-9-]*``."""
        text = self.string(value, path)
        if text is None:
            return None
        if not SLUG.match(text):
            self.error(
                "invalid-id",
                path,
                f"'{text}' är inget giltigt id: små bokstäver a-z, siffror och bindestreck",
                f"'{text}' is not a valid id: lower-case letters a-z, digits and hyphens",
            )
            return None
        return text

    def localized(
        self,
        value: object,
        path: tuple[Key, ...],
        *,
        languages: Collection[str] = ("sv", "en"),
    ) -> LocalizedText | None:
        """Check a text table ``{sv = …, en = …}``; Swedish is required, *languages* are expected.

        A plain string counts as Swedish.
        A missing language of *languages* other than Swedish is a ``missing-translation`` warning.
        """
        if isinstance(value, str):
            value = {"sv": value}
        if not isinstance(value, Mapping):
            self.wrong_type(path, "table", value)
            return None
        texts: dict[str, str] = {}
        for lang, text in value.items():
            if not isinstance(lang, str) or not re.fullmatch(
                r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", lang
            ):
                self.error(
                    "invalid-language",
                    (*path, str(lang)),
                    f"'{lang}' är ingen språkkod (BCP 47, t.ex. sv, en, fi, se, fit)",
                    f"'{lang}' is not a language code (BCP 47, e.g. sv, en, fi, se, fit)",
                )
                continue
            checked = self.string(text, (*path, lang))
            if checked is not None:
                texts[lang] = checked
        if not texts.get("sv", "").strip():
            self.error(
                "missing-translation",
                (*path, "sv"),
                "svensk text krävs",
                "a Swedish text is required",
            )
        for lang in languages:
            if lang != "sv" and not texts.get(lang, "").strip():
                self.warning(
                    "missing-translation",
                    (*path, lang),
                    f"texten saknas på språket '{lang}'",
                    f"the text is missing in language '{lang}'",
                )
        return LocalizedText(texts)

    def schema(self, document: Mapping[str, Any], kind: str, major: int = 1) -> bool:
        """Check ``schema = "innovationsresan.<kind>/<major>"``; missing or other is an error."""
        expected = f"innovationsresan.{kind}/{major}"
        value = document.get("schema")
        if value is None:
            self.error(
                "missing-key",
                ("schema",),
                f"nyckeln 'schema' saknas; den ska vara \"{expected}\"",
                f"the key 'schema' is missing; it must be \"{expected}\"",
            )
            return False
        if value != expected:
            self.error(
                "schema-mismatch",
                ("schema",),
                f'schemat {any_value(value)} kan inte läsas; det ska vara "{expected}"',
                f'the schema {any_value(value)} cannot be read; it must be "{expected}"',
            )
            return False
        return True


def _nearest(key: str, allowed: Iterable[str]) -> str | None:
    """The allowed key closest to *key* when it is a plausible typo."""
    folded = key.replace("-", "_").lower()
    best: tuple[int, str] | None = None
    for candidate in sorted(allowed):
        if candidate.replace("-", "_").lower() == folded:
            return candidate
        d = _distance(key.lower(), candidate.lower())
        if d <= max(1, len(candidate) // 4) and (best is None or d < best[0]):
            best = (d, candidate)
    return best[1] if best else None


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
