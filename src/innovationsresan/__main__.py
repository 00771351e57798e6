"""``python -m innovationsresan``: the command line."""

from innovationsresan.cli import entry

entry()
