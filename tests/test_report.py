"""Tests for the HTML workshop report and the rope-ladder drawing."""

from __future__ import annotations

import datetime as dt
import functools
import html
import itertools
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from typing import Any

import attrs
import pytest
from hypothesis import given

from innovationsresan.catalog import Catalog, PackContent
from innovationsresan.errors import InnovationsresanError
from innovationsresan.ladder import PRINCIPLE_IDS, PRINCIPLES
from innovationsresan.model import (
    Card,
    Level,
    LevelDescription,
    LocalizedText,
    Origin,
    PackInfo,
    Phase,
    Problem,
    Story,
)
from innovationsresan.plans import (
    Action,
    ActionPlan,
    DateRange,
    FollowUp,
    PlanReport,
    SupportNeed,
)
from innovationsresan.recommendation import Suggestion, recommend
from innovationsresan.report import (
    PALETTE,
    contrast_ratio,
    ladder_svg,
    render_report,
)
from innovationsresan.report import drawing as svg_module
from innovationsresan.report import render as render_module
from innovationsresan.report._format import Words
from innovationsresan.report.palette import GRAPHIC_CONTRAST, TEXT_CONTRAST, relative_luminance
from innovationsresan.responses import NA, PERSPECTIVE_IDS, Response, parse_response
from innovationsresan.scoring import Bands, GroupResult, score
from tests.budget import capped
from tests.strategies import markup_texts

HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
)
HOSTILE_TEXT = " ".join(HOSTILE)

# -- a small DOM, enough to query the report ------------------------------------------------------

VOID = frozenset({"meta", "br", "link", "img", "input", "hr", "source", "wbr", "col", "area"})


@attrs.define
class Node:
    """An element of a parsed page: tag, attributes, children and the text directly inside."""

    tag: str
    attrs: dict[str, str | None]
    content: list[Node | str] = attrs.field(factory=list)

    @property
    def children(self) -> list[Node]:
        """The elements directly inside."""
        return [c for c in self.content if isinstance(c, Node)]

    def text(self) -> str:
        """All text inside, in document order, white space folded."""
        parts = [c if isinstance(c, str) else c.text() for c in self.content]
        return " ".join(" ".join(parts).split())

    def iter(self) -> Iterator[Node]:
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag: str, **wanted: str) -> list[Node]:
        """Elements with *tag* whose attributes (``_`` for ``-``) have the wanted values."""
        found = []
        for node in self.iter():
            if node.tag != tag:
                continue
            if all(node.attrs.get(k.replace("_", "-")) == v for k, v in wanted.items()):
                found.append(node)
        return found

    def find(self, tag: str, **wanted: str) -> Node:
        """The one element with *tag* and the wanted attributes."""
        found = self.find_all(tag, **wanted)
        assert len(found) == 1, f"{len(found)} <{tag}> elements with {wanted}"
        return found[0]

    def classes(self) -> set[str]:
        """The element's classes."""
        return set((self.attrs.get("class") or "").split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.stack[-1].content.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].content.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].content.append(data)


def parse(page: str) -> Node:
    """The page as a tree of :class:`Node`."""
    builder = _TreeBuilder()
    builder.feed(page)
    builder.close()
    return builder.root


# -- data -----------------------------------------------------------------------------------------


def response(
    organisation: Mapping[str, int] | None = None,
    individual: Mapping[str, int] | None = None,
    *,
    desired: Mapping[str, Mapping[str, int]] | None = None,
    respondent: str = "r1",
    scale: int = 5,
) -> Any:
    """A response rating the given principles on a *scale*-point scale."""
    document: dict[str, Any] = {
        "schema": "innovationsresan.response/1",
        "respondent": respondent,
        "scale": scale,
        "current": {
            "organisation": dict(organisation or {}),
            "individual": dict(individual or {}),
        },
    }
    if desired:
        document["desired"] = {q: dict(v) for q, v in desired.items()}
    return parse_response(document)


def every(rating: int) -> dict[str, int]:
    """The same rating for all nine principles."""
    return dict.fromkeys(PRINCIPLE_IDS, rating)


def make_catalog(
    *,
    card_title: str = "Fem varför",
    story_text: str = "Ett team provade något nytt.",
    pack_name: str = "Testpaketet",
) -> Catalog:
    """A catalogue built by hand: one pack with three cards and two stories."""
    info = PackInfo(
        id="testpack",
        name=LocalizedText.of(pack_name, "The test pack"),
        version="1.2.3",
    )
    cards = (
        Card(
            id="five-whys",
            pack="testpack",
            title=LocalizedText.of(card_title, "Five whys"),
            summary=LocalizedText.of("Fråga varför fem gånger.", "Ask why five times."),
            principles=(("problem-understanding", 1.0), ("curiosity", 0.5)),
            steps=(LocalizedText.of("Skriv problemet.", "Write the problem."),),
            minutes=30,
            group_size=(2, 8),
            phase=Phase.UNDERSTAND,
            origin=Origin.INNOVATIONSLEK,
            use_when=LocalizedText.of("När felet återkommer.", "When the fault keeps coming back."),
            outcome=LocalizedText.of("En orsak.", "A cause."),
            into_plan=LocalizedText.of("Orsaken blir vad.", "The cause becomes the what."),
        ),
        Card(
            id="small-test",
            pack="testpack",
            title=LocalizedText.of("Litet test", "Small test"),
            summary=LocalizedText.of("Testa i liten skala.", "Test on a small scale."),
            principles=(("experimenting", 1.0), ("uncertainty-tolerance", 0.5)),
            minutes=45,
        ),
        Card(
            id="listen",
            pack="testpack",
            title=LocalizedText.of("Lyssna", "Listen"),
            summary=LocalizedText.of(
                "Bjud in någon som sällan hörs.", "Invite someone rarely heard."
            ),
            principles=(("multiple-perspectives", 1.0),),
        ),
    )
    stories = (
        Story(
            id="tested",
            pack="testpack",
            title=LocalizedText.of("Vi testade", "We tried"),
            text=LocalizedText.of(story_text, "A team tried something new."),
            principles=("experimenting", "uncertainty-tolerance"),
            lesson=LocalizedText.of("Börja smått.", "Start small."),
        ),
        Story(
            id="listened",
            pack="testpack",
            title=LocalizedText.of("Vi lyssnade", "We listened"),
            text=LocalizedText.of("Ett team bjöd in invånare.", "A team invited residents."),
            principles=("multiple-perspectives",),
            question=LocalizedText.of("Vem frågar ni?", "Whom do you ask?"),
        ),
    )
    return Catalog.build([PackContent(info=info, cards=cards, stories=stories)])


@pytest.fixture
def catalog() -> Catalog:
    """The hand-built catalogue."""
    return make_catalog()


def team(n: int = 4) -> list[Any]:
    """*n* respondents who differ on experimenting and want to climb on it."""
    ratings = [1, 2, 4, 5, 3, 2, 1, 4]
    return [
        response(
            {**every(3), "experimenting": ratings[i % len(ratings)]},
            {**every(4), "experimenting": 2},
            desired={"organisation": {"experimenting": 5}, "individual": {"experimenting": 4}},
            respondent=f"r{i}",
        )
        for i in range(n)
    ]


