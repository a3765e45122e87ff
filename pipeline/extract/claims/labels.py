"""Named sets of dependency labels, tags and marks the rules share (as textacy names its own).

A rule says ``dep_ in SUBJECT_DEPS`` rather than spelling the labels out, so
one place says what counts as a subject, a clause or a boundary.
"""

from __future__ import annotations

import re

from spacy.lang.en import English




BOUNDARY = frozenset({",", ";", ":", "—", "–", "--", "-"})


DASHES = frozenset({"-", "--", "—", "–"})


DANGLING_CONJUNCTION = re.compile(r"[\s,;—–-]+(?:and|or|but)$")  # a content never ends on one


QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``"})


TRIM = " \t\n,;:—–-"


WORD = re.compile(r"\w+")


INNER_SENTENCE_END = re.compile(r"\w[.!?][\"”’']*\s+[\"“‘']?[A-Z]")  # a quotation of more than one sentence


SENTENCE_FINAL = frozenset({".", "!", "?"})  # a full stop of its own: "Mr." and "U.S." keep theirs


ABBREVIATIONS = frozenset(k for k in English.Defaults.tokenizer_exceptions if k.endswith("."))  # "Mr.", "Corp.", "Sept."


INITIALS = re.compile(r"^(?:[A-Za-z]\.)+$")  # "U.S.", "a.m."


NP_STOP = frozenset({",", "(", ")", "—", "–", "--", ";", ":", '"', "“", "”"})


CLAUSE_DEPS = frozenset({"ccomp"})


CLAUSAL_OBJECTS = frozenset({"ccomp", "xcomp", "dobj", "conj", "advcl", "parataxis"})  # what a cue says or does, not when or where


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


DESCRIPTION_DEPS = frozenset({"appos", "relcl", "acl", "prep", "amod", "npadvmod", "nummod"})


FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})  # labels of a name, even one the tagger took for another word


INHERIT_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "relcl", "acl", "prep", "pobj", "advmod"})  # "aside from saying"


SMALL_WORDS = frozenset("a an the of in on at to for and or but by with from as is".split())


DASH_AFTER = re.compile(r"[ \t]*(―|—|–|--)[ \t]*")


MIN_TURN_WORDS = 3  # a quotation shorter than this goes on no one's turn ('"Yes."', '"(CROSSTALK.)"')
