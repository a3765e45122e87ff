"""Named sets of dependency labels, tags and marks the rules share (as textacy names its own).

A rule says ``dep_ in SUBJECT_DEPS`` rather than spelling the labels out, so
one place says what counts as a subject, a clause or a boundary.
"""

from __future__ import annotations

import re

from spacy.lang.en import English

# --- dependency labels ------------------------------------------------------------------------

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
CLAUSE_DEPS = frozenset({"ccomp"})  # a complement clause
CLAUSAL_OBJECTS = frozenset({"ccomp", "xcomp", "dobj", "conj", "advcl", "parataxis"})  # what a cue says or does, not when or where
DESCRIPTION_DEPS = frozenset({"appos", "relcl", "acl", "prep", "amod", "npadvmod", "nummod"})  # words describing a source
INHERIT_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "relcl", "acl", "prep", "pobj", "advmod"})  # "aside from saying"

# --- tags and entity labels ----------------------------------------------------------------------

FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})  # labels of a name, even one the tagger took for another word

# --- marks and words ---------------------------------------------------------------------------

BOUNDARY = frozenset({",", ";", ":", "—", "–", "--", "-"})  # what may stand between a content and its reporting clause
DASHES = frozenset({"-", "--", "—", "–"})
QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``"})
NP_STOP = frozenset({",", "(", ")", "—", "–", "--", ";", ":", '"', "“", "”"})  # a source's phrase ends at these
SENTENCE_FINAL = frozenset({".", "!", "?"})  # a full stop of its own: "Mr." and "U.S." keep theirs
ABBREVIATIONS = frozenset(k for k in English.Defaults.tokenizer_exceptions if k.endswith("."))  # "Mr.", "Corp.", "Sept."
SMALL_WORDS = frozenset("a an the of in on at to for and or but by with from as is".split())  # lower case in a title
TRIM = " \t\n,;:—–-"  # trimmed from both ends of a content
MIN_TURN_WORDS = 3  # a quotation shorter than this goes on no one's turn ('"Yes."', '"(CROSSTALK.)"')

# --- patterns ----------------------------------------------------------------------------------

WORD = re.compile(r"\w+")
DANGLING_CONJUNCTION = re.compile(r"[\s,;—–-]+(?:and|or|but)$")  # a content never ends on one
INNER_SENTENCE_END = re.compile(r"\w[.!?][\"”’']*\s+[\"“‘']?[A-Z]")  # a quotation of more than one sentence
INITIALS = re.compile(r"^(?:[A-Za-z]\.)+$")  # "U.S.", "a.m."
DASH_AFTER = re.compile(r"[ \t]*(―|—|–|--)[ \t]*")  # the dash that signs a quotation
