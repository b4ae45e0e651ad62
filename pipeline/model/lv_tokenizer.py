"""Latvian tokenizer matching the FullStack/LVTB gold tokenisation, registered for spaCy.

spaCy's default rules split the dot off every number and abbreviation, but in Latvian a dot
after a number marks an ordinal (``2019. gadā``, ``15.-16. maijā``) and the treebank keeps it on
the token; common abbreviations (``u.c.``, ``t.sk.``, ``plkst.``) are one token; and press
releases glue initials to surnames (``I.Laizāne``), which the gold splits into ``I.`` + ``Laizāne``.

A number's dot is only a sentence end when the next word is capitalised or nothing follows,
which a spaCy Tokenizer cannot see (it works on one whitespace-delimited chunk at a time), so
:class:`LatvianTokenizer` wraps a spaCy Tokenizer and splits ``2019.`` → ``2019`` + ``.`` in a
second pass with the next token in view.

Registered as ``lvpress.LatvianTokenizer.v1`` in ``@tokenizers`` and exposed through the
``spacy_tokenizers`` entry point, so ``spacy.load("models/lv_lvpress")`` finds it after
``pip install``.
"""
from __future__ import annotations

import re

from ..lexicon import TOKEN_ABBREVIATIONS

TOKENIZER_NAME = "lvpress.LatvianTokenizer.v1"

UPPER = "A-ZĀČĒĢĪĶĻŅŠŪŽ"
LOWER = "a-zāčēģīķļņšūž"

_ORDINAL = re.compile(r"^\d+\.$")
_GLUED_INITIAL = re.compile(rf"^((?:[{UPPER}]\.)+)([{UPPER}][{LOWER}].*)$")
# "2019.gada", "1.jūlijā": the URL matcher takes these for host names, so split them here
_GLUED_ORDINAL = re.compile(rf"^(\d+\.)([{LOWER}]+)$")
# "19.00." / "2,5." at a sentence end: keep the number, split the final dot
_NUMBER_DOT = re.compile(r"^(\d+[.,:]\d+)\.$")
# "plkst.14.40", "Nr.5": abbreviation glued to a number
_GLUED_ABBR = re.compile(r"^(plkst\.|Plkst\.|Nr\.|nr\.|tālr\.|Tālr\.)(\d.*)$")
_STARTS_LOWER = re.compile(rf"^[{LOWER}0-9\-–—(,;:%]")


def _build_base(nlp):
    """A spaCy Tokenizer with Latvian affix rules: no dot split after digits or in abbreviations."""
    from spacy.lang.char_classes import ALPHA, ALPHA_LOWER, HYPHENS
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    defaults = nlp.Defaults
    suffixes = []
    for rule in defaults.suffixes or []:
        # the default "dot after digit / lower-case letter" rule; re-add it without digits
        if rule.endswith(r"\.") and "0-9" in rule:
            rule = rule.replace("0-9", "")
        suffixes.append(rule)
    # "Hēra- Zeva sieva": a dash hanging on a word is punctuation
    suffixes.append(r"(?<=[" + ALPHA + r"])[\-–—‒]")
    # a digit's trailing dot stays attached (ordinal); a dot after letters still splits
    # hyphenated words stay whole in the treebank ("e-pasts", "Vīķe-Freiberga")
    infixes = [r for r in defaults.infixes or [] if "(?:" + HYPHENS + ")" not in r] + [
        # ordinal glued to a word or a range: "2012.gadam", "15.-16."
        r"(?<=[0-9]\.)(?=[" + ALPHA_LOWER + r"])",
        r"(?<=[0-9]\.)[\-–—](?=[0-9])",
        r"(?<=[0-9])[–—‒](?=[0-9])",  # "400‒500"
    ]
    tok = Tokenizer(
        nlp.vocab,
        rules=dict(defaults.tokenizer_exceptions or {}),
        prefix_search=compile_prefix_regex(defaults.prefixes).search,
        suffix_search=compile_suffix_regex(suffixes).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )
    from spacy.symbols import ORTH

    for abbr in TOKEN_ABBREVIATIONS:
        for form in {abbr, abbr[:1].upper() + abbr[1:]}:
            tok.add_special_case(form, [{ORTH: form}])
    for form in ("?!", "!?"):
        tok.add_special_case(form, [{ORTH: form}])
    return tok


class LatvianTokenizer:
    """spaCy Tokenizer plus a context pass for ordinals and glued initials."""

    def __init__(self, nlp):
        self.vocab = nlp.vocab
        self.base = _build_base(nlp)

    def __call__(self, text: str):
        from spacy.tokens import Doc

        doc = self.base(text)
        words: list[str] = []
        spaces: list[bool] = []
        changed = False
        for i, tok in enumerate(doc):
            w, space = tok.text, bool(tok.whitespace_)
            parts = self._split(w, doc[i + 1].text if i + 1 < len(doc) else "")
            if parts is None:
                words.append(w)
                spaces.append(space)
                continue
            changed = True
            words.extend(parts)
            spaces.extend([False] * (len(parts) - 1) + [space])
        if not changed:
            return doc
        return Doc(self.vocab, words=words, spaces=spaces)

    @staticmethod
    def _split(w: str, nxt: str) -> list[str] | None:
        """Sub-tokens for one token given the next token's text, or None to keep it."""
        if "@" in w or "/" in w:
            return None
        m = _GLUED_INITIAL.match(w)
        if m:  # "I.Laizāne" -> "I." + "Laizāne"; "A.B.Kalniņš" -> "A." "B." "Kalniņš"
            return [x + "." for x in m.group(1).split(".")[:-1]] + [m.group(2)]
        m = _GLUED_ABBR.match(w)
        if m:
            rest = LatvianTokenizer._split(m.group(2), nxt)
            return [m.group(1)] + (rest or [m.group(2)])
        m = _GLUED_ORDINAL.match(w)
        if m:
            return [m.group(1), m.group(2)]
        m = _NUMBER_DOT.match(w)
        if m:
            return [m.group(1), "."]
        if _ORDINAL.match(w) and (not nxt or not _STARTS_LOWER.match(nxt)):
            # "... 2019. Tas" or text end: the dot ends the sentence
            return [w[:-1], "."]
        return None

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def explain(self, text: str):
        return self.base.explain(text)

    # serialisation: rules live in code, but keep spaCy's tokenizer file for inspection
    def to_bytes(self, **kwargs) -> bytes:
        return self.base.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs):
        self.base.from_bytes(data, **kwargs)
        return self

    def to_disk(self, path, **kwargs) -> None:
        self.base.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs):
        self.base.from_disk(path, **kwargs)
        return self


def create_tokenizer():
    """Factory for ``[nlp.tokenizer] @tokenizers = "lvpress.LatvianTokenizer.v1"``."""

    def make(nlp):
        return LatvianTokenizer(nlp)

    return make


def register() -> None:
    """Register the factory in spaCy's registry (idempotent; the entry point does the same)."""
    from spacy.util import registry

    if TOKENIZER_NAME not in registry.tokenizers.get_all():
        registry.tokenizers.register(TOKENIZER_NAME, func=create_tokenizer)
