"""Access to the data files in ``models/``: lexicons, gazetteers, patterns, model choice.

The folder is found next to the package (an editable install or a checkout);
``WIRECLAIMS_MODELS`` points elsewhere, for a user's own lexicons.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def models_dir() -> Path:
    env = os.environ.get("WIRECLAIMS_MODELS")
    path = Path(env) if env else PROJECT_ROOT / "models"
    if not path.is_dir():
        raise FileNotFoundError(
            f"wireclaims data folder not found at {path}; set WIRECLAIMS_MODELS to the project's models/ folder"
        )
    return path


def model_path(name: str) -> Path:
    return models_dir() / name


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """A JSON file of ``models/``, parsed once per process. Keys starting with ``_`` are comments."""
    with open(model_path(name), encoding="utf-8") as fh:
        return json.load(fh)


def load_jsonl(name: str) -> list[dict[str, Any]]:
    with open(model_path(name), encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@lru_cache(maxsize=None)
def word_set(name: str, key: str) -> frozenset[str]:
    """A list inside a JSON lexicon, as a lower-cased set."""
    return frozenset(w.lower() for w in load_json(name)[key])