@pytest.fixture
def result(catalog: Catalog) -> GroupResult:
    """A group of four."""
    return score(team(4), catalog)


def make_plan(**changes: Any) -> ActionPlan:
    """A plan with one dated action, one ranged action and a booked follow-up."""
    plan = ActionPlan(
        created=dt.date(2026, 11, 26),
        title="Vi testar mer",
        team="Enhet Norr",
        follow_up=FollowUp(
            at=dt.datetime(2027, 2, 15, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),
            duration_minutes=60,
            where="Aurora, rum 2",
        ),
        actions=(
            Action(
                what="Pröva en ny mötesform",
                how="Kortet Litet test på nästa APT",
                when=dt.date(2026, 12, 10),
                who=("Anna", "Enhetschef"),
                cards=("testpack:small-test",),
                principles=("experimenting",),
            ),
            Action(
                what="Bjud in en invånare",
                how="Till ett möte",
                when=DateRange(dt.date(2027, 1, 10), dt.date(2027, 1, 20)),
                who=("Bo",),
                cards=("listen",),
                status="started",
            ),
        ),
    )
    return attrs.evolve(plan, **changes)


def render(result: GroupResult, catalog: Catalog, **options: Any) -> Node:
    """The report rendered and parsed."""
    return parse(render_report(result, catalog, **options))


#: The principles' English names by id.
LADDER_NAMES_EN = {p.id: p.name.get("en") for p in PRINCIPLES}


def mark_y(mark: Node) -> float:
    """The y of a mark's centre (circle or square)."""
    shape = mark.children[0]
    if shape.tag == "circle":
        return float(shape.attrs["cy"] or "nan")
    return float(shape.attrs["y"] or "nan") + float(shape.attrs["height"] or "nan") / 2


def mark_x(mark: Node) -> float:
    """The x of a mark's centre (circle or square)."""
    shape = mark.children[0]
    if shape.tag == "circle":
        return float(shape.attrs["cx"] or "nan")
    return float(shape.attrs["x"] or "nan") + float(shape.attrs["width"] or "nan") / 2


def number(value: float, lang: str = "sv") -> str:
    """A figure as the report writes it."""
    text = f"{value:.2f}"
    if text.startswith("-"):
        text = "\u2212" + text[1:]
    return text.replace(".", ",") if lang == "sv" else text


# -- the ladder drawing ---------------------------------------------------------------------------


