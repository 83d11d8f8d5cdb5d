"""Uploaded files: what is accepted, checked by content, and how it is served back.

Every place that takes a file from a person (proposal attachments, implementation evidence,
city archives) calls `upload_check` before writing anything, and serves files back with
`file_download`. A file is accepted only when its name's extension is on the list and its
content really is of that type:

- binary formats by their magic bytes (`filetype`) and their structure: a PDF starts with
  `%PDF-` and ends with `%%EOF`; an Office Open XML file is a zip whose
  `[Content_Types].xml` names the main part of its kind, and that part is there; an
  OpenDocument file is a zip whose `mimetype` is its kind's; PNG and JPEG headers decode;
- text formats decode as UTF-8 (or UTF-16 with its byte order mark), hold no control
  characters, and nothing a browser could take for a page: HTML, SVG, XML or script.

A web page or an SVG image is refused under every name, since a colleague's browser could
run it. Nothing here writes to disk or to the database.
"""

import codecs
import re
import struct
import unicodedata
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# What people may attach to proposals and implementation updates, by extension.
DOCUMENT_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "txt": "text/plain",
    "csv": "text/csv",
}
ARCHIVE_TYPES: dict[str, str] = {"zip": "application/zip"}
MAX_BYTES = getattr(settings, "ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)

TEXT_EXTENSIONS = frozenset({"txt", "csv"})

# Main parts of Office Open XML packages, by the content type [Content_Types].xml gives them.
_OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "dotx",
    "application/vnd.ms-word.document.macroenabled.main+xml": "docm",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "xltx",
    "application/vnd.ms-excel.sheet.macroenabled.main+xml": "xlsm",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml":
        "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml": "potx",
    "application/vnd.ms-powerpoint.presentation.macroenabled.main+xml": "pptm",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml": "ppsx",
}
_OOXML_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml",
                    "pptx": "ppt/presentation.xml"}
_ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/vnd.oasis.opendocument.graphics": "odg",
    "application/vnd.oasis.opendocument.text-template": "ott",
    "application/vnd.oasis.opendocument.spreadsheet-template": "ots",
}
_ZIP_FAMILY = frozenset({"zip", "docx", "xlsx", "pptx", "odt", "ods", "odp"})
_XML_PART_LIMIT = 1024 * 1024  # [Content_Types].xml is a few kB; a bigger one is a trap

# What makes a browser treat bytes as a page (the WHATWG sniffing table: these tags at the
# start, after blanks), and what no text attachment has reason to hold anywhere: elements
# that run script or load content, XML, and event-handler attributes.
_PAGE_START = re.compile(
    r"\A[\s\ufeff]*(?:<!doctype\s+html|<html|<head|<script|<iframe|<h1|<div|<font|<table"
    r"|<a|<style|<title|<b|<body|<br|<p|<!--)[\s>/]"
    r"|\A[\s\ufeff]*(?:<\?xml|<svg)", re.IGNORECASE)
_MARKUP = re.compile(
    r"<\s*(?:script|svg|html|head|body|iframe|frame|frameset|object|embed|applet|meta|base"
    r"|link|style|form|math|xsl:stylesheet)\b|<!doctype\s|<\?xml|<!\[cdata\["
    r"|<[a-z][^<>]*\son[a-z]+\s*=", re.IGNORECASE)
# Tags no PDF or image has in its first kilobyte, but a file that is also a page does.
_POLYGLOT = re.compile(rb"<(?:html|head|body|script|svg|iframe|!doctype\s+html)\b",
                       re.IGNORECASE)
# Control characters (Unicode category Cc) other than tab, line feed, form feed and return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed: its cleaned name and the content type to store and serve."""

    name: str
    extension: str
    content_type: str
    size: int


class _Refused(Exception):
    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class _Invalid(Exception):
    """The content is not a well-formed file of the expected type."""


def upload_check(upload: UploadedFile, *, field: str,
                 accepted: Mapping[str, str] = DOCUMENT_TYPES,
                 max_bytes: int | None = MAX_BYTES, name_length: int = 255) -> CheckedUpload:
    """Check `upload` before anything is stored; raise a ValidationError on `field` that
    names the file and says why, in the active language. Leaves the file rewound."""
    name = clean_name(upload.name or "", name_length)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    try:
        if extension not in accepted:
            raise _Refused(_("“%(name)s” is not accepted: use a file of one of these types: "
                             "%(types)s.") % {"name": name,
                                              "types": ", ".join(sorted(accepted))},
                           "file_type")
        size = upload.size or 0
        if size == 0:
            raise _Refused(_("“%(name)s” is empty.") % {"name": name}, "file_empty")
        if max_bytes is not None and size > max_bytes:
            raise _Refused(_("“%(name)s” is too large (%(size)s); the limit is %(limit)s.")
                           % {"name": name, "size": filesizeformat(size),
                              "limit": filesizeformat(max_bytes)}, "file_size")
        try:
            if extension in TEXT_EXTENSIONS:
                content_type = _text_check(upload, name, extension, accepted[extension])
            else:
                _binary_check(upload, name, extension, accepted[extension])
                content_type = accepted[extension]
        finally:
            upload.seek(0)
    except _Refused as refusal:
        raise ValidationError({field: ValidationError(refusal.message, code=refusal.code)}
                              ) from None
    return CheckedUpload(name=name, extension=extension, content_type=content_type, size=size)


