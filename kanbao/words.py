"""jieba's base dictionary, shared by the stages that ask "is this a word?".

Loaded once, lazily, never given user words (the glossary must not change
what counts as an ordinary word).

>>> spans_word("推动我国经", "济整体运行")
'经济'
>>> spans_word("回答记者提问", "济整体")
''
"""
from __future__ import annotations

import functools
import logging
import math


@functools.lru_cache(maxsize=1)
def base_tokenizer():
    """jieba's base dictionary, loaded once and never given user words."""
    import jieba

    tokenizer = jieba.Tokenizer()
    logger = logging.getLogger("jieba")
    level = logger.level
    logger.setLevel(logging.WARNING)  # silence "Building prefix dict ..."
    try:
        tokenizer.initialize()
    finally:
        logger.setLevel(level)
    return tokenizer


@functools.lru_cache(maxsize=1)
def _pos_tokenizer():
    """jieba's part-of-speech tagger over its base dictionary, loaded once."""
    import jieba.posseg

    return jieba.posseg.POSTokenizer(base_tokenizer())


def tagged(s: str) -> list[tuple[str, str]]:
    """``s`` cut into words of jieba's base dictionary, each with its part-of-speech tag.

    >>> tagged("具体预报为")
    [('具体', 'a'), ('预报', 'vn'), ('为', 'p')]
    """
    return [(p.word, p.flag) for p in _pos_tokenizer().cut(s)]


def word_tag(s: str) -> str:
    """jieba's part-of-speech tag of the dictionary word ``s`` ('' if it is no word).

    >>> word_tag("展望"), word_tag("记者"), word_tag("梁晨帆")
    ('v', 'n', '')
    """
    return _pos_tokenizer().word_tag_tab.get(s, "") if is_word(s) else ""


def is_word(s: str, min_freq: int = 1) -> bool:
    """True when ``s`` is a word of jieba's base dictionary (seen at least ``min_freq`` times)."""
    return base_tokenizer().FREQ.get(s, 0) >= min_freq


def word_freq(s: str) -> int:
    """How often jieba's dictionary saw ``s`` (0 if it is no word)."""
    return base_tokenizer().FREQ.get(s, 0) or 0


def spans_word(left: str, right: str, reach: int = 3, min_freq: int = 1) -> str:
    """The longest dictionary word (seen ``min_freq`` times) that runs from the
    end of ``left`` into ``right`` ('' if none)."""
    best = ""
    for i in range(1, min(reach, len(left)) + 1):
        for j in range(1, min(reach, len(right)) + 1):
            w = left[-i:] + right[:j]
            if len(w) > len(best) and is_word(w, min_freq):
                best = w
    return best


def word_across(left: str, right: str, min_freq: int = 100) -> str:
    """The common word (seen ``min_freq`` times) that runs from the end of ``left``
    into ``right``, where the best reading of the text around the join takes
    it ('' if none, or if the two sides read better as words of their own:
    繁荣发展 | 台风登陆 holds 展台, but reads 发展 | 台风; 开夜场 | 合力 holds
    场合, but reads 夜场 | 合力).

    >>> word_across("推动我国经", "济整体运行"), word_across("侨居地繁荣发展", "台风登陆时")
    ('经济', '')
    >>> word_across("城市书房开夜场", "合力应对寒潮", min_freq=1), word_across("男篮登", "顶", min_freq=1)
    ('', '登顶')
    """
    w = spans_word(left, right, min_freq=min_freq)
    return w if w and join_gain(left, right) > 0 else ""


@functools.lru_cache(maxsize=65536)
def _best_logp(s: str) -> float:
    """log P of jieba's best segmentation of ``s`` under its unigram model."""
    if not s:
        return 0.0
    tk = base_tokenizer()
    route: dict = {}
    tk.calc(s, tk.get_DAG(s), route)
    return route[0][0]


def join_gain(left: str, right: str, reach: int = 4) -> float:
    """How much more likely the text is read across the join than as two pieces:
    log P(best segmentation of the last ``reach`` characters of ``left`` plus the
    first ``reach`` of ``right``) minus the two pieces' own.  0 when no
    dictionary word runs across; about 5–12 when one does (the sentence goes
    on from ``left`` into ``right``).

    >>> join_gain("推动我国经", "济整体运行") > 5, join_gain("推动我国经", "党的二十大") > 5
    (True, False)
    """
    a, b = left[-reach:], right[:reach]
    if not a or not b:
        return 0.0
    g = _best_logp(a + b) - _best_logp(a) - _best_logp(b)
    return round(g, 3) if g > 1e-6 else 0.0


UNTAGGED = {"m", "eng", "x"}   # numbers, Latin letters, marks: tags that say nothing of a join


@functools.lru_cache(maxsize=1)
def _tag_follows() -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """P(next word's tag | this word's tag), read off the transitions of jieba's
    part-of-speech HMM (trained on the People's Daily): from a word's last
    state (E or S, tag x) to the next word's first (B or S, tag y).  Also the
    mean of P(y | x) over all x, the baseline a join is judged against."""
    from jieba.posseg import prob_trans

    follows: dict[str, dict[str, float]] = {}
    for (state, x), nexts in prob_trans.P.items():
        if state in "ES":
            row = follows.setdefault(x, {})
            for (state2, y), logp in nexts.items():
                if state2 in "BS":
                    row[y] = row.get(y, 0.0) + math.exp(logp)
    base: dict[str, float] = {}
    for row in follows.values():
        total = sum(row.values())
        for y in row:
            row[y] /= total
            base[y] = base.get(y, 0.0) + row[y] / len(follows)
    return follows, base


@functools.lru_cache(maxsize=100_000)
def _edge_tag(s: str, last: bool) -> str:
    """The part-of-speech tag of the last (or first) word of ``s`` ('' if none)."""
    words = tagged(s[-6:] if last else s[:6])
    return (words[-1] if last else words[0])[1] if words else ""


def tag_join(left: str, right: str, cap: float = 2.0) -> float:
    """How much more likely the first word of ``right`` follows the last word of
    ``left`` by their parts of speech than it follows a word at large: the log
    of P(tag | tag before) over its baseline, within ±``cap``.  Weak evidence
    (of the lines near a line's true next line in 100 simulated pdfminer
    dumps, where neither makes a word with it and the two scores differ,
    it prefers the true one 59 times in 100),
    for joins no dictionary word runs across: after 的 a noun is likely, a
    verb is not.

    >>> tag_join("推动我国的", "经济整体") > 0.5, tag_join("推动我国的", "是一个") < -0.3
    (True, True)
    """
    x, y = _edge_tag(left, True), _edge_tag(right, False)
    if not x or not y:
        return 0.0
    if {x, y} & UNTAGGED:
        return 0.0   # a number, Latin or a mark: the tagger's numbers are whole (2023年 | 6月), split ones are not
    follows, base = _tag_follows()
    p = follows.get(x, {}).get(y, 0.0)
    return max(-cap, min(cap, math.log((p + 1e-4) / (base.get(y, 0.0) + 1e-4))))
