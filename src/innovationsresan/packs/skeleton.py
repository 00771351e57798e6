"""A new content pack for a municipality: ``innovationsresan pack new NAME -o DIR``.

:func:`write_skeleton` writes a complete distribution that installs as it is, passes
``pack check`` without errors and shows up in ``innovationsresan packs``: ``pyproject.toml``
(hatchling, the entry point, ``[tool.innovationsresan] content``), a two-line package, and one
example of each kind of content in Swedish and English, with comments in Swedish for the author.

The pack id comes from NAME: letters are folded to a-z (``Luleå`` → ``lulea``), everything else
becomes ``-``, and a trailing ``kommun`` is dropped, so ``"Luleå kommun"`` gives ``lulea``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import attrs

from innovationsresan.errors import InputError
from innovationsresan.files.documents import atomic_write_text
from innovationsresan.files.tomlwriter import string as toml_string
from innovationsresan.model import LocalizedText, Problem
from innovationsresan.packs.entrypoints import DIST_PREFIX

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_FOLDS = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "þ": "th"})
_SUFFIXES = ("-kommun", "-kommune", "-municipality")


def pack_id_from_name(name: str) -> str:
    """The pack id for a municipality's name (``"Luleå kommun"`` → ``"lulea"``); ``""`` if none."""
    folded = unicodedata.normalize("NFKD", name.lower().translate(_FOLDS))
    ascii_only = "".join(ch for ch in folded if not unicodedata.combining(ch))
    slug = _NOT_SLUG.sub("-", ascii_only).strip("-")
    for suffix in _SUFFIXES:
        if slug.endswith(suffix) and len(slug) > len(suffix):
            slug = slug.removesuffix(suffix)
            break
    return slug


@attrs.frozen
class Skeleton:
    """What ``pack new`` writes: the names it derived and the files, relative to the folder."""

    pack_id: str
    distribution: str
    package: str
    municipality: str
    files: tuple[tuple[str, str], ...]


def skeleton(name: str) -> Skeleton:
    """The files of a new pack for the municipality *name*, without writing anything."""
    pack_id = pack_id_from_name(name)
    if not pack_id:
        raise InputError(
            LocalizedText.of(
                f"Namnet {name!r} ger inget paket-id: använd bokstäver eller siffror.",
                f"The name {name!r} gives no pack id: use letters or digits.",
            ),
            problems=[
                Problem.error(
                    "invalid-id",
                    "NAME",
                    "namnet innehåller inga bokstäver eller siffror",
                    "the name holds no letters or digits",
                )
            ],
        )
    municipality = " ".join(name.split()) or pack_id
    distribution = f"{DIST_PREFIX}{pack_id}"
    package = distribution.replace("-", "_")
    content = f"src/{package}/content"
    values = {
        "id": pack_id,
        "distribution": distribution,
        "package": package,
        "content": content,
        "municipality": toml_string(municipality),
        "municipality_text": municipality,
        "name_sv": toml_string(f"Innovationsresan i {municipality}"),
        "name_en": toml_string(f"The innovation journey in {municipality}"),
        "description": toml_string(f"Content pack for innovationsresan from {municipality}"),
        "about_sv": toml_string(f"Påståenden, metodkort och berättelser från {municipality}."),
        "about_en": toml_string(f"Statements, method cards and stories from {municipality}."),
        "docstring_name": municipality.replace("\\", "\\\\").replace('"', '\\"'),
    }
    files = (
        ("pyproject.toml", _PYPROJECT),
        ("README.md", _README),
        (f"src/{package}/__init__.py", _INIT),
        (f"{content}/pack.toml", _PACK),
        (f"{content}/statements.toml", _STATEMENTS),
        (f"{content}/cards.toml", _CARDS),
        (f"{content}/stories.toml", _STORIES),
        (f"{content}/links.toml", _LINKS),
        (f"{content}/support.toml", _SUPPORT),
    )
    return Skeleton(
        pack_id=pack_id,
        distribution=distribution,
        package=package,
        municipality=municipality,
        files=tuple((path, template.format(**values)) for path, template in files),
    )


def write_skeleton(name: str, folder: str | os.PathLike[str]) -> Skeleton:
    """Write a new pack for *name* into *folder*, which must be missing or empty.

    :class:`~innovationsresan.errors.InputError` when *folder* holds anything (nothing is
    overwritten) or *name* gives no id. Each file is written atomically.
    """
    target = Path(folder)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError(
            LocalizedText.of(
                f"{target} finns redan och är inte en tom mapp; inget skrevs. "
                "Välj en ny eller tom mapp med -o.",
                f"{target} already exists and is not an empty folder; nothing was written. "
                "Choose a new or empty folder with -o.",
            ),
            problems=[
                Problem.error(
                    "folder-not-empty",
                    str(target),
                    "mappen är inte tom",
                    "the folder is not empty",
                )
            ],
            path=str(target),
        )
    made = skeleton(name)
    for relative, text in made.files:
        atomic_write_text(target / relative, text)
    return made


