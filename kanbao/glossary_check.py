"""``python -m kanbao glossary check``: every problem of a glossary file, each
naming the file and the entry.

Checks, per entry:

* the entry parses (required fields term, pinyin, definition, english; known
  fields only; aliases a list of strings or ``{form, pinyin, …}`` mappings);
* every form (term and alias) has a pinyin, and it agrees with pypinyin's
  reading of the form's characters, tones included; a polyphone pypinyin
  reads otherwise is accepted only through an explicit override,
  ``readings: {字: syllable}`` on the entry (or on the alias);
* no form belongs to two entries;
* every definition (the entry's, and an alias's own) ends with 。 and no two
  definitions are the same text.

>>> probs = check_data([{"term": "中试", "pinyin": "zhōngshí", "definition": "量产前的试验",
...                      "english": "pilot testing", "aliases": ["中试熟化"]}], "g.yml")
>>> for p in probs: print(p)
g.yml: entry #1 ('中试'): form '中试' has pinyin 'zhōngshí' but its characters read 'zhōngshì' (试 shí ≠ shì; for a polyphone add readings: {字: syllable})
g.yml: entry #1 ('中试'): definition must end with 。
g.yml: entry #1 ('中试'): alias '中试熟化' has no pinyin of its own (write it as {form: 中试熟化, pinyin: …})
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .glossary import Entry, Form, GlossaryError, _entry_label, parse_entry, read_glossary_data

_HAN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_PINYIN = re.compile(r"[A-Za-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙ0-9' ’\-·()]+")


@dataclass(frozen=True)
class Problem:
    """One problem found in a glossary file."""

    file: str
    entry: str      # e.g. "entry #3 ('中试')"
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entry}: {self.message}"


def _flat(pinyin: str) -> str:
    """Pinyin compared letter by letter: lowercase NFC, letters and digits only.

    >>> _flat("Xī'ān  Zhōng-Ōu (sì)")
    'xīānzhōngōusì'
    """
    return "".join(ch for ch in unicodedata.normalize("NFC", pinyin.lower()) if ch.isalnum())


def reading(text: str, overrides: dict[str, str] | None = None) -> list[str]:
    """pypinyin's reading of ``text``, one syllable per Han character (letters and
    digits as they are, punctuation dropped), with explicit overrides for polyphones.

    >>> reading("链主企业"), reading("5G网"), reading("银行", {"行": "xíng"}), reading("三区（四园）")
    (['liàn', 'zhǔ', 'qǐ', 'yè'], ['5', 'g', 'wǎng'], ['yín', 'xíng'], ['sān', 'qū', 'sì', 'yuán'])
    """
    from pypinyin import Style, lazy_pinyin

    overrides = overrides or {}
    out: list[str] = []
    for ch, syl in zip(text, _per_char(text, lazy_pinyin(text, style=Style.TONE, errors=lambda s: list(s)))):
        if _HAN.match(ch):
            out.append(overrides.get(ch, syl))
        elif ch.isalnum():
            out.append(ch.lower())
    return [unicodedata.normalize("NFC", s) for s in out]


def _per_char(text: str, syls: list[str]) -> list[str]:
    """pypinyin returns one item per Han character and one per other character
    (``errors`` splits them); pad defensively if it ever does not."""
    return syls if len(syls) == len(text) else list(text)


def _check_form(entry: Entry, form: Form, overrides: dict[str, str]) -> list[str]:
    problems = []
    if not form.pinyin:
        return [f"alias {form.text!r} has no pinyin of its own (write it as {{form: {form.text}, pinyin: …}})"]
    what = "form" if form.text == entry.term else "alias"
    if not _LATIN_PINYIN.fullmatch(form.pinyin):
        return [f"{what} {form.text!r}: pinyin {form.pinyin!r} has characters that are not pinyin"]
    want = reading(form.text, overrides)
    if _flat(form.pinyin) != "".join(want):
        diffs = _syllable_diffs(form.text, form.pinyin, want)
        hint = f" ({diffs}; for a polyphone add readings: {{字: syllable}})" if diffs else ""
        problems.append(f"{what} {form.text!r} has pinyin {form.pinyin!r} but its characters read "
                        f"{''.join(want)!r}{hint}")
    return problems


def _syllable_diffs(text: str, pinyin: str, want: list[str]) -> str:
    """Name the characters whose syllable differs, when the given pinyin splits cleanly."""
    from .glossary import syllables

    rest = _flat(pinyin)
    got = []
    for w in want:   # walk the expected syllables; report where the given text diverges
        plain = "".join(b for b, _ in syllables(w)) or w
        m = re.match(r"[^aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]*[aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+(?:ng|n|r)?", rest)
        take = len(w) if rest.startswith(w) else (len(plain) if m is None else m.end())
        got.append(rest[:take])
        rest = rest[take:]
    return ", ".join(f"{ch} {g} ≠ {w}" for ch, g, w in zip(text, got, want) if g != w and _HAN.match(ch))


def check_data(data: object, origin: str = "<glossary>") -> list[Problem]:
    """Every problem of parsed glossary data (see the module docstring)."""
    if not isinstance(data, list):
        return [Problem(origin, "file", f"expected a YAML list of entries, got {type(data).__name__}")]
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    definitions: dict[str, str] = {}
    for index, raw in enumerate(data):
        label = _entry_label(index, raw)
        try:
            entry = parse_entry(index, raw, origin)
        except GlossaryError as exc:
            problems.append(Problem(origin, label, str(exc).split(f"{label}: ", 1)[-1]))
            continue
        said = []
        base = dict(entry.readings)
        for form in [entry.form(entry.term)] + [entry.form(a) for a in entry.aliases]:
            if form.text in owner:
                said.append(f"form {form.text!r} is already in {owner[form.text]}")
            else:
                owner[form.text] = label
            own = next((f for f in entry.alias_forms if f.text == form.text), None)
            said += _check_form(entry, form, {**base, **dict(form.readings)})
            text = entry.definition if form.text == entry.term else (own.definition if own else "")
            if text:
                where = "definition" if form.text == entry.term else f"alias {form.text!r}: definition"
                if not text.endswith("。"):
                    said.append(f"{where} must end with 。")
                key = " ".join(text.split())
                if key in definitions:
                    said.append(f"{where} repeats the definition of {definitions[key]}")
                else:
                    definitions[key] = label if form.text == entry.term else f"{label} alias {form.text!r}"
        problems += [Problem(origin, label, m) for m in said]
    return problems


def check_glossary(path: str | Path) -> list[Problem]:
    """Every problem of the glossary file at ``path`` (empty list: all good)."""
    try:
        data = read_glossary_data(path)
    except GlossaryError as exc:
        return [Problem(str(path), "file", str(exc).split(": ", 1)[-1])]
    return check_data(data, str(path))


def main(path: str | Path) -> int:
    """CLI: print each problem on its own line; exit status 1 if there is any."""
    problems = check_glossary(path)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) in {path}")
        return 1
    from .glossary import load_glossary
    print(f"{path}: {len(load_glossary(path))} entries, no problems")
    return 0
