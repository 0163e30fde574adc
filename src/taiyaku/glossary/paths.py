"""Where the user's own glossary lives (stdlib only, cheap to import).

`taiyaku glossary add` / `import` write to it when neither ``--glossary`` nor the config's
``glossaries`` names a file, and every command that loads the default glossary stacks it over
the default as a house layer when it exists. It is never inside the installed package:

- on Windows ``%APPDATA%\\taiyaku\\house.ja-en.tsv``;
- elsewhere ``$XDG_DATA_HOME/taiyaku/house.ja-en.tsv``, ``$XDG_DATA_HOME`` defaulting to
  ``~/.local/share``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["USER_GLOSSARY_NAME", "user_glossary_path"]

USER_GLOSSARY_NAME = "house.ja-en.tsv"


def user_glossary_path() -> Path:
    """The user's glossary file (which need not exist)."""
    if sys.platform == "win32":
        base = os.environ.get("APPDATA")
        folder = Path(base) if base else Path.home() / "AppData" / "Roaming"
    else:
        base = os.environ.get("XDG_DATA_HOME")
        # The XDG spec: a relative $XDG_DATA_HOME is invalid and ignored.
        folder = Path(base) if base and os.path.isabs(base) else Path.home() / ".local" / "share"
    return folder / "taiyaku" / USER_GLOSSARY_NAME
