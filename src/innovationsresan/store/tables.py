"""Every table of the workshop store, in one :class:`~sqlalchemy.MetaData`.

The schema is small and portable: it runs unchanged on SQLite and PostgreSQL.
Times are stored in UTC. A participant has a random id (kept in a cookie by the web) and a
number in join order; exports name respondents by that number, never by the id.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

#: The version of this schema; a database written by a newer version is refused.
SCHEMA_VERSION = 1

metadata = MetaData()

#: Facts about the database itself: ``schema_version``.
store_info = Table(
    "store_info",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", String(200), nullable=False),
)

workshops = Table(
    "workshops",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("code", String(12), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("lang", String(8), nullable=False),
    Column("scale", Integer, nullable=False),
    # pack ids joined by spaces (a pack id holds no space); empty for "every installed pack"
    Column("packs", String(2000), nullable=False, default=""),
    Column("rate_statements", Boolean, nullable=False, default=False),
    Column("secret_hash", String(64), nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("closed", DateTime(timezone=True), nullable=True),
    Column("previous", String(40), ForeignKey("workshops.id"), nullable=True),
    # grows with every saved answer, plan and closing: live views wait for it to move
    Column("revision", Integer, nullable=False, default=0),
    # how many have joined; the next participant's number
    Column("joined", Integer, nullable=False, default=0),
)

participants = Table(
    "participants",
    metadata,
    Column(
        "workshop_id",
        String(40),
        ForeignKey("workshops.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("respondent", String(64), primary_key=True),
    Column("number", Integer, nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
    UniqueConstraint("workshop_id", "number"),
)

answers = Table(
    "answers",
    metadata,
    Column("workshop_id", String(40), primary_key=True),
    Column("respondent", String(64), primary_key=True),
    Column("key", String(300), primary_key=True),
    Column("value", String(8), nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
    ForeignKeyConstraint(
        ["workshop_id", "respondent"],
        ["participants.workshop_id", "participants.respondent"],
        ondelete="CASCADE",
    ),
)

plans = Table(
    "plans",
    metadata,
    Column(
        "workshop_id",
        String(40),
        ForeignKey("workshops.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("plan", Text, nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
)
