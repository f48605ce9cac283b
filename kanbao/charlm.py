r"""How well two pieces of text read on into each other: a character model of newspaper text.

Where a column break cuts no dictionary word (``words.join_gain`` is 0), the
characters either side of the join still say something: 的 | 经济 reads on,
的 | 是 does not.  ``join_lift`` asks a character trigram model, counted
from a month of the People's Daily (``bench/build_charlm.py`` builds
``data/charlm.tsv.gz``), how much likelier the first two characters of
``right`` are after the end of ``left`` than on their own: the log of that
ratio, a few units either way, 0 where either side is empty.

>>> join_lift("推动我国的", "经济整体") > 1 > join_lift("推动我国的", "是一个")
True
>>> join_lift("全市", "")
0.0

On the gold links of the 568 pdfminer tuning cases (simulated seeds 56–103
and 200–207, the dev set), where the line above leaves its sentence open and
neither line makes a dictionary word across the join, the true next line
reads likelier than another line within twelve of it 79 % of the time (the
parts of speech across the join, which ``untangle`` read before: 59 %).

Smoothing: absolute discounting (0.75), each order interpolated with the
one below, add-a-half on characters.  A continuation the month never
printed gets only what its context leaves to unseen ones, so such a join
reads unlikely (、扩 | 绿: −5.3; 我国的 | 麒麟: −4.7): the lift is capped
where ``untangle`` reads it.
"""
from __future__ import annotations

import functools
import gzip
import math
import re
from array import array
from bisect import bisect_left
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "charlm.tsv.gz"
DISCOUNT = 0.75
MIN_TRIPLE = 1     # every triple seen is stored (see bench/build_charlm.py)
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_WIDE = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(r[0], r[1] + 1)}


def normalise(s: str) -> str:
    """Full-width digits and letters made ASCII, every run of digits read as 0, spaces
    dropped (a letterspaced line's characters are read as the text they spell).

    >>> normalise("１９９８年3月12日ＡＢ"), normalise("减 污 、 扩")
    ('0年0月0日AB', '减污、扩')
    """
    return _DIGITS.sub("0", _SPACES.sub("", s.translate(_WIDE)))


def _key(s: str) -> int:
    """A string of one to three characters packed into one integer (21 bits a character)."""
    k = 0
    for ch in s:
        k = (k << 21) | ord(ch)
    return k


class _Table:
    """Rows of counts in the order of their keys, looked up by bisection (small in memory:
    a dict of the 860,000 triples would take about 100 MB, these arrays about 20)."""

    def __init__(self, width: int):
        self.keys = array("q")
        self.cols = [array("q") for _ in range(width)]

    def add(self, key: int, values: list[int]) -> None:
        if self.keys and key <= self.keys[-1]:
            raise ValueError("charlm: rows out of order (rebuild with bench/build_charlm.py)")
        self.keys.append(key)
        for col, v in zip(self.cols, values):
            col.append(v)

    def get(self, s: str) -> tuple[int, ...] | None:
        k = _key(s)
        i = bisect_left(self.keys, k)
        if i < len(self.keys) and self.keys[i] == k:
            return tuple(c[i] for c in self.cols)
        return None


class CharModel:
    """Counts of characters, pairs and triples (rows ``n<TAB>gram<TAB>counts…``,
    sorted), and the probabilities they give."""

    def __init__(self, rows):
        self.one: dict[str, tuple[int, ...]] = {}
        self.two = _Table(3)
        self.three = _Table(1)
        for row in rows:
            n, gram, *counts = row.rstrip("\n").split("\t")
            values = [int(c) for c in counts]
            if n == "1":
                self.one[gram] = tuple(values)
            else:
                (self.two if n == "2" else self.three).add(_key(gram), values)
        self.total = sum(c[0] for c in self.one.values())
        self.kinds = len(self.one) + 1

    def p1(self, c: str) -> float:
        seen = self.one.get(c)
        return ((seen[0] if seen else 0) + 0.5) / (self.total + 0.5 * self.kinds)

    def p2(self, c: str, a: str) -> float:
        """P(c | a)."""
        seen = self.one.get(a)
        if not seen or not seen[1]:
            return self.p1(c)
        _, n, distinct = seen
        pair = self.two.get(a + c)
        return max((pair[0] if pair else 0) - DISCOUNT, 0) / n + DISCOUNT * distinct / n * self.p1(c)

    def p3(self, c: str, ab: str) -> float:
        """P(c | ab)."""
        seen = self.two.get(ab)
        if not seen or not seen[1]:
            return self.p2(c, ab[-1])
        _, n, distinct = seen
        triple = self.three.get(ab + c)
        return max((triple[0] if triple else 0) - DISCOUNT, 0) / n + DISCOUNT * distinct / n * self.p2(c, ab[-1])

    def p(self, c: str, before: str) -> float:
        """P(c | the last two characters of ``before``)."""
        return self.p3(c, before[-2:]) if len(before) >= 2 else self.p2(c, before) if before else self.p1(c)


@functools.lru_cache(maxsize=1)
def model() -> CharModel:
    """The counts of ``data/charlm.tsv.gz``, read once."""
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        return CharModel(f)


@functools.lru_cache(maxsize=200_000)
def join_lift(left: str, right: str) -> float:
    """log P(first two characters of ``right`` | end of ``left``) − log P(them | nothing before)."""
    a, b = normalise(left)[-2:], normalise(right)[:2]
    if not a or not b:
        return 0.0
    m = model()
    s = a + b
    lift = sum(math.log(m.p(s[i], s[:i]) / m.p(s[i], s[len(a):i])) for i in range(len(a), len(s)))
    return round(lift, 4)
