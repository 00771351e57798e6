"""The fields of a data pack's TOML files: the one source for checking them and for their docs.

The reader in :mod:`innovationsresan.packs` validates each field by its ``kind``, and the
reference in ``docs/`` is checked against this table by the test suite, so the two cannot drift.
"""

from __future__ import annotations

import attrs

from innovationsresan.model import LocalizedText

T = LocalizedText.of

PACK_SCHEMA = "innovationsresan.pack/1"


@attrs.frozen
class Field:
    """One key of a table in a pack file.

    ``kind`` names the check: ``slug``, ``text`` (``{sv, en, …}``), ``string``, ``integer``,
    ``number``, ``weight`` (a number in (0, 1]), ``level``, ``perspective``, ``principle``,
    ``phase``, ``origin`` (``innovationslek`` or ``supplementary``), ``weights`` (principle →
    weight), ``principles`` (a list of principle ids),
    ``texts`` (a list of texts), ``group-size`` (``[min, max]``), ``card-ref`` (a card id,
    qualified or not), ``languages`` (a list of language codes), ``schema``.
    """

    name: str
    kind: str
    required: bool
    description: LocalizedText


@attrs.frozen
class TableSpec:
    """A table (``array`` false) or an array of tables (``array`` true) in one file.

    A *keyed* table (``keyed_by`` is ``level`` or ``principle``) holds one table per level or
    principle, under its id: ``[levels.limited]``. It is always optional. A code pack's hook
    gives the same entries as a list, each naming its key in a field of that name
    (``{"level": "limited", "description": {…}}``).
    """

    file: str
    table: str
    array: bool
    required_file: bool
    fields: tuple[Field, ...]
    keyed_by: str | None = None

    def field(self, name: str) -> Field:
        """The field called *name*; ``KeyError`` when the table has none."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        """The field names in documentation order."""
        return tuple(f.name for f in self.fields)


_ID = Field(
    "id",
    "slug",
    True,
    T(
        "Id inom paketet: små bokstäver a-z, siffror och bindestreck. "
        "Visas kvalificerat, t.ex. kiruna:five-whys.",
        "Id within the pack: lower-case letters a-z, digits and hyphens. "
        "Shown qualified, e.g. kiruna:five-whys.",
    ),
)

PACK_FILES: tuple[TableSpec, ...] = (
    TableSpec(
        "pack.toml",
        "pack",
        array=False,
        required_file=True,
        fields=(
            Field(
                "id",
                "slug",
                True,
                T(
                    "Paketets id; ska vara distributionens namn utan prefixet innovationsresan-.",
                    "The pack id; must equal the distribution's name "
                    "without the innovationsresan- prefix.",
                ),
            ),
            Field("name", "text", True, T("Paketets namn.", "The pack's name.")),
            Field(
                "version",
                "string",
                True,
                T("Innehållets version, t.ex. 1.0.0.", "The content's version, e.g. 1.0.0."),
            ),
            Field(
                "municipality",
                "string",
                False,
                T(
                    "Kommunen eller organisationen bakom paketet.",
                    "The municipality or organisation behind the pack.",
                ),
            ),
            Field(
                "languages",
                "languages",
                False,
                T(
                    "Språken paketets texter finns på (standard sv och en); "
                    "en text som saknar något av dem ger en varning.",
                    "The languages the pack's texts exist in (default sv and en); "
                    "a text missing one of them is a warning.",
                ),
            ),
            Field(
                "license",
                "string",
                False,
                T(
                    "Licensen för innehållet, t.ex. CC-BY-4.0.",
                    "The content's licence, e.g. CC-BY-4.0.",
                ),
            ),
            Field(
                "homepage",
                "string",
                False,
                T("En webbadress om paketet.", "A web address about the pack."),
            ),
            Field(
                "about",
                "text",
                False,
                T(
                    "Vad paketet innehåller och hur texterna har tagits fram.",
                    "What the pack holds and how its texts were written.",
                ),
            ),
        ),
    ),
    TableSpec(
        "pack.toml",
        "levels",
        array=False,
        required_file=True,
        keyed_by="level",
        fields=(
            Field(
                "name",
                "text",
                False,
                T(
                    "Nivåns namn med paketets ord; utan det visas bibliotekets namn.",
                    "The level's name in the pack's words; without it the library's name shows.",
                ),
            ),
            Field(
                "description",
                "text",
                True,
                T(
                    "Hur en organisation på nivån ser ut, med paketets ord.",
                    "What an organisation at that level looks like, in the pack's words.",
                ),
            ),
        ),
    ),
    TableSpec(
        "pack.toml",
        "principles",
        array=False,
        required_file=True,
        keyed_by="principle",
        fields=(
            Field(
                "name",
                "text",
                False,
                T(
                    "Principens namn, t.ex. på fler språk; id:t och principen är desamma.",
                    "The principle's name, e.g. in more languages; the id and the principle "
                    "stay the same.",
                ),
            ),
            Field(
                "description",
                "text",
                True,
                T(
                    "Vad principen betyder, med paketets ord.",
                    "What the principle means, in the pack's words.",
                ),
            ),
        ),
    ),
    TableSpec(
        "statements.toml",
        "statements",
        array=True,
        required_file=False,
        fields=(
            _ID,
            Field(
                "level",
                "level",
                True,
                T(
                    "Nivån post-it-lappen beskriver: limited eller innovative.",
                    "The level the post-it describes: limited or innovative.",
                ),
            ),
            Field(
                "perspective",
                "perspective",
                True,
                T(
                    "Perspektivet: organisation eller individual.",
                    "The perspective: organisation or individual.",
                ),
            ),
            Field(
                "principle",
                "principle",
                True,
                T(
                    "Principen på repstegen som lappen handlar om.",
                    "The rope-ladder principle the note is about.",
                ),
            ),
            Field(
                "text",
                "text",
                True,
                T("Lappens text, kort och konkret.", "The note's text, short and concrete."),
            ),
        ),
    ),
    TableSpec(
        "cards.toml",
        "cards",
        array=True,
        required_file=False,
        fields=(
            _ID,
            Field("title", "text", True, T("Metodens namn.", "The method's name.")),
            Field(
                "summary",
                "text",
                True,
                T("En mening om vad metoden gör.", "One sentence on what the method does."),
            ),
            Field(
                "use_when",
                "text",
                False,
                T(
                    "När metoden passar: i vilket läge och för vilken fråga.",
                    "When the method fits: in what situation and for what question.",
                ),
            ),
            Field(
                "preparation",
                "text",
                False,
                T(
                    "Vad den som leder förbereder innan.",
                    "What whoever leads it prepares beforehand.",
                ),
            ),
            Field(
                "steps",
                "texts",
                False,
                T(
                    "Stegen i ordning; ett steg kan börja med sina minuter (10 min: …), och då "
                    "ska alla stegs minuter tillsammans bli kortets minutes.",
                    "The steps in order; a step may begin with its minutes (10 min: …), and then "
                    "the minutes of all steps must add up to the card's minutes.",
                ),
            ),
            Field(
                "minutes",
                "integer",
                False,
                T("Ungefärlig tid i minuter.", "Approximate time in minutes."),
            ),
            Field(
                "group_size",
                "group-size",
                False,
                T("Gruppstorlek som [minst, högst].", "Group size as [min, max]."),
            ),
            Field("materials", "texts", False, T("Material som behövs.", "Materials needed.")),
            Field(
                "outcome",
                "text",
                False,
                T("Vad som kommer ut av metoden.", "What comes out of the method."),
            ),
            Field(
                "into_plan",
                "text",
                False,
                T(
                    "Hur resultatet går in i handlingsplanen: vad, hur, när, vem.",
                    "How the result goes into the action plan: what, how, when, who.",
                ),
            ),
            Field(
                "phase",
                "phase",
                False,
                T(
                    "Metodfasen: understand, ideate, plan eller reflect.",
                    "The method phase: understand, ideate, plan or reflect.",
                ),
            ),
            Field(
                "source",
                "string",
                False,
                T("Var metoden kommer ifrån.", "Where the method comes from."),
            ),
            Field(
                "origin",
                "origin",
                False,
                T(
                    "innovationslek för en metod som finns i den publicerade kortleken "
                    "Innovationslek!, annars supplementary (standard).",
                    "innovationslek for a method named in the published Innovationslek! deck, "
                    "otherwise supplementary (the default).",
                ),
            ),
            Field(
                "principles",
                "weights",
                True,
                T(
                    "Principerna kortet stärker, med vikt i (0, 1]: 1 primär, 0.5 sekundär.",
                    "The principles the card strengthens, with a weight in (0, 1]: "
                    "1 primary, 0.5 secondary.",
                ),
            ),
        ),
    ),
    TableSpec(
        "stories.toml",
        "stories",
        array=True,
        required_file=False,
        fields=(
            _ID,
            Field("title", "text", True, T("Berättelsens rubrik.", "The story's title.")),
            Field("text", "text", True, T("Berättelsen.", "The story.")),
            Field(
                "principles",
                "principles",
                True,
                T("Principerna berättelsen visar.", "The principles the story shows."),
            ),
            Field(
                "from_level",
                "level",
                False,
                T("Nivån man utgick från.", "The level it started from."),
            ),
            Field(
                "to_level",
                "level",
                False,
                T(
                    "Nivån man nådde; samma som from_level i en berättelse om att glida bort "
                    "från nivån och komma tillbaka.",
                    "The level it reached; the same as from_level in a story of sliding away "
                    "from that level and coming back.",
                ),
            ),
            Field("lesson", "text", False, T("Lärdomen.", "The lesson.")),
            Field(
                "question",
                "text",
                False,
                T(
                    "Frågan berättelsen väcker, som hjälper ett arbetslag att hitta nuläge "
                    "och önskat läge.",
                    "The question the story invites, to help a team find where it stands "
                    "and where it wants to be.",
                ),
            ),
        ),
    ),
    TableSpec(
        "links.toml",
        "links",
        array=True,
        required_file=False,
        fields=(
            Field(
                "card",
                "card-ref",
                True,
                T(
                    "Kortet som länkas, gärna kvalificerat (annat-paket:kort-id).",
                    "The card linked to, preferably qualified (other-pack:card-id).",
                ),
            ),
            Field(
                "principle",
                "principle",
                True,
                T("Principen kortet också stärker.", "The principle the card also strengthens."),
            ),
            Field(
                "weight",
                "weight",
                True,
                T(
                    "Vikten i (0, 1]; vid flera vikter gäller den största.",
                    "The weight in (0, 1]; of several weights the largest counts.",
                ),
            ),
        ),
    ),
    TableSpec(
        "support.toml",
        "support",
        array=True,
        required_file=False,
        fields=(
            _ID,
            Field(
                "name",
                "text",
                True,
                T(
                    "Stödfunktionens namn, t.ex. HR eller Ekonomi.",
                    "The support function's name, e.g. HR or Finance.",
                ),
            ),
            Field(
                "description",
                "text",
                False,
                T(
                    "Vad funktionen kan hjälpa ett team med.",
                    "What the function can help a team with.",
                ),
            ),
        ),
    ),
)


#: The pack's files in reading order, each once (``pack.toml`` holds several tables).
FILE_NAMES: tuple[str, ...] = tuple(dict.fromkeys(spec.file for spec in PACK_FILES))


def spec(file: str, table: str | None = None) -> TableSpec:
    """The spec of one pack file by name (``cards.toml`` …): its first table, or *table*."""
    for candidate in PACK_FILES:
        if candidate.file == file and table in (None, candidate.table):
            return candidate
    raise KeyError(file if table is None else f"{file}:{table}")


def tables_of(file: str) -> tuple[TableSpec, ...]:
    """Every table spec of one file, in documentation order."""
    return tuple(candidate for candidate in PACK_FILES if candidate.file == file)
