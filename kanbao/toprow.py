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

Evidence, not strings.  The row's reading has 2m-1 joins: line 1 into
column 1's block, and for each later column the block before running on
into line k (法|国) and line k into its own block (使|节); the extractor's
order has its own joins (line k into line k+1, the last into column 1's
block).  A join that makes a word across the line end, or whose next line
starts with a mark that cannot start a line, is about ten times likelier
between lines that follow each other than between random lines (measured on
the dev dumps); the row is read when its joins beat the extractor's by a
log-likelihood margin.  Layout adds to it: the full columns' blocks are
equally long (column 1's block under the row as long as column 2's), and a
row sits right under its headline, where a smaller margin suffices.  The
row's lines are column-width lines that do not end a sentence (a later one
may be a paragraph's last line; its block then starts a paragraph,
indented).  Block k is one of the next few pieces after block k-1 of the
same column width: the first that line k runs into, else the first.  A
column whose line shows no word on either side is read only in a row of
three or more equally long columns.

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

from .features import BODY_PUNCT, NO_LINE_START, ends_sentence, firstlike, furniture_line, is_byline, is_furniture
from .model import Line
from .pagewords import PageWords
from . import pieces
from .pieces import WINDOW

MAX_COLUMNS = 6
MIN_BLOCK = 3     # lines of column 1 under the top row
SLACK = 4         # width units a column line may differ from the column
NEXT = 3          # a column's block is one of the next few pieces of its width after the one before
# A row is read when its reading beats the extractor's order by THRESHOLD (log-likelihood ratio
# of its joins' evidence, ``pieces.join_weight``).
THRESHOLD = 7.5
UNDER_HEADLINE = 5.0   # … or this, right under a headline, the one place such a row is printed


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


def _tail(ln: Line) -> bool:
    """A one-line piece that is the tail of a sentence begun elsewhere (吗？, 问！): a block of its own."""
    return len(ln.text) >= 2 and ln.text[1] in NO_LINE_START and ln.text[0] not in NO_LINE_START


def _rowlike(ln: Line, colw: int, first: bool) -> bool:
    """A column's first line: column width (the first may be indented), no sentence end, no
    furniture (a speaker label may open it, 记者：…, and a byline as wide as the column is the
    dateline that starts the text: 本报讯 昨天上午…); or, after the first, a line that ends a
    sentence (a paragraph's last line)."""
    t = ln.text
    if furniture_line(ln) or len(t) < 2 or ln.width > colw + SLACK:
        return False
    if ends_sentence(t):
        return not first
    return colw - (6 if first else SLACK) <= ln.width


def _start(c: list[Line], colw: int) -> int:
    """Where a row may start in piece ``c``: after headline lines (wider than the column, or short
    without a clause in them) and a short byline."""
    def head(ln: Line) -> bool:
        short, wide = ln.width < colw - 6, ln.width > colw
        plain = is_byline(ln.text) or not BODY_PUNCT.search(ln.text)
        # (a short line that ends no sentence is no row's line, though a comma is in it: 劳模，是他们共同的名字)
        return ln.width > colw + SLACK or wide and plain or short and (plain or not ends_sentence(ln.text))
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
    colw = pieces.width(c)
    start = _start(c, colw)
    for m in range(MAX_COLUMNS, 1, -1):
        if len(c) - start - m >= MIN_BLOCK:
            out.append((start, m, c[start + m:], colw, None))
    if i + 1 < len(chunks) and len(chunks[i + 1]) >= MIN_BLOCK:
        colw = pieces.width(chunks[i + 1])
        start = _start(c, colw)
        end = len(c)
        while end > start and is_furniture(c[end - 1].text):
            end -= 1      # the page's header line, printed after the row (…日报 2020年3月14日 … 责任编辑 …)
        if 2 <= end - start <= MAX_COLUMNS:
            out.append((start, end - start, chunks[i + 1], colw, i + 1))
    return out


@dataclass
class _Pieces:
    """Per piece, what every hypothesis asks about it (worked out once per page): whether it
    continues a line (``pieces.continues``), the column width it is set in, and ``ok``:
    it may be the block under a row's line (two lines or more, or one short last line);
    whether its first line is a paragraph's first line, and whether it ends a sentence."""
    continues: list[bool]
    widths: list[int]
    ok: list[bool]
    starts: list[bool]
    closes: list[bool]

    @classmethod
    def of(cls, chunks: list[list[Line]]) -> "_Pieces":
        return cls([pieces.continues(c) for c in chunks], [pieces.width(c, c[0].colw) for c in chunks],
                   [len(c) >= 2 or _tail(c[0]) for c in chunks], [firstlike(c[0]) for c in chunks],
                   [ends_sentence(c[0].text) for c in chunks])


