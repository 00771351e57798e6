"""The errors of the workshop store; each also inherits the builtin it means."""

from __future__ import annotations

from innovationsresan.errors import InnovationsresanError, InputError, UnknownIdError
from innovationsresan.model import LocalizedText, Problem


class UnknownWorkshopError(UnknownIdError):
    """No workshop has this id (``workshop_id``)."""

    def __init__(self, workshop_id: str) -> None:
        self.workshop_id = workshop_id
        super().__init__(
            LocalizedText.of(
                f"Det finns ingen workshop med id '{workshop_id}'.",
                f"There is no workshop with the id '{workshop_id}'.",
            )
        )


class UnknownParticipantError(UnknownIdError):
    """The workshop has no participant with this respondent id (a stale or forged cookie)."""

    def __init__(self, workshop_id: str) -> None:
        self.workshop_id = workshop_id
        super().__init__(
            LocalizedText.of(
                "Deltagaren finns inte i den här workshoppen.",
                "The participant is not part of this workshop.",
            )
        )


class WorkshopClosedError(InputError):
    """The workshop is closed: it takes no more participants or answers."""

    def __init__(self, workshop_id: str) -> None:
        self.workshop_id = workshop_id
        super().__init__(
            LocalizedText.of(
                "Workshoppen är stängd och tar inte emot fler svar.",
                "The workshop is closed and takes no more answers.",
            )
        )


class LimitError(InputError):
    """A limit of the store was reached (``limit`` names it): participants or answers."""

    def __init__(self, message: LocalizedText, *, limit: str) -> None:
        self.limit = limit
        super().__init__(message)


class StoreUnavailableError(InnovationsresanError, ConnectionError):
    """The database cannot be opened or reached; ``url`` is its address without a password.

    ``reason`` says why in English (the database's own words when it gave them). A reason the
    library found itself also carries a problem with a ``code``: ``missing-database`` (a
    command that only reads or changes workshops was given a database that does not exist),
    ``not-a-database`` (the file is no SQLite database, or a folder) and
    ``not-a-workshop-database`` (a database that holds no workshops and other tables).
    """

    def __init__(self, url: str, reason: str | LocalizedText, *, code: str | None = None) -> None:
        self.url = url
        text = reason if isinstance(reason, LocalizedText) else LocalizedText.of(reason, reason)
        self.reason = text.get("en")
        self.code = code
        if code is None:
            message = LocalizedText.of(
                f"Databasen {url} kan inte användas: {text.get('sv')}",
                f"The database {url} cannot be used: {text.get('en')}",
            )
            problems: list[Problem] = []
        else:
            message = LocalizedText.of(
                f"Databasen {url} kan inte användas.", f"The database {url} cannot be used."
            )
            problems = [Problem.error(code, "db", text.get("sv"), text.get("en"))]
        super().__init__(message, problems=problems)