def clean_name(name: str, length: int = 255) -> str:
    """The file's own name (no folders), at most `length` characters, extension kept."""
    name = PurePath(name.replace("\\", "/")).name.strip() or "file"
    if len(name) <= length:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 10:
        return name[:length]
    return stem[: length - len(extension) - 1] + "." + extension


# --- Messages ----------------------------------------------------------------------------------


def _mismatch(name: str, expected: str, found: str) -> _Refused:
    return _Refused(_("“%(name)s” is named as a file of type %(expected)s but holds a file of "
                      "type %(found)s.") % {"name": name, "expected": expected.upper(),
                                             "found": found.upper()}, "file_content")


def _invalid(name: str, expected: str) -> _Refused:
    return _Refused(_("“%(name)s” is not a valid file of type %(expected)s: it is damaged, or "
                      "another kind of file renamed.") % {"name": name,
                                                           "expected": expected.upper()},
                    "file_content")


def _markup(name: str) -> _Refused:
    return _Refused(_("“%(name)s” holds HTML, SVG, XML or script code, which is not accepted "
                      "in any file.") % {"name": name}, "file_markup")


def _not_text(name: str) -> _Refused:
    return _Refused(_("“%(name)s” is not plain text in UTF-8: save it as UTF-8 text and try "
                      "again.") % {"name": name}, "file_encoding")


# --- Text --------------------------------------------------------------------------------------


def _text_encoding(data: bytes) -> tuple[str, str]:
    """The codec to read `data` with, and the charset to serve it with."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "utf-16"
    return "utf-8", "utf-8"


def _text_check(upload: UploadedFile, name: str, extension: str, base_type: str) -> str:
    upload.seek(0)
    data = upload.read()
    codec, charset = _text_encoding(data)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        text = None
    if text is None or _CONTROL.search(text):
        # Binary content: say what it is when its magic bytes tell.
        sniffed = filetype.guess(data[:8192])
        if sniffed is not None:
            raise _mismatch(name, extension, sniffed.extension)
        raise _not_text(name)
    if _PAGE_START.search(text[:1024]) or _MARKUP.search(text):
        raise _markup(name)
    if text.lstrip("\ufeff").startswith("%PDF-"):
        raise _mismatch(name, extension, "pdf")
    return f"{base_type}; charset={charset}"


def _served_text_type(base_type: str, head: bytes) -> str:
    """A checked text file's content type with its charset, from its first bytes."""
    return f"{base_type}; charset={_text_encoding(head)[1]}"


# --- Binary ------------------------------------------------------------------------------------


def _binary_check(upload: UploadedFile, name: str, extension: str, expected_type: str) -> None:
    upload.seek(0)
    head = upload.read(8192)
    sniffed = filetype.guess(head)
    found = sniffed.extension if sniffed is not None else None
    if found == "apng":
        found = "png"
    if found is not None and found != extension and not (
            found == "jpg" and extension == "jpeg") and not (
            found in _ZIP_FAMILY and extension in _ZIP_FAMILY):
        raise _mismatch(name, extension, found)
    if extension in ("pdf", "png", "jpg", "jpeg") and _POLYGLOT.search(head[:1024]):
        raise _markup(name)  # a page after a valid header, for a browser that sniffs
    try:
        if extension == "pdf":
            _pdf(upload, head)
        elif extension == "png":
            _png(upload, head)
        elif extension in ("jpg", "jpeg"):
            _jpeg(upload, head)
        elif extension in _ZIP_FAMILY:
            kind = _zip_kind(upload)
            if extension != "zip" and kind != extension:
                if kind == "zip":
                    raise _invalid(name, extension)
                raise _mismatch(name, extension, kind)
        else:  # a type on a list with no structure check of its own: magic bytes must agree
            if sniffed is None or sniffed.mime != expected_type:
                raise _invalid(name, extension)
    except _Invalid:
        if _PAGE_START.search(_loose_text(head)) or _MARKUP.search(_loose_text(head[:1024])):
            raise _markup(name) from None
        raise _invalid(name, extension) from None


def _loose_text(data: bytes) -> str:
    codec = _text_encoding(data)[0]
    return data.decode(codec, errors="replace")


def _tail(upload: UploadedFile, size: int) -> bytes:
    upload.seek(max(upload.size - size, 0))
    return upload.read(size)


def _pdf(upload: UploadedFile, head: bytes) -> None:
    # Readers look for the end-of-file marker in the last 1024 bytes, as the spec allows.
    if not head.startswith(b"%PDF-") or b"%%EOF" not in _tail(upload, 1024):
        raise _Invalid


