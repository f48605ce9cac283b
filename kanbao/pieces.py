r"""Pieces of a dump and the evidence that one piece runs on into another.

A *piece* is the lines between two blank lines (``chunks``).  Several
stages ask the same questions of pieces: is it open (its sentence must go
on), does it continue something, which column width is it set in, and what
word, if any, runs across the join of two pieces.  Their one home is here;
``untangle`` and ``toprow`` read it.

>>> from kanbao.lines import split_lines
>>> ls, _ = split_lines("部长通道上回\n\n答记者提问。")
>>> [len(c) for c in chunks(ls)], join_evidence([ls[0]], [ls[1]], None)[0]
([1, 1], '回答')
"""
from __future__ import annotations

import math

from .features import (NO_LINE_START, NUMBER_ONLY, NUMBERED, OPEN_END, ends_sentence, furniture_line, is_byline,
                       is_furniture, narrow_slack, number_then_unit, speaker_label)
from .model import Line
from .pagewords import PageWords
from .words import is_word, join_gain, spans_word, word_freq


WINDOW = 20   # pieces are displaced locally: look this many pieces either way
WEAK = (1, 1)   # join_evidence's kind for a common word the best segmentation does not read across
COMMON = 100  # a join must make a common word (jieba frequency): 回答, 经济, 全局, 脉搏
# A join that makes a word (or starts with a mark that cannot start a line) is ten times likelier
# between lines that follow each other than between two lines taken at random: on the dev dumps
# 41% of the open joins inside paragraphs make one, 4% of random pairs of lines.
WORD, NO_WORD = math.log(0.41 / 0.04), math.log(0.59 / 0.96)
SURE_GAIN = 5.0   # join_gain of a text read across the join with confidence (建设全|局。, not 从昨天|气，)


