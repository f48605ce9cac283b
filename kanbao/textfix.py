"""Small named text fixers applied to every line, in order (ftfy style).

Each fixer is a pure ``str -> str`` function.  A fixer that changed a line is
recorded on it, so ``explain`` can show why the text differs from the seed.
Every fixer keeps every non-space character up to Unicode NFKC (the check in
``check.py`` compares NFKC text), so nothing is lost.

>>> apply_fixers("农 民 得 30% 的 利 润 ， 农 民 很 满")
('农民得30%的利润，农民很满', ('unspace_letterspaced',))
"""
from __future__ import annotations

import re
from typing import Callable

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# CJK characters plus full-width punctuation and the quotes/dashes Chinese text uses
CJKP = CJK + "\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026\u2014\u00b7"
_CJK_RE = re.compile(f"[{CJK}]")


def ideographic_gaps(s: str) -> str:
    """Spaces between two Chinese characters inside a headline become one
    ideographic space (U+3000): the gap the paper prints between a
    headline's parts, which NFKC turned into a narrow ASCII space.  Not a
    line fixer: render applies it wherever a heading is shown (its page,
    lists, navigation), never to body text.

    >>> ideographic_gaps("林丹四度封王 辽宁男篮登顶"), ideographic_gaps("G20 峰会")
    ('林丹四度封王\u3000辽宁男篮登顶', 'G20 峰会')
    """
    return re.sub(f"(?<=[{CJKP}])[ \t]+(?=[{CJKP}])", "\u3000", s)


def unhalfwidth_punct(s: str) -> str:
    """Halfwidth ideographic stops (U+FF61, U+FF64) become 。 and 、.

    >>> unhalfwidth_punct("长江流域｡水质､水量")
    '长江流域。水质、水量'
    """
    return s.replace("\uff61", "。").replace("\uff64", "、")


_HALF_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_HALF_RE = re.compile(f"(?<=[{CJKP}])([,;:?!])(?=[{CJKP}]|$)")


def fullwidth_commas(s: str) -> str:
    """A half-width , ; : ? ! after Chinese text becomes full width.

    >>> fullwidth_commas("通过“揭榜挂帅”的方式,聚焦重点")
    '通过“揭榜挂帅”的方式，聚焦重点'
    >>> fullwidth_commas("3,000 tons")
    '3,000 tons'
    """
    return _HALF_RE.sub(lambda m: _HALF_PUNCT[m.group(1)], s)


def unspace_letterspaced(s: str) -> str:
    """Remove the spaces of a letter-spaced (justified) line.

    pdfminer emits stretched lines as single characters separated by spaces.
    The line qualifies when most gaps between non-space characters are
    single spaces and at least four of them sit next to CJK characters.

    >>> unspace_letterspaced("农 民 得 30% 的 利 润")
    '农民得30%的利润'
    >>> unspace_letterspaced("本报记者 陈 曦")
    '本报记者 陈 曦'
    """
    t = s.strip()
    tokens = t.split(" ")
    if len(tokens) < 6 or any(tok == "" for tok in tokens):
        return s
    single = sum(1 for tok in tokens if len(tok) == 1 and _CJK_RE.match(tok) or tok in "，。、；：“”")
    if single < 0.7 * len(tokens):
        return s
    return "".join(tokens)


_NUM_SPACE = re.compile(f"(?<=[{CJKP}])[ \u00a0\u3000]+(?=[0-9])|(?<=[0-9%])[ \u00a0\u3000]+(?=[{CJKP}])")


def unspace_numbers(s: str) -> str:
    """Drop the extractor's spaces between a number and Chinese text.

    >>> unspace_numbers("今年 1 至 10 月，新")
    '今年1至10月，新'
    >>> unspace_numbers("超过 2023 年全年")
    '超过2023年全年'

    Spaces around Latin words are the typesetter's and stay:

    >>> unspace_numbers("平台名为 Smart Factory，")
    '平台名为 Smart Factory，'
    """
    return _NUM_SPACE.sub("", s)


_MARKS = "，。、；：！？）》」』”"
_MARK_SPACE = re.compile(f"(?<=[{_MARKS}])[ \u00a0\u3000]+(?=[{CJKP}])|(?<=[{CJK}])[ \u00a0\u3000]+(?=[{_MARKS}])")


def unspace_marks(s: str) -> str:
    """Drop the extractor's spaces after (or before) a full-width mark in Chinese text.

    >>> unspace_marks("刘进： 早期到北美谋生")
    '刘进：早期到北美谋生'
    >>> unspace_marks("本报记者 陈 曦")
    '本报记者 陈 曦'
    """
    return _MARK_SPACE.sub("", s)


_CJK_GAP = re.compile(f"(?<=[{CJKP}])[ \t]+(?=[{CJKP}])")


def unspace_cjk(s: str) -> str:
    """Drop spaces between two Chinese characters or marks: in running text
    (a paragraph, a question, an answer) a space there is the extractor's
    (a wide gap in a justified line) or a headline's, never the writer's.
    Only for text blocks: bylines and headlines keep their spaces.

    >>> unspace_cjk("上午在纽约联合国总部 开幕。"), unspace_cjk("本报讯（记者 王建）为进一步"), unspace_cjk("提高1 倍")
    ('上午在纽约联合国总部开幕。', '本报讯（记者王建）为进一步', '提高1 倍')
    """
    return _CJK_GAP.sub("", s)


FIXERS: list[Callable[[str], str]] = [unhalfwidth_punct, unspace_letterspaced, fullwidth_commas, unspace_numbers,
                                      unspace_marks]


def apply_fixers(s: str, fixers: list[Callable[[str], str]] | None = None) -> tuple[str, tuple[str, ...]]:
    """Run every fixer; return the text and the names of those that changed it."""
    changed = []
    for fix in FIXERS if fixers is None else fixers:
        new = fix(s)
        if new != s:
            changed.append(fix.__name__)
            s = new
    return s, tuple(changed)
