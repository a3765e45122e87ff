"""Claims and experts rows unchanged on the seed and every fixture story (issue 21's refactor).

tests/data/claims_identity.json holds a hash of each story's claims and experts rows (every
column but ``rule``), made by ``bench/check_claims_identity.py digests``. A story whose rows
hash differently fails here; the fixtures are checked where ../shared is present. When a
change is meant to alter claims or experts, see which rows moved with the script's ``dump`` and
``compare`` (before and after the change), then rewrite the digests.
"""

from __future__ import annotations

import json
import sys

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import check_claims_identity as identity  # noqa: E402


def test_claims_and_experts_rows_are_unchanged_on_the_seed_and_fixtures():
    expected = json.loads(identity.DIGESTS.read_text(encoding="utf-8"))
    found = identity.digests()
    assert "seed:" + str(identity.SEED.relative_to(ROOT)) in found
    changed = sorted(k for k, v in found.items() if k in expected and expected[k] != v)
    assert not changed, (
        f"claims or experts rows changed on {len(changed)} stories, e.g. {changed[:3]}; "
        "compare the rows with bench/check_claims_identity.py dump/compare before and after the change, "
        "and when the change is meant, rewrite the digests with bench/check_claims_identity.py digests"
    )
