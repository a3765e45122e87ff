"""Claim rules on fixed parses: each veto, frame reader and sieve tested on a ``Doc`` built from
words, heads and labels, so a parser change and a rule bug are told apart (the same rules on
real text, with the real model: tests/test_claims.py).

Each parse is a table, one token a line: ``word head dep pos tag lemma`` (``head``: the index
of the head token in the sentence; the root is its own head).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.extract.actors import ActorIndex
from pipeline.extract.claims import cues, extract_claims
from pipeline.extract.claims.draft import ClaimDoc
from pipeline.extract.claims.frames import FRAME_READERS, right_content
from pipeline.extract.claims.lexicon import cue_lexicon
from pipeline.extract.context import DocContext

VOCAB = spacy.blank("en").vocab
PACKAGE = Path(__file__).resolve().parent.parent / "pipeline" / "extract" / "claims"
MAX_COMPLEXITY = 25  # issue 21: no function of the claims package over this cyclomatic complexity


def parse(table: str, glued: tuple[int, ...] = ()) -> Doc:
    """A Doc from a token table; ``glued``: tokens with no space after them."""
    rows = [line.split() for line in table.strip().splitlines()]
    words, heads, deps, pos, tags, lemmas = (list(col) for col in zip(*rows))
    spaces = [i not in glued for i in range(len(words))]
    return Doc(VOCAB, words=words, spaces=spaces, heads=[int(h) for h in heads], deps=deps, pos=pos, tags=tags, lemmas=lemmas)


def claim_doc(doc: Doc) -> ClaimDoc:
    return ClaimDoc(DocContext.build(doc), ActorIndex([], {}))


def claims(doc: Doc) -> list[dict]:
    return extract_claims(DocContext.build(doc), ActorIndex([], {}))


def brief(row: dict) -> tuple:
    return row["source"], row["cue"], row["content"], row["kind"], row["hedge"], row["rule"]


SAID_CLAUSE = """
Analysts 1 nsubj NOUN NNS analyst
said 1 ROOT VERB VBD say
prices 4 nsubj NOUN NNS price
could 4 aux AUX MD could
rise 1 ccomp VERB VB rise
. 1 punct PUNCT . .
"""

NOT_SAID = """
Analysts 3 nsubj NOUN NNS analyst
did 3 aux AUX VBD do
not 3 neg PART RB not
say 3 ROOT VERB VB say
prices 6 nsubj NOUN NNS price
would 6 aux AUX MD would
rise 3 ccomp VERB VB rise
. 3 punct PUNCT . .
"""

URGED = """
He 1 nsubj PRON PRP he
urged 1 ROOT VERB VBD urge
Congress 1 dobj PROPN NNP Congress
to 4 aux PART TO to
act 1 xcomp VERB VB act
. 1 punct PUNCT . .
"""

QUOTE_BEFORE = """
" 3 punct PUNCT `` "
Prices 3 nsubj NOUN NNS price
will 3 aux AUX MD will
rise 7 ccomp VERB VB rise
, 7 punct PUNCT , ,
" 7 punct PUNCT '' "
he 7 nsubj PRON PRP he
said 7 ROOT VERB VBD say
. 7 punct PUNCT . .
"""

ACCORDING_TO = """
Prices 2 nsubj NOUN NNS price
may 2 aux AUX MD may
rise 2 ROOT VERB VB rise
, 2 punct PUNCT , ,
according 2 prep VERB VBG accord
to 4 prep ADP IN to
analysts 5 pobj NOUN NNS analyst
. 2 punct PUNCT . .
"""

DECLINED = """
He 1 nsubj PRON PRP he
declined 1 ROOT VERB VBD decline
to 3 aux PART TO to
comment 1 xcomp VERB VB comment
. 1 punct PUNCT . .
"""

EXPECTED_TO_REPORT = """
The 1 det DET DT the
company 2 nsubjpass NOUN NN company
is 2 auxpass AUX VBZ be
expected 2 ROOT VERB VBN expect
to 5 aux PART TO to
report 3 xcomp VERB VB report
profit 5 dobj NOUN NN profit
. 3 punct PUNCT . .
"""

THE_SAID_COMPANY = """
The 2 det DET DT the
said 2 amod VERB VBN say
company 3 nsubj NOUN NN company
fell 3 ROOT VERB VBD fall
. 3 punct PUNCT . .
"""

SHOWED_UP = """
He 1 nsubj PRON PRP he
showed 1 ROOT VERB VBD show
up 1 prt ADP RP up
late 1 advmod ADV RB late
. 1 punct PUNCT . .
"""

CALLED_FOR = """
Lawmakers 1 nsubj NOUN NNS lawmaker
called 1 ROOT VERB VBD call
for 1 prep ADP IN for
a 4 det DET DT a
ban 2 pobj NOUN NN ban
. 1 punct PUNCT . .
"""

PLEDGED_TO = """
Leaders 1 nsubj NOUN NNS leader
pledged 1 ROOT VERB VBD pledge
to 3 aux PART TO to
cut 1 xcomp VERB VB cut
emissions 3 dobj NOUN NNS emission
. 1 punct PUNCT . .
"""

ACCUSED_OF = """
Officials 1 nsubj NOUN NNS official
accused 1 ROOT VERB VBD accuse
Russia 1 dobj PROPN NNP Russia
of 1 prep ADP IN of
meddling 3 pcomp VERB VBG meddle
. 1 punct PUNCT . .
"""


# --- whole rules, end to end on a fixed parse ------------------------------------------------

QUOTE_GLUED = (0, 3, 4, 7)  # '"Prices will rise," he said.'
ACCORDING_GLUED = (2, 6)  # "Prices may rise, according to analysts."

END_TO_END = [
    ("complement clause", SAID_CLAUSE, (), [("Analysts", "said", "prices could rise", "indirect", "could", "verb:clause")]),
    ("object and infinitive", URGED, (), [("He", "urged", "Congress to act", "indirect", None, "verb:object_infinitive")]),
    ("quotation before the cue", QUOTE_BEFORE, QUOTE_GLUED, [("he", "said", "Prices will rise", "direct", None, "verb:before_cue")]),
    ("according to", ACCORDING_TO, ACCORDING_GLUED, [("analysts", "according to", "Prices may rise", "indirect", "may", "according_to:before")]),
    ("prepositional object", CALLED_FOR, (), [("Lawmakers", "called for", "a ban", "indirect", None, "verb:prep_object")]),
    ("infinitive", PLEDGED_TO, (), [("Leaders", "pledged", "to cut emissions", "indirect", None, "verb:infinitive")]),
    ("object and charge", ACCUSED_OF, (), [("Officials", "accused", "Russia of meddling", "indirect", None, "verb:object_reason")]),
    ("negated cue", NOT_SAID, (), []),
    ("refusal", DECLINED, (), []),
    ("attributive participle", THE_SAID_COMPANY, (), []),
    ("cue verb in another sense", SHOWED_UP, (), []),
]


@pytest.mark.parametrize("table, glued, expected", [c[1:] for c in END_TO_END], ids=[c[0] for c in END_TO_END])
def test_rules_on_fixed_parses(table: str, glued: tuple[int, ...], expected: list[tuple]) -> None:
    assert [brief(r) for r in claims(parse(table, glued))] == expected


def test_addressee_of_an_object_infinitive_cue() -> None:
    assert claims(parse(URGED))[0]["addressee"] == "Congress"


# --- vetoes one by one -------------------------------------------------------------------------

VETOES = [
    # (veto, parse, index of the cue token, whether the veto holds)
    (cues.negated_or_attributive, NOT_SAID, 3, True),
    (cues.negated_or_attributive, THE_SAID_COMPANY, 1, True),
    (cues.negated_or_attributive, SAID_CLAUSE, 1, False),
    (cues.refusal, DECLINED, 3, True),
    (cues.refusal, SAID_CLAUSE, 1, False),
    (cues.prospect, EXPECTED_TO_REPORT, 5, True),
    (cues.followed_by_a_non_cue, SHOWED_UP, 1, True),
    (cues.followed_by_a_non_cue, SAID_CLAUSE, 1, False),
    (cues.not_in_lexicon, SAID_CLAUSE, 1, False),
]


@pytest.mark.parametrize("veto, table, i, holds", VETOES, ids=[f"{v.__name__}-{n}" for n, (v, *_) in enumerate(VETOES)])
def test_veto(veto, table: str, i: int, holds: bool) -> None:
    doc = parse(table)
    lex = cue_lexicon()
    assert bool(veto(claim_doc(doc), cues.read_cue(doc[i], lex), lex)) is holds


def test_every_veto_is_listed_once() -> None:
    vetoes = [*cues.TOKEN_VETOES, *cues.CUE_VETOES]
    assert len(vetoes) == len(set(vetoes))
    assert all(v.__doc__ for v in vetoes), "a veto says with an example what it stops"


# --- frame readers -------------------------------------------------------------------------

FRAMES = [
    # (parse, cue token, the rule of the reader that answers, content)
    (SAID_CLAUSE, 1, "clause", "prices could rise"),
    (URGED, 1, "object_infinitive", "Congress to act"),
    (CALLED_FOR, 1, "prep_object", "a ban"),
    (PLEDGED_TO, 1, "infinitive", "to cut emissions"),
    (ACCUSED_OF, 1, "object_reason", "Russia of meddling"),
]


@pytest.mark.parametrize("table, i, rule, content", FRAMES, ids=[f[2] for f in FRAMES])
def test_frame_reader(table: str, i: int, rule: str, content: str) -> None:
    doc = parse(table)
    lex = cue_lexicon()
    cue = cues.read_cue(doc[i], lex)
    found = right_content(claim_doc(doc), doc[i], cue.frames, cue.particle, lex)
    assert found is not None
    assert (found[0], doc.text[found[1][0] : found[1][1]]) == (rule, content)


def test_frame_readers_name_their_frames() -> None:
    known = {f for frames in cue_lexicon().frames.values() for f in frames}
    assert {frame for frame, _, _ in FRAME_READERS} <= known
    assert len({rule for _, rule, _ in FRAME_READERS}) == len(FRAME_READERS)


# --- the package's shape ---------------------------------------------------------------------


def test_no_function_of_the_claims_package_is_over_the_complexity_bound() -> None:
    radon = pytest.importorskip("radon.complexity", reason="radon is in the dev extras")
    over = []
    for path in sorted(PACKAGE.glob("*.py")):
        for block in radon.cc_visit(path.read_text(encoding="utf-8")):
            if block.complexity > MAX_COMPLEXITY:
                over.append(f"{path.name}:{block.lineno} {block.name} {block.complexity}")
    assert not over, f"over cyclomatic complexity {MAX_COMPLEXITY}: {over}"


def test_speakers_does_not_import_claims() -> None:
    text = (PACKAGE.parent / "speakers.py").read_text(encoding="utf-8")
    assert "claims" not in "".join(line for line in text.splitlines() if line.startswith(("from ", "import ")))
