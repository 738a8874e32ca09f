"""The mayor's letter is checked by its content, not by its name or declared type."""

import pytest
from django.core.exceptions import ValidationError

from tests.admissions import pdfs
from voneinander.admissions.letters import MAX_LETTER_SIZE, MESSAGES, check_letter


def _refusal(data: bytes, name: str = "brief.pdf") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_letter(pdfs.upload(data, name))
    return caught.value


def test_letter_a_real_pdf_is_accepted():
    upload = pdfs.upload(pdfs.letter_pdf(pages=2))
    check_letter(upload)
    assert upload.tell() == 0  # ready to be stored


def test_letter_empty_file_is_refused():
    error = _refusal(b"")
    assert error.code == "empty"
    assert error.messages == [str(MESSAGES["empty"])]


def test_letter_larger_than_10_mb_is_refused():
    padding = b"%" + b"x" * 1022 + b"\n"
    data = pdfs.letter_pdf() + padding * (MAX_LETTER_SIZE // len(padding) + 1)
    assert len(data) > MAX_LETTER_SIZE
    assert _refusal(data).code == "too_large"


def test_letter_of_exactly_10_mb_is_not_refused_for_its_size():
    data = pdfs.letter_pdf()
    data += b"%" * (MAX_LETTER_SIZE - len(data))
    assert len(data) == MAX_LETTER_SIZE
    check_letter(pdfs.upload(data))


def test_letter_png_renamed_to_pdf_is_refused_and_named_as_image():
    error = _refusal(pdfs.PNG_HEADER, "brief.pdf")
    assert error.code == "not_pdf"
    assert str(MESSAGES["not_pdf"]) in error.messages[0]
    assert "PNG" in error.messages[0]


def test_letter_text_renamed_to_pdf_is_refused():
    error = _refusal("Sehr geehrte Damen und Herren, …".encode(), "brief.pdf")
    assert error.code == "not_pdf"


def test_letter_with_pdf_header_but_broken_body_is_unreadable():
    assert _refusal(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> kaputt").code == "unreadable"


def test_letter_encrypted_is_refused():
    assert _refusal(pdfs.encrypted_pdf()).code == "encrypted"


def test_letter_without_pages_is_refused():
    assert _refusal(pdfs.no_pages_pdf()).code == "no_pages"


@pytest.mark.parametrize(
    "make",
    [
        pdfs.javascript_pdf,
        pdfs.escaped_javascript_pdf,
        pdfs.launch_pdf,
        pdfs.annotation_javascript_pdf,
    ],
)
def test_letter_with_active_content_is_refused(make):
    error = _refusal(make())
    assert error.code == "active_content"
    assert error.messages == [str(MESSAGES["active_content"])]
