"""Small PDF, .docx and .odt files made in the tests (no binary files in the repository)."""
from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape


def pdf(pages: list[list[str]]) -> bytes:
    """A PDF whose pages show these lines in Helvetica (ASCII only); a page of no lines has
    no text layer, as a scan."""
    n = len(pages)
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{' '.join(f'{4 + 2 * i} 0 R' for i in range(n))}] /Count {n} >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    for i, lines in enumerate(pages):
        shown = " ".join(f"({line}) Tj T*" for line in lines)
        content = f"BT /F1 12 Tf 14 TL 72 720 Td {shown} ET" if lines else ""
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>")
        objects.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def _zip(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    return buf.getvalue()


def docx(body_xml: str) -> bytes:
    """A .docx whose body is ``body_xml`` (w:p elements)."""
    return _zip({"[Content_Types].xml": "<Types/>", "word/document.xml":
                 '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
                 f"<w:body>{body_xml}</w:body></w:document>"})


def docx_paragraphs(*paragraphs: str) -> bytes:
    return docx("".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(p)}</w:t></w:r></w:p>" for p in paragraphs))


def odt(text_xml: str) -> bytes:
    """An .odt whose office:text holds ``text_xml`` (text:p / text:h elements)."""
    return _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml":
                 '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
                 f"<office:body><office:text>{text_xml}</office:text></office:body></office:document-content>"})
