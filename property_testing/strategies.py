"""What a careless, confused or hostile user can send: text, numbers, the three boxes of a date,
choices, files. Hypothesis strategies used by the form probes and the Annex A importer's tests."""

from __future__ import annotations

import io
import zipfile
from typing import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

HUGE = 10_001  # longer than any text box is meant to hold
NASTY_TEXT = [
    "", " ", "   \t  ", "\x00", "Ava\x00Ahmed", "\x00" * 3, "\u202eevil.exe", "\u200fرسالة\u200f", "שלום עולם",
    "😀👨‍👩‍👧‍👦🏳️‍🌈", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗̻̘", "\ufeffBOM", "\u2028line\u2029para", "\x85", "\x1b[31mred", "\x07\x08\x0b\x0c",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ 7*7 }}{% debug %}", "javascript:alert(1)",
    "'; DROP TABLE cases_child; --", "\" OR 1=1 --", "%00", "%s%s%s%n", "../../../../etc/passwd", "\\u0000",
    "null", "None", "undefined", "NaN", "-Infinity", "[]", "{}", "0", "-1", "1e309", "9" * 40, "١٢٣", "１２３",
    "\r\n\r\n", "ǅ", "İ", "ß" * 200, "a" * 256, "x" * HUGE, "é" * HUGE, "😀" * 2600, "\x00" * HUGE,
    "line one\nline two | /audits/\n | \n|x", "Title | javascript:alert(1)", "T | http://", "T | //evil.example",
]
# Any text a keyboard can send (HTTP forms carry UTF-8, so no lone surrogates).
_CHARACTERS = st.characters(blacklist_categories=("Cs",))


def hostile_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NASTY_TEXT),
        st.text(_CHARACTERS, max_size=40),
        st.builds(lambda piece, times: piece * times, st.sampled_from(["a", "ü", "😀", " ", "\x00", "<b>", "\n"]),
                  st.sampled_from([2, 101, 1001, HUGE, 40_000])),
    )


NASTY_NUMBERS = ["-1", "0", "-0", "1.5", "1,000", "1e5", "1E-5", "NaN", "nan", "inf", "-Infinity", "0x10", "0b1",
                 "  7  ", "٣", "１２", "2147483648", "9223372036854775808", "32768", "-32769", "1" * 400,
                 "99999999999999999999999999", "0.0000000001", "12.", ".5", "+3", "3-", "½", "Ⅻ"]


def hostile_number() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NASTY_NUMBERS),
        st.integers(min_value=-10**30, max_value=10**30).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
        hostile_text(),
    )


IMPOSSIBLE_DATES = [
    ("31", "2", "2024"), ("29", "2", "2023"), ("0", "1", "2024"), ("1", "0", "2024"), ("32", "1", "2024"),
    ("1", "13", "2024"), ("1", "1", "0"), ("1", "1", "0000"), ("1", "1", "99999"), ("1", "1", "1"), ("1", "1", "0001"),
    ("31", "12", "9999"), ("1", "1", "1800"), ("", "3", "2024"), ("1", "", "2024"), ("1", "3", ""), ("", "", ""),
    ("99999999999999999999", "1", "2024"), ("1", "99999999999999999999", "2024"), ("1", "1", "99999999999999999999"),
    ("-1", "-1", "-2024"), ("1.5", "2", "2024"), ("٣", "٣", "٢٠٢٤"), ("١", "１", "２０２４"), ("1e1", "1", "2024"),
    ("01", "02", "2025"), (" 1 ", " 2 ", " 2025 "), ("1\x00", "2", "2025"), ("1", "2", "20\x0025"), ("x", "y", "z"),
    ("1" * 5000, "1", "2024"), ("1", "1", "1" * 5000), ("15", "6", "3024"), ("1", "1", "1900"),
]


def hostile_date_parts() -> st.SearchStrategy[tuple[str, str, str]]:
    part = st.one_of(st.integers(-5, 40).map(str), hostile_number())
    return st.one_of(
        st.sampled_from(IMPOSSIBLE_DATES),
        st.tuples(st.integers(1, 31).map(str), st.integers(1, 12).map(str), st.integers(1900, 2100).map(str)),
        st.tuples(part, part, part),
    )


def hostile_choice(options: list[str], foreign: list[str] = ()) -> st.SearchStrategy[str]:
    """A value from the options, another record's id, or anything else."""
    strategies = [st.sampled_from(options)] if options else []
    if foreign:
        strategies.append(st.sampled_from(list(foreign)))
    strategies += [st.sampled_from(["", "0", "-1", "999999999", "abc", "\x00", "1 OR 1=1", "1.0", " 1"]), hostile_text()]
    return st.one_of(*strategies)


# Files: what a good upload looks like is the spec's; these are what else arrives with its name.
def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


XLSX_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
              b'spreadsheetml.sheet.main+xml"/></Types>')
XLSM_TYPES = XLSX_TYPES.replace(b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                                b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
NASTY_FILE_CONTENTS = {
    "empty": b"",
    "random bytes": bytes(range(256)) * 4,
    "truncated zip": _zip({"[Content_Types].xml": XLSX_TYPES, "xl/workbook.xml": b"<workbook/>"})[:60],
    "zip without content types": _zip({"hello.txt": b"hello"}),
    "workbook with macros (.xlsm)": _zip({"[Content_Types].xml": XLSM_TYPES, "xl/workbook.xml": b"<workbook/>",
                                          "xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"}),
    "csv": b"Child Unique ID,Gender\r\nC1,b) Female\r\n",
    "windows program": b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120 + b"This program cannot be run in DOS mode.",
    "linux program": b"\x7fELF\x02\x01\x01" + b"\x00" * 120,
    "html": b"<!doctype html><script>alert(1)</script>",
    "pdf header only": b"%PDF-",
    "svg with script": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
}
NASTY_FILE_NAMES = ["{stem}.{ext}", "{stem}.{ext}.exe", "{stem}.exe", "{stem}.xlsm", "{stem}.csv", "{stem}",
                    "..\\..\\{stem}.{ext}", "../../etc/{stem}.{ext}", "\u202e{stem}.{ext}", "{stem}\x00.{ext}",
                    "😀.{ext}", "a" * 300 + ".{ext}", ".{ext}", "{stem}.{upper}"]


def hostile_file(good: Callable[[], SimpleUploadedFile], stem: str, extension: str) -> st.SearchStrategy:
    """The good file, or a bad one with a plausible or tricky name."""

    def bad(content_name: str, pattern: str) -> SimpleUploadedFile:
        name = pattern.format(stem=stem, ext=extension, upper=extension.upper())
        return SimpleUploadedFile(name.replace("\x00", ""), NASTY_FILE_CONTENTS[content_name],
                                  content_type="application/octet-stream")

    return st.one_of(st.builds(good), st.builds(bad, st.sampled_from(list(NASTY_FILE_CONTENTS)),
                                                st.sampled_from(NASTY_FILE_NAMES)))
