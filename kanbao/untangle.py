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

from .model import Line
from .features import NO_LINE_START, NUMBER_ONLY, NUMBERED, OPEN_END, ends_sentence, is_byline, speaker_label
from .words import is_word, spans_word, word_freq


WINDOW = 20   # pieces are displaced locally: look this many pieces either way
COMMON = 100  # a join must make a common word (jieba frequency): 回答, 经济, 全局, 脉搏


def _chunks(lines: list[Line]) -> list[list[Line]]:
    out: list[list[Line]] = []
    for ln in lines:
        if not out or ln.blanks_before:
            out.append([])
        out[-1].append(ln)
    return out


def _open(c: list[Line]) -> bool:
    last = c[-1]
    if ends_sentence(last.text) or NUMBER_ONLY.match(last.text) or is_byline(last.text):
        return False
    full = last.width >= max(last.colw_back, last.colw) - 2
    return full or last.text.endswith(tuple(OPEN_END))


def _continues(c: list[Line]) -> bool:
    first = c[0]
    t = first.text
    if NUMBER_ONLY.match(t) or NUMBERED.match(t) or speaker_label(t) or is_byline(t) or first.header:
        return False
    if t[0] in NO_LINE_START:
        return True
    return first.width >= first.colw_fwd - 2 and len(c) >= 1


def _fits(a: list[Line], b: list[Line]) -> str:
    if b[0].text[0] in NO_LINE_START:
        return b[0].text[0]
    return spans_word(a[-1].text, b[0].text)


def _word_at_join(a: list[Line], b: list[Line]) -> str:
    """The two-character word made by the last character of ``a`` and the first of ``b`` ('' if none)."""
    w = a[-1].text[-1:] + b[0].text[:1]
    return w if len(w) == 2 and is_word(w, COMMON) else ""


def _same_column(a: list[Line], b: list[Line]) -> bool:
    return abs(a[-1].colw - b[0].colw) <= 4


def untangle(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """Reorder the pieces of ``lines``; return the new order and the moves made."""
    chunks = _chunks(lines)
    if len(chunks) < 3:
        return lines, []
    n = len(chunks)
    succ: dict[int, int] = {}
    claimed: set[int] = set()
    moves: list[str] = []
    body = [len(c) >= 2 for c in chunks]   # single lines carry too little evidence

    def word_preds(j: int) -> list[int]:
        return [p for p in range(max(0, j - WINDOW), min(n, j + WINDOW + 1))
                if p != j and body[p] and _open(chunks[p]) and _same_column(chunks[p], chunks[j])
                and _word_at_join(chunks[p], chunks[j])]

    # keep the extractor's order unless the piece after an open piece is
    # clearly someone else's continuation (it makes a word with another
    # open piece, and none with this one)
    for i in range(n - 1):
        if not (_open(chunks[i]) and _continues(chunks[i + 1])):
            continue
        if _fits(chunks[i], chunks[i + 1]) or not body[i + 1] or not [p for p in word_preds(i + 1) if p != i]:
            succ[i] = i + 1
            claimed.add(i + 1)
    for i in range(n):
        if i in succ or not body[i] or not _open(chunks[i]):
            continue
        cands = [(j, w) for j in range(max(0, i - WINDOW), min(n, i + WINDOW + 1))
                 if j != i and j not in claimed and body[j] and _continues(chunks[j])
                 and _same_column(chunks[i], chunks[j])
                 for w in [_word_at_join(chunks[i], chunks[j])] if w]
        if not cands:
            continue
        # several pieces could continue: take the far more common word (回答 over 回国)
        cands.sort(key=lambda c: -word_freq(c[1]))
        if len(cands) > 1 and word_freq(cands[0][1]) < 2 * word_freq(cands[1][1]):
            continue
        j, word = cands[0]
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
