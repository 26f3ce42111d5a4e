"""Property tests of bad input: what a careless, confused or hostile user can type into any form of
Line of Sight, and what the service must do with it. Used by */tests/test_forms_property.py and
inspection/tests/test_annex_a_import_property.py.

The rule every form is held to: whatever is sent, the page answers (never a server error); a page
shown again with errors has written nothing anywhere (no row, no history row, no changed value);
and a form that was accepted saved exactly what was typed (less the spaces around it).

* ``strategies``: hostile text, numbers, dates, choices and files (Hypothesis strategies).
* ``pages``: the form read from the HTML its user is given.
* ``database``: the test database refusing what PostgreSQL refuses, and telling that nothing changed.
* ``probe``: ``FormSpec`` (where a form is, who fills it in, what a good submission sets) and
  ``exercise``, which checks the good submission, then spoils it field by field.
"""

from .database import fingerprint, postgres_rules
from .pages import parse_forms, the_form
from .probe import FIRST_CHOICE, FormSpec, Probe, exercise, tally
from .strategies import hostile_choice, hostile_date_parts, hostile_file, hostile_number, hostile_text

__all__ = [
    "FIRST_CHOICE", "FormSpec", "Probe", "exercise", "fingerprint", "hostile_choice", "hostile_date_parts",
    "hostile_file", "hostile_number", "hostile_text", "parse_forms", "postgres_rules", "tally", "the_form",
]
