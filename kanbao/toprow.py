r"""Put back the top row of a multi-column article (pdftotext).

pdftotext sometimes prints the FIRST line of each column of an article as
consecutive lines (the "top row", right under the headline), then each
column's remaining lines as a block of their own::

    t1  (column 1, line 1)        ← the top row: one line per column
    t2  (column 2, line 1)
    t3  (column 3, line 1)
    B1  (column 1, lines 2 …)     ← no blank line between t3 and B1
    <blank>
    B2  (column 2, lines 2 …)
    …   (other articles' blocks may come in between)
    B3  (column 3, lines 2 …)

Evidence, not strings: the top-row lines are column-width lines that do
not end a sentence; line k of the row and the first line of column block k
make a word across the join (代|表, a mark that cannot start a line), and
block k-1 ends open and runs on into line k (法|国); the extractor's own
order (t1|t2, t2|t3, t3|B1) makes no word.  A block k is found among the
next few pieces after block k-1 of the same column width that continue a
sentence: the first that line k runs into, else the first.

>>> from kanbao.lines import split_lines
>>> text = ("今天上午，市政府召开新\n本稳定，居民收入上涨带动消\n"
...         "闻发布会，介绍全市上半年经\n济运行情况。上半年，全市经\n济总体保持平稳，就业形势基\n\n"
...         "费市场逐步回暖，各项主要指\n标均好于预期，为完成全年目\n标打下了坚实的基础。")
>>> ls, _ = split_lines(text)
>>> out, moves = top_row(ls)
>>> [ln.no for ln in out]
[1, 3, 4, 5, 2, 7, 8, 9]
>>> moves
['L2 moved after L5, L7-9 after it: line 2 of a top row, the first line of column 2 («基本», «消费»)']
"""
from __future__ import annotations

from dataclasses import dataclass

from .features import BODY_PUNCT, NO_LINE_START, ends_sentence, is_byline, is_furniture, speaker_label
from .model import Line
from .pagewords import PageWords
from .untangle import WINDOW, _chunks, _continues, _join_evidence, _width

MAX_COLUMNS = 6
MIN_BLOCK = 3     # lines of column 1 under the top row
SLACK = 4         # width units a column line may differ from the column
NEXT = 3          # a column's block is one of the next few pieces of its width after the one before


@dataclass
class Row:
    """A top row found in piece ``at``: its lines start at ``start`` and the
    blocks of columns 2 … m are the pieces ``blocks`` (column 1's block is
    the rest of piece ``at``, or piece ``first``)."""

    at: int
    start: int
    m: int
    blocks: list[int]
    words: list[str]
    first: int | None = None     # the piece holding column 1's block, when not piece ``at``


def _word(a: Line, b: Line, pw: PageWords) -> str:
    """The evidence that ``b`` runs on from ``a``: a word across the join, or
    a mark that cannot start a line ('' if none)."""
    if not a.text or not b.text or ends_sentence(a.text):
        return ""
    if b.text[0] in NO_LINE_START:
        return a.text[-1] + b.text[0]
    return _join_evidence([a], [b], pw)[0]


def _rowlike(ln: Line, colw: int, first: bool) -> bool:
    """A column's first line: column width (the first may be indented), no sentence end, no label
    (a byline as wide as the column is the dateline that starts the text: 本报讯 昨天上午…)."""
    t = ln.text
    if ends_sentence(t) or is_furniture(t) or speaker_label(t) or ln.header:
        return False
    return colw - (6 if first else SLACK) <= ln.width <= colw + SLACK


def _start(c: list[Line], colw: int) -> int:
    """Where a row may start in piece ``c``: after headline lines (wider than the column, or short
    without a clause in them) and a short byline."""
    def head(ln: Line) -> bool:
        short = ln.width < colw - 6
        return ln.width > colw + SLACK or short and (is_byline(ln.text) or not BODY_PUNCT.search(ln.text))
    start = 0
    while start < min(len(c), 4) and head(c[start]):
        start += 1
    return start


