"""Reading a form from the page its user is given: text boxes, text areas, radios, checkboxes,
selects, the three boxes of a GOV.UK date input (one control), file inputs, hidden fields (an edit
form's version, say) and named buttons; and what submitting it as shown sends."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.urls import reverse


@dataclass
class Control:
    name: str
    kind: str  # text, textarea, hidden, radio, checkbox, select, select-multiple, file, submit, date
    options: list[str] = field(default_factory=list)  # radio, checkbox, select
    value: Any = None  # as the page shows it: str, list (checkboxes, multiple), a (d, m, y) tuple for dates


@dataclass
class PageForm:
    method: str
    action: str
    multipart: bool
    controls: dict[str, Control]

    def baseline(self) -> dict[str, Any]:
        """What submitting the form as shown sends (a browser leaves out unticked boxes and unchosen
        radios and does not press the buttons)."""
        data = {}
        for name, control in self.controls.items():
            if control.kind == "date":
                data.update(zip(date_names(name), control.value))
            elif control.kind in ("checkbox", "select-multiple"):
                if control.value:
                    data[name] = list(control.value)
            elif control.kind in ("radio",):
                if control.value is not None:
                    data[name] = control.value
            elif control.kind not in ("file", "submit"):
                data[name] = control.value or ""
        return data


def date_names(name: str) -> tuple[str, str, str]:
    return f"{name}_0", f"{name}_1", f"{name}_2"


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[PageForm] = []
        self._form: PageForm | None = None
        self._textarea: str | None = None
        self._select: Control | None = None
        self._option: str | None = None
        self._option_text = ""
        self._option_selected = False

    def handle_starttag(self, tag, attrs):
        attrs = {key: value if value is not None else "" for key, value in attrs}
        if tag == "form":
            self._form = PageForm(method=attrs.get("method", "get").lower(), action=attrs.get("action", ""),
                                  multipart="multipart" in attrs.get("enctype", ""), controls={})
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            controls = self._form.controls
            if kind in ("radio", "checkbox"):
                control = controls.setdefault(name, Control(name, kind, value=[] if kind == "checkbox" else None))
                control.options.append(attrs.get("value", "on"))
                if "checked" in attrs:
                    if kind == "checkbox":
                        control.value.append(attrs.get("value", "on"))
                    else:
                        control.value = attrs.get("value", "on")
            elif kind == "file":
                controls[name] = Control(name, "file")
            elif kind in ("submit", "button", "image", "reset"):
                controls[name] = Control(name, "submit", value=attrs.get("value", ""))
            else:
                controls[name] = Control(name, "hidden" if kind == "hidden" else "text", value=attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._form.controls[name] = Control(name, "textarea", value="")
        elif tag == "select" and name:
            self._select = Control(name, "select-multiple" if "multiple" in attrs else "select",
                                   value=[] if "multiple" in attrs else None)
            self._form.controls[name] = self._select
        elif tag == "option" and self._select is not None:
            self._option, self._option_text = attrs.get("value"), ""
            self._option_selected = "selected" in attrs
        elif tag == "button" and name:
            self._form.controls[name] = Control(name, "submit", value=attrs.get("value", ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._form.controls[self._textarea].value += data
        if self._option is not None or (self._select is not None and self._option == ""):
            self._option_text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            if self._textarea is not None:
                control = self._form.controls[self._textarea]
                control.value = control.value.removeprefix("\n")  # as a browser reads a textarea
            self._textarea = None
        elif tag == "option" and self._select is not None:
            value = self._option if self._option is not None else self._option_text.strip()
            self._select.options.append(value)
            if self._option_selected:
                if self._select.kind == "select-multiple":
                    self._select.value.append(value)
                else:
                    self._select.value = value
            self._option = None
        elif tag == "select" and self._select is not None:
            if self._select.kind == "select" and self._select.value is None and self._select.options:
                self._select.value = self._select.options[0]  # a browser sends the first option
            self._select = None


def parse_forms(html: str) -> list[PageForm]:
    """Every form on the page, the three boxes of each GOV.UK date input read as one control."""
    parser = _FormParser()
    parser.feed(html)
    for form in parser.forms:
        controls = form.controls
        for name in [name[:-2] for name in list(controls) if name.endswith("_0")]:
            parts = date_names(name)
            if all(part in controls and controls[part].kind == "text" for part in parts):
                value = tuple(controls.pop(part).value for part in parts)
                controls[name] = Control(name, "date", value=value)
    return parser.forms


def the_form(html: str, method: str = "post") -> PageForm:
    """The form the page is for: of the forms sent with ``method`` (the sign-out button in the
    header is one too), the one with the most fields."""
    forms = [form for form in parse_forms(html) if form.method == method and form.action != reverse("logout")]
    assert forms, f"The page has no {method.upper()} form."
    return max(forms, key=lambda form: len([c for c in form.controls.values() if c.name != "csrfmiddlewaretoken"]))