class TestLadderSvg:
    def test_well_formed(self, result: GroupResult) -> None:
        """The drawing is well-formed XML with the SVG namespace."""
        root = ET.fromstring(ladder_svg(result))  # noqa: S314 - our own output, not untrusted
        assert "{http://www.w3.org/2000/svg}svg" == root.tag

    def test_nine_principles_in_ladder_order(self, result: GroupResult) -> None:
        """Nine principle groups carry data-principle in ladder order, left to right."""
        svg = parse(ladder_svg(result))
        groups = [n for n in svg.iter() if "principle" in n.classes() and n.tag == "g"]
        assert list(PRINCIPLE_IDS) == [g.attrs["data-principle"] for g in groups]
        xs = [float(g.find("rect", **{"class": "frame"}).attrs["x"] or "") for g in groups]
        assert sorted(xs) == xs

    def test_names_given_are_drawn(self, result: GroupResult) -> None:
        """Levels and principles given names (a pack's) are drawn and described by them; the
        others keep the library's names."""
        names = {
            "innovative": LocalizedText.of("Utvecklingsfokus", "Focus on development"),
            "curiosity": LocalizedText.of("Nyfikenhet", "Asking why"),
        }
        svg = parse(ladder_svg(result, lang="en", names=names))

        innovative = svg.find("g", data_level="innovative")
        limited = svg.find("g", data_level="limited")
        curiosity = svg.find("g", data_principle="curiosity")
        assert "Focus on development" == " ".join(
            t.text() for t in innovative.find("text", **{"class": "level-name"}).find_all("tspan")
        )
        assert "Bureaucracy with limited innovation" == " ".join(
            t.text() for t in limited.find("text", **{"class": "level-name"}).find_all("tspan")
        )
        assert "Asking why" == curiosity.find("text", **{"class": "principle-name"}).text()
        assert "to focus on development at the top" in svg.find("title", id="ladder-title").text()
        assert curiosity.find("title").text().startswith("Asking why — ")

    def test_report_draws_the_packs_names(self, result: GroupResult) -> None:
        """The report's ladder names a level as the pack that describes it names it."""
        described = Catalog.build(
            [
                PackContent(
                    info=PackInfo("north", LocalizedText.of("north")),
                    level_descriptions=(
                        LevelDescription(
                            Level.LIMITED,
                            "north",
                            LocalizedText.of("Mest förvaltning.", "Mostly administration."),
                            LocalizedText.of("Förvaltningsfokus", "Focus on administration"),
                        ),
                    ),
                )
            ]
        )
        page = render(result, described, lang="en")

        limited = page.find("g", data_level="limited")
        assert "Focus on administration" == " ".join(
            t.text() for t in limited.find("text", **{"class": "level-name"}).find_all("tspan")
        )

    def test_limited_level_below_innovative(self, result: GroupResult) -> None:
        """The limited level lies at the bottom of the drawing, the innovative one at the top."""
        svg = parse(ladder_svg(result, lang="en"))
        limited = svg.find("g", data_level="limited")
        innovative = svg.find("g", data_level="innovative")
        top = {
            name: float(level.find("rect").attrs["y"] or "nan")
            for name, level in (("limited", limited), ("innovative", innovative))
        }
        assert top["innovative"] < top["limited"]
        assert "Innovative bureaucracy" in innovative.text()
        assert "Bureaucracy with limited innovation" in limited.text()

    def test_higher_position_drawn_higher(self, catalog: Catalog) -> None:
        """Of two marks, the one with the higher position has the smaller y (is higher up)."""
        group = score([response(every(2), every(4), desired={"organisation": every(5)})], catalog)
        svg = parse(ladder_svg(group))
        rung = svg.find("g", data_principle="curiosity")
        heights = {
            (m.attrs["data-perspective"], m.attrs["data-kind"]): mark_y(m)
            for m in rung.iter()
            if "marker" in m.classes()
        }
        low, high, wanted = (
            heights[("organisation", "current")],
            heights[("individual", "current")],
            heights[("organisation", "desired")],
        )
        assert wanted < high < low

    def test_perspectives_of_a_principle_together(self, result: GroupResult) -> None:
        """Both perspectives' marks of a principle lie inside that principle's frame."""
        svg = parse(ladder_svg(result))
        for group in (n for n in svg.iter() if "principle" in n.classes() and n.tag == "g"):
            frame = group.find("rect", **{"class": "frame"})
            left = float(frame.attrs["x"] or "nan")
            right = left + float(frame.attrs["width"] or "nan")
            marks = [m for m in group.iter() if "marker" in m.classes()]
            assert {"organisation", "individual"} == {m.attrs["data-perspective"] for m in marks}
            for mark in marks:
                assert left < mark_x(mark) < right
            organisation = [
                mark_x(m) for m in marks if m.attrs["data-perspective"] == "organisation"
            ]
            individual = [mark_x(m) for m in marks if m.attrs["data-perspective"] == "individual"]
            assert max(organisation) < min(individual)

    def test_empty_ladder_without_answers(self, catalog: Catalog) -> None:
        """With no respondents the ladder, its levels and principles are drawn, without marks."""
        svg = parse(ladder_svg(score([], catalog), lang="en"))
        groups = [n.attrs["data-principle"] for n in svg.iter() if n.attrs.get("data-principle")]
        marks = [n for n in svg.iter() if "marker" in n.classes() or "no-answers" in n.classes()]
        assert (list(PRINCIPLE_IDS), []) == (groups, marks)
        assert {"limited", "innovative"} == {
            n.attrs["data-level"] for n in svg.iter() if n.attrs.get("data-level")
        }
        assert "No answers yet" in svg.find("desc").text()

    def test_text_alternative(self, result: GroupResult) -> None:
        """The drawing is an image named by <title> and aria-label, described by <desc>."""
        svg = parse(ladder_svg(result, lang="en")).find("svg")
        title = svg.children[0]
        assert ("img", "title") == (svg.attrs["role"], title.tag)
        assert title.text() == svg.attrs["aria-label"]
        assert "rope ladder" in title.text()
        desc = svg.find("desc", id=svg.attrs["aria-describedby"] or "")
        assert "Trying things out — the organisation: now 0.50 (range 0.00–1.00)" in desc.text()

    def test_current_markers_show_the_means(self, result: GroupResult) -> None:
        """Each rung has a current marker per perspective whose value is the group mean."""
        svg = parse(ladder_svg(result))
        for rung in (n for n in svg.iter() if "rung" in n.classes()):
            principle = result.principle(rung.attrs["data-principle"] or "")
            marks = {
                m.attrs["data-perspective"]: float(m.attrs["data-value"] or "nan")
                for m in rung.iter()
                if {"marker", "current"} <= m.classes()
            }
            expected = {
                "organisation": principle.organisation.mean,
                "individual": principle.individual.mean,
            }
            assert expected == marks

    def test_desired_markers_only_where_desired(self, result: GroupResult) -> None:
        """Desired markers appear only where the group gave a desired state."""
        svg = parse(ladder_svg(result))
        desired = sorted(
            (m.attrs["data-perspective"] or "", float(m.attrs["data-value"] or "nan"))
            for m in svg.iter()
            if {"marker", "desired"} <= m.classes()
        )
        assert [("individual", 0.75), ("organisation", 1.0)] == desired

    def test_perspectives_differ_by_shape_and_letter(self, result: GroupResult) -> None:
        """Organisation marks are circles with O, individual marks squares with I."""
        svg = parse(ladder_svg(result))
        seen = set()
        for mark in (m for m in svg.iter() if "marker" in m.classes()):
            shape, letter = mark.children[0].tag, mark.find("text").text()
            seen.add((mark.attrs["data-perspective"], shape, letter))
        assert {("organisation", "circle", "O"), ("individual", "rect", "I")} == seen

    def test_current_and_desired_differ_by_fill_and_outline(self, result: GroupResult) -> None:
        """A current mark is filled with its colour; a desired one is open and dashed."""
        svg = parse(ladder_svg(result))
        rung = svg.find("g", data_principle="experimenting")
        current = rung.find("g", data_kind="current", data_perspective="organisation").children[0]
        desired = rung.find("g", data_kind="desired", data_perspective="organisation").children[0]
        assert (PALETTE.organisation, None) == (
            current.attrs["fill"],
            current.attrs.get("stroke-dasharray"),
        )
        assert (PALETTE.paper, "3 2") == (desired.attrs["fill"], desired.attrs["stroke-dasharray"])

    def test_spread_is_drawn(self, result: GroupResult) -> None:
        """The min–max line spans the lowest to the highest score, the band the mean ± sd."""
        svg = parse(ladder_svg(result))
        rung = svg.find("g", data_principle="experimenting")
        stats = result.principle("experimenting").organisation
        assert stats.min is not None
        assert stats.max is not None
        assert stats.sd is not None
        assert stats.mean is not None
        line = rung.find("g", data_perspective="organisation", **{"class": "spread-range"})
        main_line = line.children[0]
        expected = pytest.approx((svg_module._y(stats.min), svg_module._y(stats.max)), abs=0.01)
        assert expected == (float(main_line.attrs["y1"] or ""), float(main_line.attrs["y2"] or ""))
        band = rung.find("rect", data_perspective="organisation")
        height = svg_module._y(stats.mean - stats.sd) - svg_module._y(stats.mean + stats.sd)
        assert pytest.approx(height, abs=0.01) == float(band.attrs["height"] or "nan")

    def test_scale_runs_from_limited_to_innovative(self, catalog: Catalog) -> None:
        """A mean of 0 sits at the bottom of the scale, a mean of 1 at its top."""
        group = score([response(every(1), every(5))], catalog)
        svg = parse(ladder_svg(group))
        rung = svg.find("g", data_principle="curiosity")
        org = rung.find("g", data_kind="current", data_perspective="organisation")
        ind = rung.find("g", data_kind="current", data_perspective="individual")
        assert (svg_module.SCALE_BOTTOM, svg_module.SCALE_TOP) == (mark_y(org), mark_y(ind))

    def test_no_answers(self, catalog: Catalog) -> None:
        """A principle nobody answered has no marker, but says there are no answers."""
        group = score([response({"curiosity": 3})], catalog)
        svg = parse(ladder_svg(group, lang="en"))
        rung = svg.find("g", data_principle="ownership")
        assert [] == [m for m in rung.iter() if "marker" in m.classes()]
        assert ["O: no answers", "I: no answers"] == [
            n.text() for n in rung.iter() if "no-answers" in n.classes()
        ]

    def test_zones_follow_the_bands(self, catalog: Catalog) -> None:
        """The shaded bands split the scale where the result's bands do."""
        group = score(team(3), catalog, bands=Bands(0.3, 0.7))
        svg = parse(ladder_svg(group))
        zones = {z.attrs["data-zone"]: z for z in svg.iter() if "zone" in z.classes()}
        edges = {
            name: (
                float(z.attrs["y"] or "nan"),
                float(z.attrs["y"] or "nan") + float(z.attrs["height"] or "nan"),
            )
            for name, z in zones.items()
        }
        y = svg_module._y
        assert pytest.approx((y(0.7), y(0.3))) == edges["both"]
        assert pytest.approx(y(0.3)) == edges["limited"][0]
        assert pytest.approx(y(0.7)) == edges["innovative"][1]

    def test_name_lines(self) -> None:
        """A principle's name breaks into short lines, long words where the language allows."""
        assert ["Osäkerhets-", "tolerans"] == svg_module.name_lines("Osäkerhetstolerans")
        assert ["Acceptera", "och lära av", "misslyck-", "anden"] == svg_module.name_lines(
            "Acceptera och lära av misslyckanden"
        )
        assert ["abcdefghijk-", "lmnop"] == svg_module.name_lines("abcdefghijklmnop")
        for principle in PRINCIPLES:
            for lang in ("sv", "en"):
                lines = svg_module.name_lines(principle.name.get(lang))
                assert len(lines) <= svg_module.NAME_LINES
                assert max(len(line) for line in lines) <= svg_module.NAME_CHARS

    def test_escape(self) -> None:
        """escape() leaves no character that could open a tag or end an attribute."""
        escaped = svg_module.escape(HOSTILE_TEXT + " ' &")
        assert not set("<>\"'") & set(escaped)

    @given(markup_texts)
    def test_escape_is_html_escape(self, text: str) -> None:
        """escape() gives exactly what html.escape(quote=True) gives, for any text."""
        assert html.escape(text, quote=True) == svg_module.escape(text)

    def test_wrap(self) -> None:
        """Long names are split at spaces into lines of at most the given width."""
        assert ["Acceptera och lära av", "misslyckanden"] == svg_module.wrap(
            "Acceptera och lära av misslyckanden", 22
        )