_PYPROJECT = """\
[build-system]
requires = ["hatchling>=1.25"]
build-backend = "hatchling.build"

[project]
name = "{distribution}"
version = "0.1.0"
description = {description}
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["innovationsresan"]

# Värden läser paketet genom den här ingångspunkten; den heter som distributionen.
[project.entry-points.innovationsresan]
{distribution} = "{package}:plugin"

[tool.hatch.build.targets.wheel]
packages = ["src/{package}"]

# Mappen med paketets TOML-filer, relativt till den här filen.
# `innovationsresan pack check .` läser filerna härifrån.
[tool.innovationsresan]
content = "{content}"
"""

_INIT = '''\
"""Innehållspaket för Innovationsresan från {docstring_name}: bara data, i content/."""

from innovationsresan import DataPack

plugin = DataPack(__package__)
'''

_PACK = """\
schema = "innovationsresan.pack/1"

[pack]
# Id:t ska vara distributionens namn utan "innovationsresan-".
id = "{id}"
name = {{ sv = {name_sv}, en = {name_en} }}
version = "0.1.0"
municipality = {municipality}
# Språken texterna finns på. En text som saknar något av dem ger en varning.
# Lägg gärna till fi, se (nordsamiska) eller fit (meänkieli).
languages = ["sv", "en"]
license = "CC-BY-4.0"
homepage = ""
about = {{ sv = {about_sv}, en = {about_en} }}

# Era egna ord för de två nivåerna och, om ni vill, för principerna. De visas av
# `innovationsresan levels`, `principles`, rapporten och workshopsidorna, med paketets id.
# name är valfritt: utan det visas modellens namn på nivån eller principen.
# Ta bort en tabell så visas bibliotekets egen text (eller ett annat pakets).

[levels.limited]
description = {{ sv = "Ett exempel att ersätta: arbetet handlar mest om att sköta det som \
redan finns, enligt regler och rutiner, och nya idéer får vänta.", en = "An example to \
replace: the work is mostly about running what already exists by rules and routines, and new \
ideas have to wait." }}

[levels.innovative]
description = {{ sv = "Ett exempel att ersätta: reglerna är en ram att bygga inom, och inom \
den prövar vi nya sätt att möta invånarnas behov i liten skala.", en = "An example to replace: \
the rules are a frame to build within, and within it we try new ways to meet residents' needs \
on a small scale." }}

[principles.experimenting]
description = {{ sv = "Ett exempel att ersätta: att pröva en idé i liten skala och under kort \
tid innan den införs överallt.", en = "An example to replace: trying an idea on a small scale \
for a short time before it is rolled out everywhere." }}
"""

_STATEMENTS = """\
# Post-it-lappar: hur en princip ser ut på en nivå (limited eller innovative),
# sett från organisationen (organisation) eller individen (individual).
# principle är ett av de nio id:na, t.ex. experimenting eller collaboration.

[[statements]]
id = "prova-i-liten-skala"
level = "innovative"
perspective = "individual"
principle = "experimenting"
text = {{ sv = "Jag prövar gärna ett nytt arbetssätt i liten skala innan vi bestämmer oss.", \
en = "I am happy to try a new way of working on a small scale before we decide." }}
"""

