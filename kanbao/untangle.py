r"""Put back pieces of a column that the extractor emitted out of order.

pdfminer on loosely set pages emits a column as small text boxes (a few
lines between blank lines) and sometimes sorts them wrongly, so the lines
that continue a sentence sit elsewhere in the dump.  The evidence used:

* a piece is *open* when its last line is a full line (or ends in ，、；：)
  and no sentence ends there: the text must go on;
* a piece *continues* something when its first line is a full line (not
  the indented first line of a paragraph) or starts with a mark that cannot
  start a line, and is not a label, byline or number;
* the right continuation makes a word across the join (回|答 → 回答,
  经|济 → 经济, 全|局 → 全局, checked against jieba's base dictionary) and
  sits in a column of the same width.

An open piece keeps the piece after it when that fits; only when it does not,
and exactly one other continuing piece does, that piece (with whatever chain
follows it) is moved up.  Every move is recorded.

>>> from kanbao.lines import split_lines
>>> text = "\n\n".join(["至此，今年共有九位部门负\n责人在全国两会部长通道上回",
...                      "济整体运行好转和中国式现代化\n目标的实现。",
...                      "答记者提问。密集的部长声音\n直面民生关切，触摸时代的脉",
...                      "搏，传递出阔步新征程的信心\n和力量，正在推动我国的经"])
>>> ls, _ = split_lines(text)
>>> out, moves = untangle(ls)
>>> [ln.no for ln in out]
[1, 2, 7, 8, 10, 11, 4, 5]
>>> moves[0]
'L7-8 moved after L2: the sentence runs on across the join («回答»)'
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .model import Line
from .features import (BODY_PUNCT, NO_LINE_START, NUMBER_ONLY, NUMBERED, OPEN_END, ends_open, ends_sentence, firstlike,
                       is_byline, is_furniture, is_section_tag, speaker_label)
from .pagewords import PageWords
from .words import is_word, spans_word, word_freq


UNIT_START = re.compile(r"^[年月日号时%万亿元岁个位名家项倍次]")
WINDOW = 20   # pieces are displaced locally: look this many pieces either way
COMMON = 100  # a join must make a common word (jieba frequency): 回答, 经济, 全局, 脉搏


def _chunks(lines: list[Line]) -> list[list[Line]]:
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


def _width(c: list[Line], fallback: int | None = None) -> int:
    """A piece's column width: its own lines' when it has three or more (the
    estimate from neighbours blurs where two columns of other widths meet),
    else ``fallback`` (default: the estimate at its last line)."""
    if len(c) >= 3:
        ws = sorted(ln.width for ln in c)
        return ws[(3 * len(ws)) // 4]
    return max(c[-1].colw_back, c[-1].colw) if fallback is None else fallback


def _open(c: list[Line]) -> bool:
    last = c[-1]
    if ends_sentence(last.text) or NUMBER_ONLY.match(last.text) or is_byline(last.text):
        return False
    full = last.width >= _width(c) - 2
    return full or last.text.endswith(tuple(OPEN_END))


def _continues(c: list[Line]) -> bool:
    first = c[0]
    t = first.text
    if NUMBER_ONLY.match(t) or NUMBERED.match(t) or speaker_label(t) or is_byline(t) or first.header:
        return False
    if t[0] in NO_LINE_START or len(t) > 1 and t[1] in NO_LINE_START:
        return True                      # ，… or 问！…: the tail of a sentence begun elsewhere
    return first.width >= (min(_width(c), first.colw_fwd) if len(c) >= 3 else first.colw_fwd) - 2


def _join_evidence(a: list[Line], b: list[Line], pw: PageWords | None) -> tuple[str, tuple[int, int, int]]:
    """The word across the join and how strong it is, strongest first:

    3. a number and its unit (1848|年); a word whose next character is a mark
       (建设全|局。”): the word ends a clause;
    2. a string the page prints elsewhere
       that the dictionary does not know as a common word (五|邑, 没有|学历);
    1. a common dictionary word (回|答), ranked by its frequency.
    """
    t, u = a[-1].text, b[0].text
    if t[-1:].isdigit() and UNIT_START.match(u):
        return t[-1] + u[0], (3, 3, 1)          # 1848|年: a number and its unit
    local, count = pw.across(t, u) if pw is not None else ("", 0)
    w = t[-1:] + u[:1]
    common = len(w) == 2 and is_word(w, COMMON)
    if (common or local) and len(u) > 1 and u[1] in NO_LINE_START:
        return local or w, (3, 2, 1)
    if local and not is_word(local, COMMON):
        return local, (2, len(local), count)
    if common:
        return w, (1, 2, word_freq(w))
    return "", (0, 0, 0)


def _same_column(a: list[Line], b: list[Line]) -> bool:
    return abs(_width(a, a[-1].colw) - _width(b, b[0].colw)) <= 4


# ---- columns set line by line ---------------------------------------------------------
#
# pdfminer on some pages emits neighbouring columns row by row: one line (or
# two) of the first column, a blank, one of the second, a blank … so each
# column's next line sits k pieces further on.  The period k shows in the
# text: the joins i → i+k make words across the line end (经|济) or start with
# a mark that cannot start a line, while i → i+1 do not.

RUN_MIN = 6       # pieces in a run of short pieces before de-interleaving is tried
MAX_COLUMNS = 6
SLACK = 9


@dataclass
class Params:
    """The tunable numbers of de-interleaving (chosen by ``bench/lopo.py``, leave one page out).

    ``gap``: votes for a period k at most gap·k pieces apart form one stretch;
    ``reach``: a stretch takes in up to reach·k unvoted pieces before its
    first vote; ``votes``: votes a stretch needs; ``override``: evidence a
    piece needs to leave the column whose turn it is.
    """

    gap: int = 2
    reach: int = 3
    votes: int = 3
    override: int = 3


PARAMS = Params()


def link(a: Line, b: Line) -> int:
    r"""Evidence that ``b`` is the next line after ``a`` in one column (text only).

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("推动我国经\n\n济整体运行\n\n主持人：你好")
    >>> link(ls[0], ls[1]), link(ls[0], ls[2])
    (2, 0)

    A mark that cannot start a line is the strongest evidence (3).
    """
    t, u = a.text, b.text
    if not t or not u or is_furniture(u) or is_furniture(t):
        return 0
    if u[0] in NO_LINE_START:
        return 0 if ends_sentence(t) else 3
    if ends_open(t) and speaker_label(u):
        return -1
    if not ends_sentence(t) and spans_word(t, u, min_freq=COMMON):
        return 2
    return 0


def _short_runs(chunks: list[list[Line]]) -> list[tuple[int, int]]:
    """Maximal runs [start, end) of short body pieces (one or two lines each)."""
    runs, start = [], None
    for i, c in enumerate(chunks + [[]]):
        ok = 1 <= len(c) <= 2 and not any(is_furniture(ln.text) or ln.header for ln in c)
        if ok and start is None:
            start = i
        elif not ok and start is not None:
            if i - start >= RUN_MIN:
                runs.append((start, i))
            start = None
    return runs


def _votes(run: list[list[Line]]) -> list[int]:
    """For each piece, the distance to the one piece (within ``MAX_COLUMNS``)
    its text clearly runs on into (0: none, or no clear best)."""
    out = []
    for i, c in enumerate(run):
        good = []
        for d in range(1, MAX_COLUMNS + 1):
            if i + d < len(run) and (s := link(c[-1], run[i + d][0])) >= 2:
                good.append((s, word_freq(spans_word(c[-1].text, run[i + d][0].text, min_freq=COMMON)), d))
        good.sort(reverse=True)
        # several candidates: the stronger evidence, or a far more common word (生态 over 生子)
        clear = len(good) == 1 or len(good) > 1 and (good[0][0] > good[1][0] or good[0][1] >= 2 * good[1][1] > 0)
        out.append(good[0][2] if clear else 0)
    return out


def _segments(run: list[list[Line]]) -> list[tuple[int, int, int]]:
    """Cut a run into stretches [a, b) read as ``k`` interleaved columns (k > 1) or as they are (k = 1).

    A stretch grows around pieces that vote for the same distance k (no two
    votes more than 3k pieces apart, at least three votes, more than twice
    those for the extractor's order), then takes in up to 2k pieces either
    side that carry no vote against it (a vote for 1, a byline, a line much
    wider than the run: a headline).
    """
    votes = _votes(run)
    n = len(run)
    width = sorted(c[0].width for c in run)[n // 2]
    def neutral_but_vote(i: int) -> bool:
        c = run[i]
        text = "".join(ln.text for ln in c)
        headlike = not BODY_PUNCT.search(text) and not ends_open(c[-1].text) and c[0].width <= width - 6
        return not is_byline(c[0].text) and c[0].width <= width + 4 and not is_section_tag(c[0].text) \
            and not headlike

    def neutral(i: int) -> bool:
        return votes[i] != 1 and neutral_but_vote(i)
    taken = [0] * n
    found: list[tuple[int, int, int]] = []
    for k in range(2, MAX_COLUMNS + 1):
        pos = [i for i, v in enumerate(votes) if v == k]
        clusters: list[list[int]] = []
        for i in pos:
            if clusters and i - clusters[-1][-1] <= PARAMS.gap * k:
                clusters[-1].append(i)
            else:
                clusters.append([i])
        for cl in clusters:
            a, b = cl[0], cl[-1] + k + 1
            inside = votes[a:b]
            if len(cl) < PARAMS.votes and not (len(cl) == PARAMS.votes - 1 and inside.count(1) == 0) \
                    or len(cl) <= 2 * inside.count(1):
                continue
            passed = 0    # one stray vote for the extractor's order is let through
            for _ in range(PARAMS.reach * k):
                if a > 0 and not taken[a - 1] and (neutral(a - 1) or votes[a - 1] == 1 and not passed
                                                    and neutral_but_vote(a - 1)):
                    passed += votes[a - 1] == 1
                    a -= 1
            a = _best_start(run, a, cl[0], min(b, n), k)
            b = min(b, n)
            for _ in range(k):
                if b < n and neutral(b) and not taken[b]:
                    b += 1
            while b > a and not neutral_but_vote(b - 1):
                b -= 1
            while a < b and not neutral_but_vote(a):
                a += 1
            if any(taken[a:b]) or b - a < 2 * k:
                continue
            for i in range(a, b):
                taken[i] = k
            found.append((a, b, k))
    found.sort()
    segs: list[tuple[int, int, int]] = []
    pos_ = 0
    for a, b, k in found:
        if a > pos_:
            segs.append((pos_, a, 1))
        segs.append((a, b, k))
        pos_ = b
    if pos_ < n:
        segs.append((pos_, n, 1))
    return segs


def _dealt_score(seg: list[list[Line]], k: int) -> int:
    return sum(link(col[i][-1], col[i + 1][0]) for col in _deal(seg, k) for i in range(len(col) - 1))


def _best_start(run: list[list[Line]], lo: int, first_vote: int, end: int, k: int) -> int:
    """Where the interleaved stretch starts: the start in [lo, first_vote] whose
    dealing makes the most joins with evidence (the earliest of equals)."""
    return max(range(lo, first_vote + 1), key=lambda a: (_dealt_score(run[a:end], k), -a))


def _deal(run: list[list[Line]], k: int) -> list[list[list[Line]]]:
    """Deal the pieces of ``run`` to ``k`` columns, row by row.

    The extractor emits the piece that starts highest on the page next, the
    leftmost of equals; a piece of two lines fills two rows of its column.
    So the column whose turn it is, is the one whose next row is the lowest
    (the leftmost of equals).  A piece whose text clearly continues the last
    line of another column (with its next row at most one row later) goes
    there instead.
    """
    cols: list[list[list[Line]]] = [[] for _ in range(k)]
    row = [0] * k
    for c in run:
        turn = min(range(k), key=lambda j: (row[j], j))
        near = [j for j in range(k) if row[j] <= row[turn] + SLACK]
        scores = {j: link(cols[j][-1][-1], c[0]) if cols[j] else 0 for j in near}
        best = max(near, key=lambda j: (scores[j], j == turn))
        j = best if scores[best] >= PARAMS.override and scores[turn] < 2 else turn
        cols[j].append(c)
        row[j] = max(row[j], row[turn]) + len(c)
    return cols


def deinterleave(lines: list[Line]) -> tuple[list[Line], list[str]]:
    r"""Put back columns that the extractor emitted row by row.

    >>> from kanbao.lines import split_lines
    >>> a = ["今年以来，我市坚持以高质", "量发展为主线，推动经", "济运行持续向好，全年目", "标有望顺利完成。"]
    >>> b = ["与此同时，城乡居民收", "入稳步增长，消费市场", "持续回暖，就业形势总", "体保持稳定。"]
    >>> ls, _ = split_lines("\n\n".join(x for row in zip(a, b) for x in row))
    >>> out, moves = deinterleave(ls)
    >>> [ln.text for ln in out] == a + b, moves
    (True, ['L1-15: 2 columns emitted line by line, read one after another'])
    """
    chunks = _chunks(lines)
    out: list[Line] = []
    moves: list[str] = []
    pos = 0
    for a, b in _short_runs(chunks):
        for c in chunks[pos:a]:
            out.extend(c)
        for s, e, k in _segments(chunks[a:b]):
            seg = chunks[a + s:a + e]
            if k == 1 or len(seg) < 2 * k:
                for c in seg:
                    out.extend(c)
                continue
            for col in _deal(seg, k):
                for c in col:
                    out.extend(c)
            moves.append(f"L{seg[0][0].no}-{seg[-1][-1].no}: {k} columns emitted line by line, read one after another")
        pos = b
    for c in chunks[pos:]:
        out.extend(c)
    return out, moves


def untangle(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """Reorder the pieces of ``lines``; return the new order and the moves made."""
    from .toprow import top_row   # here, not at the top: toprow reads this module's evidence
    lines, dealt = deinterleave(lines)
    lines, top = top_row(lines)
    out, moves = _move_pieces(lines)
    return out, dealt + top + moves


def _move_pieces(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """Move a piece that continues an open piece elsewhere up behind it."""
    chunks = _chunks(lines)
    if len(chunks) < 3:
        return lines, []
    n = len(chunks)
    pw = PageWords([ln.text for ln in lines])
    succ: dict[int, int] = {}
    claimed: set[int] = set()
    moves: list[str] = []
    body = [len(c) >= 2 for c in chunks]   # single lines carry too little evidence

    @functools.lru_cache(maxsize=None)
    def ev(i: int, j: int) -> tuple[str, tuple[int, int, int]]:
        return _join_evidence(chunks[i], chunks[j], pw)

    def word_preds(j: int) -> list[int]:
        """The open pieces, not yet continued, whose end makes the strongest kind of word with the start of ``j``."""
        evs = [(p, ev(p, j)[1]) for p in range(max(0, j - WINDOW), min(n, j + WINDOW + 1))
               if p != j and p not in succ and body[p] and _open(chunks[p]) and _same_column(chunks[p], chunks[j])]
        top = max((ev[:2] for _, ev in evs if ev[0]), default=None)
        return [p for p, ev in evs if ev[0] and ev[:2] == top]

    def stronger_elsewhere(i: int) -> bool:
        """Another piece continues ``i`` with the strongest evidence (a unit, a word before a mark)
        and the piece after it does not: the extractor's order is otherwise kept."""
        here = ev(i, i + 1)[1][0]
        if chunks[i + 1][0].text[0] in NO_LINE_START:
            return False
        return here < 3 and any(ev(i, j)[1][0] == 3
                   for j in range(max(0, i - WINDOW), min(n, i + WINDOW + 1))
                   if j not in (i, i + 1) and body[j] and _continues(chunks[j]) and _same_column(chunks[i], chunks[j]))

    # keep the extractor's order unless the piece after an open piece is
    # clearly someone else's continuation (stronger evidence elsewhere, or
    # another open piece makes a stronger word with it)
    for i in range(n - 1):
        if not (_open(chunks[i]) and _continues(chunks[i + 1])):
            continue
        if body[i] and stronger_elsewhere(i):
            continue
        preds = word_preds(i + 1) if body[i + 1] else []
        if chunks[i + 1][0].text[0] in NO_LINE_START or not preds or i in preds:
            succ[i] = i + 1
            claimed.add(i + 1)
    for i in range(n):
        if i in succ or not body[i] or not _open(chunks[i]):
            continue
        cands = [(j, *e) for j in range(max(0, i - WINDOW), min(n, i + WINDOW + 1))
                 if j != i and j not in claimed and body[j] and _continues(chunks[j])
                 and _same_column(chunks[i], chunks[j])
                 for e in [ev(i, j)] if e[0]]
        if not cands:
            continue
        # several pieces could continue: a word the page prints elsewhere beats a dictionary
        # word; among equals take the far more frequent one (回答 over 回国)
        cands.sort(key=lambda c: c[2], reverse=True)
        if len(cands) > 1 and cands[0][2][:2] == cands[1][2][:2] and cands[0][2][2] < 2 * cands[1][2][2]:
            continue
        j, word, _ = cands[0]
        if len(word_preds(j)) != 1:
            continue
        # no cycles: j must not lead back to i
        k, seen = j, set()
        while k in succ and k not in seen:
            seen.add(k)
            k = succ[k]
        if k == i:
            continue
        succ[i] = j
        claimed.add(j)
        moves.append(f"L{chunks[j][0].no}-{chunks[j][-1].no} moved after L{chunks[i][-1].no}: "
                     f"the sentence runs on across the join («{word}»)")
    if not moves:
        return lines, []
    out: list[Line] = []
    placed: set[int] = set()
    for start in range(n):
        if start in placed or start in claimed:
            continue
        k = start
        while k is not None and k not in placed:
            placed.add(k)
            out.extend(chunks[k])
            k = succ.get(k)
    for k in range(n):          # anything left (a chain claimed only from inside a cycle)
        if k not in placed:
            out.extend(chunks[k])
    return out, moves
