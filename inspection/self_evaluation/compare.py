"""Word-by-word comparison of two versions of a text. Pure."""

import difflib
import re


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The new text as runs of ("same" | "added" | "removed", text), in reading order."""
    token = r"\w+|\s+|[^\w\s]+"  # words, spaces and punctuation apart, so "timely." still matches "timely"
    old_words, new_words = re.findall(token, old), re.findall(token, new)
    runs: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("same", "".join(new_words[b1:b2])))
            continue
        if op in ("delete", "replace"):
            runs.append(("removed", "".join(old_words[a1:a2])))
        if op in ("insert", "replace"):
            runs.append(("added", "".join(new_words[b1:b2])))
    return [(kind, text) for kind, text in runs if text]
