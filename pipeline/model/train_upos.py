"""Train a UPOS head on the accurate NER's encoder (`lvpress train-upos`).

The accurate model runs its fine-tuned e5-small layers over every sentence for the NER; the
states of its middle layers also tell the part of speech of a word, better than the CNN does on
forms it never saw (the last layers, tuned to NER labels, tell it worse). This command exposes
those layers, concatenated, as a second output of the int8 ONNX graph (``hidden``: graph
surgery with the ``onnx`` package, the weights and the ``logits`` output untouched, so the NER
stays the same), runs the graph over a UD treebank, and trains a one-hidden-layer head on the
states of each word's first and last piece and on embeddings of the word's last characters
(hashed, learnt with it) with PyTorch, keeping the epoch with the best dev accuracy. The head
goes to ``upos.npz`` beside the graph and is run with numpy (accurate_ner.UposHead), so the
pipeline needs no PyTorch for it.
Run it again after `lvpress train-ner`, which writes a graph without the extra output.
"""
from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

SEED = 1


def add_arguments(parser) -> None:
    from .train import add_ud_files

    add_ud_files(parser)
    parser.add_argument("-m", "--model-dir", default="models/lv_lvpress_accurate",
                        help="the accurate model folder: its graph gains the output, the head goes "
                             "beside it (default: %(default)s)")
    parser.add_argument("--layers", default="2,3",
                        help="encoder layers (1-based) whose states the head reads (default: %(default)s)")
    parser.add_argument("--hidden", type=int, default=256, help="the head's hidden units (default: %(default)s)")
    parser.add_argument("--suffix-dim", type=int, default=32,
                        help="size of the embedding of each of a word's last 1-4 characters "
                             "(default: %(default)s)")
    parser.add_argument("--suffix-buckets", type=int, default=4096,
                        help="hashed suffix embeddings per suffix length (default: %(default)s)")
    parser.add_argument("--epochs", type=int, default=30, help="epochs at most (default: %(default)s)")
    parser.add_argument("--patience", type=int, default=4,
                        help="stop after this many epochs without a better dev score (default: %(default)s)")
    parser.add_argument("--max-sentences", type=int, default=0,
                        help="use only the first N training and dev sentences (smoke runs)")


def layer_tensor(layer: int) -> str:
    """The graph tensor holding the output of encoder layer ``layer`` (1-based), as
    torch.onnx.export names train_ner's Tagger (its final LayerNorm)."""
    return f"/layers.{layer - 1}/oln/LayerNormalization_output_0"


def expose(model, name: str, tensors: list[str]):
    """``model`` (an onnx ModelProto) with ``tensors`` concatenated on their last axis as the
    graph output ``name``; a former output of that name, and the node making it, are replaced."""
    import onnx
    from onnx import helper

    graph = model.graph
    for node in [n for n in graph.node if name in n.output]:
        graph.node.remove(node)
    for out in [o for o in graph.output if o.name == name]:
        graph.output.remove(out)
    batch_pieces = next(o for o in graph.output if o.name == "logits").type.tensor_type.shape.dim[:2]
    graph.node.append(helper.make_node("Concat", tensors, [name], name=name, axis=-1))
    graph.output.append(helper.make_tensor_value_info(
        name, onnx.TensorProto.FLOAT, [d.dim_param or d.dim_value for d in batch_pieces] + [None]))
    onnx.checker.check_model(model)
    return model


def features(model_dir: Path, graph: bytes, sentences: list) -> np.ndarray:
    """The UPOS head's input for each word of ``sentences`` (in order), [words, features] fp16,
    from the ``hidden`` output of ``graph`` run as the pipeline runs it."""
    from .accurate_ner import HIDDEN, EncoderNER, UposHead

    ner = EncoderNER(model_dir, graph=graph)
    offsets = np.cumsum([0] + [len(s.words) for s in sentences])
    windows = [w for n, s in enumerate(sentences) for w in ner.windows(n, s.words)]
    out = None
    for batch, (states,) in ner.run(windows, [HIDDEN]):
        for b, (n, positions, pieces, firsts) in enumerate(batch):
            x = UposHead.features(states[b], firsts, len(pieces))
            if out is None:
                out = np.zeros((offsets[-1], x.shape[1]), dtype=np.float16)
            out[offsets[n] + np.asarray(positions)] = x
    return out


def head_module(n_states: int, buckets: int, suffix_dim: int, hidden: int, n_tags: int):
    """The head as PyTorch trains it: the encoder states (dropout 0.1) and the suffix embeddings
    (dropout 0.1) into Linear, ReLU, dropout 0.3, Linear."""
    from torch import cat, nn

    from .accurate_ner import SUFFIX_LENGTHS

    class Head(nn.Module):
        def __init__(self):
            super().__init__()
            self.suffixes = nn.Embedding(SUFFIX_LENGTHS * buckets, suffix_dim)
            self.first = nn.Linear(n_states + SUFFIX_LENGTHS * suffix_dim, hidden)
            self.second = nn.Linear(hidden, n_tags)
            self.states_dropout, self.suffix_dropout, self.hidden_dropout = (
                nn.Dropout(0.1), nn.Dropout(0.1), nn.Dropout(0.3))

        def forward(self, x, rows):
            x = cat([self.states_dropout(x), self.suffix_dropout(self.suffixes(rows).flatten(1))], -1)
            return self.second(self.hidden_dropout(self.first(x).relu()))

    return Head()


