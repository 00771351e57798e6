"""Reading the forms: a screen's answers and the action plan as typed."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("starlette")

from starlette.datastructures import FormData

from innovationsresan.plans import parse_plan
from innovationsresan.web import forms

KEYS = forms.answer_keys("curiosity")


class TestAnswers:
    def test_the_four_names_of_a_screen(self) -> None:
        """A screen asks current and desired, from both perspectives."""
        assert {
            "current.organisation.curiosity",
            "current.individual.curiosity",
            "desired.organisation.curiosity",
            "desired.individual.curiosity",
        } == set(KEYS)

    def test_answers_and_the_button(self) -> None:
        """Values 1..scale and n/a are kept; empty ones are unanswered; the button is read."""
        form = FormData(
            [
                ("csrf", "t"),
                ("go", "back"),
                ("current.organisation.curiosity", "3"),
                ("current.individual.curiosity", "n/a"),
                ("desired.organisation.curiosity", ""),
            ]
        )
        read = forms.parse_answers(form, KEYS, 5)
        assert {
            "current.organisation.curiosity": "3",
            "current.individual.curiosity": "n/a",
        } == dict(read.values)
        assert "back" == read.go
        assert () == read.problems

    @pytest.mark.parametrize(
        "items",
        [
            [("current.organisation.curiosity", "0")],
            [("current.organisation.curiosity", "6")],
            [("current.organisation.curiosity", "3.0")],
            [("current.organisation.ownership", "3")],
            [("current.organisation.curiosity", "3"), ("current.organisation.curiosity", "4")],
        ],
    )
    def test_tampered_values_are_problems(self, items: list[tuple[str, str]]) -> None:
        """Out of scale, not a whole number, another screen's name or a name twice is a problem."""
        assert forms.parse_answers(FormData(items), KEYS, 5).problems

    def test_an_unknown_button_means_next(self) -> None:
        """A button value the page does not send counts as next."""
        assert "next" == forms.parse_answers(FormData([("go", "jump")]), KEYS, 5).go


class TestPlanForm:
    def test_a_typed_plan_reads_as_a_plan(self) -> None:
        """The form's fields become the plan file's structure."""
        typed = forms.read_plan_form(
            FormData(
                [
                    ("title", "Vi testar"),
                    ("actions-0-what", "Förmortem"),
                    ("actions-0-when", "2026-12-01"),
                    ("actions-0-until", "2026-12-05"),
                    ("actions-0-who", "Anna; Bo,"),
                    ("actions-0-cards", "kiruna:pre-mortem"),
                    ("actions-1-what", ""),
                    ("follow_up-at", "2027-02-15T09:00"),
                    ("follow_up-duration_minutes", "90"),
                ]
            )
        )
        document = forms.plan_document(
            typed, created=dt.date(2026, 11, 26), timezone="Europe/Stockholm"
        )
        plan = parse_plan(document)
        assert "Vi testar" == plan.title
        (action,) = plan.actions
        assert ("Anna", "Bo") == action.who
        assert ("kiruna:pre-mortem",) == action.cards
        assert dt.date(2026, 12, 5) == action.due
        assert plan.follow_up is not None
        assert 90 == plan.follow_up.duration_minutes
        assert 9 == plan.follow_up.at.hour

    def test_every_action_row_is_read(self) -> None:
        """However many action rows a form has (a plan written as a file is shown whole),
        every one typed is read, in order; empty rows are dropped and the others numbered
        again, and the posted rows are counted, empty ones included."""
        items = [(f"actions-{i}-what", f"Steg {i}") for i in range(30)]
        items += [("actions-30-what", " "), ("actions-30-status", "done")]
        items += [("actions-999-what", "Sist"), ("actions-999-cards", "kiruna:pre-mortem")]
        typed = forms.read_plan_form(FormData(items))
        assert 31 == typed.rows
        assert 32 == typed.posted
        assert "Steg 29" == typed.action(29, "what")
        assert "Sist" == typed.action(30, "what")
        assert {30: ("kiruna:pre-mortem",)} == typed.cards
        assert 31 == forms.row_count(typed, minimum=3, maximum=20, add=True)

    def test_rows_shown_and_added(self) -> None:
        """Empty rows posted are shown again up to the maximum, 'add' adds one below it, and
        a form never shows fewer rows than it holds actions."""
        items = [("actions-0-what", "A"), ("actions-1-what", ""), ("actions-2-what", "")]
        typed = forms.read_plan_form(FormData(items))
        assert (1, 3) == (typed.rows, typed.posted)
        assert 3 == forms.row_count(typed, minimum=1, maximum=20, add=False)
        assert 4 == forms.row_count(typed, minimum=1, maximum=20, add=True)
        assert 3 == forms.row_count(typed, minimum=1, maximum=3, add=True)
        assert 2 == forms.row_count(typed, minimum=1, maximum=2, add=False)
        assert 3 == forms.row_count(typed, minimum=3, maximum=2, add=True)

    def test_a_saved_plan_fills_the_form_again(self) -> None:
        """Reading the fields of a plan and typing them again gives the same plan."""
        typed = forms.read_plan_form(
            FormData(
                [
                    ("team", "Norr"),
                    ("actions-0-what", "A"),
                    ("actions-0-how", "B"),
                    ("actions-0-when", "2026-12-01"),
                    ("actions-0-who", "C"),
                    ("follow_up-at", "2027-02-15T09:00"),
                    ("follow_up-where", "Rum 2"),
                ]
            )
        )
        created = dt.date(2026, 11, 26)
        plan = parse_plan(forms.plan_document(typed, created=created, timezone="Europe/Stockholm"))
        again = forms.plan_fields(plan)
        assert plan == parse_plan(
            forms.plan_document(again, created=created, timezone="Europe/Stockholm")
        )


