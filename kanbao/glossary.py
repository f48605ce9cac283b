"""Glossary: load ``docs/glossary.yml`` and find its terms in Chinese text.

Pure Python (no MkDocs import). The renderer wraps each :class:`Match` in
``<abbr class="kb-term" title="{Glossary.tooltip(entry, surface)}">surface</abbr>``
(see ``terms.py``).

Public API (other parts of Kanbao, e.g. search, rely on it):

* ``load_glossary(path)`` → :class:`Glossary`; ``glossary.entries`` is a list of
  :class:`Entry`, each with ``.term``, ``.aliases`` (a tuple of str),
  ``.pinyin``, ``.english``, ``.definition`` (the headword's), ``.forms``
  (term first, then aliases) and ``.form(text)`` → :class:`Form` with that
  form's own ``pinyin``, ``definition`` and ``english``;
* ``glossary.get(form)`` → the entry that has this form;
* ``anchor(entry)`` → the entry's HTML id on the glossary page, so its URL is
  ``glossary/#`` + ``anchor(entry)`` (e.g. ``glossary/#term-中试``);
* ``sort_key(pinyin)`` / ``Glossary.sorted_by_pinyin()``: the glossary page's order.

Why our own matcher: Python-Markdown's ``abbr`` needs ``\\b`` around a term,
which never happens inside running Chinese text; a plain substring search is
wrong too, because 中试 sits inside 集中试点 (集中/试点) and 链主 inside
产业链主要 (产业链/主要).

The word rule (:func:`word_cost`)
---------------------------------
A candidate is kept only where it is a word *in its clause* (the run of
CJK/alphanumeric characters around it, cut at any punctuation or space).
The clause is segmented with jieba's BASE dictionary (a dedicated
``jieba.Tokenizer()``, never loaded with the glossary as user words, and
without the HMM guesser, so only dictionary words count as "ordinary words").

1. If no word of length >= 2 of jieba's best segmentation straddles an edge
   of the candidate (starts before it and ends inside or after it, or starts
   inside it and ends after it), the candidate is a word: keep.
       经过中试 -> 经过/中试          keep 中试
       建设中试平台 -> 建设/中试/平台  keep 中试
       支持链主企业 -> 支持/链/主/企业  keep 链主 (single characters never cross)
   Shortcut: if no dictionary word at all straddles an edge, no segmentation
   can cross it, and jieba does not run (most true uses end here).
2. Otherwise ask how sure jieba is. ``cost`` is the log-probability (nats)
   that jieba's unigram model loses when no word may straddle the
   candidate's edges (inside the candidate it may still split freely).
   A genuine trap costs a lot; a near tie costs little:
       集中试点 -> 集中/试点 vs 集/中试/点        cost 12.1  reject
       其中试验 -> 其中/试验 vs 其/中试/验        cost 16.4  reject
       产业链主要 -> 产业链/主要 vs 产业/链主/要   cost 14.6  reject
       链主要 -> 链/主要 vs 链主/要              cost  7.3  reject
       二十届三中全会 -> 三中全会 vs 三中/全会    cost 11.0  reject 全会
       全新赛道 -> 全新/赛道 vs 全/新/赛道        cost  3.7  reject 新赛道
       全会精神 -> 全会精神 vs 全会/精神          cost  2.5  keep 全会
       中试验证 -> 中/试验/证 vs 中试/验证        cost  1.4  keep 中试
       链主要求 -> 链/主要/求 vs 链主/要求        cost  0.1  keep 链主
   A candidate is kept when ``cost <= MARGIN`` (3.0). The same measure
   covers a dictionary word that *contains* the term plus more (三中全会 ⊃
   全会, 全会精神 ⊃ 全会): the term is a word there only if splitting that
   word at the term's edges is about as likely as keeping it whole.
   Known misses (tests/cases/glossary_cases.yml): 全会员 (全/会员, cost 1.4,
   wrongly kept), 冷链物流园 and 跨境电商品 (wrongly rejected).
3. A form that begins or ends with an ASCII letter/digit is not matched
   where it touches another ASCII letter/digit (5G is not in 5GHz).

Then candidates are taken longest first and left to right, non-overlapping:
at each position the longest valid form wins; if it is rejected, shorter
forms starting at the same position are tried.

Performance: one regex pass finds every position where some form starts;
jieba runs only on clauses that hold a candidate, and the verdict for each
(clause, start, end) is cached. The base dictionary is loaded once, lazily.
"""

