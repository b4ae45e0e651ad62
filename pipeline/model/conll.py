"""Read FullStack NER CoNLL and UD CoNLL-U files into spaCy Docs, keeping the gold tokenisation.

Both formats share the first six columns (ID FORM LEMMA UPOS XPOS FEATS). The NER format then
has NER-outer/NER-inner BIO columns; we keep the outer layer as ``doc.ents``. UD docs carry no
entity layer, so their entity annotation is left *missing* (``ent_iob == 0``) rather than set
to "O": otherwise the NER would learn that every name in the treebank is not an entity.

The UD fullstack layer and the NER files are the same corpus (same ``sent_id``), so
:func:`merge_sentences` joins them into one Doc per sentence instead of training on each
sentence twice.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

log = logging.getLogger(__name__)


@dataclass
class GoldSentence:
    """One gold sentence; ``ner`` is None when the source has no entity layer."""

    sent_id: str
    words: list[str]
    spaces: list[bool]
    lemmas: list[str]
    upos: list[str]
    xpos: list[str]
    feats: list[str]
    ner: list[str] | None = None
    text: str | None = None
    meta: dict = field(default_factory=dict)


def _none_if_blank(value: str) -> str:
    return "" if value == "_" else value


def _spaces_from_text(words: list[str], text: str | None) -> list[bool]:
    """Recover SpaceAfter from ``# text`` (the NER files have no MISC column)."""
    if not text:
        return [True] * len(words)
    spaces: list[bool] = []
    pos = 0
    for word in words:
        idx = text.find(word, pos)
        if idx < 0:  # text and tokens disagree; fall back to a space
            spaces.append(True)
            continue
        end = idx + len(word)
        spaces.append(end < len(text) and text[end].isspace())
        pos = end
    if spaces:
        spaces[-1] = False
    return spaces


def read_sentences(path: str | Path, fmt: str | None = None) -> Iterator[GoldSentence]:
    """Yield sentences from a FullStack NER ``.conll`` (fmt="ner") or ``.conllu`` (fmt="ud") file.

    Multi-word token ranges and empty nodes of CoNLL-U are skipped (Latvian has none in LVTB,
    but other files may). The format is guessed from the suffix when ``fmt`` is None.
    """
    path = Path(path)
    if fmt is None:
        fmt = "ud" if path.suffix == ".conllu" else "ner"
    comments: dict[str, str] = {}
    rows: list[list[str]] = []

    def flush() -> GoldSentence | None:
        if not rows:
            return None
        words = [r[1] for r in rows]
        if fmt == "ud":
            spaces = ["SpaceAfter=No" not in (r[9] if len(r) > 9 else "") for r in rows]
            ner = None
        else:
            spaces = _spaces_from_text(words, comments.get("text"))
            ner = [r[6] if len(r) > 6 and r[6] not in ("", "_") else "O" for r in rows]
        return GoldSentence(
            sent_id=comments.get("sent_id", ""),
            words=words,
            spaces=spaces,
            lemmas=[_none_if_blank(r[2]) for r in rows],
            upos=[_none_if_blank(r[3]) for r in rows],
            xpos=[_none_if_blank(r[4]) for r in rows],
            feats=[_none_if_blank(r[5]) for r in rows],
            ner=ner,
            text=comments.get("text"),
        )

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                sent = flush()
                if sent is not None:
                    yield sent
                rows, comments = [], {}
                continue
            if line.startswith("#"):
                key, sep, value = line[1:].partition("=")
                if sep:
                    comments[key.strip()] = value.strip()
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            rows.append(cols)
    sent = flush()
    if sent is not None:
        yield sent


def merge_sentences(ud: Iterable[GoldSentence], ner: Iterable[GoldSentence]) -> list[GoldSentence]:
    """Join UD and NER sentences by ``sent_id``: UD layers plus NER ents where both exist.

    Sentences whose tokens differ between the two files are kept separately (the NER copy with
    its entities, the UD copy without), so nothing is lost. NER-only sentences are appended.
    """
    ner_by_id = {s.sent_id: s for s in ner}
    used: set[str] = set()
    out: list[GoldSentence] = []
    mismatched = 0
    for s in ud:
        other = ner_by_id.get(s.sent_id)
        if other is not None and other.words == s.words:
            s.ner = other.ner
            used.add(s.sent_id)
        elif other is not None:
            mismatched += 1
        out.append(s)
    out.extend(s for sid, s in ner_by_id.items() if sid not in used)
    if mismatched:
        log.info("%d sentences tokenised differently in UD and NER files", mismatched)
    return out


def sentence_to_doc(vocab, sent: GoldSentence):
    """Build a gold Doc. Entities are missing (not "O") when ``sent.ner`` is None."""
    from spacy.tokens import Doc

    ents = None
    if sent.ner is not None:
        ents = [_fix_bio(sent.ner, i) for i in range(len(sent.ner))]
    return Doc(
        vocab,
        words=sent.words,
        spaces=sent.spaces,
        lemmas=sent.lemmas,
        pos=[p or None for p in sent.upos] if any(sent.upos) else None,
        tags=sent.xpos,
        morphs=sent.feats,
        sent_starts=[True] + [False] * (len(sent.words) - 1),
        ents=ents,
    )


def _fix_bio(tags: list[str], i: int) -> str:
    """Turn an I- tag that does not continue a same-label entity into B- (spaCy rejects it)."""
    tag = tags[i]
    if tag.startswith("I-"):
        prev = tags[i - 1] if i else "O"
        if prev[2:] != tag[2:] or prev == "O":
            return "B-" + tag[2:]
    return tag


def docs_from_files(vocab, ud_path=None, ner_path=None, limit: int | None = None) -> list:
    """Docs for a (UD, NER) pair of files of the same corpus split; either may be None."""
    ud = list(read_sentences(ud_path, "ud")) if ud_path else []
    ner = list(read_sentences(ner_path, "ner")) if ner_path else []
    sents = merge_sentences(ud, ner) if ud and ner else (ud or ner)
    if limit:
        sents = sents[:limit]
    return [sentence_to_doc(vocab, s) for s in sents]


def write_docbin(docs, path: str | Path) -> int:
    """Save Docs to a ``.spacy`` file; returns the number of docs."""
    from spacy.tokens import DocBin

    db = DocBin(store_user_data=False)
    n = 0
    for doc in docs:
        db.add(doc)
        n += 1
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return n


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) spans from BIO tags; a stray I- opens a new entity (as in training)."""
    spans = []
    start, label = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag.startswith("I-") and label == tag[2:]:
            continue
        if label is not None:
            spans.append((start, i, label))
            start, label = None, None
        if tag.startswith(("B-", "I-")):
            start, label = i, tag[2:]
    return spans