# -- the report -----------------------------------------------------------------------------------


class TestLanguages:
    @pytest.mark.parametrize(
        ("lang", "heading", "other"),
        [("sv", "Repstegen", "The rope ladder"), ("en", "The rope ladder", "Repstegen")],
    )
    def test_page_language(
        self, result: GroupResult, catalog: Catalog, lang: str, heading: str, other: str
    ) -> None:
        """<html lang> and every fixed heading follow the chosen language."""
        page = render(result, catalog, lang=lang, plan=make_plan())
        headings = [h.text() for h in page.iter() if h.tag in {"h2", "h3"}]
        assert (lang, True, False) == (
            page.find("html").attrs["lang"],
            heading in headings,
            other in headings,
        )

    def test_english_has_no_swedish_fixed_texts(
        self, result: GroupResult, catalog: Catalog
    ) -> None:
        """The English report uses none of the Swedish fixed words."""
        page = render_report(
            result,
            catalog,
            lang="en",
            plan=make_plan(follow_up=None),
            plan_report=PlanReport(()),
        )
        swedish = ["Princip", "Medel", "Önskat", "Handlingsplan", "Uppföljning", "Svarande", "Obs"]
        assert [] == [w for w in swedish if re.search(rf"\b{w}\b", page)]

    def test_swedish_says_glapp(self, result: GroupResult, catalog: Catalog) -> None:
        """The Swedish table heading and explanations say "glapp", not the English "gap"."""
        page = render(result, catalog, lang="sv")
        table = page.find("table", data_perspective="organisation")
        assert "Glapp" in [th.text() for th in table.find_all("th", scope="col")]
        assert [] == re.findall(r"\b[Gg]ap\b|medelgap", page.find("body").text())

    def test_numbers_in_the_page_language(self, result: GroupResult, catalog: Catalog) -> None:
        """Swedish shows decimal commas, English decimal points."""
        mean = result.principle("experimenting").organisation.mean
        assert mean is not None
        for lang in ("sv", "en"):
            page = render(result, catalog, lang=lang)
            cell = page.find("table", data_perspective="organisation").find(
                "tr", data_principle="experimenting"
            )
            assert number(mean, lang) == cell.find("td", data_key="mean").text()

    def test_other_content_language(self, result: GroupResult) -> None:
        """Pack texts come in the asked-for language; fixed texts fall back to Swedish."""
        catalog = Catalog.build(
            [
                PackContent(
                    info=PackInfo(id="p", name=LocalizedText.of("P")),
                    cards=(
                        Card(
                            id="c",
                            pack="p",
                            title=LocalizedText.of("Kortet", "The card", fi="Kortti"),
                            summary=LocalizedText.of("Sammanfattning"),
                            principles=(("experimenting", 1.0),),
                        ),
                    ),
                )
            ]
        )
        suggestions = recommend(result, catalog, k=1)
        page = render(result, catalog, suggestions=suggestions, lang="fi")
        card = page.find("article", data_card="p:c")
        assert ("sv", "1. Kortti") == (page.find("html").attrs["lang"], card.find("h3").text())
        assert "Kortti" in [s.text() for s in card.find_all("span", lang="fi")]

    def test_fallback_text_is_marked(self, result: GroupResult) -> None:
        """A pack text shown in another language than the page is marked with its lang."""
        catalog = Catalog.build(
            [
                PackContent(
                    info=PackInfo(id="p", name=LocalizedText.of("P")),
                    cards=(
                        Card(
                            id="c",
                            pack="p",
                            title=LocalizedText.of("Bara svenska"),
                            summary=LocalizedText.of("Sammanfattning"),
                            principles=(("experimenting", 1.0),),
                        ),
                    ),
                )
            ]
        )
        page = render(result, catalog, suggestions=recommend(result, catalog, k=1), lang="en")
        title = page.find("article", data_card="p:c").find("h3")
        assert ["Bara svenska"] == [s.text() for s in title.find_all("span", lang="sv")]


