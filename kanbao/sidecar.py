"""Read and check a sidecar (``seeds/X.yml``) before anything applies it.

A sidecar is typed by hand, so every entry is checked against the shape
``corrections.py`` expects, and every problem is reported as
``file: entry: what is wrong``.  A sidecar that fails is not used at all (its
seed is built uncorrected, with a warning).  YAML anchors and aliases are
refused (an alias bomb cannot expand), the file is at most 256 KB, and
messages quote at most 60 characters of an entry.

>>> check_sidecar({"blocks": {"b4": {"kind": "question", "label": 12345}}}, "p.yml")
Traceback (most recent call last):
...
kanbao.corrections.CorrectionError: p.yml: blocks.b4.label: must be text, got 12345 (put it in quotes)
>>> check_sidecar({"articles": {"a1": {"title": "新标题"}}}, "p.yml")["articles"]
{'a1': {'title': '新标题'}}
"""
from __future__ import annotations

import re
import reprlib
from pathlib import Path

import yaml

from .corrections import KINDS, CorrectionError
from .decode import clean_controls
from .discover import read_limited

MAX_SIDECAR_BYTES = 256 * 1024
MAX_TEXT = 300          # characters of a headline typed in a sidecar
KEYS = ("blocks", "move", "articles", "split", "merge", "join")
_BLOCK = re.compile(r"b\d+(?:\.\d+)*$")
_ARTICLE = re.compile(r"a\d+$")

_repr = reprlib.Repr()
_repr.maxstring = 60
_repr.maxother = 60
_repr.maxlist = _repr.maxdict = 4
_repr.maxlevel = 2


def short(v: object) -> str:
    """An entry quoted in a message, never longer than about 60 characters.

    >>> short("x" * 500)[:8], len(short("x" * 500)) < 70
    ("'xxxxxxx", True)
    """
    return _repr.repr(v)


def _text(v: object, where: str, name: str) -> str:
    if not isinstance(v, str):
        raise CorrectionError(f"{name}: {where}: must be text, got {short(v)} (put it in quotes)")
    cleaned, _ = clean_controls(v)
    cleaned = " ".join(cleaned.split())
    if not cleaned:
        raise CorrectionError(f"{name}: {where}: is empty")
    if len(cleaned) > MAX_TEXT:
        raise CorrectionError(f"{name}: {where}: longer than {MAX_TEXT} characters")
    return cleaned


def _id(v: object, pattern: re.Pattern, where: str, name: str, what: str) -> str:
    if not isinstance(v, str) or not pattern.match(v):
        raise CorrectionError(f"{name}: {where}: {short(v)} is not a {what} id like "
                              f"{'b12' if what == 'block' else 'a2'} (see `python -m kanbao explain`)")
    return v


def _mapping(v: object, where: str, name: str) -> dict:
    if v is None:
        return {}
    if not isinstance(v, dict):
        raise CorrectionError(f"{name}: {where}: expected a mapping, got {short(v)}")
    return v


def _list(v: object, where: str, name: str) -> list:
    if v is None:
        return []
    if not isinstance(v, list):
        raise CorrectionError(f"{name}: {where}: expected a list, got {short(v)}")
    return v


