"""Claims against PolNeAR: how well attributions (source, cue, content) are found in political news.

Usage: .venv/bin/python bench/bench_polnear.py [PATH-TO-polnear-dev] [--details N]

PolNeAR (Newell, Margolin and Ruths, LREC 2018) annotates every attribution of
84 political news articles (dev split) as brat standoff: Source, Cue and
Content spans (Content may be discontinuous), Python character offsets into
``text/``. Two articles were annotated by six annotators each: the first
annotation file (by name) is used, so every article counts once.

Each article goes through the project's reader (plain format: offsets of the
clean text map back to the file's) and the extractors claims depends on
(entities, actors), then :func:`pipeline.extract.claims.extract_claims`.

Our rows are put in PolNeAR's convention first (:func:`as_polnear`): a quotation
interrupted by its attribution ('"A," he said, "B."') is two rows of one turn in
our table (``turn_claim_id``) and one discontinuous content in PolNeAR. The
first line scores the rows as written, for comparison.

Printed figures:

* content P/R/F1 at 30% and 80% span overlap: a predicted content matches a
  gold one when their common characters are at least that share of the
  *longer* of the two (stricter than a share of the gold span alone, which
  a span covering the whole article would satisfy); one-to-one, best
  overlaps first. Also at 30% of the gold span, for comparison with
  systems scored that way.
* source and cue agreement over matched contents: the predicted source (cue)
  span overlaps the gold one. Attributions without a gold source are left
  out of the source figure.
* exact-span F1 for sources, cues and contents: a span counts once where it
  stands in the article, and two spans are equal when they cover the same
  characters after trimming whitespace, punctuation, quotation marks and a
  leading "that" (PolNeAR's contents keep the quotation marks and "that";
  ours do not). As PolNeAR marks them, a source span is the name with its
  description ("Leonid Petrov, a North Korea expert at ..."), and a cue span
  the verb group: auxiliaries, negation and adverbs before the cue and a date
  right after it ("has also said", "said Friday"); our ``source`` and ``cue``
  columns keep the name and the verb.
* quote-like P/R/F1 at 30%: the attributions the Gender Gap Tracker counts as
  quotes, on both sides: gold whose cue is a verb of saying (a fixed list,
  SPEECH_VERBS), "according to" or a transcript's colon ("PENCE: ..."), or whose content holds quotation marks;
  predicted claims that are direct or mixed quotes or whose cue is such a verb. Precision is
  over those predictions (matched to any gold attribution).

Anchors (published, on PolNeAR's *test* split or other data): a fine-tuned
BERT-CRF reaches exact-span F1 82.2 (sources), 74.9 (cues), 71.0 (contents);
the Gender Gap Tracker's rules reach quote F1 83.7 at 30% overlap and 87%
speaker accuracy on its own news set; CoreNLP's quote attributor leaves about
a quarter of news quotes without a speaker.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract.actors import extract_actors  # noqa: E402
from pipeline.extract.context import DocContext  # noqa: E402
from pipeline.extract.entities import entity_mentions  # noqa: E402
from pipeline.ingest.formats import parse_story  # noqa: E402
from pipeline.nlp import get_nlp  # noqa: E402

import pipeline.extract.claims as claims_module  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "benchmarks" / "polnear-dev"
_TRIM = " \t\n.,;:!?\"'“”‘’()[]—–-"
_SPAN = re.compile(r"(\d+) (\d+)")


@dataclass
class Attribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)


def read_ann(path: Path) -> list[Attribution]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, [(int(a), int(b)) for a, b in _SPAN.findall(offsets)])
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    out = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""), ("", []))[1]
        if not content:
            continue
        out.append(
            Attribution(
                content,
                spans.get(rel.get("Source", ""), ("", []))[1],
                spans.get(rel.get("Cue", ""), ("", []))[1],
            )
        )
    return out


def chars(spans: list[tuple[int, int]], text: str) -> set[int]:
    return {i for a, b in spans for i in range(a, b) if not text[i].isspace()}


def span_key(spans: list[tuple[int, int]], text: str) -> tuple[int, ...]:
    """The span as the positions of its non-space characters, each part (after :func:`_joined`) trimmed like
    :func:`trimmed` (a leading "that" only at the first), so two spans are equal when they cover
    the same words at the same place in the article."""
    key: list[int] = []
    for n, (a, b) in enumerate(_joined(spans, text)):
        while True:
            while a < b and (text[a] in _TRIM or text[a].isspace()):
                a += 1
            if n == 0 and text[a : a + 4].lower() == "that" and a + 4 < b and (text[a + 4].isspace() or text[a + 4] == ","):
                a += 4  # "that ..." and 'that, "..."': the complementizer, on both sides
                continue
            break
        while b > a and (text[b - 1] in _TRIM or text[b - 1].isspace()):
            b -= 1
        key.extend(i for i in range(a, b) if not text[i].isspace())
    return tuple(key)


def _joined(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Parts in order, with parts that only white space separates joined: PolNeAR's annotators
    often cut a quotation at each sentence ('"A. || B."'), which leaves the same words as one span,
    and trimming each part would drop the full stop inside."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and not text[out[-1][1] : a].strip():
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def trimmed(spans: list[tuple[int, int]], text: str) -> str:
    s = " ".join(text[a:b] for a, b in sorted(spans)).strip(_TRIM)
    s = re.sub(r"^that\s+", "", s, flags=re.I)
    return " ".join(s.split()).strip(_TRIM).lower()


def predict(text: str, path: str) -> list[dict]:
    story = parse_story(text, path)
    doc = get_nlp()(story.text)
    ctx = DocContext.build(doc, story.published, story.dateline, story.byline)
    _, actors = extract_actors(ctx, entity_mentions(ctx))
    rows = claims_module.extract_claims(ctx, actors)
    for r in rows:  # clean-text offsets -> offsets in the file
        if r.get("source_start") is not None:  # the name with its description, as PolNeAR marks a source
            r["source_phrase_end"] = story.raw_span(r["source_start"], r["source_phrase_end"])[1]
        for a, b in (("start", "end"), ("source_start", "source_end"), ("cue_start", "cue_end"), ("cue_phrase_start", "cue_phrase_end")):
            if r.get(a) is not None:
                r[a], r[b] = story.raw_span(r[a], r[b])
        r["content_spans"] = [story.raw_span(a, b) for a, b in r["content_spans"]]
    return rows


def as_polnear(rows: list[dict], text: str) -> list[dict]:
    """Our rows in PolNeAR's convention: a quotation interrupted by its attribution ('"A," he
    said, "B."') is one content there and two rows here, linked by ``turn_claim_id``. Parts of one
    turn within one paragraph become one claim of two spans, as discontinuous as PolNeAR's (quote
    paragraphs stay apart)."""
    by_id: dict[str, dict] = {}
    out: list[dict] = []
    for r in sorted(rows, key=lambda r: r["start"]):
        first = by_id.get(r.get("turn_claim_id") or "")
        if first is not None and first["end"] <= r["start"] and "\n" not in text[first["end"] : r["start"]]:
            first["spans"].extend(r["content_spans"])
            first["end"] = r["end"]
            by_id[r["claim_id"]] = first
            continue
        r = dict(r, spans=list(r["content_spans"]))
        by_id[r["claim_id"]] = r
        out.append(r)
    return out


# Verbs of saying (speech acts, not beliefs or findings), fixed here so that growing the
# extractor's cue lexicon does not move the subset it is scored on.
SPEECH_VERBS = frozenset(
    """say tell add argue warn claim insist note explain write report announce state declare predict
    estimate acknowledge admit concede deny confirm assert contend maintain stress emphasize emphasise
    complain caution reply respond retort testify tweet allege assure recall remark observe reiterate
    repeat counter boast disclose mention propose recommend demand vow promise pledge agree concur
    insinuate brag quip joke lament ask shout yell exclaim comment describe call urge accuse""".split()
)


def _speech_like(g: Attribution, text: str) -> bool:
    """A quote in the Gender Gap Tracker's sense: reported by a verb of saying (:data:`SPEECH_VERBS`,
    "according to"), quoted in quotation marks, or a transcript's turn ('"PENCE: ...', cue ":",
    whose quotation mark stands before the speaker's name, outside the content: our side counts
    these as direct quotes)."""
    content = " ".join(text[a:b] for a, b in g.content)
    if any(m in content for m in '"“”'):
        return True
    cue = " ".join(text[a:b] for a, b in g.cue)
    return cue.strip() == ":" or _speech_cue(cue)


def _speech_like_claim(p: dict) -> bool:
    """The same test on one of our claims: a quotation (direct, mixed or a continuing quote) or a
    claim reported by a verb of saying or "according to"."""
    return p.get("kind") in ("direct", "mixed") or _speech_cue(p.get("cue") or "")


def _speech_cue(cue: str) -> bool:
    """Whether a cue is "according to" or holds a verb of :data:`SPEECH_VERBS`."""
    cue = cue.lower()
    return bool(cue) and ("according to" in cue or any(t.lemma_.lower() in SPEECH_VERBS for t in _cue_doc(cue)))


_CUE_DOCS: dict[str, object] = {}


def _cue_doc(cue: str):
    if cue not in _CUE_DOCS:
        _CUE_DOCS[cue] = get_nlp()(cue)
    return _CUE_DOCS[cue]


def match(gold: list[Attribution], pred: list[dict], text: str, threshold: float, relative_to_gold: bool = False) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs whose content overlap reaches ``threshold``."""
    pairs = []
    gold_chars = [chars(g.content, text) for g in gold]
    pred_chars = [chars(p.get("spans") or [(p["start"], p["end"])], text) for p in pred]
    for gi, gc in enumerate(gold_chars):
        for pj, pc in enumerate(pred_chars):
            common = len(gc & pc)
            if not common:
                continue
            denom = len(gc) if relative_to_gold else max(len(gc), len(pc))
            ratio = common / denom if denom else 0.0
            if ratio >= threshold:
                pairs.append((ratio, gi, pj))
    pairs.sort(reverse=True)
    used_g, used_p, out = set(), set(), []
    for _, gi, pj in pairs:
        if gi not in used_g and pj not in used_p:
            used_g.add(gi)
            used_p.add(pj)
            out.append((gi, pj))
    return out