from __future__ import annotations

from .words import base_tokenizer

import bisect
import functools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

__all__ = [
    "Entry",
    "Match",
    "Verdict",
    "GlossaryError",
    "Glossary",
    "load_glossary",
    "suggest_terms",
    "word_cost",
    "pinyin_key",
    "Form",
    "parse_entry",
    "syllables",
    "sort_key",
    "initial",
    "anchor",
    "WINDOW",
    "MARGIN",
]

#: Log-probability (natural log) that jieba may lose when the candidate's edges
#: are forced to be word boundaries, and the candidate still counts as a word.
#: Measured on tests/cases/glossary_cases.yml: true uses cost 0 to 2.6
#: (中试验收 2.6, 全会精神 2.5, 中试验证 1.4); traps 3.7 (全新赛道) and up.
MARGIN = 3.0

#: Characters of context on each side of a candidate that jieba sees. Bounds the
#: cost per candidate, so a 1 MB run without punctuation is matched in seconds.
WINDOW = 24

REQUIRED_FIELDS = ("term", "pinyin", "definition", "english")
OPTIONAL_FIELDS = ("aliases", "category", "source", "readings")

# Characters that belong to a clause; anything else (punctuation, quotes,
# brackets, dashes, spaces, symbols) ends it.
_CLAUSE_CHARS = (
    "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # 〇 and CJK ideographs
    "A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"  # ASCII and fullwidth alnum
)
_CLAUSE_BREAK = re.compile(f"[^{_CLAUSE_CHARS}]")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_QUOTED = re.compile(f"“([{_CJK}]{{2,8}})”")
_ALL_CJK = re.compile(f"[{_CJK}]+")
_WRAP = re.compile(rf"(?<=[{_CJK}“”])[ \t]*\r?\n\s*(?=[{_CJK}“”])")


class GlossaryError(ValueError):
    """The glossary file is unreadable or an entry is malformed."""


@dataclass(frozen=True)
class Form:
    """One surface form of an entry with its own reading.

    ``definition`` and ``english`` are empty when the form shares the entry's
    sense; ``readings`` lists explicit polyphone choices ``(character, syllable)``
    that the glossary check accepts where pypinyin reads the character otherwise.

    >>> Form("通关", "tōngguān").pinyin
    'tōngguān'
    """

    text: str
    pinyin: str = ""
    definition: str = ""
    english: str = ""
    readings: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Entry:
    """One glossary entry.

    ``aliases`` is a tuple of str (every other surface form); per-form readings
    and senses are in ``alias_forms`` and read through :meth:`form`.

    >>> e = Entry("中试", ("中试熟化",), "zhōngshì", "定义。", "pilot-scale testing",
    ...           alias_forms=(Form("中试熟化", "zhōngshì shúhuà", "另一定义。"),))
    >>> e.forms
    ('中试', '中试熟化')
    >>> f = e.form("中试熟化"); f.pinyin, f.definition, f.english
    ('zhōngshì shúhuà', '另一定义。', 'pilot-scale testing')
    """

    term: str
    aliases: tuple[str, ...]
    pinyin: str
    definition: str
    english: str
    category: str = ""
    source: str = ""
    alias_forms: tuple[Form, ...] = ()
    readings: tuple[tuple[str, str], ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """Every surface form: the term first, then the aliases."""
        return (self.term, *self.aliases)

    def form(self, text: str) -> Form:
        """The reading and sense of one surface form, the entry's own filled in.

        An alias without its own ``pinyin`` gets an empty one (never the
        headword's: the glossary check reports it).
        """
        if text == self.term:
            return Form(self.term, self.pinyin, self.definition, self.english, self.readings)
        for f in self.alias_forms:
            if f.text == text:
                return Form(text, f.pinyin, f.definition or self.definition,
                            f.english or self.english, f.readings)
        if text in self.aliases:
            return Form(text, "", self.definition, self.english)
        raise KeyError(text)


@dataclass(frozen=True)
class Match:
    """A glossary form found in a text: ``text[start:end] == surface``."""

    start: int
    end: int
    entry: Entry
    surface: str

    @property
    def form(self) -> Form:
        """The matched form's reading and sense."""
        return self.entry.form(self.surface)


@dataclass(frozen=True)
class Verdict:
    """A candidate and why it was kept or rejected (for ``explain``)."""

    match: Match
    kept: bool
    reason: str


# ---------------------------------------------------------------- loading


def _entry_label(index: int, raw: object) -> str:
    term = raw.get("term") if isinstance(raw, dict) else None
    return f"entry #{index + 1}" + (f" ({term!r})" if isinstance(term, str) and term else "")


def _check_form(form: object, where: str) -> str:
    if not isinstance(form, str) or not form.strip():
        raise GlossaryError(f"{where}: a form must be a non-empty string, got {form!r}")
    if form != form.strip() or any(ch.isspace() for ch in form):
        raise GlossaryError(f"{where}: form {form!r} must not contain spaces")
    return form


ALIAS_FIELDS = ("form", "pinyin", "definition", "english", "readings")


def _readings(value: object, where: str) -> tuple[tuple[str, str], ...]:
    """``readings: {行: háng}`` → ``(("行", "háng"),)`` (polyphone overrides)."""
    if value in (None, {}):
        return ()
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and len(k) == 1 and isinstance(v, str) and v.strip() for k, v in value.items()
    ):
        raise GlossaryError(f"{where}: 'readings' must map single characters to syllables, got {value!r}")
    return tuple((k, v.strip()) for k, v in value.items())