class TestFigures:
    def test_tables_hold_the_result(self, result: GroupResult, catalog: Catalog) -> None:
        """Every figure of every principle and perspective is in the tables, exactly."""
        page = render(result, catalog)
        keys = ("n", "mean", "median", "sd", "consensus", "desired", "gap")
        for perspective in ("organisation", "individual"):
            table = page.find("table", data_perspective=perspective)
            rows = table.find("tbody").find_all("tr")
            assert list(PRINCIPLE_IDS) == [r.attrs["data-principle"] for r in rows]
            for row in rows:
                stats = result.principle(row.attrs["data-principle"] or "").stats(perspective)
                for key in keys:
                    cell = row.find("td", data_key=key)
                    value = getattr(stats, key)
                    shown = cell.attrs.get("data-value")
                    assert (value, key) == (
                        None if shown is None else type(value)(shown),
                        key,
                    )

    def test_cells_show_rounded_figures(self, result: GroupResult, catalog: Catalog) -> None:
        """A cell shows its figure with two decimals, a signed gap and the min–max range."""
        page = render(result, catalog)
        stats = result.principle("experimenting").organisation
        row = page.find("table", data_perspective="organisation").find(
            "tr", data_principle="experimenting"
        )
        assert stats.sd is not None
        assert stats.gap is not None
        assert stats.min is not None
        assert stats.max is not None
        expected = [
            number(stats.sd),
            "+" + number(stats.gap),
            f"{number(stats.min)}–{number(stats.max)}",
        ]
        actual = [row.find("td", data_key=k).text() for k in ("sd", "gap", "range")]
        assert expected == actual

    def test_undefined_is_a_dash(self, catalog: Catalog) -> None:
        """An undefined figure shows a dash and carries no value."""
        page = render(score([response({"curiosity": 2})] * 3, catalog), catalog)
        cell = (
            page.find("table", data_perspective="individual")
            .find("tr", data_principle="curiosity")
            .find("td", data_key="mean")
        )
        assert ("\u2013", None) == (cell.text(), cell.attrs.get("data-value"))

    def test_low_consensus_is_marked(self, result: GroupResult, catalog: Catalog) -> None:
        """Consensus below the threshold is marked in words, and the legend explains the mark."""
        page = render(result, catalog, lang="en")
        table = page.find("table", data_perspective="organisation")
        marked = [
            row.attrs["data-principle"]
            for row in table.find("tbody").find_all("tr")
            if row.find("td", data_key="consensus").find_all("strong")
        ]
        consensus = result.principle("experimenting").organisation.consensus
        assert consensus is not None
        assert consensus < render_module.LOW_CONSENSUS
        assert ["experimenting"] == marked
        legend = page.find("p", **{"class": "table-legend"}).text()
        assert "(low) = consensus below 0.60" in legend

    def test_placement_in_words(self, result: GroupResult, catalog: Catalog) -> None:
        """Each perspective and the whole show their placement by name, with the position."""
        page = render(result, catalog, lang="en")
        rows = {
            p.attrs["data-perspective"]: p.find("strong").text()
            for p in page.find_all("div", **{"class": "placement"})
        }
        expected = {
            "organisation": "Both",
            "individual": "Innovative bureaucracy",
            "overall": "Both",
        }
        assert (expected, result.placement["organisation"]) == (rows, "both")

    def test_level_in_a_packs_words(self, result: GroupResult, catalog: Catalog) -> None:
        """A placement on a level a pack describes shows the pack's words and names the pack;
        with primary= another describing pack's; "both" keeps the library's text."""
        words = {
            pid: PackContent(
                info=PackInfo(pid, LocalizedText.of(pid)),
                level_descriptions=(
                    LevelDescription(
                        Level.INNOVATIVE,
                        pid,
                        LocalizedText.of(f"{pid} på svenska", f"{pid} in English"),
                        LocalizedText.of(f"{pid}s nivå", f"{pid}'s level"),
                    ),
                ),
            )
            for pid in ("north", "south")
        }
        described = Catalog.build([*words.values()])

        def individual(page: Node) -> str:
            (row,) = [
                p
                for p in page.find_all("div", **{"class": "placement"})
                if p.attrs["data-perspective"] in ("individual", "organisation")
                and p.attrs["data-placement"] == "innovative"
            ]
            return row.text()

        first = individual(render(result, described, lang="en"))
        chosen = individual(render(result, described, lang="en", primary="south"))
        plain = render(result, catalog, lang="en")

        assert "north's level" in first
        assert "north in English (the description comes from the pack north)" in first
        assert "south in English (the description comes from the pack south)" in chosen
        assert "the description comes from the pack" not in plain.text()

    def test_priorities_listed(self, result: GroupResult, catalog: Catalog) -> None:
        """Principles with positive priority are listed highest first with their priority."""
        page = render(result, catalog)
        items = page.find("ol", **{"class": "priorities"}).find_all("li")
        expected = [
            (pid, number(value))
            for pid, value in sorted(result.priorities().items(), key=lambda kv: -kv[1])
            if value > 0
        ]
        assert expected == [(li.attrs["data-principle"], li.find("span").text()) for li in items]

    def test_nothing_to_strengthen(self, catalog: Catalog) -> None:
        """When every priority is 0 the report says the group stands where it wants to be."""
        group = score(
            [response(every(5), every(5), desired={"organisation": every(5)})] * 3, catalog
        )
        page = render_report(group, catalog, lang="en")
        assert "already stands where it wants to be" in page
        assert 'class="priorities"' not in page

    def test_nothing_to_go_on(self, catalog: Catalog) -> None:
        """When every answer is n/a the report says the answers say nothing, not "already there"."""
        na = Response(scale=5, current=[(q, p, NA) for q in PERSPECTIVE_IDS for p in PRINCIPLE_IDS])
        group = score([na] * 3, catalog)
        for lang, said in (
            ("en", "The answers say nothing about where the group stands"),
            ("sv", "Svaren säger inget om var gruppen står"),
        ):
            page = render_report(group, catalog, lang=lang)
            assert said in page
            assert "already stands" not in page
            assert "står redan" not in page


class TestFewRespondents:
    @pytest.mark.parametrize(("n", "noted"), [(1, True), (2, True), (3, False), (5, False)])
    def test_note(self, catalog: Catalog, n: int, noted: bool) -> None:
        """Fewer than three respondents bring a plain note that answers can be read."""
        page = render(score(team(n), catalog), catalog, lang="en")
        notes = page.find_all("div", role="note")
        assert noted == bool(notes)
        if noted:
            assert "individual answers can be read" in notes[0].text()

    def test_no_respondents(self, catalog: Catalog) -> None:
        """A result of no responses still renders, saying it rests on no answers."""
        page = render(score([], catalog), catalog, lang="en")
        assert "based on no responses" in page.find("div", role="note").text()


class TestStoriesAndCards:
    def test_stories_fit_the_weakest(self, result: GroupResult, catalog: Catalog) -> None:
        """Without explicit stories the ones about the highest-priority principles are shown."""
        page = render(result, catalog)
        shown = [a.attrs["data-story"] for a in page.find_all("article") if "story" in a.classes()]
        assert ["testpack:tested"] == shown

    def test_explicit_stories(self, result: GroupResult, catalog: Catalog) -> None:
        """Stories given by the caller are shown as given; an empty tuple shows none."""
        listened = catalog.story("listened")
        given_stories = render(result, catalog, stories=(listened,))
        none = render(result, catalog, stories=())
        assert (["testpack:listened"], []) == (
            [
                a.attrs["data-story"]
                for a in given_stories.find_all("article", data_story="testpack:listened")
            ],
            [a for a in none.find_all("article") if "story" in a.classes()],
        )

    def test_stories_grouped_by_principle(self, result: GroupResult, catalog: Catalog) -> None:
        """Stories stand under a heading of a principle they show, each story once."""
        stories = (catalog.story("tested"), catalog.story("listened"))
        page = render(result, catalog, stories=stories, lang="en")
        groups = [g for g in page.find_all("div") if "story-group" in g.classes()]
        placed = {
            a.attrs["data-story"]: g.attrs["data-principle"]
            for g in groups
            for a in g.find_all("article")
        }
        assert {"testpack:tested", "testpack:listened"} == set(placed)
        for story in stories:
            assert placed[f"{story.pack}:{story.id}"] in story.principles
        for group in groups:
            name = LADDER_NAMES_EN[group.attrs["data-principle"] or ""]
            assert name == group.find("h4").text()

    def test_story_question(self, result: GroupResult, catalog: Catalog) -> None:
        """A story shows the question it invites; one without a question shows its lesson."""
        stories = (catalog.story("tested"), catalog.story("listened"))
        page = render(result, catalog, stories=stories, lang="en")
        listened = page.find("article", data_story="testpack:listened").text()
        tested = page.find("article", data_story="testpack:tested").text()
        assert "A question to talk about: Whom do you ask?" in listened
        assert "Lesson: Start small." in tested
        assert "A question" not in tested

    def test_suggestions_say_why(self, result: GroupResult, catalog: Catalog) -> None:
        """Each suggested card is shown with the principles it serves and their priority."""
        suggestions = recommend(result, catalog, k=3)
        page = render(result, catalog, suggestions=suggestions, lang="en")
        cards = [a for a in page.find_all("article") if "card" in a.classes()]
        assert [s.id for s in suggestions] == [a.attrs["data-card"] for a in cards]
        why = cards[0].find("p", **{"class": "why"})
        expected = {pid: number(priority, "en") for pid, priority in suggestions[0].serves.items()}
        shown = {s.attrs["data-principle"]: s.text() for s in why.find_all("span")}
        assert expected == shown
        assert "Trying things out" in why.text()

    def test_card_details(self, result: GroupResult, catalog: Catalog) -> None:
        """A card shows its summary, time, group size, phase and steps."""
        suggestion = Suggestion(catalog.card("five-whys"), 0.5, {"problem-understanding": 0.5})
        card = render(result, catalog, suggestions=[suggestion], lang="en").find(
            "article", data_card="testpack:five-whys"
        )
        text = card.text()
        for part in ("Ask why five times.", "30 minutes", "2–8 people", "understand the problem"):
            assert part in text
        assert "#howto-1" == card.find("a").attrs["href"]

    def test_card_steps_in_the_appendix(self, result: GroupResult, catalog: Catalog) -> None:
        """A suggested card's steps are in appendix A, where its overview links to."""
        suggestion = Suggestion(catalog.card("five-whys"), 0.5, {"problem-understanding": 0.5})
        page = render(result, catalog, suggestions=[suggestion], lang="en")
        howto = page.find("article", id="howto-1")
        section = page.find("section", id="methods-appendix")
        assert "testpack:five-whys" == howto.attrs["data-card-howto"]
        assert ["Write the problem."] == [li.text() for li in howto.find("ol").find_all("li")]
        assert "appendix" in section.classes()

    def test_card_materials_apart(self, result: GroupResult, catalog: Catalog) -> None:
        """A card's materials stand apart in appendix A, each as the pack wrote it."""
        card = attrs.evolve(
            catalog.card("five-whys"),
            materials=(
                LocalizedText.of("Lappar och pennor", "Notes and pens"),
                LocalizedText.of("En vägg", "A wall"),
            ),
        )
        page = render(result, catalog, suggestions=[Suggestion(card, 0.5, {})], lang="en")
        howto = page.find("article", id="howto-1")
        assert "Materials: Notes and pens · A wall" in howto.text()

    def test_card_ready_to_run(self, result: GroupResult, catalog: Catalog) -> None:
        """A card shows its origin, when it fits and how it goes into the plan, and appendix A
        what comes out of it; a card without those parts shows only its origin."""
        page = render(
            result,
            catalog,
            suggestions=[
                Suggestion(catalog.card("five-whys"), 0.5, {"problem-understanding": 0.5}),
                Suggestion(catalog.card("small-test"), 0.5, {"experimenting": 0.5}),
            ],
            lang="en",
        )
        full = page.find("article", data_card="testpack:five-whys").text()
        bare = page.find("article", data_card="testpack:small-test").text()
        howto = page.find("article", data_card_howto="testpack:five-whys").text()

        for part in (
            "Origin: from the Innovationslek! deck",
            "Fits: When the fault keeps coming back.",
            "Into the action plan: The cause becomes the what.",
        ):
            assert part in full
        assert "What comes out: A cause." in howto
        assert "Origin: supplementary method" in bare
        assert "Fits:" not in bare

    def test_no_suggestions(self, result: GroupResult, catalog: Catalog) -> None:
        """Without suggestions the section says no cards are suggested."""
        assert "No cards are suggested." in render_report(result, catalog, lang="en")


