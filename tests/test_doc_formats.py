import pytest

from office_files import docx, docx_paragraphs, odt, pdf
from pipeline.ingest.doc_formats import extract_text
from pipeline.ingest.ingest import IngestError


def test_pdf_text_layer_page_by_page():
    raw = pdf([["Projekta LLI-317 budzets ir 791 256,20 eiro.", "Otra rinda."], ["Otra lapa."]])
    text = "Projekta LLI-317 budzets ir 791 256,20 eiro.\nOtra rinda.\n\nOtra lapa."
    assert extract_text(raw, ".pdf") == (text, "pdf")


def test_a_pdf_without_text_layer_says_so():
    with pytest.raises(IngestError, match="PDF without a text layer .*OCR"):
        extract_text(pdf([[], []]), ".pdf")


@pytest.mark.parametrize("suffix,what", [(".pdf", "PDF"), (".docx", "Word"), (".odt", "OpenDocument")])
def test_a_broken_file_says_what_it_should_have_been(suffix, what):
    with pytest.raises(IngestError, match=f"not a readable {what}"):
        extract_text(b"tas nav dokuments", suffix)


def test_docx_paragraphs_tabs_breaks_and_no_deleted_text():
    body = ('<w:p><w:r><w:t>Projekts</w:t></w:r><w:r><w:t xml:space="preserve"> „Zaļā</w:t></w:r>'
            '<w:r><w:t xml:space="preserve"> Rēzekne”</w:t><w:tab/><w:t>sākas.</w:t></w:r></w:p>'
            '<w:p><w:del><w:r><w:delText>izdzēsts</w:delText></w:r></w:del><w:r><w:t>Pirmā rinda</w:t>'
            '<w:br/><w:t>otrā rinda.</w:t></w:r></w:p>')
    assert extract_text(docx(body), ".docx") == ("Projekts „Zaļā Rēzekne”\tsākas.\nPirmā rinda\notrā rinda.", "docx")


def test_docx_text_box_is_read_once():
    box = ('<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>Lodziņā.</w:t></w:r>'
           '</w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>Lodziņā.</w:t>'
           '</w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    assert extract_text(docx(box + "<w:p><w:r><w:t>Teksts.</w:t></w:r></w:p>"), ".docx")[0] == "Lodziņā.\n\nTeksts."


def test_odt_spans_spaces_and_no_notes():
    xml = ('<text:h>Jaunumi</text:h><text:p>Projekts <text:span>LLI-317</text:span>\n   sākas<text:s text:c="2"/>'
           'Ludzā.<text:note><text:note-body><text:p>Piezīme.</text:p></text:note-body></text:note> Beigas.</text:p>'
           '<text:p>Rinda<text:line-break/>nākamā.</text:p>')
    assert extract_text(odt(xml), ".odt") == ("Jaunumi\nProjekts LLI-317 sākas  Ludzā. Beigas.\nRinda\nnākamā.", "odt")


def test_docx_helper_round_trip():
    assert extract_text(docx_paragraphs("Aucē.", "Rīgā."), ".docx")[0] == "Aucē.\nRīgā."
