"""A spaCy component that sets ``token.lemma_`` from Stanza's Latvian lemmatizer.

The lemmatizer is the one `lvpress train-lemma` writes to models/lv_stanza_lemma/: a dictionary
of the word forms seen in the UD treebank plus a character seq2seq for the others, keyed by
word form and UPOS. It runs as a Stanza pipeline of the lemma processor alone, loaded from the
model file with no download. The UPOS it reads is the CNN morphologizer's for the forms seen in
training (the forms of its dictionary), and for the others the accurate model's
(``token._.upos``, from the UPOS head on its encoder, `lvpress train-upos`) where that is set:
the component goes after both (and after the CNN's lemmatizer, whose lemmas it replaces).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Token

from .train_lemma import MODEL_FILE

KEEP_POS = ("DET", "PRON")


def shipped_lemma_path() -> Path:
    """The lemmatizer `lvpress train-lemma` writes, shipped beside the spaCy pipeline."""
    from importlib.resources import files

    return Path(str(files("lvpress_models"))) / "lv_stanza_lemma" / MODEL_FILE


def load_stanza_lemmatizer(model_path: Path):
    """A Stanza pipeline that lemmatises pretokenised, POS-tagged words read from ``model_path``.

    Its resource index is the empty one `lvpress train-lemma` writes beside the model, so Stanza
    knows no Latvian packages to fetch: the lemma processor alone loads, from the file given."""
    import stanza

    if not Path(model_path).is_file():
        raise FileNotFoundError(f"no Stanza lemmatizer at {model_path} (train it with `lvpress train-lemma`)")
    return stanza.Pipeline(lang="lv", dir=str(Path(model_path).parent), processors="lemma",
                           lemma_model_path=str(model_path), lemma_pretagged=True,
                           tokenize_pretokenized=True, download_method=None, allow_unknown_language=True,
                           device="cpu", logging_level="ERROR")


SENTENCE_ENDS = frozenset(".!?…")


def copied_name(token: Token, upos: str, lemma: str) -> bool:
    """Stanza's lemma of a proper name is the name as written while the CNN lemmatises it to
    another capitalised word ("Olimpa": Stanza "Olimpa", the CNN "Olimps"): on a name it never
    saw, Stanza copies the form it cannot analyse, which says nothing of its nominative, so the
    CNN's lemma stays."""
    return upos == "PROPN" and lemma == token.text and token.lemma_[:1].isupper() and token.lemma_ != lemma


def cnn_name(token: Token, encoder_upos: str) -> bool:
    """Whether the CNN's PROPN outweighs the encoder's NOUN: on a capitalised word inside a
    sentence the CNN reads the capital as a name's, while the encoder's head, which weighs the
    word's ending, can take a foreign place name (Postavi) for a common noun and Stanza then
    lemmatises it as one (postave). On UD unseen forms the CNN is the one right more often."""
    if token.pos_ != "PROPN" or encoder_upos != "NOUN" or not token.text[:1].isupper():
        return False
    previous = token.nbor(-1) if token.i > 0 else None
    return previous is not None and not previous.is_space and previous.text not in SENTENCE_ENDS


class StanzaLemmatizer:
    """Replaces each token's lemma by Stanza's, read from the token's form and UPOS.

    Stanza's lemmatizer reads each word alone (its dictionary and seq2seq see the form and
    UPOS, never the sentence), so each distinct (form, UPOS) pair is lemmatised once and
    remembered: a press corpus repeats most of its words. Words whose UPOS is in ``keep_pos``
    keep the CNN's lemma: determiners and pronouns (tā: tas or tā?) depend on their context,
    which the CNN reads and Stanza does not."""

    def __init__(self, model_path: str | Path, batch_size: int = 256, memory: int = 200_000,
                 keep_pos: Iterable[str] = KEEP_POS):
        import torch

        # One thread: parallelism comes from --workers, one process per core.
        torch.set_num_threads(1)
        self.model_path = Path(model_path) if model_path else shipped_lemma_path()
        self.batch_size = batch_size
        self.memory = memory  # remembered pairs at most; forgotten all at once when full
        self.keep_pos = frozenset(keep_pos)
        self.stanza = load_stanza_lemmatizer(self.model_path)
        self.known: dict[tuple[str, str], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= (batch_size or self.batch_size):
                yield from self._lemmatise(batch)
                batch = []
        if batch:
            yield from self._lemmatise(batch)

    def lemmas(self, pairs: Iterable[tuple[str, str]]) -> list[str]:
        """Stanza's lemma of each (form, UPOS) pair; new pairs go to Stanza in one call."""
        from stanza.models.common.doc import Document

        pairs = list(pairs)
        new = list(dict.fromkeys(p for p in pairs if p not in self.known))
        if new and len(self.known) + len(new) > self.memory:
            self.known.clear()
            new = list(dict.fromkeys(pairs))
        if new:
            words = [{"id": i + 1, "text": form, "upos": upos} for i, (form, upos) in enumerate(new)]
            result = self.stanza(Document([words])).sentences[0].words
            self.known.update((p, w.lemma or p[0]) for p, w in zip(new, result))
        return [self.known[p] for p in pairs]

    def seen(self, forms: list[str]) -> list[bool]:
        """Whether each form, as written or in lower case, is in the dictionary of the forms
        seen in training (a form found there under any UPOS skips the seq2seq)."""
        trainer = self.stanza.processors["lemma"].trainer
        exact = trainer.skip_seq2seq([(f, "X") for f in forms])
        lower = trainer.skip_seq2seq([(f.lower(), "X") for f in forms])
        return [a or b for a, b in zip(exact, lower)]

    def read_upos(self, tokens: list[Token]) -> list[str]:
        """The UPOS each token is lemmatised with: the CNN's on forms seen in training, which it
        learnt, and the encoder's on the others where the accurate model set one (on the UD dev
        set the encoder's UPOS is right on 0.89 of the unseen forms, the CNN's on 0.82), except
        on names the CNN recognises (cnn_name)."""
        encoder = [t._.upos for t in tokens] if Token.has_extension("upos") else [""] * len(tokens)
        seen = self.seen([t.text for t in tokens])
        return [(t.pos_ if known or cnn_name(t, upos) else upos or t.pos_) or "X"
                for t, upos, known in zip(tokens, encoder, seen)]

    def _lemmatise(self, docs: list[Doc]) -> list[Doc]:
        tokens = [t for d in docs for t in d]
        pairs = [(t, upos) for t, upos in zip(tokens, self.read_upos(tokens)) if upos not in self.keep_pos]
        for (token, upos), lemma in zip(pairs, self.lemmas((t.text, upos) for t, upos in pairs)):
            if not copied_name(token, upos, lemma):
                token.lemma_ = lemma
        return docs


@Language.factory("lvpress_stanza_lemma",
                  default_config={"model_path": "", "batch_size": 256, "keep_pos": list(KEEP_POS)},
                  assigns=["token.lemma"], requires=["token.pos"])
def make_stanza_lemma(nlp: Language, name: str, model_path: str, batch_size: int,
                      keep_pos: list[str]) -> StanzaLemmatizer:
    """``model_path`` empty: the shipped models/lv_stanza_lemma/ file."""
    return StanzaLemmatizer(model_path, batch_size, keep_pos=keep_pos)