class TestPlan:
    def test_actions(self, result: GroupResult, catalog: Catalog) -> None:
        """Each action is a row: what, how, when (date or range), who, cards, status."""
        page = render(result, catalog, plan=make_plan(), lang="en")
        rows = page.find("table", **{"class": "actions"}).find("tbody").find_all("tr")
        cells = [[td.text() for td in row.find_all("td")] for row in rows]
        assert [
            "Pröva en ny mötesform",
            "Kortet Litet test på nästa APT",
            "2026-12-10",
            "Anna, Enhetschef",
            "Small test testpack:small-test Trying things out",
            "planned",
        ] == cells[0]
        assert ("2027-01-10 – 2027-01-20", "Listen testpack:listen", "started") == (
            cells[1][2],
            cells[1][4],
            cells[1][5],
        )

    def test_support_column(self, result: GroupResult, catalog: Catalog) -> None:
        """With support in the plan, a column names each action's support and whom to ask."""
        plan = make_plan()
        needs = (
            SupportNeed(function="kiruna:it", need="Ett kalkylark", ask="Maria"),
            SupportNeed(need="<en lokal>"),
        )
        first = attrs.evolve(plan.actions[0], support=needs)
        plan = attrs.evolve(plan, actions=(first, plan.actions[1]))
        page = render(result, catalog, plan=plan, lang="en")
        table = page.find("table", **{"class": "actions"})
        headers = [th.text() for th in table.find("thead").find_all("th")]
        cells = table.find("tbody").find_all("td", **{"class": "support"})
        assert "Support and whom to ask" == headers[4]
        assert [
            "kiruna:it: Ett kalkylark – ask Maria <en lokal> – nobody named to ask",
            "–",
        ] == [td.text() for td in cells]

    def test_no_support_no_column(self, result: GroupResult, catalog: Catalog) -> None:
        """A plan that needs no support has no support column."""
        page = render(result, catalog, plan=make_plan())
        assert [] == page.find_all("td", **{"class": "support"})

    def test_follow_up(self, result: GroupResult, catalog: Catalog) -> None:
        """The booked follow-up shows its date and time in its own zone, length and place."""
        page = render(result, catalog, plan=make_plan())
        text = page.find("p", **{"class": "follow-up"}).text()
        assert "Bokad: 2027-02-15 kl. 09:00 (UTC+01:00) , 60 minuter, Aurora, rum 2." == text

    def test_no_follow_up(self, result: GroupResult, catalog: Catalog) -> None:
        """A plan without a follow-up says none is booked."""
        page = render(result, catalog, plan=make_plan(follow_up=None), lang="en")
        assert page.find("p", **{"class": "follow-up"}).text().startswith("No follow-up is booked")

    def test_problems(self, result: GroupResult, catalog: Catalog) -> None:
        """Plan problems are listed with severity in words, location, message and code."""
        report = PlanReport(
            (
                Problem.error("missing-who", "actions[0].who", "vem saknas", "who is missing"),
                Problem.warning("follow-up-far", "follow_up", "långt bort", "far away"),
            )
        )
        page = render(result, catalog, plan=make_plan(), plan_report=report, lang="en")
        summary = page.find("p", **{"class": "plan-summary"}).text()
        assert "The check found 1 error and 1 warning." == summary
        items = page.find("ul", **{"class": "problems"}).find_all("li")
        assert [
            ("missing-who", "Error actions[0].who : who is missing [missing-who]"),
            ("follow-up-far", "Warning follow_up : far away [follow-up-far]"),
        ] == [(li.attrs["data-code"], li.text()) for li in items]

    def test_clean_plan(self, result: GroupResult, catalog: Catalog) -> None:
        """A checked plan without problems says so; an unchecked one says it was not checked."""
        checked = render_report(
            result, catalog, plan=make_plan(), plan_report=PlanReport(()), lang="en"
        )
        unchecked = render_report(result, catalog, plan=make_plan(), lang="en")
        assert ("The plan has no remarks." in checked, "has not been checked" in unchecked) == (
            True,
            True,
        )

    def test_no_plan(self, result: GroupResult, catalog: Catalog) -> None:
        """Without a plan the section says none is part of the report."""
        assert "No action plan is part of the report." in render_report(result, catalog, lang="en")


