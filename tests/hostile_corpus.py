"""A folder of hostile inputs for `lvpress run`, generated on demand (never committed as files).

``build_hostile_corpus(dir)`` writes the corpus and returns what `lvpress run dir` must report
for each document, keyed by its ``source`` in documents.csv (the path relative to ``dir``,
``file.jsonl#id`` / ``file.jsonl:LINE`` for JSONL records):

    {"status": "ok" | "error",
     "reason": substring of the error column (error only),
     "encoding": the detected encoding (optional),
     "fmt": "text" | "html" (optional),
     "contains": text that must appear in some sentence of the document (optional),
     "absent": text that must appear in no sentence of the document (optional)}

Entries that cannot be made on this machine (a FIFO without os.mkfifo, unreadable files
when running as root, odd names the file system refuses) are left out of the returned dict.
"""
from __future__ import annotations

import json
import os
import random
from pathlib import Path

LV = ("Projekta LLI-317 „SocQuality” kopējais budžets ir 791 256,20 eiro, no tiem ERAF līdzfinansējums "
      "ir 672 567,77 eiro. Pieredzes apmaiņa notika 2019. gada 5.-6. februārī Jelgavā. "
      "Ģintermuižā, Kretingā un Rokišķos strādās sociālie darbinieki.")
# Prose without facts, to pad long documents (facts make the extractors' work grow fast).
FILLER = ("Sanāksmē piedalījās pašvaldību speciālisti, kuri dalījās pieredzē par sociālo pakalpojumu "
          "attīstību un sadarbību ar nevalstiskajām organizācijām. ")
MIXED = (
    "Latvija un Lietuva īsteno kopīgu projektu LLI-425.\n"
    "Projekto biudžetas – 12 000 litų, iš jų ERPF lėšos sudaro 10 200 litų.\n"
    "The total budget of the project is EUR 109 732.96, of which the ERDF covers 85 %.\n"
    "Бюджет проекта составляет 5 000 евро; встреча состоится 16 мая в Риге.\n"
    "Kopējās izmaksas – 150 787,84 lati jeb 214 550,30 EUR; līgums noslēgts 2012. gada 1. februārī.\n"
)
HTML = """<!DOCTYPE html>
<html><head><title>Projekts LLI-317</title>
<style>body { font-family: "Ļ"; } p::before { content: "STYLE-LEAK"; }</style>
<script>var leak = "SCRIPT-LEAK"; if (a < b && c > d) {}</script>
</head><body>
<!-- COMMENT-LEAK: 999 999 eiro -->
<nav>Lapas karte | Facebook | Drukāt</nav>
<h1>Projekts &bdquo;SocQuality&rdquo; s&#257;kas</h1>
<p>Kop&#x113;jais bud&zcaron;ets ir 791&nbsp;256,20&nbsp;eiro &amp; vair&#257;k.</p>
<p>Pieredzes apmai&ņa notika 2019. gada 5.-6. febru&#257;r&#299; <b>Jelgav&#257;</b>.</p>
<noscript>NOSCRIPT-LEAK</noscript><template>TEMPLATE-LEAK</template>
<p>Nepabeigts &unknownentity; teksts <i>bez aizvēršanas
</body></html>"""