_CARDS = """\
# Metodkort. principles anger vilka principer kortet stärker och hur mycket:
# 1.0 är huvudsyftet, 0.5 en bieffekt. Vikten ska vara större än 0 och högst 1.

[[cards]]
id = "tva-veckors-forsok"
title = {{ sv = "Två veckors försök", en = "A two-week trial" }}
summary = {{ sv = "Välj en liten förändring, pröva den i två veckor och bestäm sedan tillsammans \
om ni behåller, justerar eller släpper den.", en = "Pick one small change, try it for two weeks, \
then decide together whether to keep, adjust or drop it." }}
use_when = {{ sv = "När gruppen har en idé som den själv kan genomföra men inte vet om den \
hjälper.", en = "When the group has an idea it can carry out itself but does not know \
whether it helps." }}
preparation = {{ sv = "Skriv idén på blädderblocket.", en = "Write the idea on the flip chart." }}
# Ett steg kan börja med sina minuter; då ska stegens minuter tillsammans bli minutes.
steps = [
    {{ sv = "10 min: Välj en förändring som gruppen själv kan genomföra.", \
en = "10 min: Choose a change the group can make on its own." }},
    {{ sv = "10 min: Bestäm vad ni ska titta på för att se om den hjälper.", \
en = "10 min: Agree on what to look at to see whether it helps." }},
    {{ sv = "10 min: Bestäm vem som gör vad under de två veckorna och boka mötet där ni \
bestämmer om ni behåller, justerar eller släpper förändringen.", en = "10 min: Decide who \
does what during the two weeks and book the meeting where you decide whether to keep, adjust or \
drop the change." }},
]
minutes = 30
group_size = [2, 12]
materials = [{{ sv = "Ett delat dokument för anteckningar", en = "A shared document for notes" }}]
outcome = {{ sv = "Ett försök på två veckor med ett bokat beslutsmöte.", \
en = "A two-week trial with a booked meeting to decide." }}
into_plan = {{ sv = "Försöket blir en åtgärd med vem och ett datumintervall under när; \
beslutsmötet kan bli planens uppföljning.", en = "The trial becomes an action with who and a \
date range under when; the meeting to decide can become the plan's follow-up." }}
phase = "plan"
source = "Exempel från paketmallen"
# origin = "innovationslek" bara för metoder som finns i den publicerade kortleken Innovationslek!
origin = "supplementary"
principles = {{ experimenting = 1.0, learning-from-failure = 0.5 }}
"""

_STORIES = """\
# Berättelser om hur ett arbetslag rört sig mellan nivåerna, och vad de lärde sig.
# from_level och to_level är valfria: limited eller innovative.

[[stories]]
id = "biblioteket-testar"
title = {{ sv = "Biblioteket testar öppettider", en = "The library tries new opening hours" }}
text = {{ sv = "Ett exempel att ersätta: ett bibliotek prövade kvällsöppet en dag i veckan under \
en månad i stället för att utreda frågan i ett halvår. Besökarna visade snabbt vad som \
fungerade.", \
en = "An example to replace: a library tried opening one evening a week for a month instead of \
studying the question for half a year. The visitors soon showed what worked." }}
principles = ["experimenting", "problem-understanding"]
from_level = "limited"
to_level = "innovative"
lesson = {{ sv = "Ett litet försök kan ge svar snabbare än en lång utredning.", \
en = "A small trial can give answers sooner than a long study." }}
question = {{ sv = "Vilken fråga utreder vi just nu som vi i stället skulle kunna pröva i liten \
skala?", en = "Which question are we studying right now that we could try out on a small scale \
instead?" }}
"""

_LINKS = """\
# Länkar säger att ett kort (gärna ett annat pakets, t.ex. "kiruna:<kort-id>") också
# stärker en princip. Vid flera vikter för samma kort och princip gäller den största.

[[links]]
card = "{id}:tva-veckors-forsok"
principle = "willingness-to-learn"
weight = 0.5
"""

_SUPPORT = """\
# Kommunens stödfunktioner, som en åtgärd i handlingsplanen kan be om hjälp:
# support = [{{ function = "{id}:it", ask = "vem ni frågar" }}] i planen.

[[support]]
id = "it"
name = {{ sv = "IT", en = "IT" }}
description = {{ sv = "Ett exempel att ersätta: hjälp att pröva ett nytt digitalt verktyg.", \
en = "An example to replace: help with trying out a new digital tool." }}
"""

_README = """\
# {distribution}

Innehållspaket för [innovationsresan](https://pypi.org/project/innovationsresan/) från \
{municipality_text}: post-it-lappar, metodkort och berättelser som kompletterar Kirunas paket.

Paketet är bara data. Texterna ligger i `{content}/` som TOML-filer:

| fil | innehåll |
|---|---|
| `pack.toml` | paketets namn, version, språk och licens |
| `statements.toml` | post-it-lappar per nivå, perspektiv och princip |
| `cards.toml` | metodkort och de principer de stärker |
| `stories.toml` | berättelser om hur ett arbetslag rört sig mellan nivåerna |
| `links.toml` | kopplingar från kort, även andra pakets, till fler principer |
| `support.toml` | kommunens stödfunktioner som handlingsplanens åtgärder kan be om hjälp |

Exemplen i filerna är till för att ersättas med era egna texter.

## Kontrollera och installera

```sh
innovationsresan pack check .
python -m pip install .
innovationsresan packs
```

`pack check` läser bara filerna i den här mappen och visar varje fel med fil och nyckel.
Efter installationen syns paketet som `{id}` i listan.
"""
