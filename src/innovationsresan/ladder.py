"""The model's constants: the nine principles of the rope ladder, the levels, the perspectives.

They *are* the model, so they belong to the core; content packs describe them but never add to them.
"""

from __future__ import annotations

from collections.abc import Mapping

from innovationsresan.errors import expect_type, unknown_id
from innovationsresan.model import Level, LocalizedText, Origin, Perspective, Phase, Principle

T = LocalizedText.of

#: The nine principles in ladder order (docs/concepts.md).
PRINCIPLES: tuple[Principle, ...] = tuple(
    Principle(pid, name, description, rung)
    for rung, (pid, name, description) in enumerate(
        (
            (
                "uncertainty-tolerance",
                T("Osäkerhetstolerans", "Tolerance of uncertainty"),
                T(
                    "Att kunna börja och fortsätta arbeta fast svaret inte är känt i förväg, "
                    "och se det oklara som en del av uppdraget snarare än ett fel.",
                    "Being able to start and keep going while the answer is still unknown, "
                    "treating the unclear as part of the assignment rather than a fault.",
                ),
            ),
            (
                "ownership",
                T("Eget ansvar", "Taking ownership"),
                T(
                    "Att ta initiativ inom sitt eget handlingsutrymme, driva en fråga vidare "
                    "och stå för resultatet i stället för att vänta på order.",
                    "Taking the initiative within one's own room to act, carrying a question "
                    "forward and standing by the outcome instead of waiting to be told.",
                ),
            ),
            (
                "collaboration",
                T("Samverkan", "Collaboration"),
                T(
                    "Att arbeta över gränser mellan enheter, förvaltningar, bolag och med "
                    "invånare, så att kunskap och resurser kan användas gemensamt.",
                    "Working across the borders between units, departments, companies and "
                    "residents, so that knowledge and resources can be used together.",
                ),
            ),
            (
                "problem-understanding",
                T("Problemförståelse", "Understanding the problem"),
                T(
                    "Att ta reda på vad problemet egentligen är, för vem och varför, "
                    "innan man bestämmer sig för en lösning.",
                    "Finding out what the problem really is, for whom and why, "
                    "before settling on a solution.",
                ),
            ),
            (
                "willingness-to-learn",
                T("Vilja att lära nytt", "Willingness to learn"),
                T(
                    "Att söka ny kunskap och nya färdigheter i vardagen och se lärande "
                    "som en del av jobbet, inte som något som sker vid sidan av.",
                    "Seeking new knowledge and skills in everyday work and seeing learning "
                    "as part of the job rather than something on the side.",
                ),
            ),
            (
                "curiosity",
                T("Nyfikenhet", "Curiosity"),
                T(
                    "Att fråga varför, undersöka hur andra gör och vara öppen för det "
                    "man ännu inte vet.",
                    "Asking why, exploring how others do things and staying open to "
                    "what one does not yet know.",
                ),
            ),
            (
                "learning-from-failure",
                T("Acceptera och lära av misslyckanden", "Accepting and learning from failure"),
                T(
                    "Att se ett försök som inte gick som tänkt som lärdom, tala öppet om det "
                    "och använda det i nästa steg i stället för att söka syndabockar.",
                    "Treating an attempt that did not work out as a lesson, talking about it "
                    "openly and using it in the next step instead of looking for someone to blame.",
                ),
            ),
            (
                "experimenting",
                T("Testa", "Trying things out"),
                T(
                    "Att pröva idéer i liten skala, snabbt och billigt, för att lära av "
                    "verkligheten innan man satsar stort.",
                    "Trying ideas on a small scale, quickly and cheaply, to learn from "
                    "reality before committing to something large.",
                ),
            ),
            (
                "multiple-perspectives",
                T("Lyssna in flera perspektiv", "Listening to several perspectives"),
                T(
                    "Att aktivt söka upp och ta in synsätt från andra yrken, åldrar, "
                    "bakgrunder och från dem som berörs, särskilt de som sällan hörs.",
                    "Actively seeking out and taking in the views of other professions, ages, "
                    "backgrounds and of those affected, especially those seldom heard.",
                ),
            ),
        )
    )
)

#: Principle ids in ladder order.
PRINCIPLE_IDS: tuple[str, ...] = tuple(p.id for p in PRINCIPLES)

_BY_ID = {p.id: p for p in PRINCIPLES}

#: The two levels, lower first.
LEVELS: tuple[Level, ...] = (Level.LIMITED, Level.INNOVATIVE)

#: The two perspectives, organisation first.
PERSPECTIVES: tuple[Perspective, ...] = (Perspective.ORGANISATION, Perspective.INDIVIDUAL)

LEVEL_NAMES: dict[str, LocalizedText] = {
    "limited": T(
        "Byråkrati med begränsad innovation",
        "Bureaucracy with limited innovation",
    ),
    "innovative": T("Innovativ byråkrati", "Innovative bureaucracy"),
    "both": T("Både och", "Both"),
}