def _alias(raw: object, where: str) -> Form:
    """An alias: a bare string, or a mapping with its own reading and sense."""
    if not isinstance(raw, dict):
        return Form(_check_form(raw, where))
    unknown = sorted(set(raw) - set(ALIAS_FIELDS), key=str)
    if unknown:
        raise GlossaryError(f"{where}: alias {raw.get('form')!r}: unknown field(s) {', '.join(map(str, unknown))}")
    text = _check_form(raw.get("form"), where)
    for name in ("pinyin", "definition", "english"):
        if not isinstance(raw.get(name) or "", str):
            raise GlossaryError(f"{where}: alias {text!r}: field {name!r} must be a string")
    return Form(text, (raw.get("pinyin") or "").strip(), (raw.get("definition") or "").strip(),
                (raw.get("english") or "").strip(), _readings(raw.get("readings"), f"{where}: alias {text!r}"))


def parse_entry(index: int, raw: object, origin: str = "<glossary>") -> Entry:
    """One entry of the YAML list (``index`` counts from 0) → :class:`Entry`.

    >>> e = parse_entry(0, {"term": "清关", "pinyin": "qīngguān", "definition": "d。", "english": "e",
    ...     "aliases": [{"form": "通关", "pinyin": "tōngguān"}]})
    >>> e.aliases, e.form("通关").pinyin
    (('通关',), 'tōngguān')
    """
    where = f"{origin}: {_entry_label(index, raw)}"
    if not isinstance(raw, dict):
        raise GlossaryError(f"{where}: expected a mapping, got {type(raw).__name__}")
    unknown = sorted(set(raw) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS), key=str)
    if unknown:
        raise GlossaryError(f"{where}: unknown field(s) {', '.join(map(str, unknown))}")
    for name in REQUIRED_FIELDS:
        value = raw.get(name)
        if not isinstance(value, str) or not value.strip():
            raise GlossaryError(f"{where}: missing or empty field {name!r}")
    for name in ("category", "source"):
        value = raw.get(name, "")
        if value is not None and not isinstance(value, str):
            raise GlossaryError(f"{where}: field {name!r} must be a string")
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list):
        raise GlossaryError(f"{where}: 'aliases' must be a list")
    term = _check_form(raw["term"], where)
    alias_forms = tuple(_alias(a, where) for a in aliases)
    forms = [term] + [f.text for f in alias_forms]
    if len(set(forms)) < len(forms):
        dup = next(f for f in forms if forms.count(f) > 1)
        raise GlossaryError(f"{where}: duplicate form {dup!r} (twice in this entry)")
    return Entry(
        term=term,
        aliases=tuple(forms[1:]),
        pinyin=raw["pinyin"].strip(),
        definition=raw["definition"].strip(),
        english=raw["english"].strip(),
        category=(raw.get("category") or "").strip(),
        source=(raw.get("source") or "").strip(),
        alias_forms=alias_forms,
        readings=_readings(raw.get("readings"), where),
    )


