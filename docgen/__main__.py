"""``python -m docgen`` runs the command line."""

from .cli import run

run()
