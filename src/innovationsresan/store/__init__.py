"""Workshops in a database: the store under ``innovationsresan serve`` and ``workshop``.

A SQLite file in the user's data folder by default, PostgreSQL by URL; see
``docs/server.md``. Needs the ``serve`` extra (SQLAlchemy), and ``postgresql`` for
PostgreSQL.
"""

from __future__ import annotations

from innovationsresan.store.engine import data_folder, database_url, default_database_url
from innovationsresan.store.errors import (
    LimitError,
    StoreUnavailableError,
    UnknownParticipantError,
    UnknownWorkshopError,
    WorkshopClosedError,
)
from innovationsresan.store.urls import DEFAULT_BASE_URL, facilitator_url, join_url
from innovationsresan.store.workshops import (
    CODE_ALPHABET,
    CODE_LENGTH,
    LADDER_KEYS,
    MAX_ANSWERS,
    MAX_NAME,
    MAX_PARTICIPANTS,
    MAX_PLAN,
    Store,
    Workshop,
    normalize_code,
    respondent_name,
    workshop_json,
)

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "DEFAULT_BASE_URL",
    "LADDER_KEYS",
    "MAX_ANSWERS",
    "MAX_NAME",
    "MAX_PARTICIPANTS",
    "MAX_PLAN",
    "LimitError",
    "Store",
    "StoreUnavailableError",
    "UnknownParticipantError",
    "UnknownWorkshopError",
    "Workshop",
    "WorkshopClosedError",
    "data_folder",
    "database_url",
    "default_database_url",
    "facilitator_url",
    "join_url",
    "normalize_code",
    "respondent_name",
    "workshop_json",
]