def entries_from_data(data: object, origin: str = "<glossary>") -> list[Entry]:
    """Validate parsed YAML data and build the entries (stops at the first error;
    ``kanbao.glossary_check`` lists them all).

    >>> entries_from_data([{"term": "中试", "pinyin": "zhōngshì",
    ...     "definition": "d", "english": "e"}])[0].forms
    ('中试',)
    >>> entries_from_data([{"term": "中试", "pinyin": "zhōngshì"}], "g.yml")
    Traceback (most recent call last):
    ...
    kanbao.glossary.GlossaryError: g.yml: entry #1 ('中试'): missing or empty field 'definition'
    """
    if not isinstance(data, list):
        raise GlossaryError(f"{origin}: expected a YAML list of entries, got {type(data).__name__}")
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    for index, raw in enumerate(data):
        entry = parse_entry(index, raw, origin)
        for form in entry.forms:
            if form in seen:
                raise GlossaryError(f"{origin}: {_entry_label(index, raw)}: duplicate form {form!r} "
                                    f"(already in {seen[form]})")
            seen[form] = _entry_label(index, raw)
        entries.append(entry)
    return entries


def read_glossary_data(path: str | Path) -> object:
    """The parsed YAML of a glossary file (``[]`` for an empty file)."""
    import yaml

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"{path}: cannot read glossary: {exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise GlossaryError(f"{path}: invalid YAML: {exc}") from exc
    return [] if data is None else data


def load_glossary(path: str | Path) -> "Glossary":
    """Read and validate a glossary YAML file.

    Required fields: term, pinyin, definition, english (non-empty strings).
    Optional: aliases (list of strings, or of mappings ``{form, pinyin,
    definition, english, readings}`` for an alias that reads or means
    something else), category, source, readings (polyphone overrides).
    Unknown fields and forms used twice (in one entry or across entries)
    raise :class:`GlossaryError`, whose message names the file and the entry, e.g.
    ``docs/glossary.yml: entry #3 ('中试'): duplicate form '中试' (already in entry #1 ('中试'))``.
    """
    path = Path(path)
    return Glossary(entries_from_data(read_glossary_data(path), str(path)), path=path)


# ---------------------------------------------------------------- jieba


def _base_tokenizer():
    """jieba's base dictionary (shared with the other stages, see ``words.py``)."""
    return base_tokenizer()


def _best_logprob(clause: str, start: int | None = None, end: int | None = None) -> float:
    """Best unigram log-probability of a segmentation of ``clause``.

    Same model as jieba's ``cut(HMM=False)``. With ``start``/``end``, no word
    may straddle either edge (words inside ``[start, end)`` are free).
    """
    tok = _base_tokenizer()
    freq = tok.FREQ
    logtotal = math.log(tok.total)
    dag = tok.get_DAG(clause)
    n = len(clause)
    best = [0.0] * (n + 1)
    for i in range(n - 1, -1, -1):
        top = -math.inf
        for x in dag[i]:
            j = x + 1
            if start is not None and (i < start < j or i < end < j):
                continue
            score = math.log(freq.get(clause[i:j]) or 1) - logtotal + best[j]
            if score > top:
                top = score
        if top == -math.inf:  # only a straddling word here: a lone character
            top = math.log(freq.get(clause[i]) or 1) - logtotal + best[i + 1]
        best[i] = top
    return best[0]


@functools.lru_cache(maxsize=65536)
def _segment(clause: str) -> tuple[tuple[int, int], ...]:
    """Spans of jieba's base-dictionary segmentation (HMM off) of a clause."""
    spans = []
    pos = 0
    for word in _base_tokenizer().cut(clause, HMM=False):
        spans.append((pos, pos + len(word)))
        pos += len(word)
    return tuple(spans)


