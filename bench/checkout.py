"""Import this first in a bench script: it puts this checkout's ``reader`` ahead of the one the
environment has installed, so a bench run from a second worktree measures that worktree's code
(an editable install points at one checkout only)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The checkout this bench folder belongs to."""

if str(ROOT) not in sys.path[:1]:
    sys.path.insert(0, str(ROOT))