def _png(upload: UploadedFile, head: bytes) -> None:
    if len(head) < 33 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[8:16] != b"\0\0\0\x0dIHDR":
        raise _Invalid
    width, height, depth, colour = struct.unpack(">IIBB", head[16:26])
    if not (width and height and depth in (1, 2, 4, 8, 16) and colour in (0, 2, 3, 4, 6)):
        raise _Invalid
    if b"IEND" not in _tail(upload, 1024):
        raise _Invalid


def _jpeg(upload: UploadedFile, head: bytes) -> None:
    """Walk the markers from the start of the image to its frame header."""
    if not head.startswith(b"\xff\xd8\xff"):
        raise _Invalid
    position = 2
    for _segment in range(1000):
        upload.seek(position)
        marker = upload.read(4)
        if len(marker) < 2 or marker[0] != 0xFF:
            raise _Invalid
        kind = marker[1]
        if kind == 0xFF:  # fill byte
            position += 1
            continue
        if kind in (0x01, *range(0xD0, 0xD8)):
            position += 2
            continue
        if kind in (0xD9, 0xDA) or len(marker) < 4:
            raise _Invalid  # the image ends or its data starts before any frame header
        length = struct.unpack(">H", marker[2:4])[0]
        if length < 2:
            raise _Invalid
        if 0xC0 <= kind <= 0xCF and kind not in (0xC4, 0xC8, 0xCC):
            frame = upload.read(5)
            if len(frame) < 5 or length < 8:
                raise _Invalid
            width = struct.unpack(">H", frame[3:5])[0]
            if not width:
                raise _Invalid
            return
        position += 2 + length
    raise _Invalid


def _zip_kind(upload: UploadedFile) -> str:
    """What a zip holds: an Office Open XML or OpenDocument kind by its extension, or "zip"
    for any other archive."""
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(upload)
    except Exception:  # a damaged archive fails in many ways, all meaning "not valid"
        raise _Invalid from None
    with archive:
        names = set(archive.namelist())
        if not names:
            raise _Invalid
        if "mimetype" in names:
            declared = _small_part(archive, "mimetype", 200).decode("ascii", "replace").strip()
            kind = _ODF_MIMETYPES.get(declared)
            if kind is not None and "content.xml" in names:
                return kind
            return "zip"
        if "[Content_Types].xml" in names:
            types = _small_part(archive, "[Content_Types].xml", _XML_PART_LIMIT)
            for entry in re.finditer(rb"<(Override|Default)\b[^>]*>", types):
                attributes = dict(re.findall(rb'(\w+)\s*=\s*["\']([^"\']*)["\']',
                                             entry.group()))
                kind = _OOXML_MAIN.get(attributes.get(b"ContentType", b"").decode(
                    "ascii", "replace").lower())
                if kind is None:
                    continue
                # An Override names the main part; a Default (by extension) leaves it at
                # the place every Office program puts it.
                part = (attributes.get(b"PartName", b"").decode("utf-8", "replace").lstrip("/")
                        if entry.group(1) == b"Override" else _OOXML_MAIN_PART.get(kind, ""))
                if part in names:
                    return kind
        return "zip"


def _small_part(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise _Invalid
    try:
        with archive.open(info) as part:
            return part.read(limit + 1)[:limit]
    except Exception:  # damaged, encrypted or in a compression zipfile cannot read
        raise _Invalid from None


# --- Serving -----------------------------------------------------------------------------------

# Characters that split or end a header, separate paths, or that Windows refuses in names.
_UNSAFE = re.compile(r'["\\/:;*?<>|]')


def safe_filename(name: str) -> str:
    """`name` fit for a Content-Disposition header and a download folder: no control
    characters, quotes, separators or path parts; never empty."""
    cleaned = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in name)
    cleaned = " ".join(_UNSAFE.sub(" ", cleaned).split()).strip(" .")
    return cleaned[-150:] or "attachment"


def served_type(content_type: str, accepted: Mapping[str, str] = DOCUMENT_TYPES) -> str:
    """The stored `content_type` when a checked upload can have it, else plain bytes (a
    row written before content was checked may say anything)."""
    base, _sep, parameters = content_type.partition(";")
    base = base.strip().lower()
    if base not in accepted.values():
        return "application/octet-stream"
    if not base.startswith("text/"):
        return base
    charset = "utf-16" if parameters.strip().lower() == "charset=utf-16" else "utf-8"
    return f"{base}; charset={charset}"


def type_of_stored(name: str, head: bytes, accepted: Mapping[str, str] = DOCUMENT_TYPES) -> str:
    """The content type of a stored, checked file with no type recorded, by its name."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    base = accepted.get(extension)
    if base is None:
        return "application/octet-stream"
    return _served_text_type(base, head) if extension in TEXT_EXTENSIONS else base


def file_download(handle, *, name: str, content_type: str) -> FileResponse:
    """A stored file as a download, never rendered by the browser as a page of this site."""
    response = FileResponse(handle, as_attachment=True, filename=safe_filename(name),
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response