@functools.lru_cache(maxsize=1)
def _max_word_len() -> int:
    return max(len(w) for w, f in _base_tokenizer().FREQ.items() if f)


def _straddling_word(clause: str, start: int, end: int) -> str | None:
    """A base-dictionary word (length >= 2) of ``clause`` across an edge, if any.

    Exact shortcut: if no such word exists, no segmentation can cross the
    candidate's edges and jieba need not run. Walks jieba's prefix table.

    >>> _straddling_word("经过中试", 2, 4) is None
    True
    >>> _straddling_word("集中试点", 1, 3)
    '试点'
    """
    freq = _base_tokenizer().FREQ
    n = len(clause)
    for i in range(end - 1, max(start - _max_word_len(), 0) - 1, -1):
        j = i + 1
        frag = clause[i]
        while j <= n and frag in freq:
            if freq[frag] and j - i >= 2 and (i < start < j or i < end < j):
                return frag
            j += 1
            frag = clause[i:j]
    return None


@functools.lru_cache(maxsize=262144)
def word_cost(clause: str, start: int, end: int) -> tuple[float, str]:
    """How much jieba objects to ``clause[start:end]`` being a word.

    Returns ``(cost, why)``; cost is 0.0 when no ordinary word (length >= 2)
    of jieba's segmentation straddles an edge, else the log-probability lost
    by forcing the edges (see the module docstring).

    >>> word_cost("建设中试平台", 2, 4)
    (0.0, 'no dictionary word crosses its edges')
    >>> word_cost("共建中试基地", 2, 4)  # 建中 is a word, but not jieba's choice
    (0.0, '共建/中试/基地')
    >>> cost, why = word_cost("集中试点", 1, 3); round(cost, 1), why
    (12.1, '集中/试点: 集中 crosses the left edge; 试点 crosses the right edge')
    """
    if _straddling_word(clause, start, end) is None:
        return 0.0, "no dictionary word crosses its edges"
    spans = _segment(clause)
    crossing = []
    for a, b in spans:
        if b - a < 2:
            continue
        if (a < start < b or a < end < b) and a <= start and b >= end:
            crossing.append((a, b, "contains"))
        elif a < start < b:
            crossing.append((a, b, "left"))
        elif a < end < b:
            crossing.append((a, b, "right"))
    seg = "/".join(clause[a:b] for a, b in spans)
    if not crossing:
        return 0.0, seg
    cost = _best_logprob(clause) - _best_logprob(clause, start, end)
    words = "; ".join(
        f"{clause[a:b]} " + ("contains the term" if side == "contains" else f"crosses the {side} edge")
        for a, b, side in crossing
    )
    return max(cost, 0.0), f"{seg}: {words}"


# ---------------------------------------------------------------- glossary


def pinyin_key(pinyin: str) -> str:
    """Sort key for a pinyin string: no tone marks, lowercase, letters only.

    >>> pinyin_key("Zhōngguóshì xiàndàihuà")
    'zhongguoshixiandaihua'
    >>> pinyin_key("lǜsè")
    'luse'
    """
    decomposed = unicodedata.normalize("NFD", pinyin)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in plain.lower() if ch.isalnum())