def check_sidecar(data: object, name: str) -> dict:
    """The sidecar ``data`` (parsed YAML) in the shape ``corrections.py`` applies,
    or :class:`CorrectionError` naming ``name`` and the first bad entry."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise CorrectionError(f"{name}: expected a mapping with {', '.join(KEYS)}, got {short(data)}")
    unknown = [k for k in data if k not in KEYS]
    if unknown:
        raise CorrectionError(f"{name}: unknown key {short(unknown[0])} (expected {', '.join(KEYS)})")
    out: dict = {"_file": name}
    blocks = {}
    for bid, spec in _mapping(data.get("blocks"), "blocks", name).items():
        bid = _id(bid, _BLOCK, "blocks", name, "block")
        where = f"blocks.{bid}"
        if isinstance(spec, str) or spec is None:
            spec = {"kind": spec}
        spec = _mapping(spec, where, name)
        extra = [k for k in spec if k not in ("kind", "label")]
        if extra:
            raise CorrectionError(f"{name}: {where}: unknown key {short(extra[0])} (expected kind, label)")
        kind = spec.get("kind")
        if kind not in KINDS:
            raise CorrectionError(f"{name}: {where}: kind must be one of {', '.join(sorted(KINDS))}, got {short(kind)}")
        entry = {"kind": kind}
        if "label" in spec:
            entry["label"] = _text(spec["label"], f"{where}.label", name)
        blocks[bid] = entry
    if blocks:
        out["blocks"] = blocks
    moves = []
    for i, m in enumerate(_list(data.get("move"), "move", name)):
        where = f"move[{i}]"
        m = _mapping(m, where, name)
        extra = [k for k in m if k not in ("block", "to", "before")]
        if extra:
            raise CorrectionError(f"{name}: {where}: unknown key {short(extra[0])} (expected block, to, before)")
        entry = {"block": _id(m.get("block"), _BLOCK, f"{where}.block", name, "block"),
                 "to": _id(m.get("to"), _ARTICLE, f"{where}.to", name, "article")}
        if m.get("before") is not None:
            entry["before"] = _id(m["before"], _BLOCK, f"{where}.before", name, "block")
        moves.append(entry)
    if moves:
        out["move"] = moves
    arts = {}
    for aid, spec in _mapping(data.get("articles"), "articles", name).items():
        aid = _id(aid, _ARTICLE, "articles", name, "article")
        where = f"articles.{aid}"
        spec = _mapping(spec, where, name)
        extra = [k for k in spec if k not in ("title", "kicker", "subtitle")]
        if extra:
            raise CorrectionError(f"{name}: {where}: unknown key {short(extra[0])} (expected title, kicker, subtitle)")
        arts[aid] = {role: _text(v, f"{where}.{role}", name) for role, v in spec.items()}
    if arts:
        out["articles"] = arts
    split = [_id(b, _BLOCK, f"split[{i}]", name, "block") for i, b in enumerate(_list(data.get("split"), "split", name))]
    if split:
        out["split"] = split
    merges = []
    for i, pair in enumerate(_list(data.get("merge"), "merge", name)):
        if not isinstance(pair, list) or len(pair) != 2:
            raise CorrectionError(f"{name}: merge[{i}]: give two article ids like [a2, a3], got {short(pair)}")
        merges.append([_id(a, _ARTICLE, f"merge[{i}]", name, "article") for a in pair])
    if merges:
        out["merge"] = merges
    joins = []
    for i, group in enumerate(_list(data.get("join"), "join", name)):
        if not isinstance(group, list) or len(group) < 2:
            raise CorrectionError(f"{name}: join[{i}]: give two or more block ids like [b34, b35], got {short(group)}")
        joins.append([_id(b, _BLOCK, f"join[{i}]", name, "block") for b in group])
    if joins:
        out["join"] = joins
    return out


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without anchors or aliases (no alias bombs, no shared nodes)."""

    def compose_node(self, parent, index):   # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            ev = self.peek_event()
            raise yaml.constructor.ConstructorError(None, None, "aliases (*name) are not allowed in a sidecar",
                                                    ev.start_mark)
        ev = self.peek_event()
        if getattr(ev, "anchor", None):
            raise yaml.constructor.ConstructorError(None, None, "anchors (&name) are not allowed in a sidecar",
                                                    ev.start_mark)
        return super().compose_node(parent, index)


def parse_sidecar(text: str, name: str) -> dict:
    """Parse and check sidecar text.

    >>> parse_sidecar("a: &x [1]\\nb: *x", "p.yml")
    Traceback (most recent call last):
    ...
    kanbao.corrections.CorrectionError: p.yml: not valid YAML: anchors (&name) are not allowed in a sidecar (line 1)
    """
    try:
        data = yaml.load(text, Loader=_NoAliasLoader)   # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = str(getattr(e, "problem", None) or e)[:120]
        raise CorrectionError(f"{name}: not valid YAML: {problem}{where}") from None
    return check_sidecar(data, name)


def load_sidecar(path: str | Path, name: str | None = None) -> dict:
    """Read, parse and check the sidecar at ``path``; ``name`` is how messages call it."""
    p = Path(path)
    name = name or p.name
    try:
        raw = read_limited(p, MAX_SIDECAR_BYTES, what="sidecar", name=name)
    except OSError as e:
        raise CorrectionError(f"{name}: cannot be read ({e.strerror})") from None
    except ValueError as e:
        raise CorrectionError(str(e)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CorrectionError(f"{name}: not UTF-8 text") from None
    return parse_sidecar(text, name)