def _hypotheses(chunks: list[list[Line]], i: int) -> list[tuple[int, int, list[Line], int, int | None]]:
    """(start, m, column 1's block, column width, the piece holding that block if it is not piece i):
    the row with column 1's block under it in the same piece, most columns first; or the row
    as a piece of its own (after a headline) with column 1's block the next piece."""
    c = chunks[i]
    out: list[tuple[int, int, list[Line], int, int | None]] = []
    colw = _width(c)
    start = _start(c, colw)
    for m in range(MAX_COLUMNS, 1, -1):
        if len(c) - start - m >= MIN_BLOCK:
            out.append((start, m, c[start + m:], colw, None))
    if i + 1 < len(chunks) and len(chunks[i + 1]) >= MIN_BLOCK:
        colw = _width(chunks[i + 1])
        start = _start(c, colw)
        if 2 <= len(c) - start <= MAX_COLUMNS:
            out.append((start, len(c) - start, chunks[i + 1], colw, i + 1))
    return out


def _find(chunks: list[list[Line]], i: int, pw: PageWords, used: set[int]) -> Row | None:
    c = chunks[i]
    for start, m, rest, colw, first in _hypotheses(chunks, i):
        row = c[start:start + m]
        if first in used or not all(_rowlike(ln, colw, k == 0) for k, ln in enumerate(row)):
            continue
        # the extractor's order makes no word
        if any(_word(row[k], row[k + 1], pw) for k in range(m - 1)) or _word(row[-1], rest[0], pw):
            continue
        w1 = _word(row[0], rest[0], pw)      # line 1 runs into column 1's block
        words, blocks, prev, taken = [w1], [], rest, set(used) | {i, first}
        ok = True
        missing = int(not w1)
        for k in range(1, m):
            cands = [j for j in range(i + 1, min(len(chunks), i + WINDOW + 1))
                     if j not in taken and len(chunks[j]) >= 2 and _continues(chunks[j])
                     and abs(_width(chunks[j], chunks[j][0].colw) - colw) <= SLACK]
            # the columns' blocks come in order: among the next few after block k-1, the first
            # that line k runs into, else the first
            after = [j for j in cands if not blocks or j > blocks[-1]][:NEXT]
            into = [j for j in after if _word(row[k], chunks[j][0], pw)]
            j = into[0] if into else after[0] if after else None
            if j is None:
                ok = False
                break
            enter, leave = _word(prev[-1], row[k], pw), _word(row[k], chunks[j][0], pw)
            if not enter and not leave:
                ok = False
                break
            missing += (not enter) + (not leave)
            words.append("«" + "», «".join(w for w in (enter, leave) if w) + "»")
            blocks.append(j)
            taken.add(j)
            prev = chunks[j]
        # every join of the row's reading makes a word, but one of them for three or more columns
        if ok and missing <= (1 if m >= 3 else 0):
            return Row(i, start, m, blocks, words, first)
    return None


def top_row(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """Read each column of an article printed top row first in order; return the lines and the moves."""
    chunks = _chunks(lines)
    if len(chunks) < 2:
        return lines, []
    pw = PageWords([ln.text for ln in lines])
    rows: dict[int, Row] = {}
    used: set[int] = set()
    for i in range(len(chunks)):
        if i in used:
            continue
        r = _find(chunks, i, pw, used)
        if r:
            rows[i] = r
            used.update(r.blocks + ([r.first] if r.first is not None else []))
    if not rows:
        return lines, []
    out: list[Line] = []
    moves: list[str] = []
    for i, c in enumerate(chunks):
        if i in used and i not in rows:
            continue
        r = rows.get(i)
        if r is None:
            out.extend(c)
            continue
        row = c[r.start:r.start + r.m]
        out.extend(c[:r.start] + row[:1] + (c[r.start + r.m:] if r.first is None else chunks[r.first]))
        for k, j in enumerate(r.blocks, start=1):
            b = chunks[j]
            moves.append(f"L{row[k].no} moved after L{out[-1].no}, L{b[0].no}-{b[-1].no} after it: "
                         f"line {k + 1} of a top row, the first line of column {k + 1} ({r.words[k]})")
            out.append(row[k])
            out.extend(b)
    return out, moves
