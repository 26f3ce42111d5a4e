"""Reading PDFs back in tests: the text of each page, flattened text, and the check that no
child's name, ID or date of birth is anywhere in it."""

import io

import pdfplumber


def pages_of(content: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def assert_no_child_named(text: str, children) -> None:
    for child in children:
        dob = child.date_of_birth
        for identifier in (child.first_name, child.last_name, child.local_id, dob.isoformat(), f"{dob:%d/%m/%Y}",
                           f"{dob.day} {dob:%B %Y}", f"{dob.day} {dob:%b %Y}"):
            assert identifier not in text, identifier
