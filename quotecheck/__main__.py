"""``python -m quotecheck``: the same as the ``quotecheck`` command."""

from quotecheck.cli import app

app()
