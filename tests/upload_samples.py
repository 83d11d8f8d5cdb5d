"""Files people upload, real and disguised, built the way the programs that write them do.

Shared by the tests of every upload place (proposal attachments, implementation evidence,
city archives), so each refuses and accepts the same things."""

import io
import struct
import zipfile
import zlib
from pathlib import Path

from django.conf import settings

PDF = (b"%PDF-1.4\n"
       b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
       b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n"
       b"trailer << /Size 3 /Root 1 0 R >>\nstartxref\n110\n%%EOF\n")


def _zip(entries: list[tuple[str, bytes]], *, stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for index, (name, content) in enumerate(entries):
            compression = zipfile.ZIP_STORED if stored_first and index == 0 else None
            archive.writestr(name, content, compress_type=compression)
    return buffer.getvalue()


def _ooxml(main_part: str, main_type: str, body: bytes) -> bytes:
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{main_part}" ContentType="{main_type}"/>'
        "</Types>").encode()
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/officeDocument" Target="{main_part}"/></Relationships>').encode()
    return _zip([("[Content_Types].xml", content_types), ("_rels/.rels", rels),
                 (main_part, body)])


DOCX = _ooxml(
    "word/document.xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>Plan pilote</w:t></w:r></w:p></w:body></w:document>")
XLSX = _ooxml(
    "xl/workbook.xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')
ODT = _zip([("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
                            b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'),
            ("META-INF/manifest.xml", b'<?xml version="1.0" encoding="UTF-8"?><manifest/>')],
           stored_first=True)


def xlsx_from_openpyxl() -> bytes:
    """A workbook as a spreadsheet program writes it."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["poste", "montant"])
    workbook.active.append(["Papier", 12])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


PNG = (b"\x89PNG\r\n\x1a\n"
       + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0))
       + _png_chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00\xff"))
       + _png_chunk(b"IEND", b""))

# Start of image, a JFIF header, a frame header of 2×1 pixels (no scan: the check stops at
# the frame header), end of image.
JPEG = (b"\xff\xd8"
        b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        b"\xff\xc0\x00\x11\x08\x00\x01\x00\x02\x03\x01\x11\x00\x02\x11\x00\x03\x11\x00"
        b"\xff\xd9")

CSV = "poste;montant\nPapier;12\nÉnergie;3,5\n".encode()
# Starts like a BMP image's magic bytes ("BM"): text is judged as text.
CSV_BM = b"BMW i3;2\nRenault Zoe;5\n"
TEXT = "Notes de réunion\nBudget : 12 000 €\n".encode()

# Disguised ones.
HTML = (b"<!DOCTYPE html>\n<html><body><h1>Facture</h1>"
        b"<script>fetch('/api/v1/me/').then(r => r.text()).then(alert)</script>"
        b"</body></html>\n")
SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
       b"<script>alert(document.domain)</script></svg>\n")
SVG_XML = b'<?xml version="1.0" encoding="UTF-8"?>\n' + SVG
TEXT_WITH_SCRIPT = ("Notes de réunion\nBudget : 12 000 €\n"
                    "<script>alert(document.cookie)</script>\n").encode()
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 50 + b"\x80\x00\x00\x00PE\x00\x00"
ZIP = _zip([("notes.txt", b"not an office document")])
LATIN1_TEXT = "Énergie;3,5\n".encode("latin-1")


def stored_files(city) -> set[Path]:
    """Every file in the city's media folder (to show a refusal left nothing behind)."""
    folder = Path(settings.MEDIA_ROOT) / city.schema_name
    return {path for path in folder.rglob("*") if path.is_file()}
