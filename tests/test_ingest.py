import json

import pytest

from pipeline.ingest.ingest import decode, read_documents

LV = "Projekta „SocQuality” kopējais budžets ir 791 256,20 eiro. Kretingā notika sanāksme; Rokišķu un Jonišķu pašvaldības, Ģintermuiža."


@pytest.mark.parametrize("encoding,prefix,expected", [
    ("utf-8", b"", "utf-8"),
    ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
    ("utf-16", b"", "utf-16"),  # Python writes a BOM
    ("cp1257", b"", "windows-1257"),
    ("iso8859_13", b"", "iso-8859-13"),
])
def test_encodings_decode_to_the_same_text(encoding, prefix, expected):
    raw = prefix + LV.encode(encoding)
    text, enc = decode(raw)
    assert text == LV
    assert enc == expected


def test_windows_1257_quotes_pick_windows_1257():
    text = "„Sociālais atbalsts” – projekts Iecavā."
    decoded, enc = decode(text.encode("cp1257"))
    assert (decoded, enc) == (text, "windows-1257")


def test_folder_with_bad_files_keeps_going(tmp_path):
    (tmp_path / "a.txt").write_text("Rīgā notika sanāksme.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_bytes("Aucē ir dienas centrs.".encode("cp1257"))
    (tmp_path / "empty.txt").write_bytes(b"   \n")
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "page.html").write_text("<html><body><nav>Lapas karte</nav><p>Projekts <b>LLI-317</b> sākas."
                                        "</p><script>var a=1;</script></body></html>", encoding="utf-8")
    skipped = []
    docs = {d.source: d for d in read_documents(tmp_path, max_chars=1000, skipped=skipped)}
    assert docs["a.txt"].status == "ok" and docs["a.txt"].text == "Rīgā notika sanāksme."
    assert docs["sub/b.txt"].text == "Aucē ir dienas centrs." and docs["sub/b.txt"].encoding == "windows-1257"
    assert docs["empty.txt"].status == "error" and "empty" in docs["empty.txt"].error
    assert docs["scan.txt"].status == "error" and "PDF" in docs["scan.txt"].error
    assert "photo.png" not in docs
    assert [(s.source, s.reason.split(":")[0]) for s in skipped] == [("photo.png", "file type '.png' is not read")]
    page = docs["page.html"]
    assert page.fmt == "html" and "Projekts LLI-317 sākas." in page.text and "var a" not in page.text


def test_jsonl_records_and_broken_lines(tmp_path):
    lines = [json.dumps({"id": "r1", "text": "Jelgavā notika seminārs.", "published": "2019-02-05"}, ensure_ascii=False),
             "{not json",
             json.dumps({"id": "r3", "title": "bez teksta"}),
             "",
             json.dumps({"id": "r5", "text": "Otrs raksts par Aucei."}, ensure_ascii=False)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines), encoding="utf-8")
    docs = list(read_documents(tmp_path / "in.jsonl", max_chars=1000))
    assert [(d.source, d.status) for d in docs] == [
        ("in.jsonl#r1", "ok"), ("in.jsonl:2", "error"), ("in.jsonl:3", "error"), ("in.jsonl#r5", "ok")]
    assert "line 2: invalid JSON" in docs[1].error
    assert 'line 3: a record needs a string "text" field' in docs[2].error
    assert docs[0].meta["published"] == "2019-02-05"


def test_size_limit_is_a_clear_error(tmp_path):
    (tmp_path / "big.txt").write_text("Rīga. " * 100, encoding="utf-8")
    (doc,) = read_documents(tmp_path, max_chars=50)
    assert doc.status == "error" and "over the limit of 50" in doc.error and "--max-chars" in doc.error


def test_doc_id_is_the_sha256_prefix_of_the_raw_bytes(tmp_path):
    import hashlib

    raw = "Aucē.".encode("utf-8")
    (tmp_path / "a.txt").write_bytes(raw)
    (doc,) = read_documents(tmp_path, max_chars=100)
    assert doc.doc_id == hashlib.sha256(raw).hexdigest()[:16]


def test_html_publication_date_from_the_markup(tmp_path):
    from pipeline.rules.published import detect_published
    from pipeline.rules.segment import segment

    (tmp_path / "p.html").write_text(
        '<html><head><meta property="article:published_time" content="2021-03-04T10:00:00+02:00">'
        "<title>Jauns projekts</title></head><body><h1>Jauns projekts</h1><p>Rīgā sāk darbu.</p></body></html>",
        encoding="utf-8")
    (doc,) = read_documents(tmp_path, max_chars=10_000)
    assert doc.fmt == "html" and doc.meta["published"].startswith("2021-03-04")
    assert detect_published(doc, segment(doc.doc_id, doc.text)) == "2021-03-04"