LEVEL_DESCRIPTIONS: dict[str, LocalizedText] = {
    "limited": T(
        "Fokus på förvaltning: verksamheten sköts väl enligt regler och rutiner, "
        "men det finns lite utrymme att utveckla nytt.",
        "Focus on administration: the work is run well by rules and routines, "
        "but there is little room to develop anything new.",
    ),
    "innovative": T(
        "Utökat utvecklingsperspektiv: regelverket är en ram som bär, och inom den "
        "prövar man nya lösningar och arbetssätt.",
        "A wider development perspective: the rules are a frame that carries, and within "
        "it new solutions and ways of working are tried.",
    ),
    "both": T(
        "Drag av båda nivåerna på en gång: organisationen och individen står på olika nivåer, "
        "principerna ligger på olika nivåer, eller svaren ligger i mellanbandet mellan dem.",
        "Traits of both levels at once: the organisation and the individual stand on different "
        "levels, the principles lie on different levels, or the answers lie in the middle band "
        "between them.",
    ),
}

#: The method phases a card can belong to, named for people (the report and ``cards``).
PHASE_NAMES: dict[Phase, LocalizedText] = {
    Phase.UNDERSTAND: T("förstå problemet", "understand the problem"),
    Phase.IDEATE: T("idé och prototyp", "idea and prototype"),
    Phase.PLAN: T("handlingsplan", "action plan"),
    Phase.REFLECT: T("reflektion", "reflection"),
}

#: Where a card's method comes from, named for people (the report and ``cards``).
ORIGIN_NAMES: dict[Origin, LocalizedText] = {
    Origin.INNOVATIONSLEK: T("ur kortleken Innovationslek!", "from the Innovationslek! deck"),
    Origin.SUPPLEMENTARY: T("kompletterande metod", "supplementary method"),
}

PERSPECTIVE_NAMES: dict[str, LocalizedText] = {
    "organisation": T("Organisationen", "The organisation"),
    "individual": T("Individen", "The individual"),
}


def principle(pid: str) -> Principle:
    """The principle with id *pid*; ``KeyError`` for an unknown id."""
    return _BY_ID[pid]


def expect_principle(name: str, value: object) -> str:
    """The principle id *value* names: the id itself, or the principle's Swedish or English
    name in any case (as :func:`principle_id`). :class:`TypeError` naming the argument *name*
    for a value that is no ``str``, :class:`~innovationsresan.errors.UnknownIdError` (also a
    ``KeyError``) listing the ids for a text that names no principle."""
    if type(value) is not str:
        expect_type(name, value, str, "a principle id (str)")
    if value in _BY_ID:
        return str(value)
    found = _BY_NAME.get(_folded(str(value)))
    if found is None:
        raise unknown_id(
            name,
            value,
            "ett princip-id eller en princips namn",
            "a principle id or name",
            PRINCIPLE_IDS,
        )
    return found


def _folded(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").split())


def principle_id(text: str) -> str | None:
    """The principle *text* names: its id, or its Swedish or English name in any case
    (``nyfikenhet``, ``Curiosity``, ``lärande av misslyckanden``); ``None`` when none."""
    if text in _BY_ID:
        return text
    return _BY_NAME.get(_folded(text))


def is_principle(pid: object) -> bool:
    """Whether *pid* is one of the nine principle ids."""
    return isinstance(pid, str) and pid in _BY_ID


_BY_NAME: dict[str, str] = {
    _folded(name): p.id for p in PRINCIPLES for name in (p.id, *(text for _, text in p.name.items))
}


def story_path(
    from_level: Level | None,
    to_level: Level | None,
    names: Mapping[str, LocalizedText] | None = None,
) -> LocalizedText | None:
    """How a story moved between the levels, in words that are true for it (docs/packs.md).

    ``A → B`` when it went from one level to the other. A story that begins and ends on the
    same level went away from it and came back: from the upper level only down, from the lower
    only up, so the words say so ("Innovativ byråkrati → en bit ner → tillbaka i Innovativ
    byråkrati"). A level not given is ``?``; ``None`` when neither is given. *names* are the
    level names to use (a pack's own, see :meth:`~innovationsresan.catalog.Catalog.levels`),
    else the library's.
    """
    if from_level is None and to_level is None:
        return None
    shown = names if names is not None else LEVEL_NAMES

    def name(level: Level | None) -> LocalizedText:
        if level is None:
            return T("?", "?")
        return shown.get(level.value) or LEVEL_NAMES[level.value]

    start, end = name(from_level), name(to_level)
    if from_level is not None and from_level == to_level:
        down = from_level is Level.INNOVATIVE
        via = T("en bit ner", "down a little") if down else T("en bit upp", "up a little")
        back = T("tillbaka i", "back in")
        return LocalizedText(
            {
                lang: f"{start.get(lang)} → {via.get(lang)} → {back.get(lang)} {end.get(lang)}"
                for lang in ("sv", "en")
            }
        )
    langs = sorted(start.languages() | end.languages() | {"sv", "en"})
    return LocalizedText({lang: f"{start.get(lang)} → {end.get(lang)}" for lang in langs})
