"""``wireclaims eval``: score predicted tables against gold fixtures.

Implements the matching rules of ``shared/spec/claim-tables.md``: per table,
one-to-one matching of predicted to gold rows, then precision, recall and F1
over rows and, over matched rows, the share of each checked field that agrees.

* A gold string field may be a list: any of its strings is accepted.
* A field absent or null in gold is not checked.
* ``<table>_ignore`` lists surface strings that count neither for nor against.
* A gold row with ``"optional": true`` is neither missed when absent nor
  wrong when found (its prediction is set aside; its fields are not scored).

Strings compare case-insensitively after trimming punctuation and a leading
"the". Fixtures are JSON files holding a ``"story"`` object whose ``file``
is the story's path relative to the fixture, or ``<archive>::<member>`` for a
story inside a tar archive (read once per archive for all fixtures that need it).
"""

from __future__ import annotations

import json
import math
import re
import string
import tarfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import pandas as pd

from .ingest.formats import story_id_of
from .resources import load_json
from .schema import TABLE_NAMES
from .tables import Tables

SCORED_TABLES = tuple(t for t in TABLE_NAMES if t != "stories")
_PUNCT = string.punctuation + "“”‘’–—…"
_STOP = frozenset(
    "a an the of in on at to for from by with and or but as is are was were be been being that this these those "
    "it its his her their our your my he she they we you i which who whom whose what there here than then so "
    "not no do does did has have had will would can could may might must shall should s".split()
)


# --- string comparison ---------------------------------------------------------------


def norm(value: Any) -> str:
    """Lower case, punctuation trimmed from both ends, no leading "the", single spaces."""
    if value is None:
        return ""
    s = " ".join(str(value).replace("’", "'").split()).lower().strip(_PUNCT + " ")
    if s.startswith("the "):
        s = s[4:].strip(_PUNCT + " ")
    return s