class TestPageFrame:
    def test_title(self, result: GroupResult, catalog: Catalog) -> None:
        """The given title is the <title> and the one <h1>; team and respondents follow."""
        page = render(result, catalog, title="Höstens workshop", plan=make_plan())
        assert ("Höstens workshop", "Höstens workshop") == (
            page.find("head").find("title").text(),
            page.find("h1").text(),
        )
        facts = page.find("dl", **{"class": "facts"}).text()
        assert "Team Enhet Norr Svarande 4 Planen skriven 2026-11-26" == facts

    def test_footer_names_packs_and_versions(self, result: GroupResult, catalog: Catalog) -> None:
        """The footer names the library version and every pack with its version."""
        footer = render(result, catalog, lang="en").find("footer").text()
        assert "innovationsresan 0.1.0" in footer
        assert "Content packs: The test pack ( testpack 1.2.3)." in footer

    def test_self_contained(self, result: GroupResult, catalog: Catalog) -> None:
        """Nothing is loaded from elsewhere: no scripts, stylesheets, images or outside links."""
        page = render(result, catalog, plan=make_plan(), suggestions=recommend(result, catalog))
        tags = {n.tag for n in page.iter()}
        links = [n.attrs.get("href") for n in page.iter() if "href" in n.attrs]
        sources = [n for n in page.iter() if "src" in n.attrs]
        assert (set(), [], []) == (tags & {"script", "link", "img", "iframe"}, links, sources)

    def test_colours_come_from_the_palette(self, result: GroupResult, catalog: Catalog) -> None:
        """Every colour in the page is one of the palette's, whose contrasts are checked."""
        page = render_report(result, catalog, plan=make_plan(), lang="en")
        used = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", page)}
        palette = {v.lower() for v in attrs.asdict(PALETTE).values()}
        assert set() == used - palette

    def test_print_styles(self, result: GroupResult, catalog: Catalog) -> None:
        """The stylesheet sets an A4 page and keeps the drawing and cards from splitting."""
        style = render(result, catalog).find("style").text()
        assert "@page { size: A4;" in style
        assert ".ladder-figure, .story, .card" in style

    def test_missing_jinja2(
        self, result: GroupResult, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without jinja2 the error says how to install the report extra."""
        render_module._environment.cache_clear()
        monkeypatch.setitem(sys.modules, "jinja2", None)
        try:
            with pytest.raises(InnovationsresanError) as caught:
                render_report(result, catalog)
        finally:
            render_module._environment.cache_clear()
        assert "pip install 'innovationsresan[report]'" in caught.value.render("en")


class TestTemplateCache:
    @pytest.fixture
    def fresh(self) -> Iterator[None]:
        render_module._environment.cache_clear()
        yield
        render_module._environment.cache_clear()

    def test_compiled_templates_are_kept(
        self,
        result: GroupResult,
        catalog: Catalog,
        tmp_path: Any,
        monkeypatch: pytest.MonkeyPatch,
        fresh: None,
    ) -> None:
        """The templates are compiled once into the user's cache; a page from it is the same."""
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
        monkeypatch.delenv("INNOVATIONSRESAN_NO_CACHE", raising=False)
        first = render_report(result, catalog)
        kept = list((tmp_path / "innovationsresan").glob("templates-*/*.cache"))
        assert 2 == len(kept)
        render_module._environment.cache_clear()
        assert first == render_report(result, catalog)

    def test_no_cache_when_asked_or_impossible(
        self,
        result: GroupResult,
        catalog: Catalog,
        tmp_path: Any,
        monkeypatch: pytest.MonkeyPatch,
        fresh: None,
    ) -> None:
        """INNOVATIONSRESAN_NO_CACHE, or a cache folder that cannot be made, writes nothing."""
        blocked = tmp_path / "file"
        blocked.write_text("not a folder", encoding="utf-8")
        monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
        page = render_report(result, catalog)
        render_module._environment.cache_clear()
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
        monkeypatch.setenv("INNOVATIONSRESAN_NO_CACHE", "1")
        assert page == render_report(result, catalog)
        assert [blocked] == list(tmp_path.iterdir())


class TestAccessibility:
    """Structural checks of WCAG 2.1 AA; the browser test also runs axe-core."""

    @pytest.fixture(params=["sv", "en"])
    def page(self, request: pytest.FixtureRequest, result: GroupResult, catalog: Catalog) -> Node:
        report = PlanReport((Problem.error("missing-who", "actions[0].who", "vem", "who"),))
        return render(
            result,
            catalog,
            plan=make_plan(),
            plan_report=report,
            suggestions=recommend(result, catalog),
            lang=request.param,
        )

    def test_document(self, page: Node) -> None:
        """The page is HTML5 with a language, a character set and a non-empty title."""
        html_element = page.find("html")
        assert ("sv", "en").count(html_element.attrs.get("lang") or "") == 1
        assert page.find("meta", charset="utf-8")
        assert page.find("head").find("title").text()

    def test_one_h1_and_no_skipped_levels(self, page: Node) -> None:
        """There is exactly one h1 and no heading is more than one level below the previous."""
        levels = [int(n.tag[1]) for n in page.iter() if re.fullmatch(r"h[1-6]", n.tag)]
        skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
        assert (1, 1, []) == (levels.count(1), levels[0], skips)

    def test_sections_are_labelled(self, page: Node) -> None:
        """Every section is labelled by its own heading."""
        ids = {n.attrs.get("id") for n in page.iter() if re.fullmatch(r"h[1-6]", n.tag)}
        sections = page.find_all("section")
        assert len(sections) >= 5
        assert all(s.attrs.get("aria-labelledby") in ids for s in sections)

    def test_ladder_has_a_text_alternative(self, page: Node) -> None:
        """The ladder is an image with a title and label, and the same numbers are in tables."""
        svg = page.find("svg", role="img")
        title = svg.children[0]
        assert (title.tag, title.text()) == ("title", svg.attrs["aria-label"])
        assert svg.find("desc").text()
        assert 2 == len(page.find_all("table", **{"class": "stats"}))

    def test_legend_marks_are_hidden(self, page: Node) -> None:
        """Decorative legend drawings are hidden from assistive technology; text explains them."""
        marks = [n for n in page.iter() if n.tag == "svg" and "legend-mark" in n.classes()]
        assert len(marks) == 6
        assert all(m.attrs.get("aria-hidden") == "true" for m in marks)

    def test_tables_have_headers(self, page: Node) -> None:
        """Every table has a caption, column headers and a row header in each body row."""
        for table in page.find_all("table"):
            assert table.find("caption").text()
            heads = table.find("thead").find_all("th")
            assert all(th.attrs.get("scope") == "col" for th in heads)
            for row in table.find("tbody").find_all("tr"):
                cells = [c for c in row.children if c.tag in {"td", "th"}]
                assert len(cells) == len(heads)
                if "stats" in table.classes():
                    assert ("th", "row") == (cells[0].tag, cells[0].attrs.get("scope"))

    def test_ids_are_unique(self, page: Node) -> None:
        """No id is used twice."""
        ids = [n.attrs["id"] for n in page.iter() if n.attrs.get("id")]
        assert sorted(set(ids)) == sorted(ids)

    def test_severity_in_words(self, page: Node) -> None:
        """A problem's severity is written out, not only coloured."""
        severity = page.find("ul", **{"class": "problems"}).find("strong").text()
        assert severity in {"Fel", "Error"}


class TestContrast:
    @pytest.mark.parametrize(("name", "fg", "bg"), PALETTE.text_pairs())
    def test_text(self, name: str, fg: str, bg: str) -> None:
        """Every text colour on its background reaches 4.5:1."""
        assert contrast_ratio(fg, bg) >= TEXT_CONTRAST, name

    @pytest.mark.parametrize(("name", "fg", "bg"), PALETTE.graphic_pairs())
    def test_graphics(self, name: str, fg: str, bg: str) -> None:
        """Every informative line and shape reaches 3:1 against what is behind it."""
        assert contrast_ratio(fg, bg) >= GRAPHIC_CONTRAST, name

    def test_known_ratios(self) -> None:
        """Black on white is 21:1, a colour on itself 1:1, and the order does not matter."""
        assert (21.0, 1.0) == (
            pytest.approx(contrast_ratio("#000000", "#ffffff")),
            contrast_ratio("#767676", "#767676"),
        )
        assert contrast_ratio("#17457a", "#ffffff") == contrast_ratio("#ffffff", "#17457a")

    def test_bad_colour(self) -> None:
        """A colour not written #rrggbb is refused."""
        with pytest.raises(ValueError, match="#rrggbb"):
            relative_luminance("red")

    def test_grey_print_tells_marks_apart(self) -> None:
        """Printed in grey, a filled mark's letter still stands out from its fill."""
        for colour in (PALETTE.organisation, PALETTE.individual):
            assert contrast_ratio(PALETTE.paper, colour) >= TEXT_CONTRAST


# -- hostile input --------------------------------------------------------------------------------


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, [name for name, _ in attrs]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def markup_of(page: str) -> tuple[set[str], set[str]]:
    """The tags and attribute names that occur in *page*."""
    collector = _TagCollector()
    collector.feed(page)
    tags = {tag for tag, _ in collector.tags}
    names = {name for _, names in collector.tags for name in names}
    return tags, names


def hostile_report(text: str) -> str:
    """A report where every text from responses, plans and packs is *text*."""
    catalog = Catalog.build(
        [
            PackContent(
                info=PackInfo(
                    id="evil",
                    name=LocalizedText.of(text, text),
                    version=text,
                ),
                cards=(
                    Card(
                        id="card",
                        pack="evil",
                        title=LocalizedText.of(text, text),
                        summary=LocalizedText.of(text, text),
                        principles=(("experimenting", 1.0),),
                        steps=(LocalizedText.of(text, text),),
                        materials=(LocalizedText.of(text, text),),
                        minutes=10,
                    ),
                ),
                stories=(
                    Story(
                        id="story",
                        pack="evil",
                        title=LocalizedText.of(text, text),
                        text=LocalizedText.of(text, text),
                        principles=("experimenting",),
                        lesson=LocalizedText.of(text, text),
                    ),
                ),
            )
        ]
    )
    group = score(
        [response({"experimenting": 2}, respondent=text[:200] or "x") for _ in range(2)], catalog
    )
    plan = ActionPlan(
        created=dt.date(2026, 11, 26),
        title=text,
        team=text,
        follow_up=FollowUp(at=dt.datetime(2027, 1, 1, 9, tzinfo=dt.UTC), where=text),
        actions=(
            Action(
                what=text,
                how=text,
                when=dt.date(2026, 12, 1),
                who=(text, text),
                cards=(text, "evil:card"),
                principles=(text,),
            ),
        ),
    )
    report = PlanReport((Problem.error(text, text, text, text),))
    return render_report(
        group,
        catalog,
        suggestions=recommend(group, catalog, k=1),
        plan=plan,
        plan_report=report,
        title=text,
    )


@functools.cache
def baseline_markup() -> tuple[set[str], set[str]]:
    """The tags and attribute names of the report when every text is harmless."""
    return markup_of(hostile_report("x"))


SAFE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "a",
    "article", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "p", "strong", "span", "br",
    "code", "abbr", "dl", "dt", "dd", "div", "ul", "ol", "li", "table", "caption", "thead",
    "tbody", "tr", "th", "td", "svg", "desc", "g", "rect", "line", "circle", "path",
    "text", "tspan",
}  # fmt: skip