def overlaps(gold_spans: list[tuple[int, int]], start: int | None, end: int | None) -> bool:
    return start is not None and end is not None and any(a < end and start < b for a, b in gold_spans)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--details", type=int, default=0, help="print up to N misses and spurious claims")
    args = ap.parse_args()
    base = Path(args.path)
    if not (base / "text").is_dir():
        print(f"PolNeAR not found at {base}")
        return 1
    anns: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(stem, ann)  # first annotator of a multiply-annotated article
    totals: dict[str, int] = defaultdict(int)
    details: list[str] = []
    t0 = time.perf_counter()
    for stem, ann in sorted(anns.items()):
        txt = base / "text" / f"{stem}.txt"
        if not txt.is_file():
            continue
        text = txt.read_text(encoding="utf-8")
        gold = read_ann(ann)
        rows = predict(text, str(txt))
        pred = as_polnear(rows, text)
        totals["rows"] += len(rows)
        totals["rows_c30"] += len(match(gold, rows, text, 0.3))
        speech = [_speech_like(g, text) for g in gold]
        totals["speech_gold"] += sum(speech)
        pairs30 = match(gold, pred, text, 0.3)
        totals["speech_hit"] += sum(1 for gi, _ in pairs30 if speech[gi])
        pred_speech = [_speech_like_claim(p) for p in pred]
        totals["speech_pred"] += sum(pred_speech)
        totals["speech_pred_hit"] += sum(1 for _, pj in pairs30 if pred_speech[pj])
        totals["gold"] += len(gold)
        totals["pred"] += len(pred)
        totals["docs"] += 1
        for name, thr, rel in (("c30", 0.3, False), ("c80", 0.8, False), ("g30", 0.3, True)):
            pairs = match(gold, pred, text, thr, rel)
            totals[name] += len(pairs)
            if name == "c30":
                for gi, pj in pairs:
                    g, p = gold[gi], pred[pj]
                    if g.source:
                        totals["src_n"] += 1
                        totals["src_ok"] += overlaps(g.source, p.get("source_start"), p.get("source_end"))
                    else:
                        totals["no_src"] += 1
                    if g.cue:
                        totals["cue_n"] += 1
                        totals["cue_ok"] += overlaps(g.cue, p.get("cue_start"), p.get("cue_end"))
                    totals["speaker_unknown"] += p.get("source_start") is None
                matched_g = {gi for gi, _ in pairs}
                matched_p = {pj for _, pj in pairs}
                for gi, g in enumerate(gold):
                    if gi not in matched_g:
                        details.append(f"  missed   {stem}: {trimmed(g.content, text)[:110]!r}")
                for pj, p in enumerate(pred):
                    if pj not in matched_p:
                        details.append(f"  spurious {stem}: {p['source']!r} {p['cue']!r} {text[p['start']:p['end']][:100]!r}")
        # exact spans after trimming: each span counted once where it stands (a source shared by
        # several attributions is one span)
        # and again on the quote-like attributions alone (both sides), the part in our scope
        for prefix, golds, preds in (
            ("x", gold, pred),
            ("xq", [g for g, s in zip(gold, speech) if s], [p for p, s in zip(pred, pred_speech) if s]),
        ):
            for kind, gold_key, pred_key in (("content", "content", ("start", "end")), ("source", "source", ("source_start", "source_phrase_end")), ("cue", "cue", ("cue_phrase_start", "cue_phrase_end"))):
                gold_set = {span_key(getattr(g, gold_key), text) for g in golds if getattr(g, gold_key)}
                pred_set = {
                    span_key(p["spans"] if kind == "content" and "spans" in p else [(p[pred_key[0]], p[pred_key[1]])], text)
                    for p in preds
                    if p.get(pred_key[0]) is not None
                }
                gold_set.discard(())
                pred_set.discard(())
                totals[f"{prefix}_{kind}_tp"] += len(gold_set & pred_set)
                totals[f"{prefix}_{kind}_g"] += len(gold_set)
                totals[f"{prefix}_{kind}_p"] += len(pred_set)
    seconds = time.perf_counter() - t0

    g, p = totals["gold"], totals["pred"]
    print(f"PolNeAR dev: {totals['docs']} articles, {g} gold attributions, {p} predicted claims ({seconds:.0f}s)")
    print(f"{'':<34} {'P':>6} {'R':>6} {'F1':>6}")
    pr, rc, f1 = prf(totals["rows_c30"], totals["rows"], g)
    print(f"{'rows as written, 30% overlap':<34} {pr:6.3f} {rc:6.3f} {f1:6.3f}   "
          f"({totals['rows']} rows; an interrupted quote is two rows, one claim below)")
    for name, label in (("c30", "content, 30% overlap (of longer)"), ("c80", "content, 80% overlap (of longer)"), ("g30", "content, 30% of gold span")):
        pr, rc, f1 = prf(totals[name], p, g)
        print(f"{label:<34} {pr:6.3f} {rc:6.3f} {f1:6.3f}")
    for kind in ("source", "cue", "content"):
        pr, rc, f1 = prf(totals[f"x_{kind}_tp"], totals[f"x_{kind}_p"], totals[f"x_{kind}_g"])
        print(f"{'exact ' + kind + ' spans (trimmed)':<34} {pr:6.3f} {rc:6.3f} {f1:6.3f}")
    for kind in ("source", "cue", "content"):
        pr, rc, f1 = prf(totals[f"xq_{kind}_tp"], totals[f"xq_{kind}_p"], totals[f"xq_{kind}_g"])
        print(f"{'  quote-like only, ' + kind:<34} {pr:6.3f} {rc:6.3f} {f1:6.3f}")
    sg = totals["speech_gold"]
    qp_r = totals["speech_hit"] / sg if sg else 0.0
    qp = totals["speech_pred_hit"] / totals["speech_pred"] if totals["speech_pred"] else 0.0
    qf = 2 * qp * qp_r / (qp + qp_r) if qp + qp_r else 0.0
    print(f"{'quote-like, 30% (' + str(sg) + ' gold)':<34} {qp:6.3f} {qp_r:6.3f} {qf:6.3f}"
          "   (cue a verb of saying, 'according to' or a transcript's colon, or quoted words; on both sides)")
    src = totals["src_ok"] / totals["src_n"] if totals["src_n"] else 0.0
    cue = totals["cue_ok"] / totals["cue_n"] if totals["cue_n"] else 0.0
    print(f"over contents matched at 30%: source agreement {src:.3f} ({totals['src_ok']}/{totals['src_n']}), "
          f"cue agreement {cue:.3f} ({totals['cue_ok']}/{totals['cue_n']}); "
          f"no source predicted {totals['speaker_unknown']}, gold without source {totals['no_src']}")
    print("anchors: BERT-CRF exact F1 82.2 sources / 74.9 cues / 71.0 contents (PolNeAR test); "
          "Gender Gap Tracker quote F1 83.7 at 30% overlap, 87% speaker accuracy (own set); CoreNLP ~25% quotes without speaker")
    if args.details:
        print("\n".join(details[: args.details]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
