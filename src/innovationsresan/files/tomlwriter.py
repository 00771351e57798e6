"""A small TOML writer for the library's own documents (responses, plans, pack skeletons).

tomllib only reads; this writes the subset the library produces: tables, arrays of tables,
strings, numbers, booleans, dates, date-times and lists of those, with keys quoted when needed.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")


def key(name: str) -> str:
    """A TOML key: bare when it can be, else a quoted string."""
    return name if _BARE_KEY.match(name) else string(name)


def string(text: str) -> str:
    """A TOML basic string with every control character escaped."""
    out = ['"']
    for ch in text:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def value(item: Any) -> str:
    """A TOML value (inline form)."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int):
        return str(item)
    if isinstance(item, float):
        if not math.isfinite(item):
            raise ValueError(f"TOML cannot hold {item!r} here")
        return repr(item)
    if isinstance(item, str):
        return string(item)
    if isinstance(item, dt.datetime | dt.date | dt.time):
        return item.isoformat()
    if isinstance(item, Mapping):
        inner = ", ".join(f"{key(str(k))} = {value(v)}" for k, v in item.items())
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(item, Sequence):
        return "[" + ", ".join(value(v) for v in item) + "]"
    raise TypeError(f"cannot write {type(item).__name__} as TOML")


def _is_table_array(item: Any) -> bool:
    return (
        isinstance(item, Sequence)
        and not isinstance(item, str)
        and bool(item)
        and all(isinstance(x, Mapping) for x in item)
    )


def dumps(document: Mapping[str, Any], *, inline: Sequence[str] = ()) -> str:
    """Write *document* as TOML; tables named in *inline* (by key) stay inline."""
    lines: list[str] = []
    _emit(document, (), lines, set(inline))
    return "\n".join(lines).strip() + "\n"


def _emit(
    table: Mapping[str, Any], path: tuple[str, ...], lines: list[str], inline: set[str]
) -> None:
    nested: list[tuple[str, Any]] = []
    for name, item in table.items():
        if item is None:
            continue
        if name not in inline and (isinstance(item, Mapping) or _is_table_array(item)):
            nested.append((name, item))
        else:
            lines.append(f"{key(name)} = {value(item)}")
    for name, item in nested:
        full = (*path, name)
        header = ".".join(key(p) for p in full)
        if isinstance(item, Mapping):
            scalars = any(
                not isinstance(v, Mapping) and not _is_table_array(v) for v in item.values()
            )
            if scalars or not item:
                lines.extend(["", f"[{header}]"])
            _emit(item, full, lines, inline)
        else:
            for entry in item:
                lines.extend(["", f"[[{header}]]"])
                _emit(entry, full, lines, inline)
