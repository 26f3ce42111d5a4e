"""Checking an uploaded file before it is kept: not empty, not larger than the council allows
(``settings.UPLOAD_MAX_BYTES``), named as one of the kinds the form takes, and holding what its
name says. A program renamed .pdf, a workbook with macros (.xlsm) or a CSV file renamed .xlsx is
refused. The messages follow the GOV.UK Design System's file upload pattern ("The selected file
must be smaller than 10 MB"). Every app's upload forms use ``check_upload``."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import Callable
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError

# Django's own file field messages, in the GOV.UK pattern's words (merge into a FileField's error_messages).
FILE_ERRORS = {
    "empty": "The selected file is empty",
    "invalid": "The selected file could not be uploaded – try again",
    "missing": "The selected file could not be uploaded – try again",
    "max_length": "The selected file's name must be %(max)d characters or fewer (it has %(length)d)",
}
HEAD = 1024  # a PDF's header may sit anywhere in its first kilobyte
CONTENT_TYPES = "[Content_Types].xml"
MOST_CONTENT_TYPES_BYTES = 1024 * 1024  # [Content_Types].xml is a few kilobytes; more is not a real document
OOXML_MAIN = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
ODF_MIMETYPES = {"odt": b"application/vnd.oasis.opendocument.text",
                 "ods": b"application/vnd.oasis.opendocument.spreadsheet"}


def _head(upload) -> bytes:
    upload.seek(0)
    head = upload.read(HEAD)
    upload.seek(0)
    return head


def _is_pdf(upload) -> bool:
    return b"%PDF-" in _head(upload)


def _ooxml(kind: str) -> Callable:
    """An Office Open XML document of ``kind``: a zip whose [Content_Types].xml names the kind's main
    part, and no macros (a macro-enabled workbook's main part has another content type, and any
    document can carry a vbaProject part)."""

    def check(upload) -> bool:
        try:
            upload.seek(0)
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
                info = archive.getinfo(CONTENT_TYPES)
                if info.file_size > MOST_CONTENT_TYPES_BYTES or any("vbaproject" in name.lower() for name in names):
                    return False
                root = ElementTree.fromstring(archive.read(info))
        except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError, EOFError,
                NotImplementedError, RuntimeError):
            return False
        finally:
            upload.seek(0)
        types = {element.get("ContentType", "") for element in root.iter() if element.tag.endswith("Override")}
        return OOXML_MAIN[kind] in types and not any("macroenabled" in found.lower() for found in types)

    return check


def _odf(kind: str) -> Callable:
    """An OpenDocument file: a zip whose first entry, "mimetype", names the kind."""

    def check(upload) -> bool:
        try:
            upload.seek(0)
            with zipfile.ZipFile(upload) as archive:
                first = archive.infolist()[0] if archive.infolist() else None
                return bool(first and first.filename == "mimetype" and first.file_size < 200
                            and archive.read(first).strip() == ODF_MIMETYPES[kind])
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
            return False
        finally:
            upload.seek(0)

    return check


def _starts_with(*signatures: bytes) -> Callable:
    return lambda upload: _head(upload).startswith(signatures)


def _is_text(upload) -> bool:
    """Plain text: UTF-8 (or Windows' own encoding), without the control characters of a binary file."""
    upload.seek(0)
    content = upload.read(settings.UPLOAD_MAX_BYTES + 1)
    upload.seek(0)
    if any(byte < 32 and byte not in (9, 10, 12, 13) for byte in content):
        return False
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


@dataclass(frozen=True)
class Kind:
    name: str  # as the error message names it: "an Excel workbook (.xlsx)", "a PDF"
    extensions: tuple[str, ...]
    holds: Callable  # the file's content is this kind


PDF = Kind("PDF", (".pdf",), _is_pdf)
XLSX = Kind("Excel workbook (.xlsx)", (".xlsx",), _ooxml("xlsx"))
DOCX = Kind("Word document (.docx)", (".docx",), _ooxml("docx"))
PPTX = Kind("PowerPoint presentation (.pptx)", (".pptx",), _ooxml("pptx"))
ODT = Kind("OpenDocument text (.odt)", (".odt",), _odf("odt"))
ODS = Kind("OpenDocument spreadsheet (.ods)", (".ods",), _odf("ods"))
PNG = Kind("PNG", (".png",), _starts_with(b"\x89PNG\r\n\x1a\n"))
JPG = Kind("JPG", (".jpg", ".jpeg"), _starts_with(b"\xff\xd8\xff"))
TEXT = Kind("text file (.txt)", (".txt",), _is_text)
DOCUMENTS = (PDF, DOCX, XLSX, PPTX, ODT, ODS, PNG, JPG, TEXT)  # evidence of progress on an action


def size_in_words(size: int) -> str:
    """10485760 -> "10 MB"; 1536 -> "1.5 KB"."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def limit_in_words() -> str:
    return size_in_words(settings.UPLOAD_MAX_BYTES)


def kinds_in_words(kinds: tuple[Kind, ...]) -> str:
    names = [kind.name for kind in kinds]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return ("an " if listed[0].lower() in "aeiou" else "a ") + listed


def check_upload(upload, kinds: tuple[Kind, ...], *, subject: str = "The selected file") -> None:
    """ValidationError, in the GOV.UK pattern's words, unless ``upload`` is one of ``kinds``, not
    empty and within the size allowed. ``subject`` names the file in the message (a file's own name
    where several are chosen at once)."""
    if upload.size == 0:
        raise ValidationError(f"{subject} is empty", code="empty")
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(f"{subject} must be smaller than {limit_in_words()}", code="too_big")
    name = (upload.name or "").lower()
    kind = next((kind for kind in kinds if name.endswith(kind.extensions)), None)
    if kind is None or not kind.holds(upload):
        raise ValidationError(f"{subject} must be {kinds_in_words(kinds)}", code="wrong_kind")
