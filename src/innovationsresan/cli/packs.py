"""Commands of the 'packs' group (being written; registers nothing yet)."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser, lang: str) -> None:
    """Add this group's commands to the parser."""