def chunks(lines: list[Line]) -> list[list[Line]]:
    """The pieces: lines between blank lines; a first line much wider than
    the column under it (a pull quote or headline set on top of the column
    without a blank) is a piece of its own."""
    out: list[list[Line]] = []
    for ln in lines:
        if not out or ln.blanks_before:
            out.append([])
        out[-1].append(ln)
    split: list[list[Line]] = []
    for c in out:
        if len(c) >= 4 and not c[0].text.endswith(tuple(OPEN_END)) \
                and c[0].width > sorted(ln.width for ln in c[1:])[(3 * (len(c) - 1)) // 4] + 4:
            split += [c[:1], c[1:]]
        else:
            split.append(c)
    return split


def width(c: list[Line], fallback: int | None = None) -> int:
    """A piece's column width: its own lines' when it has three or more (the
    estimate from neighbours blurs where two columns of other widths meet),
    else ``fallback`` (default: the estimate at its last line)."""
    if len(c) >= 3:
        ws = sorted(ln.width for ln in c)
        return ws[(3 * len(ws)) // 4]
    return max(c[-1].colw_back, c[-1].colw) if fallback is None else fallback


def is_open(c: list[Line]) -> bool:
    """The piece's last line leaves its sentence open: full, or ending in a character
    that asks for more; never a number alone, a byline or page furniture (a date line
    with the editors' names, 下转第N版), which no sentence runs on from."""
    last = c[-1]
    if ends_sentence(last.text) or NUMBER_ONLY.match(last.text) or is_byline(last.text) or is_furniture(last.text):
        return False
    full = last.width >= width(c) - 2
    return full or last.text.endswith(tuple(OPEN_END))


def continues(c: list[Line]) -> bool:
    """The piece's first line goes on from a sentence begun elsewhere: it opens with a
    mark no line starts with, or is full; never a number, a speaker's label, a byline,
    the page header or furniture (城 市 西岭日报2017年… is no «长城» after …交运时长)."""
    first = c[0]
    t = first.text
    if NUMBER_ONLY.match(t) or NUMBERED.match(t) or speaker_label(t) or is_byline(t) or furniture_line(first):
        return False
    if t[0] in NO_LINE_START or len(t) > 1 and t[1] in NO_LINE_START:
        return True                      # ，… or 问！…: the tail of a sentence begun elsewhere
    # (a line with digits may be full however short its count makes it: 股份，收割时农民得30%的利润，农)
    return first.width + narrow_slack(t) >= (min(width(c), first.colw_fwd) if len(c) >= 3 else first.colw_fwd) - 2


def join_evidence(a: list[Line], b: list[Line], pw: PageWords | None) -> tuple[str, tuple[int, int, int]]:
    """The word across the join and how strong it is, strongest first:

    3. a number and its unit (1848|年); a word whose next character is a mark
       (建设全|局。”): the word ends a clause, where the text reads on across
       the join with confidence (``SURE_GAIN``; 从昨天|气， holds 天气 but reads
       昨天, a common word of the weakest kind);
    2. a string the page prints elsewhere
       that the dictionary does not know as a common word (五|邑, 没有|学历);
    1. a common dictionary word (回|答): first one that the text's best
       segmentation reads across the join (从|事着), then one it does not
       (推进|去年 reads 推进 / 去年, not 进去), each ranked by its frequency;
       a longer one where the two characters at the join make no word
       (救护|车), where the segmentation reads it across.

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("产业体系建设全\\n\\n局。”工业和\\n\\n中到大雨。从昨天\\n\\n气，我市天气")
    >>> join_evidence([ls[0]], [ls[1]], None), join_evidence([ls[2]], [ls[3]], None)
    (('全局', (3, 2, 1)), ('天气', (1, 1, 2657)))
    >>> ls, _ = split_lines("通讯信号车、救护\\n\\n车排成一排，为安置")
    >>> join_evidence([ls[0]], [ls[1]], None)[0]
    '救护车'
    """
    t, u = a[-1].text, b[0].text
    if number_then_unit(t, u):
        return t[-1] + u[0], (3, 3, 1)          # 1848|年: a number and its unit
    local, count = pw.across(t, u) if pw is not None else ("", 0)
    w = t[-1:] + u[:1]
    common = len(w) == 2 and is_word(w, COMMON)
    if len(u) > 1 and u[1] in NO_LINE_START and (local or common and join_gain(t, u) >= SURE_GAIN):
        return local or w, (3, 2, 1)
    if local and not is_word(local, COMMON):
        return local, (2, len(local), count)
    if common:   # WEAK: a word only by the dictionary, the best segmentation reads none across (推进|去年)
        return w, ((1, 2) if join_gain(t, u) > 0 else WEAK) + (word_freq(w),)
    # a longer common word across the join (救护|车), read by the best segmentation
    long = spans_word(t, u, min_freq=COMMON)
    if len(long) >= 3 and join_gain(t, u) > 0:
        return long, (1, 2, word_freq(long))
    return "", (0, 0, 0)


COLUMN_SLACK = 3   # width units (a Chinese character is 2) two pieces of one column may differ by


def same_column(a: list[Line], b: list[Line]) -> bool:
    r"""Pieces ``a`` and ``b`` may be one column: their widths differ by at most
    ``COLUMN_SLACK`` units, a character and a half's play and no more.  A column
    two characters narrower is another column (another article's, as often as
    not): at 4, pdftotext's columns of 12 and 10 characters ran into each other
    (…国际职员 | 的市民…); at 3, 2184 simulated cases: 8 up, 2 down, +44.3.

    >>> from kanbao.lines import split_lines
    >>> twelve, _ = split_lines("今年以来，我市坚持以高质\n量发展为主线，推动经济运\n行持续向好，全年目标有望")
    >>> ten, _ = split_lines("与此同时，城乡居民收\n入稳步增长，消费市场\n持续回暖，就业形势总")
    >>> same_column(twelve, twelve[::-1]), same_column(twelve, ten)
    (True, False)
    """
    return abs(width(a, a[-1].colw) - width(b, b[0].colw)) <= COLUMN_SLACK


def line_word(a: Line, b: Line, pw: PageWords, rare: bool = False) -> str:
    """The evidence that ``b`` runs on from ``a``: a word across the join, or
    a mark that cannot start a line ('' if none); with ``rare``, a rare
    dictionary word counts too (践|行: used for the extractor's order, so that
    doubt keeps it)."""
    if not a.text or not b.text or ends_sentence(a.text):
        return ""
    if b.text[0] in NO_LINE_START:
        return a.text[-1] + b.text[0]
    return join_evidence([a], [b], pw)[0] or (spans_word(a.text, b.text, reach=2) if rare else "")


def join_weight(word: str) -> float:
    """The log-likelihood a join's evidence adds to "these lines follow each other" (see ``WORD``)."""
    return WORD if word else NO_WORD


class JoinWords:
    """``line_word`` of the page, each join worked out once: the hypotheses of every
    piece ask about the same joins many times over."""

    def __init__(self, pw: PageWords) -> None:
        self.pw, self.memo = pw, {}

    def __call__(self, a: Line, b: Line, rare: bool = False) -> str:
        key = (id(a), id(b), rare)   # the lines stay alive while the caller's pass runs
        if key not in self.memo:
            self.memo[key] = line_word(a, b, self.pw, rare)
        return self.memo[key]