def _find(chunks: list[list[Line]], i: int, word: pieces.JoinWords, used: set[int], info: _Pieces) -> Row | None:
    """The best-supported top row starting in piece ``i``, if its evidence reaches ``THRESHOLD``
    (``info``: ``_Pieces.of(chunks)``; ``word``: the page's ``pieces.JoinWords``)."""
    c = chunks[i]
    best: tuple[float, Row] | None = None
    for start, m, rest, colw, first in _hypotheses(chunks, i):
        row = c[start:start + m]
        if first in used or not all(_rowlike(ln, colw, k == 0) for k, ln in enumerate(row)):
            continue
        # the extractor's order: line k runs into line k+1, the last line into column 1's block
        order = [word(row[k], row[k + 1], True) for k in range(m - 1) if not ends_sentence(row[k].text)]
        if not ends_sentence(row[-1].text):
            order.append(word(row[-1], rest[0], True))
        w1 = word(row[0], rest[0])      # the row's reading: line 1 runs into column 1's block …
        score = pieces.join_weight(w1) - sum(pieces.join_weight(w) for w in order)
        words, blocks, prev, taken = [w1], [], rest, set(used) | {i, first}
        prev_at = i if first is None else first
        bare = 0                              # columns whose line k shows no word either side
        for k in range(1, m):
            # a block continues line k's sentence (or ends it: a paragraph's short last line);
            # after a sentence end it goes on with the paragraph or starts one, indented
            closed = ends_sentence(row[k].text)
            cands = [j for j in range(i + 1, min(len(chunks), i + WINDOW + 1))
                     if j not in taken and info.ok[j]
                     and (info.continues[j] or (info.starts[j] if closed else info.closes[j]))
                     and abs(info.widths[j] - colw) <= SLACK]
            # the columns' blocks come in order: among the next few after block k-1, the first
            # that line k runs into, else the first
            after = [j for j in cands if not blocks or j > blocks[-1]][:NEXT]
            into = [j for j in after if word(row[k], chunks[j][0])]
            j = into[0] if into else after[0] if after else None
            if j is None:
                break
            # … block k-1 runs into line k, line k into block k
            enter, leave = word(prev[-1], row[k]), word(row[k], chunks[j][0])
            bare += not enter and not leave
            score += pieces.join_weight(enter) + (0 if closed else pieces.join_weight(leave))
            if j == prev_at + 1:            # the extractor put block k right after block k-1
                score -= pieces.join_weight(word(prev[-1], chunks[j][0]))
            words.append("«" + "», «".join(w for w in (enter, leave) if w) + "»" if enter or leave
                         else "no word: the next block of its width")
            blocks.append(j)
            taken.add(j)
            prev, prev_at = chunks[j], j
        else:
            # columns of one article are equally long: column 1's block as long as each full column's
            # after it (read as the extractor gave it, piece i would be m lines longer than they are)
            full = [len(chunks[j]) for j in blocks[:-1]] or [len(chunks[blocks[-1]])]
            equal = len(rest) >= 5 and all(n == len(rest) for n in full)
            score += pieces.WORD if equal else 0
            if bare and not (equal and m >= 3):   # a column without a word only among equal columns
                continue
            # a row sits right under its headline (in the same piece, or the piece before is one)
            under = start > 0 or i > 0 and _start(chunks[i - 1][-1:], colw) == 1
            if score >= (UNDER_HEADLINE if under else THRESHOLD) and (best is None or score > best[0]):
                best = (score, Row(i, start, m, blocks, words, first))
    return best[1] if best else None


def top_row(lines: list[Line], pw: PageWords | None = None) -> tuple[list[Line], list[str]]:
    """Read each column of an article printed top row first in order; return the lines and the moves
    (``pw``: the page's words, when the caller has counted them)."""
    chunks = pieces.chunks(lines)
    if len(chunks) < 2:
        return lines, []
    pw = PageWords([ln.text for ln in lines]) if pw is None else pw
    rows: dict[int, Row] = {}
    used: set[int] = set()
    info, word = _Pieces.of(chunks), pieces.JoinWords(pw)
    for i in range(len(chunks)):
        if i in used:
            continue
        r = _find(chunks, i, word, used, info)
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
        if r.first is None:
            out.extend(c[:r.start] + row[:1] + c[r.start + r.m:])
        else:     # (a row that is a piece of its own: the furniture printed after it goes before it)
            out.extend(c[:r.start] + c[r.start + r.m:] + row[:1] + chunks[r.first])
        for k, j in enumerate(r.blocks, start=1):
            b = chunks[j]
            moves.append(f"L{row[k].no} moved after L{out[-1].no}, L{b[0].no}-{b[-1].no} after it: "
                         f"line {k + 1} of a top row, the first line of column {k + 1} ({r.words[k]})")
            out.append(row[k])
            out.extend(b)
    return out, moves
