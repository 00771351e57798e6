"""The errors the library raises on purpose.

Every one derives from :class:`InnovationsresanError` and also from the builtin it means,
so ``except ValueError`` keeps working for callers who do not know this library.
Each carries its findings as :class:`~innovationsresan.model.Problem` values in ``.problems``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Collection, Iterable
from typing import Any

from innovationsresan.model import LocalizedText, Problem


class InnovationsresanError(Exception):
    """Base of every error the library raises on purpose.

    ``message`` holds the text in Swedish and English; ``str(error)`` is the English text
    followed by every problem, so logs stay useful.
    """

    def __init__(
        self,
        message: LocalizedText | str,
        *,
        problems: Iterable[Problem] = (),
        path: str | None = None,
    ) -> None:
        self.message = (
            message if isinstance(message, LocalizedText) else LocalizedText.of(message, message)
        )
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.path = path
        super().__init__(self.render("en"))

    def render(self, lang: str = "sv") -> str:
        """The message and every problem, one per line, in *lang*."""
        lines = [self.message.get(lang)]
        lines.extend(
            f"  {_severity_name(p, lang)}: {p.location}: {p.message.get(lang)} [{p.code}]"
            for p in self.problems
        )
        return "\n".join(lines)


def _severity_name(problem: Problem, lang: str) -> str:
    if lang == "en":
        return problem.severity.value
    return "fel" if problem.is_error else "varning"


class InputError(InnovationsresanError, ValueError):
    """An unreadable or invalid response, plan or journey file, or an id that does not resolve."""


class UnknownIdError(InputError, KeyError):
    """An id that no loaded pack has, or that several packs have (``candidates``).

    Also a :class:`KeyError` (so a :class:`LookupError`): looking up an unknown pack, level or
    principle raised a plain ``KeyError`` before, and ``except KeyError`` keeps working.
    """

    def __init__(
        self,
        message: LocalizedText | str,
        *,
        problems: Iterable[Problem] = (),
        path: str | None = None,
        candidates: Iterable[str] = (),
    ) -> None:
        self.candidates = tuple(candidates)
        super().__init__(message, problems=problems, path=path)

    def __str__(self) -> str:
        # KeyError would quote the message; it is text for people, shown as it is
        return Exception.__str__(self)


class PackError(InnovationsresanError, RuntimeError):
    """A content pack that cannot be loaded (strict mode) or checked; ``packs`` names every one."""

    def __init__(
        self,
        message: LocalizedText | str,
        *,
        problems: Iterable[Problem] = (),
        path: str | None = None,
        packs: Iterable[str] = (),
    ) -> None:
        self.packs = tuple(packs)
        super().__init__(message, problems=problems, path=path)


def expect_type(name: str, value: object, kinds: type | tuple[type, ...], what: str) -> None:
    """Raise :class:`TypeError` naming the argument *name* when *value* is not of *kinds*.

    The public functions check their arguments with it at the boundary, so a wrong type is
    reported where it was given, never as an ``AttributeError`` from deep inside.
    """
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in _tuple(kinds)):
        raise TypeError(f"{name} must be {what}, not {type(value).__name__}: {value!r:.80}")


def _tuple(kinds: type | tuple[type, ...]) -> tuple[type, ...]:
    return kinds if isinstance(kinds, tuple) else (kinds,)


def expect_optional(name: str, value: object, kinds: type | tuple[type, ...], what: str) -> None:
    """Like :func:`expect_type`, with ``None`` allowed too."""
    if value is not None:
        expect_type(name, value, kinds, what)


def expect_path(name: str, value: object, *, resources: bool = False) -> None:
    """Raise :class:`TypeError` naming *name* unless *value* is a path: a ``str`` or an
    ``os.PathLike`` (and with *resources* a package resource, a ``Traversable``)."""
    kinds: tuple[type, ...] = (str, os.PathLike)
    if isinstance(value, kinds):
        return  # the usual case, without importing importlib.resources (docs/performance.md)
    what = "a path (str or os.PathLike)"
    if resources:
        from importlib.resources.abc import Traversable  # noqa: PLC0415 - rarely needed

        kinds = (*kinds, Traversable)
        what = "a path (str, os.PathLike or a package resource)"
    expect_type(name, value, kinds, what)


def expect_items(name: str, value: object, kinds: type | tuple[type, ...], what: str) -> None:
    """Raise :class:`TypeError` naming *name* unless *value* is a collection (not a string or
    bytes) whose every item is of *kinds*; the item at fault is named ``name[i]``."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise TypeError(
            f"{name} must be a collection of {what}, not {type(value).__name__}: {value!r:.80}"
        )
    if not isinstance(value, Collection):
        return  # a one-pass iterable (a generator) is checked by whoever consumes it
    for index, item in enumerate(value):
        expect_type(f"{name}[{index}]", item, kinds, what)


def expect_list(name: str, value: object, kinds: type | tuple[type, ...], what: str) -> list[Any]:
    """The items of *value* as a list, each checked like :func:`expect_items` does (a one-pass
    iterable too, once it is read): :class:`TypeError` naming *name* or ``name[i]``."""
    expect_items(name, value, kinds, what)
    assert isinstance(value, Iterable)  # noqa: S101 - expect_items refused anything else
    items: list[Any] = list(value)
    if not isinstance(value, Collection):  # a one-pass iterable: its items are checked now
        expect_items(name, items, kinds, what)
    return items


def expect_number(name: str, value: object, *, positive: bool = False) -> None:
    """A finite number (not a bool): :class:`TypeError` naming *name* for another type,
    :class:`InputError` for NaN, an infinity or, with *positive*, a number not above 0."""
    expect_type(name, value, (int, float), "a number")
    number = float(value)  # type: ignore[arg-type]  # an int or a float, as checked
    if not math.isfinite(number) or (positive and number <= 0):
        raise bad_value(
            name,
            value,
            "ett positivt, ändligt tal" if positive else "ett ändligt tal",
            "a positive finite number" if positive else "a finite number",
        )


def bad_value(name: str, value: object, sv: str, en: str) -> InputError:
    """The :class:`InputError` for an argument of the right type whose value cannot be used."""
    return InputError(
        LocalizedText.of(
            f"{name} ska vara {sv}, inte {value!r:.80}", f"{name} must be {en}, not {value!r:.80}"
        )
    )


def expect_choice(name: str, value: object, choices: Collection[str], what: str) -> str:
    """*value* when it is one of *choices*: :class:`TypeError` naming *name* for a value that is
    no ``str``, :class:`InputError` (a ``ValueError``) listing the choices for another text."""
    if type(value) is not str:
        expect_type(name, value, str, what)
    if value not in choices:
        listed = ", ".join(choices)
        raise bad_value(name, value, f"en av {listed}", f"one of {listed}")
    return str(value)


def unknown_id(name: str, value: object, sv: str, en: str, known: Iterable[str]) -> UnknownIdError:
    """The :class:`UnknownIdError` (also a ``KeyError``) for an argument *name* that names nothing
    known: *sv* and *en* say what it should name, *known* lists what there is."""
    listed = ", ".join(known) or "-"
    return UnknownIdError(
        LocalizedText.of(
            f"{name} ska vara {sv}, inte {value!r:.80}; det finns: {listed}",
            f"{name} must be {en}, not {value!r:.80}; there are: {listed}",
        )
    )