@dataclass
class Glossary:
    """A set of entries with a matcher over all their forms.

    >>> g = Glossary([Entry("中试", (), "zhōngshì", "从实验室到量产之间的试验。", "pilot testing")])
    >>> [(m.start, m.surface) for m in g.find("建设中试平台，集中试点")]
    [(2, '中试')]
    """

    entries: list[Entry]
    path: Path | None = None
    _by_form: dict[str, Entry] = field(init=False, repr=False)
    _starts: re.Pattern | None = field(init=False, repr=False)
    _prefixes: dict[str, tuple[str, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.entries = list(self.entries)
        self._by_form = {}
        for entry in self.entries:
            for form in entry.forms:
                if form in self._by_form:
                    raise GlossaryError(f"{self.path or '<glossary>'}: duplicate form {form!r}")
                self._by_form[form] = entry
        forms = sorted(self._by_form, key=lambda f: (-len(f), f))
        # One zero-width pass: at every position, the longest form starting there.
        # The leading character class is a cheap filter (2-3x faster on CJK).
        first = "".join(sorted({f[0] for f in forms}))
        self._starts = (
            re.compile(f"(?=[{re.escape(first)}])(?=(" + "|".join(map(re.escape, forms)) + "))")
            if forms
            else None
        )
        # Shorter forms that can start at the same position are prefixes of it.
        self._prefixes = {
            form: tuple(f for f in forms if form.startswith(f)) for form in forms
        }

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def get(self, form: str) -> Entry | None:
        """The entry that has ``form`` as its term or an alias."""
        return self._by_form.get(form)

    @property
    def forms(self) -> frozenset[str]:
        return frozenset(self._by_form)

    # -- matching

    def _judge(
        self, text: str, start: int, end: int, form: str, breaks: list[int]
    ) -> tuple[bool, str]:
        if _ASCII_ALNUM.match(form[0]) and start > 0 and _ASCII_ALNUM.match(text[start - 1]):
            return False, "touches a letter/digit on the left"
        if _ASCII_ALNUM.match(form[-1]) and end < len(text) and _ASCII_ALNUM.match(text[end]):
            return False, "touches a letter/digit on the right"
        # The clause: between the nearest breaks (punctuation, spaces) around the match.
        k = bisect.bisect_left(breaks, start)
        left = breaks[k - 1] + 1 if k else 0
        k = bisect.bisect_left(breaks, end)
        right = breaks[k] if k < len(breaks) else len(text)
        # Bounded window: jieba only sees WINDOW characters on each side, so the
        # cost per candidate is constant and matching is linear in run length.
        left, right = max(left, start - WINDOW), min(right, end + WINDOW)
        cost, why = word_cost(text[left:right], start - left, end - left)
        if cost <= MARGIN:
            return True, why if cost == 0 else f"{why} (cost {cost:.1f} <= {MARGIN}: near tie, kept)"
        return False, f"{why} (cost {cost:.1f} > {MARGIN})"

    def explain(self, text: str) -> list[Verdict]:
        """Every candidate considered by :meth:`find`, kept or not, and why.

        >>> g = Glossary([Entry("中试", (), "zhōngshì", "d", "e")])
        >>> [(v.match.start, v.kept) for v in g.explain("集中试点和中试")]
        [(1, False), (5, True)]
        """
        verdicts: list[Verdict] = []
        if self._starts is None:
            return verdicts
        breaks: list[int] | None = None
        best: list[int] = []  # index in verdicts of the kept (longest valid) form at each start
        for m in self._starts.finditer(text):
            start = m.start()
            if breaks is None:  # only for texts that have a candidate at all
                breaks = [b.start() for b in _CLAUSE_BREAK.finditer(text)]
            for form in self._prefixes[m.group(1)]:
                end = start + len(form)
                kept, reason = self._judge(text, start, end, form, breaks)
                verdicts.append(Verdict(Match(start, end, self._by_form[form], form), kept, reason))
                if kept:
                    best.append(len(verdicts) - 1)
                    break
        # Overlaps: the longer form wins (市口岸物流办 over 口岸 inside it), then the earlier.
        taken: list[tuple[int, int]] = []
        for i in sorted(best, key=lambda i: (verdicts[i].match.start - verdicts[i].match.end,
                                             verdicts[i].match.start)):
            m = verdicts[i].match
            k = bisect.bisect_left(taken, (m.start, m.end))
            clash = (k and taken[k - 1][1] > m.start) or (k < len(taken) and taken[k][0] < m.end)
            if clash:
                other = taken[k - 1] if k and taken[k - 1][1] > m.start else taken[k]
                verdicts[i] = Verdict(m, False, f"inside or across the longer {text[other[0]:other[1]]}")
            else:
                taken.insert(k, (m.start, m.end))
        return verdicts

    def find(self, text: str) -> list[Match]:
        """Glossary terms used as words in ``text``: non-overlapping, in order.

        >>> g = Glossary([Entry("链主", ("链主企业",), "liànzhǔ", "d", "e")])
        >>> [(m.start, m.end, m.surface) for m in g.find("“链主”企业；产业链主要环节；链主企业")]
        [(1, 3, '链主'), (15, 19, '链主企业')]
        >>> g = Glossary([Entry("口岸", (), "kǒu'àn", "d", "e"), Entry("市口岸物流办", (), "p", "d", "e")])
        >>> [m.surface for m in g.find("今年市口岸物流办表示，口岸建设")]
        ['市口岸物流办', '口岸']
        """
        return sorted((v.match for v in self.explain(text) if v.kept), key=lambda m: m.start)

    # -- presentation

    def tooltip(self, entry: Entry, form: str | None = None) -> str:
        """Plain text for ``<abbr title>`` (the caller escapes it): the form's
        definition first, then a line with its pinyin and English.

        >>> g = Glossary([])
        >>> g.tooltip(Entry("中试", (), "zhōngshì", "量产前的试验。", "pilot-scale testing"))
        '量产前的试验。\\nzhōngshì · pilot-scale testing'
        >>> e = Entry("清关", ("通关",), "qīngguān", "办完海关手续。", "customs clearance",
        ...           alias_forms=(Form("通关", "tōngguān"),), source="据本报文章")
        >>> g.tooltip(e, "通关")
        '办完海关手续。（据本报文章）\\ntōngguān · customs clearance'
        """
        f = entry.form(form or entry.term)
        text = " ".join(f.definition.split())
        if entry.source:
            text += f"（{' '.join(entry.source.split())}）"
        meta = " · ".join(x for x in (" ".join(f.pinyin.split()), " ".join(f.english.split())) if x)
        return f"{text}\n{meta}" if meta else text

    def sorted_by_pinyin(self) -> list[Entry]:
        """Entries ordered by syllables (toneless), then tones, then term.

        >>> g = Glossary([Entry("中试", (), "zhōngshì", "d", "e"),
        ...               Entry("两场两港", (), "liǎngchǎng liǎnggǎng", "d", "e"),
        ...               Entry("链主", (), "liànzhǔ", "d", "e")])
        >>> [e.term for e in g.sorted_by_pinyin()]
        ['链主', '两场两港', '中试']
        """
        return sorted(self.entries, key=lambda e: (sort_key(e.pinyin), e.term))


# ---------------------------------------------------------------- pinyin syllables and anchors

_TONED = {c: (base, tone) for base, marks in (("a", "āáǎà"), ("e", "ēéěè"), ("i", "īíǐì"), ("o", "ōóǒò"),
                                               ("u", "ūúǔù"), ("ü", "ǖǘǚǜ"))
          for tone, c in enumerate(marks, start=1)}
_V = "aeiouüvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = re.compile(
    rf"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[{_V}]+(?:ng(?![{_V}])|n(?![{_V}])|r(?![{_V}]))?"
    rf"|(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[{_V}]+|[a-z0-9]+"
)


def syllables(pinyin: str) -> list[tuple[str, int]]:
    """Split pinyin into ``(toneless syllable, tone)`` pairs (tone 0 = neutral).

    Within a word a syllable after the first never starts with a vowel
    (pinyin writes an apostrophe there), which makes the split unambiguous:

    >>> syllables("Zhōngguóshì jīnéng xī'ān lǜ")
    [('zhong', 1), ('guo', 2), ('shi', 4), ('ji', 1), ('neng', 2), ('xi', 1), ('an', 1), ('lü', 4)]
    """
    out: list[tuple[str, int]] = []
    for word in re.split(r"[\s'’\-·]+", unicodedata.normalize("NFC", pinyin.lower())):
        for syl in _SYLLABLE.findall(word):
            tone = 0
            plain = []
            for ch in syl:
                base, t = _TONED.get(ch, (ch, 0))
                tone = tone or t
                plain.append("ü" if base == "v" else base)
            out.append(("".join(plain), tone))
    return out


def sort_key(pinyin: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Glossary order: syllables first (链主 liàn·zhǔ before 两场 liǎng·chǎng), then tones.

    >>> sort_key("liànzhǔ") < sort_key("liǎngchǎng") and sort_key("mǎ") < sort_key("mà")
    True
    """
    syl = syllables(pinyin)
    return tuple(s.replace("ü", "uz") for s, _ in syl), tuple(t for _, t in syl)


def initial(pinyin: str) -> str:
    """The jump-bar letter of an entry.

    >>> initial("Zhōngguóshì xiàndàihuà"), initial("ǎi"), initial("5G")
    ('Z', 'A', '#')
    """
    key = pinyin_key(pinyin)[:1].upper()
    return key if "A" <= key <= "Z" else "#"


def anchor(entry: Entry | str) -> str:
    """The glossary page's HTML id for an entry (or a term): ``glossary/#<anchor>``.

    Word characters stay; every other character is written as ``-x<hex>-``,
    so two different terms never share an anchor (also punctuation-only ones).

    >>> anchor(Entry("中试", (), "p", "d", "e")), anchor("5G+"), anchor("——"), anchor("—")
    ('term-中试', 'term-5G-x2b-', 'term--x2014--x2014-', 'term--x2014-')
    """
    term = entry if isinstance(entry, str) else entry.term
    return "term-" + "".join(ch if re.fullmatch(r"\w", ch) else f"-x{ord(ch):x}-" for ch in term)


# ---------------------------------------------------------------- suggestions


def suggest_terms(
    texts: list[str], glossary: Glossary, limit: int = 30
) -> list[tuple[str, float, str]]:
    """Candidate glossary terms found in ``texts``, most promising first.

    Evidence, strongest first:

    * a coinage in Chinese quotes “…” (2–8 CJK characters) that is not a word
      of jieba's base dictionary: score 2 + number of occurrences;
    * any other quoted CJK phrase: score 1.5 + 0.1 × occurrences (capped < 2);
    * a TF-IDF keyword of all texts together (jieba.analyse, base dictionary):
      score = weight / (1 + weight), below 1.

    Hard-wrapped input is fine: a line break between CJK characters is
    removed before looking for quotes.

    Existing glossary forms are dropped.

    >>> g = Glossary([])
    >>> suggest_terms(["落实推进“进解优促”工作，印发“进解优促”方案。"], g, limit=1)
    [('进解优促', 4.0, 'quoted 2× (“进解优促”), not in jieba dictionary')]
    """
    known = glossary.forms
    tok = _base_tokenizer()
    # hard-wrapped input: a line break between two CJK characters is no break
    texts = [_WRAP.sub("", text) for text in texts]
    quoted: Counter[str] = Counter()
    for text in texts:
        quoted.update(_QUOTED.findall(text))

    scored: dict[str, tuple[float, str]] = {}
    for phrase, count in quoted.items():
        if phrase in known:
            continue
        if tok.FREQ.get(phrase):
            score = 1.5 + min(0.1 * count, 0.49)
            why = f"quoted {count}× (“{phrase}”), but an ordinary dictionary word"
        else:
            score = 2.0 + count
            why = f"quoted {count}× (“{phrase}”), not in jieba dictionary"
        scored[phrase] = (float(score), why)

    joined = "\n".join(texts)
    if joined.strip():
        import jieba.analyse

        tfidf = jieba.analyse.TFIDF()
        tfidf.tokenizer = tok  # base dictionary, not the global jieba.dt
        for word, weight in tfidf.extract_tags(joined, topK=max(limit * 3, 30), withWeight=True):
            if word in known or word in scored or len(word) < 2 or not _ALL_CJK.fullmatch(word):
                continue
            # w / (1 + w) keeps the order and stays below every quoted phrase
            scored[word] = (weight / (1.0 + weight), f"TF-IDF keyword (weight {weight:.3f})")

    ranked = sorted(scored.items(), key=lambda kv: (-kv[1][0], kv[0]))
    return [(phrase, score, why) for phrase, (score, why) in ranked[:limit]]


def iter_forms(entries: Iterable[Entry]) -> Iterator[tuple[str, Entry]]:
    """Every (form, entry) pair."""
    for entry in entries:
        for form in entry.forms:
            yield form, entry
