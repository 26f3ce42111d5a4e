"""The officer's narrative shaped as a council committee paper sets it out (seeds 000 to 004):
numbered sections, each paragraph numbered within its section (3.1, 3.2 …), bullet points kept
with the paragraph they follow, recommendations numbered i), ii) …, and a section with nothing to
say printing "None." rather than vanishing, because committee papers keep every heading. Pure: no
ORM, no figures (figures.py works those out).

How officers type it: paragraphs separated by a blank line; a line starting with "- ", "* " or
"• " is a bullet point of the paragraph above it."""

from dataclasses import dataclass, field

NONE = "None."
BULLETS = ("- ", "* ", "• ", "– ")


@dataclass(frozen=True)
class Paragraph:
    number: str  # "3.2"
    text: str  # may be "" when the paragraph is only bullet points
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    number: int
    heading: str  # "Policy implications"
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.number}. {self.heading}"

    @property
    def next_number(self) -> int:
        """The number the next paragraph or sub-section of this section takes."""
        return len(self.paragraphs) + 1


# The numbered sections of the paper, in order, with the CommitteeReport field behind each.
PURPOSE, RECOMMENDATIONS, SUPPORTING = 1, 2, 3
SECTIONS: list[tuple[int, str, str]] = [
    (1, "Purpose of the report", "purpose"),
    (2, "Recommendations", "recommendations"),
    (3, "Supporting information", "supporting_information"),
    (4, "Policy implications", "policy_implications"),
    (5, "Financial implications", "financial_implications"),
    (6, "Legal implications", "legal_implications"),
    (7, "Other implications", "other_implications"),
    (8, "Implications for the council's priorities", "priorities_implications"),
    (9, "Risk analysis", "risk_analysis"),
    (10, "Equality and diversity issues", "equality_and_diversity"),
    (11, "Background papers", "background_papers"),
]
HEADINGS = {number: heading for number, heading, _ in SECTIONS}


def _bullet(line: str) -> str | None:
    stripped = line.strip()
    for marker in BULLETS:
        if stripped.startswith(marker):
            return stripped[len(marker):].strip()
    return None


def _blocks(text: str) -> list[list[str]]:
    """Runs of non-blank lines, stripped."""
    blocks, current = [], []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def paragraphs(text: str, section: int) -> list[Paragraph]:
    """The text as numbered paragraphs of one section. Bullet points belong to the paragraph
    above them; bullet points with nothing above them make a paragraph of their own."""
    shaped: list[tuple[str, list[str]]] = []
    for block in _blocks(text):
        lines, bullets = [], []
        for line in block:
            point = _bullet(line)
            if point is not None:
                bullets.append(point)
            elif bullets:  # text after bullet points: a continuation of the last point
                bullets[-1] = f"{bullets[-1]} {line}"
            else:
                lines.append(line)
        if not lines and shaped:
            shaped[-1][1].extend(bullets)
        else:
            shaped.append((" ".join(lines), bullets))
    return [Paragraph(f"{section}.{position}", words, tuple(bullets))
            for position, (words, bullets) in enumerate(shaped, start=1)]


def roman(number: int) -> str:
    """i, ii, iii, iv … as committee papers number their recommendations."""
    numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
                (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    result = ""
    for value, numeral in numerals:
        while number >= value:
            result += numeral
            number -= value
    return result


def lines(text: str) -> list[str]:
    """One item per non-blank line, any bullet marker taken off."""
    items = []
    for line in (text or "").splitlines():
        if line.strip():
            items.append(_bullet(line) if _bullet(line) is not None else line.strip())
    return items


def recommendations(text: str) -> list[tuple[str, str]]:
    """Each recommendation with its number: [("i)", "Members note the report."), …]."""
    return [(f"{roman(position)})", item) for position, item in enumerate(lines(text), start=1)]


def section(number: int, text: str) -> Section:
    """A narrative section: its paragraphs, or a single "None." paragraph when it is empty."""
    found = paragraphs(text, number)
    return Section(number, HEADINGS[number], found or [Paragraph(f"{number}.1", NONE)])


def narrative(report) -> dict[int, Section]:
    """The report's narrative sections by number (1 and 3 to 10; recommendations and background
    papers are lists, see recommendations() and lines()). Supporting information keeps no
    "None." paragraph: the figures follow it."""
    sections = {}
    for number, heading, field_name in SECTIONS:
        if number in {RECOMMENDATIONS, 11}:
            continue
        text = getattr(report, field_name)
        sections[number] = Section(number, heading, paragraphs(text, number)) if number == SUPPORTING \
            else section(number, text)
    return sections
