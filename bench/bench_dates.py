"""Dates against TimeBank/AQUAINT (TempEval-3 training data): relaxed span F1 and value F1.

Usage: .venv/bin/python bench/bench_dates.py [FOLDER] [--details N]

Default folder: ../shared/benchmarks/timebank-aquaint/*.tml. Each file's
``<TEXT>`` is stripped of its tags (TIMEX3 spans are kept as gold, with their
``value``) and goes through the project's pipeline as a plain story whose
date is the file's DCT (creation time), then
:func:`pipeline.extract.dates.extract_dates`.

Scoring follows TempEval-3: predicted and gold expressions are paired one to
one, largest character overlap first; a pair counts for *relaxed* span
matching when the spans overlap, for *strict* when they are equal (after
trimming a leading "the"/preposition is not done: strict is strict). *Value*
counts a relaxed pair whose normalised values are equal; P = correct /
predicted, R = correct / gold (TempEval-3's "value F1", the figure HeidelTime's
77.6 is).

Our table holds what the spec asks for, which differs from TimeML in places:
spans exclude a leading preposition ("on Monday" -> "Monday", as TimeML does
too); bare "the past"/"the year" are not found; times of day are only resolved
as "YYYY-MM-DDThh:mm" next to a day.

Published anchor: HeidelTime, TempEval-3 (platinum test set), value F1 77.6.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract.context import DocContext  # noqa: E402
from pipeline.extract.dates import extract_dates  # noqa: E402
from pipeline.nlp import get_nlp  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "benchmarks" / "timebank-aquaint"
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Timex:
    start: int
    end: int
    text: str
    value: str


def read_tml(path: Path) -> tuple[str, date, list[Timex]]:
    """Plain text of <TEXT>, the DCT, and the gold TIMEX3 expressions (offsets into the plain text)."""
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r"<DCT>.*?value=\"(\d{4})-?(\d\d)-?(\d\d)", raw, re.S)
    if not dct_m:
        raise ValueError(f"{path.name}: no DCT")
    dct = date(int(dct_m.group(1)), int(dct_m.group(2)), int(dct_m.group(3)))
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    out: list[str] = []
    length = 0
    gold: list[Timex] = []
    open_timex: tuple[int, str] | None = None
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(attrs)).get("value", ""))
        elif open_timex is not None:
            start, value = open_timex
            text = "".join(out)[start:length]
            gold.append(Timex(start, length, text, value))
            open_timex = None
    out.append(html.unescape(body[pos:]))
    return "".join(out), dct, gold


def pair(gold: list[Timex], pred: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping expressions, largest overlap first."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = min(g.end, p.end) - max(g.start, p.start)
            if ov > 0:
                cands.append((ov, gi, pi))
    cands.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gold[gi], pred[pi]))
    return out


def prf(hits: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    return 100 * p, 100 * r, (200 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--details", type=int, default=0, help="print up to N misses, spurious and wrong values")
    args = ap.parse_args()
    files = sorted(args.folder.glob("*.tml"))
    if not files:
        raise SystemExit(f"no .tml files under {args.folder} (is ../shared present?)")
    nlp = get_nlp()
    n_gold = n_pred = relaxed = strict = value = 0
    notes: list[str] = []
    for path in files:
        text, dct, gold = read_tml(path)
        doc = nlp(text)
        rows, _ = extract_dates(DocContext.build(doc, dct))
        pred = [Timex(r["start"], r["end"], r["text"], r["value"] or "") for r in rows]
        pairs = pair(gold, pred)
        n_gold += len(gold)
        n_pred += len(pred)
        relaxed += len(pairs)
        strict += sum(1 for g, p in pairs if (g.start, g.end) == (p.start, p.end))
        good = [(g, p) for g, p in pairs if g.value.upper() == p.value.upper()]
        value += len(good)
        paired_g = {id(g) for g, _ in pairs}
        paired_p = {id(p) for _, p in pairs}
        notes += [f"  missed   {path.name}: {g.text!r} {g.value}" for g in gold if id(g) not in paired_g]
        notes += [f"  spurious {path.name}: {p.text!r} {p.value}" for p in pred if id(p) not in paired_p]
        notes += [f"  value    {path.name}: {g.text!r} gold {g.value} vs {p.value} ({p.text!r})" for g, p in pairs if (g, p) not in good]
    print(f"{len(files)} documents, {n_gold} gold TIMEX3, {n_pred} predicted")
    for name, hits in (("strict span", strict), ("relaxed span", relaxed), ("value", value)):
        p, r, f = prf(hits, n_pred, n_gold)
        print(f"  {name:<13} P {p:5.1f}  R {r:5.1f}  F1 {f:5.1f}")
    for line in notes[: args.details]:
        print(line)


if __name__ == "__main__":
    main()
