r"""Put back columns whose first and last lines pdfminer emitted as rows.

pdfminer on some pages boxes the first line of each column of an article
apart from the column under it, and the boxes of one height go out together:
the columns' first lines come as a row of one-line pieces, then each
column's body in order, then (often) the columns' last lines as another
row::

    t1 | t2 | t3          ← top row: line 1 of each column
    B1 (column 1, lines 2 … n-1, in pieces)
    B2 …
    B3 …
    r1 | r2 | r3          ← bottom row: line n of each column

The columns of one article are set equally long, so the bodies are cut
where each holds the same number of lines (the last column may be shorter:
the article ends there), and only at a piece's start.  The reading
t1 B1 r1 t2 B2 r2 … is taken where its joins beat the extractor's by a
log-likelihood margin, each join that makes a word across the line end
counting as in ``toprow`` (``pieces.join_weight``) (ten times likelier between lines that follow
each other than between random lines).

>>> from kanbao.lines import split_lines
>>> text = ("今年以来，我市坚持以高质|量发展为主线，推动经济运|行持续向好，全年各项目标|有望顺利完成。城乡居民收|"
...         "入稳步增长，消费市场持续|回暖，就业形势总体保持稳|定，物价水平温和上涨，各|区县积极落实各项政策措施，|"
...         "为企业纾困解难，营商环境|不断优化，市场主体活力持|续增强，新动能加快成长，|产业结构进一步优化升级，|"
...         "全市经济社会发展呈现稳中|有进的良好态势，重点项目|建设提速推进，一批重大产|业项目集中开工，为全年经|"
...         "济平稳运行提供了有力支撑，|城市功能品质持续提升，群|众的获得感幸福感安全感不|断增强。下一步，我市将继|"
...         "续深化改革开放，加快建设|现代化产业体系，推动科技|创新和产业创新深度融合，|着力扩大有效需求，持续改|"
...         "善民生福祉，统筹发展和安|全，奋力推动经济实现质的|有效提升和量的合理增长，|为全面建设社会主义现代化|"
...         "国家作出新的更大贡献，在|新的征程上书写更加精彩的")
>>> cols = [text.split("|")[k * 10:(k + 1) * 10] for k in range(3)]
>>> parts = [c[0] for c in cols] + ["\n".join(c[x:x + 2]) for c in cols for x in (1, 3, 5, 7)] + [c[9] for c in cols]
>>> ls, _ = split_lines("\n\n".join(parts))
>>> out, moves = column_rows(ls)
>>> [ln.text for ln in out] == cols[0] + cols[1] + cols[2]
True
>>> moves
['L1-47: 3 columns whose first lines came as a row and last lines as another, read one after another (11.3)']
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from .features import ends_sentence, furniture_line, is_byline
from .model import Line
from .pagewords import PageWords
from . import pieces

MAX_COLUMNS = 6
SLACK = 4          # width units a column's line may differ from the column
MAX_BODY = 120     # lines of a column's body at most: a page's column is no longer (and the search stays linear)
MIN_BODY = 4       # lines of a column's body between its first and last line
THRESHOLD = 7.5    # log-likelihood the reading must beat the extractor's order by
INNER = 0.0        # the bodies' own joins must read at least this well in the extractor's order


@dataclass
class Reading:
    """Columns found at piece ``top``: ``m`` one-line pieces (the top row), then the bodies
    in pieces ``starts[k]`` … ``starts[k + 1] - 1``, then ``bottom`` one-line pieces."""
    top: int
    m: int
    starts: list[int]
    bottom: int
    score: float


def _colw(chunks: list[list[Line]], j: int) -> int:
    """The column width of the pieces from ``j`` on: the upper quartile of their lines' widths."""
    ws = sorted(ln.width for c in chunks[j:j + 8] for ln in c)
    return ws[(3 * len(ws)) // 4]


def _column_line(ln: Line, colw: int) -> bool:
    """A line of the column's text: no furniture, byline or header, no wider than the column."""
    return not (furniture_line(ln) or is_byline(ln.text)) and ln.width <= colw + SLACK


def _row_line(ln: Line, colw: int) -> bool:
    """A column's first or last line (a paragraph's first line is indented, a last line may be
    short): a column's line of two characters or more."""
    return len(ln.text) >= 2 and _column_line(ln, colw)


def _body(c: list[Line], colw: int) -> bool:
    return all(_column_line(ln, colw) for ln in c)


def _find(chunks: list[list[Line]], j: int, word: pieces.JoinWords) -> Reading | None:
    """The best reading whose first body starts at piece ``j`` (a top row ends at ``j - 1``)."""
    a = j
    while a > 0 and len(chunks[a - 1]) == 1:
        a -= 1
    if j - a < 2:
        return None
    colw = _colw(chunks, j)
    e, lines = j, 0
    while e < len(chunks) and _body(chunks[e], colw) and lines < MAX_COLUMNS * MAX_BODY:
        lines += len(chunks[e])
        e += 1
    offsets = [0]                       # line offset in the bodies of each piece j … e
    for x in range(j, e):
        offsets.append(offsets[-1] + len(chunks[x]))
    at = {o: j + i for i, o in enumerate(offsets)}
    total = offsets[-1]
    # the join of piece x - 1 into piece x, summed from piece j on (the bodies' inner joins)
    inner = [0.0, 0.0]
    for x in range(j + 1, e):
        c, d = chunks[x - 1], chunks[x]
        inner.append(inner[-1] + (0.0 if ends_sentence(c[-1].text) else pieces.join_weight(word(c[-1], d[0]))))
    best: Reading | None = None
    for m in range(2, min(MAX_COLUMNS, j - a) + 1):
        top = [chunks[x][0] for x in range(j - m, j)]
        if not all(_row_line(ln, colw) for ln in top) or top[0].width < colw - 6:
            continue
        for length in range(MIN_BODY, total // (m - 1) + 1):
            cuts = [k * length for k in range(m)]
            if not all(c in at for c in cuts):
                continue
            # column m's body: up to ``length`` lines, ending at a piece's end
            end = offsets[bisect.bisect_right(offsets, min(total, m * length)) - 1]
            if end - cuts[-1] < 1:
                continue
            starts = [at[c] for c in cuts] + [at[end]]
            # the bodies read in the extractor's order: their pieces must follow each other (in a
            # stretch of columns dealt line by line they do not)
            own = inner[starts[-1] - 1 - j + 1] - sum(inner[s - j + 1] - inner[s - j] for s in starts[1:-1])
            if own < INNER:
                continue
            for bottom in _bottoms(chunks, starts, m, colw):
                r = _score(chunks, j - m, m, starts, bottom, word)
                if best is None or r.score > best.score:
                    best = r
    return best if best is not None and best.score >= THRESHOLD else None


def _bottoms(chunks: list[list[Line]], starts: list[int], m: int, colw: int) -> list[int]:
    """How many one-line pieces after the last body may be the bottom row: none, or the run of
    them (at most ``m``, one per column; the last column may have none)."""
    x, n = starts[-1], 0
    while x + n < len(chunks) and n < m and len(chunks[x + n]) == 1 and _row_line(chunks[x + n][0], colw):
        n += 1
    return [0] + ([n] if n >= m - 1 and n >= 2 else [])


def _score(chunks: list[list[Line]], t0: int, m: int, starts: list[int], bottom: int,
           word: pieces.JoinWords) -> Reading:
    """The reading's joins against the extractor's order's (log-likelihood)."""
    top = [chunks[t0 + k][0] for k in range(m)]
    first = [chunks[starts[k]][0] for k in range(m)]
    last = [chunks[starts[k + 1] - 1][-1] for k in range(m)]
    rows = [chunks[starts[-1] + k][0] for k in range(bottom)]
    reading: list[tuple[Line, Line]] = []
    for k in range(m):
        if k:
            reading.append((rows[k - 1] if k - 1 < bottom else last[k - 1], top[k]))
        reading.append((top[k], first[k]))
        if k < bottom:
            reading.append((last[k], rows[k]))
    order = [(top[k], top[k + 1]) for k in range(m - 1)] + [(top[-1], first[0])]
    order += [(last[k - 1], first[k]) for k in range(1, m)]
    if bottom:
        order.append((last[-1], rows[0]))
        order += [(rows[k], rows[k + 1]) for k in range(bottom - 1)]
    score = 0.0
    for x, y in reading:
        if not ends_sentence(x.text):
            score += pieces.join_weight(word(x, y))
    for x, y in order:
        if not ends_sentence(x.text):
            score -= pieces.join_weight(word(x, y, True))
    return Reading(t0, m, starts, bottom, score)


def column_rows(lines: list[Line], pw: PageWords | None = None) -> tuple[list[Line], list[str]]:
    """Read each article's columns whose first and last lines came as rows; return the lines
    and the moves."""
    chunks = pieces.chunks(lines)
    if len(chunks) < 4:
        return lines, []
    word = pieces.JoinWords(PageWords([ln.text for ln in lines]) if pw is None else pw)
    out: list[Line] = []
    moves: list[str] = []
    x = 0
    while x < len(chunks):
        r = None
        if len(chunks[x]) == 1:
            # the top row ends where the first piece of two lines or more follows
            j = x
            while j < len(chunks) and len(chunks[j]) == 1:
                j += 1
            if j < len(chunks):
                r = _find(chunks, j, word)
            if r is None:
                out.extend(ln for c in chunks[x:j] for ln in c)
                x = j
                continue
            out.extend(ln for c in chunks[x:r.top] for ln in c)
            cols = []
            for k in range(r.m):
                col = [chunks[r.top + k][0]] + [ln for c in chunks[r.starts[k]:r.starts[k + 1]] for ln in c]
                if k < r.bottom:
                    col.append(chunks[r.starts[-1] + k][0])
                cols.append(col)
                out.extend([col[0]] + [replace(ln, blanks_before=0) if ln.blanks_before else ln for ln in col[1:]])
            moves.append(f"L{cols[0][0].no}-{max(ln.no for col in cols for ln in col)}: "
                         f"{r.m} columns whose first lines came as a row"
                         + (" and last lines as another" if r.bottom else "")
                         + f", read one after another ({r.score:.1f})")
            x = r.starts[-1] + r.bottom
            continue
        out.extend(chunks[x])
        x += 1
    return out, moves
