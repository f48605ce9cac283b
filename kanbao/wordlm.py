r"""How well two pieces of text read on into each other, word by word: a word trigram model.

``charlm`` sees two characters either side of a join; this module sees words.
``word_lift`` takes the Chinese characters either side of a join (at most
``REACH`` each; digits, letters and punctuation end them: the model has no
words for those), cuts each side, and the two read as one, into the model's
words (the likeliest cut by the words' own frequencies), and returns how much
likelier the joined text is than its two halves apart, in natural log:
log P(left + right) − log P(left) − log P(right).  A word that runs across
the join, or a pair or triple of words the model saw often, lifts it; 0
where either side has no Chinese character at the join.

>>> word_lift("记者从市教育", "局获悉") > 5 > word_lift("记者从市教育", "提高了效率")
True
>>> word_lift("经济持续向好。", "今年以来")
0.0

The model is the word trigram model of the fcitx input method library
libime (``lm_sc``, LGPL-2.1+, trained by its authors on general modern
Chinese), pruned and packed by ``bench/build_wordlm.py`` into
``data/wordlm.bin.gz``: 164,887 words, the pairs and triples that read
clearly likelier than the model's backoff guess.  It knows far more text
than the one month ``charlm`` counts, but no punctuation or digits, so
``untangle`` reads the two side by side.
"""
from __future__ import annotations

import functools
import gzip
import json
import math
import re
import unicodedata
from array import array
from bisect import bisect_left
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "wordlm.bin.gz"
REACH = 4          # characters either side of a join that are read
SCALE = 100        # log10 probabilities are stored in hundredths
_LEFT = re.compile(r"[\u3400-\u9fff]{1,%d}$" % REACH)
_RIGHT = re.compile(r"^[\u3400-\u9fff]{1,%d}" % REACH)
_SPACES = re.compile(r"\s+")


class WordModel:
    """A backoff word trigram model packed in arrays (the layout ``bench/build_wordlm.py``
    writes: a JSON header line, the words, then the arrays).  Log10 probabilities, in
    hundredths, looked up by binary search."""

    def __init__(self, blob: bytes):
        head, rest = blob.split(b"\n", 1)
        h = json.loads(head)
        n1, n2, n3, at = h["words"], h["bigrams"], h["trigrams"], h["word_bytes"]
        words = rest[:at].decode("utf-8").split("\n")
        if len(words) != n1:
            raise ValueError(f"word model: {len(words)} words, the header says {n1}")
        self.ids = {w: i for i, w in enumerate(words)}
        self.longest = max(len(w) for w in words)
        self.unk = self.ids["<unk>"]

        def take(code: str, n: int) -> array:
            nonlocal at
            a = array(code)
            size = a.itemsize * n
            if at + size > len(rest):
                raise ValueError("word model: the file ends early")
            a.frombytes(rest[at:at + size])
            at += size
            return a
        self.uni_p, self.uni_b = take("h", n1), take("h", n1)
        self.start = take("I", n1 + 1)
        self.bi_w, self.bi_p, self.bi_b = take("I", n2), take("h", n2), take("h", n2)
        self.tri_k, self.tri_p = take("Q", n3), take("h", n3)

    def pair(self, a: int, b: int) -> int:
        """The index of the pair (a, b), or -1."""
        lo, hi = self.start[a], self.start[a + 1]
        i = bisect_left(self.bi_w, b, lo, hi)
        return i if i < hi and self.bi_w[i] == b else -1

    def p2(self, a: int, w: int) -> int:
        j = self.pair(a, w)
        return self.bi_p[j] if j >= 0 else self.uni_b[a] + self.uni_p[w]

    def p3(self, b: int, a: int, w: int) -> int:
        j = self.pair(b, a)
        if j < 0:
            return self.p2(a, w)
        key = j << 18 | w
        i = bisect_left(self.tri_k, key)
        if i < len(self.tri_k) and self.tri_k[i] == key:
            return self.tri_p[i]
        return self.bi_b[j] + self.p2(a, w)

    def score(self, ids: list[int]) -> int:
        """log10 P(the words), in hundredths; an unknown word starts afresh."""
        total = 0
        for i, w in enumerate(ids):
            a = ids[i - 1] if i >= 1 and ids[i - 1] != self.unk else -1
            b = ids[i - 2] if i >= 2 and ids[i - 2] != self.unk and a >= 0 else -1
            if w == self.unk or a < 0:
                total += self.uni_p[w]
            elif b < 0:
                total += self.p2(a, w)
            else:
                total += self.p3(b, a, w)
        return total

    def cut(self, text: str) -> list[int]:
        """The likeliest cut of ``text`` into the model's words, by their own frequencies
        (a character it has no word for is ``<unk>``)."""
        n = len(text)
        best, back = [0] + [None] * n, [0] * (n + 1)
        for j in range(1, n + 1):
            for i in range(max(0, j - self.longest), j):
                w = self.ids.get(text[i:j], self.unk if j - i == 1 else None)
                if w is None or best[i] is None:
                    continue
                s = best[i] + self.uni_p[w]
                if best[j] is None or s > best[j]:
                    best[j], back[j] = s, i
        ids, j = [], n
        while j > 0:
            i = back[j]
            ids.append(self.ids.get(text[i:j], self.unk))
            j = i
        return ids[::-1]

    def logp(self, text: str) -> int:
        return self.score(self.cut(text))


@functools.lru_cache(maxsize=1)
def model() -> WordModel:
    """The model of ``data/wordlm.bin.gz``, read once."""
    return WordModel(gzip.decompress(DATA.read_bytes()))


@functools.lru_cache(maxsize=200_000)
def word_lift(left: str, right: str) -> float:
    """log P(left + right) − log P(left) − log P(right) over the Chinese characters either
    side of the join (natural log; 0 where a side has none)."""
    a = _LEFT.search(_SPACES.sub("", unicodedata.normalize("NFKC", left)))
    b = _RIGHT.search(_SPACES.sub("", unicodedata.normalize("NFKC", right)))
    if not a or not b:
        return 0.0
    m = model()
    hundredths = m.logp(a.group() + b.group()) - m.logp(a.group()) - m.logp(b.group())
    return round(hundredths / SCALE * math.log(10), 4)
