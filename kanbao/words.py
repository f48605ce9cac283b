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
