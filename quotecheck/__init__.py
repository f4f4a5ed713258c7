"""quotecheck: check every quotation in a legal brief against its source, offline.

The public API: ``load_document`` reads a brief, ``extract`` finds its quotations and citations,
and the ``models`` hold the results. Heavy dependencies load lazily, on first use.
"""

from __future__ import annotations

__version__ = "0.1.0"