class TestHostileText:
    def test_hostile_strings_are_escaped(self) -> None:
        """Script, image and attribute-breaking strings everywhere come out as plain text."""
        page = hostile_report(HOSTILE_TEXT)
        tags, names = markup_of(page)
        assert (set(), set()) == (tags - SAFE_TAGS, {n for n in names if n.startswith("on")})
        for hostile in HOSTILE:
            assert hostile not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    def test_hostile_strings_survive_as_text(self) -> None:
        """The escaped strings read back as the very text that was given."""
        page = parse(hostile_report(HOSTILE_TEXT))
        assert HOSTILE_TEXT == page.find("h1").text()
        assert HOSTILE_TEXT == page.find("p", **{"class": "plan-title"}).text()

    @capped(100, "each example renders a whole report and parses its markup")
    @given(markup_texts)
    def test_any_text_is_escaped(self, text: str) -> None:
        """Whatever text a response, plan or pack holds, it adds no tag and no attribute."""
        tags, names = markup_of(hostile_report(text))
        baseline_tags, baseline_names = baseline_markup()
        assert (set(), set()) == (tags - baseline_tags, names - baseline_names)


class TestWords:
    @pytest.mark.parametrize(
        ("lang", "value", "expected"),
        [
            ("sv", 0.455, "0,46"),
            ("en", 0.455, "0.46"),
            ("sv", -0.25, "\u22120,25"),
            ("sv", -0.001, "0,00"),
            ("sv", None, "\u2013"),
            ("fi", 0.5, "0,50"),
        ],
    )
    def test_number(self, lang: str, value: float | None, expected: str) -> None:
        """Decimals follow the page language, with a real minus and no negative zero."""
        assert expected == Words(lang).number(value)

    @pytest.mark.parametrize(
        ("value", "expected"), [(0.25, "+0.25"), (-0.25, "\u22120.25"), (0.001, "0.00")]
    )
    def test_signed(self, value: float, expected: str) -> None:
        """A positive change carries a plus; zero after rounding carries none."""
        assert expected == Words("en").signed(value)

    def test_page_language(self) -> None:
        """The page is Swedish unless English is asked for; content keeps the asked language."""
        assert [("sv", "fi"), ("en", "en")] == [
            (Words(lang).page, Words(lang).content) for lang in ("fi", "en")
        ]

    def test_pick_reports_the_language_used(self) -> None:
        """A text is taken in the asked language, else Swedish, else English, else any."""
        texts = [
            LocalizedText.of("sv-text", "en-text", fi="fi-text"),
            LocalizedText.of("sv-text", "en-text"),
            LocalizedText({"en": "en-text"}),
            LocalizedText({"de": "de-text"}),
            LocalizedText(),
        ]
        assert [
            ("fi-text", "fi"),
            ("sv-text", "sv"),
            ("en-text", "en"),
            ("de-text", "de"),
            ("", "sv"),
        ] == [Words("fi").pick(t) for t in texts]

    def test_datetime(self) -> None:
        """A date-time shows its own clock time and UTC offset."""
        at = dt.datetime(2027, 2, 15, 9, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))
        assert ("2027-02-15 kl. 09:05 (UTC+01:00)", "2027-02-15 at 09:05 (UTC+01:00)") == (
            Words("sv").datetime(at),
            Words("en").datetime(at),
        )