def _write(root: Path, rel: str | bytes, data: bytes) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(root), rel if isinstance(rel, bytes) else rel.encode())))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def build_hostile_corpus(root: Path | str, *, huge_mb: int = 50) -> dict[str, dict]:
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    cases: dict[str, dict] = {}

    def ok(rel: str, data: bytes, key: str | None = None, **expect) -> None:
        _write(root, rel, data)
        cases[key or rel] = {"status": "ok", **expect}

    def bad(rel: str, data: bytes, reason: str, key: str | None = None) -> None:
        _write(root, rel, data)
        cases[key or rel] = {"status": "error", "reason": reason}

    # --- every supported encoding, and bytes no encoding explains
    ok("enc/utf8.txt", LV.encode("utf-8"), encoding="utf-8", contains="Ģintermuižā")
    ok("enc/utf8_bom.txt", b"\xef\xbb\xbf" + LV.encode("utf-8"), encoding="utf-8-sig", contains="Ģintermuižā")
    ok("enc/utf16le_bom.txt", b"\xff\xfe" + LV.encode("utf-16-le"), encoding="utf-16", contains="Ģintermuižā")
    ok("enc/utf16be_bom.txt", b"\xfe\xff" + LV.encode("utf-16-be"), encoding="utf-16", contains="Ģintermuižā")
    ok("enc/windows1257.txt", LV.replace("LLI-317 ", "LLI-317 – ").encode("cp1257"), encoding="windows-1257",
       contains="„SocQuality”")
    ok("enc/iso8859_13.txt", LV.encode("iso8859_13"), encoding="iso-8859-13", contains="„SocQuality”")
    bad("enc/undecodable.txt", bytes(range(0x80, 0x100)) * 4, "cannot decode")
    bad("enc/bad_utf8_after_bom.txt", b"\xef\xbb\xbfRiga \xff\xfe\xc3\x28", "utf-8-sig byte-order mark but is not valid")
    bad("enc/utf16_odd_length.txt", b"\xff\xfe" + "Rīga".encode("utf-16-le") + b"\x00", "utf-16 byte-order mark")
    bad("enc/utf16_no_bom.txt", "Rīgā notika sanāksme.".encode("utf-16-le"), "NUL bytes")

    # --- binary files named .txt
    bad("bin/scan.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF")
    bad("bin/photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06",
        "PNG")
    noise = bytearray(rng.randbytes(4096))
    noise[10] = noise[2000] = 0
    bad("bin/random.txt", b"A" + bytes(noise), "NUL bytes")
    bad("bin/archive.txt", b"PK\x03\x04\x14\x00\x00\x00" + rng.randbytes(64), "ZIP")

    # --- empty and blank
    bad("blank/empty.txt", b"", "empty file")
    bad("blank/whitespace.txt", b" \t\r\n\n  \n", "empty file")
    bad("blank/unicode_spaces.txt", "\u00a0\u2003\u3000\n\u202f\u2028".encode("utf-8"), "no text")
    bad("blank/utf16_spaces.txt", b"\xff\xfe" + "  \n ".encode("utf-16-le"), "no text")
    bad("blank/script_only.html", b"<html><head><script>var a = 1;</script></head><body>  </body></html>",
        "no text")

    # --- size: ~50 MB of Latvian sentences (refused before it is read into memory with the
    # default --max-chars), ~6 M characters (read, then refused), a 1 MB line without a newline
    sentence = (LV + " ").encode("utf-8")
    path = root / "big" / "huge.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        block = sentence * (1_000_000 // len(sentence))
        for _ in range(huge_mb):
            f.write(block)
    cases["big/huge.txt"] = {"status": "error", "reason": "over the limit of 5,000,000"}
    bad("big/six_million.txt", ("Rīga. " * 1_050_000).encode("utf-8"), "document has 6,300,000 characters")
    long_line = (FILLER * (1_000_000 // len(FILLER)) + LV + " ") * 1
    ok("long/one_line.txt", (long_line + FILLER * 2000).encode("utf-8"), contains="791 256,20 eiro")
    ok("long/mac_line_ends.txt", LV.replace(". ", ".\r").encode("utf-8") + b"\rBeigas.\r", contains="Beigas.")
    ok("long/crlf.txt", LV.replace(". ", ".\r\n").encode("utf-8"), contains="Ģintermuižā")

    # --- HTML
    ok("html/page.html", HTML.encode("utf-8"), fmt="html", contains="791\u00a0256,20\u00a0eiro & vairāk",
       absent="LEAK")
    ok("html/xhtml.html", ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
                           '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Aucē atklāts dienas centrs.</p>'
                           "</body></html>").encode("utf-8"), fmt="html", contains="Aucē atklāts dienas centrs.")
    ok("html/windows1257.htm", ('<html><head><meta charset="windows-1257"></head><body><p>„Projekts” '
                                "Ģintermuižā – 5 000 eiro.</p></body></html>").encode("cp1257"),
       fmt="html", encoding="windows-1257", contains="„Projekts” Ģintermuižā – 5 000 eiro.")
    ok("html/deep.html", ("<html><body>" + "<div><span>" * 500 + "Dziļi ligzdots teksts Rīgā."
                          + "</span></div>" * 500 + "</body></html>").encode("utf-8"),
       fmt="html", contains="Dziļi ligzdots teksts Rīgā.")
    ok("html/sniffed.txt", "<html><body><p>Teksts .txt failā, LLI-317.</p></body></html>".encode(), fmt="html",
       contains="LLI-317")
    ok("html/control_chars.html", "<html><body><p>Rīga\x01\x0b sanāksme.</p></body></html>".encode(),
       fmt="html", contains="sanāksme")

    # --- mixed languages
    ok("mixed/languages.txt", MIXED.encode("utf-8"), encoding="utf-8", contains="Бюджет проекта")

    # --- JSONL: good records, broken lines, missing/odd fields
    lines = [
        json.dumps({"id": "r1", "text": LV, "title": "Labs ieraksts"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "r3", "title": "bez teksta"}),
        json.dumps({"id": "r4", "text": 12345}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "r6", "text": ""}),
        '{"id": "r7", "text": "Rīga \\ud800 sanāksme."}',
        json.dumps({"id": "r8", "text": "Rindas\u2028atdalītājs un \u0085 NEL teksta vidū, 5 000 eiro."},
                   ensure_ascii=False),
        "",
        json.dumps({"text": "Ieraksts bez id, Aucē."}, ensure_ascii=False),
        json.dumps({"id": "r11\nx", "text": "Id ar jaunu rindu."}, ensure_ascii=False) + "\r",
        '{"id": "r12", "text": "nepabeigts',
        "null",
    ]
    _write(root, "jsonl/records.jsonl", "\n".join(lines).encode("utf-8"))
    cases.update({
        "jsonl/records.jsonl#r1": {"status": "ok", "contains": "Ģintermuižā"},
        "jsonl/records.jsonl:2": {"status": "error", "reason": "line 2: invalid JSON"},
        "jsonl/records.jsonl:3": {"status": "error", "reason": 'line 3: a record needs a string "text" field'},
        "jsonl/records.jsonl:4": {"status": "error", "reason": 'line 4: a record needs a string "text" field'},
        "jsonl/records.jsonl:5": {"status": "error", "reason": 'line 5: a record needs a string "text" field'},
        "jsonl/records.jsonl#r6": {"status": "error", "reason": "no text"},
        "jsonl/records.jsonl:7": {"status": "error", "reason": "line 7: invalid Unicode"},
        "jsonl/records.jsonl#r8": {"status": "ok", "contains": "5 000 eiro"},
        "jsonl/records.jsonl#10": {"status": "ok", "contains": "Aucē"},
        "jsonl/records.jsonl#r11\\nx": {"status": "ok", "contains": "Id ar jaunu rindu."},
        "jsonl/records.jsonl:12": {"status": "error", "reason": "line 12: invalid JSON"},
        "jsonl/records.jsonl:13": {"status": "error", "reason": 'line 13: a record needs a string "text" field'},
    })
    bad("jsonl/binary.jsonl", b"\x1f\x8b\x08\x00" + rng.randbytes(100), "gzip")
    bad("jsonl/empty.jsonl", b"", "no records")

    # --- files that cannot be read
    _write(root, "special/target.txt", "Saites mērķis: Aucē.".encode())
    cases["special/target.txt"] = {"status": "ok", "contains": "Aucē"}
    links = {
        "special/dangling.txt": ("does-not-exist.txt", "broken symbolic link"),
        "special/loop.txt": ("loop.txt", "symbolic link loop"),
        "special/loop_a.txt": ("loop_b.txt", "symbolic link loop"),
        "special/loop_b.txt": ("loop_a.txt", "symbolic link loop"),
        "special/link_to_target.txt": ("target.txt", None),
    }
    for rel, (target, reason) in links.items():
        os.symlink(target, root / rel)
        cases[rel] = {"status": "error", "reason": reason} if reason else {"status": "ok", "contains": "Aucē"}
    os.symlink("..", root / "special" / "dir_loop")  # a folder link back up: not followed, not a document
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "special" / "pipe.txt")
        cases["special/pipe.txt"] = {"status": "error", "reason": "named pipe"}
    if os.geteuid() != 0:  # root reads anything: these cannot fail for root
        _write(root, "special/unreadable.txt", b"Slepeni.").chmod(0)
        cases["special/unreadable.txt"] = {"status": "error", "reason": "Permission denied"}
        _write(root, "special/locked/inside.txt", b"Slepeni.")
        (root / "special" / "locked").chmod(0)
        cases["special/locked/"] = {"status": "error", "reason": "cannot read folder"}
    _write(root, "special/photo.png", b"\x89PNG\r\n\x1a\n")  # skipped: listed in run.json, no row

    # --- odd file names
    odd = {
        "names/ar atstarpi un  divām.txt".encode(): "names/ar atstarpi un  divām.txt",
        "names/Ģintermuižas šķūnis ŪŽĶ.txt".encode(): "names/Ģintermuižas šķūnis ŪŽĶ.txt",
        b"names/rinda\njauna.txt": "names/rinda\\njauna.txt",
        b"names/cr\rtab\tname.txt": "names/cr\\rtab\\tname.txt",
        b"names/nav-utf8-\xff\xfe.txt": "names/nav-utf8-\\xff\\xfe.txt",
        b"names/-o --help.txt": "names/-o --help.txt",
        b"names/\"quoted\", comma.txt": 'names/"quoted", comma.txt',
    }
    for raw_name, source in odd.items():
        try:
            _write(root, raw_name, f"Fails {source!r}: Aucē 2019. gada 5. februārī.".encode())
        except OSError:  # a file system that refuses the name
            continue
        cases[source] = {"status": "ok", "contains": "2019. gada 5. februārī"}
    return cases
