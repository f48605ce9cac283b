"""Lexical cohesion between blocks: character-bigram TF-IDF cosine.

Chinese has no spaces, and bigrams of characters are a robust, dictionary-free
proxy for words (中试, 物流, 新赛道 → 新赛/赛道): two blocks about the same
thing share many of them.

>>> v = Vectorizer(["成都物流降本增效", "物流降本", "科技创新策源"])
>>> round(v.cosine(v.vector("物流降本增效"), v.vector("推动物流降本")), 2) > 0.3
True
>>> v.cosine(v.vector("物流"), v.vector("科技"))
0.0
"""
from __future__ import annotations

import math
import re
from collections import Counter

_HAN = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z]+|\d+")


def bigrams(text: str) -> Counter:
    """Character bigrams of each run of Han characters (words for Latin/digits).

    >>> sorted(bigrams("中试平台"))
    ['中试', '平台', '试平']
    """
    out: Counter = Counter()
    for run in _HAN.findall(text):
        if not "\u4e00" <= run[0] <= "\u9fff":
            out[run.lower()] += 1
        elif len(run) == 1:
            out[run] += 1
        else:
            out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out


class Vector(dict):
    """A text's weighted bigrams, with its length worked out once: comparing
    one short text with every article of a long page then costs the short
    text's bigrams alone.

    >>> Vector({"中试": 3.0, "平台": 4.0}).norm
    5.0
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.norm = math.sqrt(sum(w * w for w in self.values()))


def _norm(v: dict[str, float]) -> float:
    return v.norm if isinstance(v, Vector) else math.sqrt(sum(w * w for w in v.values()))


class Vectorizer:
    """TF-IDF over the blocks of one page."""

    def __init__(self, docs: list[str]):
        df: Counter = Counter()
        for d in docs:
            df.update(set(bigrams(d)))
        n = max(1, len(docs))
        self.idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}

    def vector(self, text: str) -> dict[str, float]:
        tf = bigrams(text)
        return Vector({t: c * self.idf.get(t, 1.0) for t, c in tf.items()})

    @staticmethod
    def cosine(a: dict[str, float], b: dict[str, float]) -> float:
        if not a or not b:
            return 0.0
        if len(a) > len(b):
            a, b = b, a
        dot = sum(w * b.get(t, 0.0) for t, w in a.items())
        if not dot:
            return 0.0
        return dot / (_norm(a) * _norm(b))
