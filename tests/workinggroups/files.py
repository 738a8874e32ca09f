"""Office files with text for the extraction tests (built in memory)."""

from tests.events.followup_factories import _CONTENT_TYPES, DOCX_MAIN, _zip


def docx_with(*paragraphs: str) -> bytes:
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>' for text in paragraphs
    )
    return _zip(
        {
            "[Content_Types].xml": _CONTENT_TYPES.format(main=DOCX_MAIN),
            "_rels/.rels": "<Relationships/>",
            "word/document.xml": (
                '<?xml version="1.0" encoding="UTF-8"?><w:document '
                'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f"<w:body>{body}</w:body></w:document>"
            ),
        }
    )


def odt_with(*paragraphs: str, heading: str = "") -> bytes:
    body = f"<text:h>{heading}</text:h>" if heading else ""
    body += "".join(f"<text:p>{text}</text:p>" for text in paragraphs)
    return _zip(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "content.xml": (
                '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
                'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
                f"<office:body><office:text>{body}</office:text></office:body>"
                "</office:document-content>"
            ),
            "META-INF/manifest.xml": "<manifest:manifest/>",
        },
        first="mimetype",
    )
