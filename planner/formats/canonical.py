"""The one place JSON text is produced, so every output is byte-stable."""

from __future__ import annotations

import json
from typing import Any


def dumps(obj: Any, *, pretty: bool = False) -> str:
    """Sorted keys, real UTF-8 characters, fixed separators: same data, same bytes."""
    if pretty:
        return json.dumps(obj, sort_keys=True, ensure_ascii=False, indent=2, separators=(",", ": "))
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