class TestSupportFields:
    ACTION = (
        ("actions-0-what", "A"),
        ("actions-0-how", "B"),
        ("actions-0-when", "2026-12-01"),
        ("actions-0-who", "C"),
    )

    def typed(self, *items: tuple[str, str]) -> forms.PlanForm:
        return forms.read_plan_form(FormData([*self.ACTION, *items]))

    def test_support_entries_become_the_actions_support(self) -> None:
        """Typed entries are the action's support in order; an empty entry is none."""
        typed = self.typed(
            ("actions-0-support-0-function", "kiruna:it"),
            ("actions-0-support-0-ask", " Kajsa "),
            ("actions-0-support-1-function", ""),
            ("actions-0-support-1-need", ""),
            ("actions-0-support-1-ask", ""),
            ("actions-0-support-2-need", "En lokal"),
        )
        document = forms.plan_document(typed, created=dt.date(2026, 11, 26), timezone="UTC")
        assert [
            {"function": "kiruna:it", "ask": "Kajsa"},
            {"need": "En lokal"},
        ] == document["actions"][0]["support"]
        assert 3 == typed.support_rows(0)
        assert "En lokal" == typed.support_value(0, 1, "need")
        assert "" == typed.support_value(0, 2, "need")

    def test_an_action_without_support_has_no_support_key(self) -> None:
        """Only empty support entries leave the key out, as a plan file would."""
        typed = self.typed(("actions-0-support-0-need", "  "))
        document = forms.plan_document(typed, created=dt.date(2026, 11, 26), timezone="UTC")
        assert "support" not in document["actions"][0]

    def test_every_entry_is_read_in_order(self) -> None:
        """However many support entries an action has, each is read, in the order of its
        number; a number far past the others (a tampered form) makes no empty entries."""
        items = [(f"actions-0-support-{j}-need", f"n{j}") for j in range(15)]
        items.append(("actions-0-support-99999-need", "sist"))
        typed = self.typed(*reversed(items))
        document = forms.plan_document(typed, created=dt.date(2026, 11, 26), timezone="UTC")
        expected = [{"need": f"n{j}"} for j in range(15)] + [{"need": "sist"}]
        assert expected == document["actions"][0]["support"]
        assert 17 == typed.support_rows(0)

    def test_a_saved_plans_support_fills_the_form_again(self) -> None:
        """The fields of a plan with support, typed again, give the same plan."""
        typed = self.typed(
            ("actions-0-support-0-function", "kiruna:hr"),
            ("actions-0-support-0-need", "Schemat"),
            ("actions-0-support-0-ask", "HR"),
            ("actions-0-support-1-need", "Fika"),
        )
        created = dt.date(2026, 11, 26)
        plan = parse_plan(forms.plan_document(typed, created=created, timezone="UTC"))
        again = forms.plan_fields(plan)
        assert "Schemat" == again.support_value(0, 0, "need")
        assert 3 == again.support_rows(0)
        assert plan == parse_plan(forms.plan_document(again, created=created, timezone="UTC"))