def alternatives(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [v for v in value if v is not None]
    return [value]


def tokens(text: Any) -> list[str]:
    return [t for t in re.findall(r"[\w$%]+", norm(text))]


def content_words(text: Any) -> list[str]:
    return [t for t in tokens(text) if t not in _STOP]


def mostly_found(gold: Any, pred: Any) -> bool:
    """At least half of the gold string's content words appear in the predicted one."""
    words = content_words(gold)
    if not words:
        return norm(gold) == norm(pred)
    found = set(tokens(pred))
    return sum(1 for w in words if w in found) * 2 >= len(words)


def contains_either(gold: Any, pred: Any) -> bool:
    g, p = norm(gold), norm(pred)
    return bool(g) and bool(p) and (g in p or p in g)


def _unit_synonyms() -> dict[str, str]:
    return {k: v for k, v in load_json("lexicons/eval_unit_synonyms.json")["synonyms"].items()}


def canonical_unit(unit: Any) -> str:
    u = norm(unit)
    syn = _unit_synonyms()
    if u in syn:
        return syn[u]
    if u.endswith("es") and u[:-2] in syn.values():
        return u[:-2]
    if u.endswith("s") and len(u) > 3:
        base = u[:-1]
        return syn.get(base, base)
    return u


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if not isinstance(value, (list, tuple, dict)) else False
    except (TypeError, ValueError):
        return False


def _pyval(value: Any) -> Any:
    if _is_missing(value):
        return None
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


# --- per-table rules --------------------------------------------------------------------


def _names(row: dict) -> set[str]:
    out = {norm(n) for n in alternatives(row.get("name"))}
    out |= {norm(a) for a in alternatives(row.get("aliases"))}
    out.discard("")
    return out


def _kind_ok(gold: dict, pred: dict) -> bool:
    kinds = alternatives(gold.get("kind"))
    return not kinds or norm(pred.get("kind")) in {norm(k) for k in kinds}


def _value_ok(gold: dict, pred: dict) -> bool:
    pv = pred.get("value")
    if pv is None:
        return False
    gv = gold.get("value")
    if gv is not None:
        if gold.get("low") is not None and gold.get("high") is not None and gold["low"] <= pv <= gold["high"]:
            return True
        if abs(pv - gv) <= 0.005 * max(abs(gv), 1e-9):
            return True
    for alt_value, alt_unit in gold.get("alt", []):
        if abs(pv - alt_value) <= 0.005 * max(abs(alt_value), 1e-9) and canonical_unit(pred.get("unit")) == canonical_unit(alt_unit):
            return True
    return False


def _text_overlap(gold: Any, pred: Any) -> bool:
    g, p = set(tokens(gold)), set(tokens(pred))
    return bool(g & p) or contains_either(gold, pred)


def _end_ok(gold_end: Any, pred_end: Any, pred_aliases: Iterable[str] = ()) -> bool:
    alts = alternatives(gold_end)
    if not alts:
        return True
    names = {norm(pred_end)} | {norm(a) for a in pred_aliases}
    return any(norm(a) in names for a in alts)


def _route_ok(gold: dict, pred: dict) -> bool:
    go, gd = gold.get("origin"), gold.get("destination")
    po, pd_ = pred.get("origin"), pred.get("destination")
    if po is None and pd_ is None:
        return False
    oa, da = pred.get("_origin_aliases", ()), pred.get("_destination_aliases", ())
    if _end_ok(go, po, oa) and _end_ok(gd, pd_, da):
        return True
    if gold.get("bidirectional") or pred.get("bidirectional"):
        return _end_ok(go, pd_, da) and _end_ok(gd, po, oa)
    return False


def _claim_ok(gold: dict, pred: dict) -> bool:
    gold_tokens = tokens(gold.get("content"))
    if not gold_tokens:
        return False
    pred_tokens = set(tokens(pred.get("content")))
    if sum(1 for t in gold_tokens if t in pred_tokens) * 2 < len(gold_tokens):
        return False
    sources = alternatives(gold.get("source"))
    if not sources:
        return True
    if any(contains_either(s, pred.get("source")) for s in sources):
        return True
    actor_names = pred.get("_source_names", set())
    return any(norm(s) in actor_names for s in sources)


@dataclass(frozen=True)
class Rule:
    match: Callable[[dict, dict], bool]
    fields: dict[str, Callable[[Any, Any], bool]]
    surface: Callable[[dict], list[str]]  # strings of a predicted row checked against <table>_ignore
    similarity: Callable[[dict, dict], float] = lambda g, p: 0.0  # tie-breaker among candidate pairs


def _eq(gold: Any, pred: Any) -> bool:
    return norm(gold) == norm(pred)


def _cargo(gold: Any, pred: Any) -> bool:
    pred_items = {norm(p) for p in alternatives(pred)}
    pred_words = {w for p in alternatives(pred) for w in tokens(p)}
    return any(norm(g) in pred_items or set(tokens(g)) & pred_words for g in alternatives(gold))


def _unit(gold: Any, pred: Any) -> bool:
    return canonical_unit(gold) == canonical_unit(pred)


def _status(gold: Any, pred: Any) -> bool:
    return norm(gold) == norm(pred)


RULES: dict[str, Rule] = {
    "actors": Rule(
        lambda g, p: bool(_names(g) & _names(p)) and _kind_ok(g, p),
        {"title": contains_either, "affiliation": contains_either, "country": _eq},
        lambda p: [p.get("name"), *alternatives(p.get("aliases")), p.get("text")],
        lambda g, p: float(norm(g.get("name")) == norm(p.get("name"))),
    ),
    "places": Rule(
        lambda g, p: bool(_names(g) & _names(p)),
        {"kind": _eq, "country": _eq},
        lambda p: [p.get("name"), *alternatives(p.get("aliases")), p.get("text")],
        lambda g, p: float(norm(g.get("name")) == norm(p.get("name"))),
    ),
    "quantities": Rule(
        _value_ok,
        {"unit": _unit, "qualifier": _eq, "per": _eq, "measured": mostly_found, "change": _eq},
        lambda p: [p.get("text")],
        lambda g, p: len(set(tokens(g.get("text"))) & set(tokens(p.get("text")))) + float(_unit(g.get("unit"), p.get("unit"))),
    ),
    "dates": Rule(
        lambda g, p: _text_overlap(g.get("text"), p.get("text")),
        {"value": _eq},
        lambda p: [p.get("text")],
        lambda g, p: 2.0 * float(norm(g.get("text")) == norm(p.get("text"))) + float(_eq(g.get("value"), p.get("value"))),
    ),
    "routes": Rule(
        _route_ok,
        {"mode": _eq, "kind": _eq, "status": _status, "vehicle": contains_either, "cargo": _cargo, "operator": contains_either, "frequency": contains_either},
        lambda p: [p.get("text")],
        lambda g, p: sum(float(any(_eq(a, p.get(f)) for a in alternatives(g.get(f)))) for f in ("mode", "kind"))
        + float(bool(g.get("cargo")) and _cargo(g.get("cargo"), p.get("cargo")))
        + float(any(contains_either(a, p.get("vehicle")) for a in alternatives(g.get("vehicle")))),
    ),
    "claims": Rule(
        _claim_ok,
        {"cue": _eq, "kind": _eq, "hedge": _eq, "addressee": contains_either},
        lambda p: [p.get("content"), p.get("source")],
        lambda g, p: len(set(tokens(g.get("content"))) & set(tokens(p.get("content")))) / (1 + len(set(tokens(p.get("content"))))),
    ),
    "experts": Rule(
        lambda g, p: bool({norm(n) for n in alternatives(g.get("name"))} & {norm(p.get("name"))}),
        {"title": contains_either, "affiliation": contains_either},
        lambda p: [p.get("name")],
    ),
}


def field_agrees(rule: Rule, name: str, gold_value: Any, pred_value: Any) -> bool:
    check = rule.fields[name]
    if name in ("cargo",):
        return check(gold_value, pred_value)
    return any(check(g, pred_value) for g in alternatives(gold_value))


# --- scoring -------------------------------------------------------------------------


@dataclass
class TableScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    field_hits: dict[str, int] = field(default_factory=dict)
    field_total: dict[str, int] = field(default_factory=dict)
    missed: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)
    # (field, gold value, predicted value, the gold row's brief) for --details
    disagreements: list[tuple[str, Any, Any, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if self.fn == 0 else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def agreement(self, name: str) -> float | None:
        total = self.field_total.get(name, 0)
        return self.field_hits.get(name, 0) / total if total else None

    def add(self, other: "TableScore") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        for k, v in other.field_hits.items():
            self.field_hits[k] = self.field_hits.get(k, 0) + v
        for k, v in other.field_total.items():
            self.field_total[k] = self.field_total.get(k, 0) + v
        self.missed += other.missed
        self.spurious += other.spurious
        self.disagreements += other.disagreements

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "fields": {k: round(v, 4) for k in self.field_total if (v := self.agreement(k)) is not None},
        }


def _match(gold: list[dict], pred: list[dict], rule: Rule) -> dict[int, int]:
    """Maximum one-to-one matching gold index -> pred index: the most similar pairs are taken
    first, then augmenting paths give every gold row that can still be matched a prediction."""
    candidates = []
    similarity: dict[tuple[int, int], float] = {}
    for gi, g in enumerate(gold):
        options = [pj for pj, p in enumerate(pred) if rule.match(g, p)]
        for pj in options:
            similarity[gi, pj] = rule.similarity(g, pred[pj])
        options.sort(key=lambda pj: -similarity[gi, pj])
        candidates.append(options)
    owner: dict[int, int] = {}

    def assign(gi: int, seen: set[int]) -> bool:
        for pj in candidates[gi]:
            if pj in seen:
                continue
            seen.add(pj)
            if pj not in owner or assign(owner[pj], seen):
                owner[pj] = gi
                return True
        return False

    matched: set[int] = set()
    for gi, pj in sorted(similarity, key=lambda pair: -similarity[pair]):
        if gi not in matched and pj not in owner:
            owner[pj] = gi
            matched.add(gi)
    for gi in range(len(gold)):
        if gi not in matched:
            assign(gi, set())
    return {gi: pj for pj, gi in owner.items()}


def score_table(name: str, gold_rows: list[dict], ignore: Sequence[str], pred_rows: list[dict]) -> TableScore:
    rule = RULES[name]
    ignored = {norm(s) for s in ignore}
    pred = [p for p in pred_rows if not any(norm(s) in ignored for s in rule.surface(p) if s)]
    required = [g for g in gold_rows if not g.get("optional")]
    optional = [g for g in gold_rows if g.get("optional")]
    score = TableScore()
    matched = _match(required, pred, rule)
    used = set(matched.values())
    rest = [j for j in range(len(pred)) if j not in used]
    opt_match = _match(optional, [pred[j] for j in rest], rule)
    used |= {rest[j] for j in opt_match.values()}
    score.tp = len(matched)
    score.fn = len(required) - len(matched)
    score.fp = len(pred) - len(used)
    score.missed = [g for gi, g in enumerate(required) if gi not in matched]
    score.spurious = [p for j, p in enumerate(pred) if j not in used]
    for gi, pj in matched.items():
        g, p = required[gi], pred[pj]
        for fname in rule.fields:
            gv = g.get(fname)
            if gv is None or (isinstance(gv, list) and not gv):
                continue
            score.field_total[fname] = score.field_total.get(fname, 0) + 1
            if field_agrees(rule, fname, gv, p.get(fname)):
                score.field_hits[fname] = score.field_hits.get(fname, 0) + 1
            else:
                score.disagreements.append((fname, gv, p.get(fname), _brief(g)))
    return score


# --- fixtures ------------------------------------------------------------------------


ARCHIVE_MEMBER = "::"


class _ArchiveMembers:
    """Stories inside tar archives, read in one pass per archive for every member asked for so far."""

    def __init__(self) -> None:
        self._wanted: dict[Path, set[str]] = {}
        self._texts: dict[Path, dict[str, bytes]] = {}

    def want(self, archive: Path, member: str) -> None:
        self._wanted.setdefault(archive, set()).add(member)

    def read(self, archive: Path, member: str) -> bytes:
        texts = self._texts.setdefault(archive, {})
        if member not in texts:
            self.want(archive, member)
            missing = self._wanted[archive] - texts.keys()
            with tarfile.open(archive) as tar:
                for info in tar:
                    if info.name in missing and info.isfile():
                        texts[info.name] = tar.extractfile(info).read()
            if member not in texts:
                raise FileNotFoundError(f"{member} is not a file in {archive}")
        return texts[member]


_ARCHIVES = _ArchiveMembers()


@dataclass
class Fixture:
    path: Path
    gold: dict[str, Any]

    @property
    def name(self) -> str:
        return self.path.parent.name if self.path.name == "gold.json" else self.path.stem

    @property
    def story_path(self) -> Path:
        """The story's file: the archive itself for a story inside one."""
        return (self.path.parent / self.gold["story"]["file"].split(ARCHIVE_MEMBER)[0]).resolve()

    @property
    def member(self) -> str | None:
        """The story's member name inside ``story_path`` when that is an archive."""
        parts = self.gold["story"]["file"].split(ARCHIVE_MEMBER, 1)
        return parts[1] if len(parts) == 2 else None

    @property
    def source(self) -> str:
        """The story's address as ``stories.source`` writes it (``<archive>::<member>`` inside an archive)."""
        return f"{self.story_path}{ARCHIVE_MEMBER}{self.member}" if self.member else str(self.story_path)

    def available(self) -> bool:
        return self.story_path.is_file()

    def read_story(self) -> str:
        raw = _ARCHIVES.read(self.story_path, self.member) if self.member else self.story_path.read_bytes()
        return raw.decode("utf-8-sig")

    @property
    def story_id(self) -> str:
        return story_id_of(self.read_story())


def find_fixtures(path: str | Path) -> list[Fixture]:
    """Every gold JSON file (one holding a "story" object) under ``path``."""
    p = Path(path)
    files = [p] if p.is_file() else sorted(p.rglob("*.json"))
    out = []
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        if isinstance(data, dict) and isinstance(data.get("story"), dict) and "file" in data["story"]:
            out.append(Fixture(f, data))
    for fixture in out:
        if fixture.member:
            _ARCHIVES.want(fixture.story_path, fixture.member)
    return out


def _pred_rows(tables: Tables, name: str, story_id: str) -> list[dict]:
    frame = tables[name]
    frame = frame[frame["story_id"] == story_id]
    rows = [{k: _pyval(v) for k, v in r.items()} for r in frame.to_dict("records")]
    if name == "claims":
        actors = tables.actors[tables.actors["story_id"] == story_id]
        names = {r["actor_id"]: _names({k: _pyval(v) for k, v in r.items()}) for r in actors.to_dict("records")}
        for r in rows:
            r["_source_names"] = names.get(r.get("source_actor_id"), set())
    if name == "routes":
        places = tables.places[tables.places["story_id"] == story_id]
        aliases = {r["place_id"]: [r["name"], *(_pyval(r["aliases"]) or [])] for r in places.to_dict("records")}
        for r in rows:
            r["_origin_aliases"] = aliases.get(r.get("origin_place_id"), [])
            r["_destination_aliases"] = aliases.get(r.get("destination_place_id"), [])
    return rows


@dataclass
class StoryScore:
    fixture: str
    tables: dict[str, TableScore]
    story_fields: dict[str, bool]


def score_fixture(fixture: Fixture, tables: Tables) -> StoryScore:
    sid = fixture.story_id
    out = {}
    for name in SCORED_TABLES:
        if name not in fixture.gold:
            continue
        out[name] = score_table(name, fixture.gold[name], fixture.gold.get(f"{name}_ignore", []), _pred_rows(tables, name, sid))
    return StoryScore(fixture.name, out, _story_fields(fixture, tables, sid))


def _story_fields(fixture: Fixture, tables: Tables, sid: str) -> dict[str, bool]:
    frame = tables.stories[tables.stories["story_id"] == sid]
    if frame.empty:
        return {}
    row = {k: _pyval(v) for k, v in frame.iloc[0].to_dict().items()}
    gold = fixture.gold["story"]
    out = {}
    if gold.get("published"):
        out["published"] = str(row.get("published")) == gold["published"]
    if gold.get("byline") is not None:
        out["byline"] = [norm(b) for b in gold["byline"]] == [norm(b) for b in (row.get("byline") or [])]
    if gold.get("dateline"):
        out["dateline"] = any(_eq(d, row.get("dateline")) for d in alternatives(gold["dateline"]))
    if gold.get("headline"):
        out["headline"] = _eq(gold["headline"], row.get("headline"))
    return out


@dataclass
class EvalReport:
    stories: list[StoryScore]
    skipped: list[str]

    def total(self, name: str) -> TableScore:
        t = TableScore()
        for s in self.stories:
            if name in s.tables:
                t.add(s.tables[name])
        return t

    def tables(self) -> list[str]:
        return [n for n in SCORED_TABLES if any(n in s.tables for s in self.stories)]

    def as_dict(self) -> dict[str, Any]:
        return {
            "fixtures": [s.fixture for s in self.stories],
            "skipped": self.skipped,
            "tables": {n: self.total(n).as_dict() for n in self.tables()},
            "per_fixture": {s.fixture: {n: t.as_dict() for n, t in s.tables.items()} for s in self.stories},
        }

    def text(self, details: bool = False) -> str:
        lines = [f"fixtures scored: {len(self.stories)}" + (f"; skipped (story file absent): {', '.join(self.skipped)}" if self.skipped else "")]
        lines.append(f"{'table':<11} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}  field agreement")
        for n in self.tables():
            t = self.total(n)
            fields = ", ".join(f"{k} {v:.2f}" for k in t.field_total if (v := t.agreement(k)) is not None)
            lines.append(f"{n:<11} {t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f} {t.tp:4d} {t.fp:4d} {t.fn:4d}  {fields}")
        if len(self.stories) > 1:
            lines.append("")
            lines.append("F1 per fixture: " + ", ".join(self.tables()))
            for s in self.stories:
                lines.append(f"  {s.fixture:<32} " + " ".join(f"{s.tables[n].f1:5.2f}" if n in s.tables else "   - " for n in self.tables()))
        if details:
            for n in self.tables():
                t = self.total(n)
                for g in t.missed:
                    lines.append(f"  missed   {n}: {_brief(g)}{_nearest_rule(g, t.spurious)}")
                for p in t.spurious:
                    lines.append(f"  spurious {n}: {_brief(p)}")
                for fname, gv, pv, row in t.disagreements:
                    lines.append(f"  field    {n}.{fname}: gold {gv!r} vs predicted {pv!r} ({row})")
        return "\n".join(lines)


def _brief(row: dict) -> str:
    keys = ("name", "text", "value", "unit", "origin", "destination", "source", "content", "kind", "rule")
    return "; ".join(f"{k}={str(row[k])[:70]!s}" for k in keys if row.get(k) is not None)


def _nearest_rule(gold: dict, spurious: list[dict]) -> str:
    """For a missed claim, the rule of a spurious row whose content shares most of its words (the
    rule that found the statement but got it wrong), or that no rule found it."""
    words = set(str(gold.get("content") or "").lower().split())
    if not words:
        return ""
    best, share = None, 0.5
    for p in spurious:
        other = set(str(p.get("content") or "").lower().split())
        common = len(words & other) / max(len(words), len(other), 1)
        if common >= share and p.get("rule"):
            best, share = p["rule"], common
    return f" [nearest spurious rule: {best}]" if best else " [no rule found it]"


def evaluate(fixtures_dir: str | Path, predictions: Tables | str | Path | None = None) -> EvalReport:
    """Score predictions (a run's output folder, ``Tables``, or None to run the pipeline) against fixtures."""
    fixtures = find_fixtures(fixtures_dir)
    available = [f for f in fixtures if f.available()]
    skipped = [f.name for f in fixtures if not f.available()]
    if predictions is None:
        from .core import process_stories
        from .ingest.formats import parse_story

        stories = [parse_story(f.read_story(), f.source) for f in available]
        tables = Tables.from_rows(process_stories(stories).rows)
    elif isinstance(predictions, Tables):
        tables = predictions
    else:
        from .writers import load

        tables = load(predictions)
    return EvalReport([score_fixture(f, tables) for f in available], skipped)