def fit_head(train: tuple, dev: tuple, n_tags: int, hidden: int = 256, buckets: int = 4096,
             suffix_dim: int = 32, epochs: int = 30, patience: int = 4,
             seed: int = SEED) -> tuple[dict, list[dict]]:
    """Train the head with Adam on ``train`` and ``dev``, each (encoder states, suffix rows,
    UPOS indices); returns the weights of the epoch with the best dev accuracy (numpy, as
    UposHead reads them) and the per-epoch history."""
    import torch
    from torch import nn

    torch.manual_seed(seed)
    x, rows, y = (torch.from_numpy(a) for a in (train[0].astype(np.float32), train[1], train[2]))
    dx, drows, dy = (torch.from_numpy(a) for a in (dev[0].astype(np.float32), dev[1], dev[2]))
    model = head_module(x.shape[1], buckets, suffix_dim, hidden, n_tags)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    generator = torch.Generator().manual_seed(seed)
    best, history = None, []
    for epoch in range(epochs):
        t0 = time.monotonic()
        model.train()
        for idx in torch.randperm(len(x), generator=generator).split(256):
            loss = nn.functional.cross_entropy(model(x[idx], rows[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            accuracy = (model(dx, drows).argmax(-1) == dy).float().mean().item()
        history.append({"epoch": epoch + 1, "dev_upos": round(accuracy, 4),
                        "seconds": round(time.monotonic() - t0, 1)})
        log.info("epoch %d: %s", epoch + 1, history[-1])
        if best is None or accuracy > best[0]:
            best = (accuracy, epoch, head_weights(model))
        elif epoch - best[1] >= patience:
            break
    return best[2], history


def head_weights(model) -> dict[str, np.ndarray]:
    """The head as UposHead multiplies it: [in, out] matrices, biases and the suffix table."""
    copy = lambda t: t.detach().numpy().copy()  # noqa: E731
    return {"w1": copy(model.first.weight).T, "b1": copy(model.first.bias),
            "w2": copy(model.second.weight).T, "b2": copy(model.second.bias),
            "suffixes": copy(model.suffixes.weight)}


def labelled(sentences: list, tags: list[str]) -> np.ndarray:
    """Each word's UPOS index (-1 where the file has none or one outside ``tags``)."""
    index = {t: i for i, t in enumerate(tags)}
    return np.array([index.get(u, -1) for s in sentences for u in s.upos], dtype=np.int64)


def main(args) -> int:
    import onnx
    import torch

    from .accurate_ner import HIDDEN, SUFFIX_LENGTHS, UPOS_HEAD, UposHead
    from .conll import read_sentences
    from ..config import ENCODER_GRAPH

    torch.set_num_threads(1)  # one core: the others are the workers' at run time, and training is small
    model_dir = Path(args.model_dir)
    for path in (args.train, args.dev, model_dir / ENCODER_GRAPH):
        if not Path(path).exists():
            log.error("no such file: %s (see --train, --dev, --model-dir)", path)
            return 1
    data = {}
    for split, path in (("train", args.train), ("dev", args.dev)):
        sents = list(read_sentences(path, "ud"))
        data[split] = sents[:args.max_sentences] if args.max_sentences else sents
    tags = sorted({u for s in data["train"] for u in s.upos if u})
    layers = [int(n) for n in args.layers.split(",")]
    graph = expose(onnx.load(str(model_dir / ENCODER_GRAPH)), HIDDEN, [layer_tensor(n) for n in layers])
    t0 = time.monotonic()
    xs = {split: features(model_dir, graph.SerializeToString(), sents) for split, sents in data.items()}
    log.info("encoder states of %d words in %.0f s", sum(len(x) for x in xs.values()), time.monotonic() - t0)
    ys = {split: labelled(sents, tags) for split, sents in data.items()}
    keep = {split: ys[split] >= 0 for split in ys}
    rows = {split: UposHead.suffix_rows([w for s in sents for w in s.words], args.suffix_buckets)
            for split, sents in data.items()}
    train, dev = ((xs[split][keep[split]], rows[split][keep[split]], ys[split][keep[split]])
                  for split in ("train", "dev"))
    weights, history = fit_head(train, dev, len(tags), args.hidden, args.suffix_buckets, args.suffix_dim,
                                args.epochs, args.patience)
    np.savez(model_dir / UPOS_HEAD, tags=np.array(tags), **weights)
    tmp = model_dir / (ENCODER_GRAPH + ".tmp")
    onnx.save(graph, str(tmp))
    tmp.replace(model_dir / ENCODER_GRAPH)
    meta_path = model_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["upos"] = {"layers": layers, "pieces": "first, last", "hidden": args.hidden, "tags": tags,
                    "suffixes": {"lengths": SUFFIX_LENGTHS, "buckets": args.suffix_buckets,
                                 "dim": args.suffix_dim},
                    "train_words": int(keep["train"].sum()), "dev_upos": max(h["dev_upos"] for h in history),
                    "history": history}
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"UPOS head on layers {args.layers}: dev accuracy {meta['upos']['dev_upos']:.4f} "
          f"(epoch {max(history, key=lambda h: h['dev_upos'])['epoch']} of {len(history)})")
    return 0
