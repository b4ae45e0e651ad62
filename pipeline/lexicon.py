"""Latvian words and patterns that segmentation, the tokenizer and the rules share."""
from __future__ import annotations

import regex as re

CAPITAL_NEXT = re.compile(r"\s+\p{Lu}")  # the next word is capitalised: a name goes on
