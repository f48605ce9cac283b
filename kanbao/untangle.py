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
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable

from .cohesion import Vectorizer
from .lines import display_width, estimate_columns, text_width
from .model import Line
from .features import (BODY_PUNCT, DASH_OPEN, DATELINE, NO_LINE_START, NUMBER_ONLY, SURE_JOIN, UNIT_STRENGTH, ends_open,
                       ends_sentence, firstlike, furniture_line, is_byline, is_furniture, is_section_tag, label_head, letterspaced,
                       number_then_unit, open_marks, speaker_label, strength)
from .pagewords import PageWords
from . import pieces
from .pieces import WINDOW
from .toprow import top_row
from .colrows import column_rows
from .charlm import join_lift
from .wordlm import word_lift
from .words import join_gain, word_freq


# ---- columns set line by line ---------------------------------------------------------
#
# pdfminer on some pages emits neighbouring columns row by row: one line (or
# two) of the first column, a blank, one of the second, a blank … so each
# column's next line sits k pieces further on.  The period k shows in the
# text: the joins i → i+k make words across the line end (经|济) or start with
# a mark that cannot start a line, while i → i+1 do not.  Lower down the
# columns drift apart (their paragraph gaps differ), and the lines under the
# shortest column come one column at a time; a beam search deals them.  Where
# linking each piece to the piece it runs on into (``_align``) reads better, that
# reading is kept instead.

RUN_MIN = 6       # pieces in a run of short pieces before de-interleaving is tried
MAX_COLUMNS = 6
NEAR = 8          # pieces either way whose widths give the column width around a piece
BEAM = 32         # dealings kept while dealing a stretch to its columns
ENDED = 10 ** 9   # the row count of a column that takes no more pieces


@dataclass
class Params:
    """The tunable numbers of de-interleaving (checked leave-one-page-out by ``bench/lopo.py``).

    ``switch``: evidence a change of period must buy (about one word across a
    join); ``glue``: a word across a join in the extractor's order this strong
    keeps two pieces together when dealing; ``turn``: cost of dealing a piece
    to another column than the one whose turn it is; ``row``: cost per row a
    column runs ahead; ``drift``: rows a column may run ahead; ``indent``: an
    indented first line under an unfinished line; ``label``: a speaker label
    or byline there; ``closed``: a full line under a short line that ends a
    sentence (a paragraph's end); ``ended``: a column held back ``drift`` rows
    behind the others taking no more pieces (its text goes on elsewhere);
    ``pause``: a column passing its turn where the rows hold fewer columns
    than the stretch (a photo set in it, or a column that ended), until it
    takes a piece again, level with the others (2 read best of 0.5–5 on 342
    simulated pdfminer cases: +168 against no pausing; on 120 more, made
    before and never used to choose it, 23 up, 17 down, +61.5);
    ``link``: what linking a piece to a later one is worth in itself when
    aligning (``_align``); ``parallel``: the bonus for a link parallel to the
    one before it (the next piece goes on the next piece on: the columns
    advance together);
    ``periodic``: the bonus for dealing a piece under the piece the period
    before it (on the gold links of simulated seeds 56–71, 950 → 852
    missed; on seeds 72–103 and the dev set, not used to choose it,
    2642 → 2450; 1, 3 and 5 read worse);
    ``topic``, ``topic_deal``: weight of two pieces' shared words
    (``_topics``, a cosine of 0–1) when reading periods and when dealing.
    The two were set on the links of seeds 9–20 of ``bench/simpage.py``
    (1264 → 1217 missed, with a switch paid to read k > 1 from a run's start)
    and checked on seeds 42–51 (901 → 843) and the dev set (6 → 4); on
    seeds 52–55, made after, links stay level (164 → 166) while the scores
    of their pdfminer cases rise (+0.44 mean, 8 up, 3 down).  A larger
    ``topic`` (4) breaks a dev page whose columns all tell one story (15
    missed).
    ``lift``: weight of how much better the line under reads on after an
    open line than on its own, by a character model of newspaper text
    (``charlm.join_lift``) and a word model (``wordlm.word_lift``, added
    later: 2704 → 2584 missed; swept again with it: ``lift`` 0.4: 2629,
    0.7: 2656, ``lift_period`` 0.5: 2610, ``LIFT_CAP`` 6: 2597), summed within
    ±``LIFT_CAP``, where no word runs across
    the join, when dealing and aligning (never in whether a column can take
    a piece at all, nor in giving columns their lower parts: too weak to
    forbid); ``lift_period``: its weight beside ``strength`` when reading
    periods.  It took the place of the parts of speech across the join
    (``words.tag_join``, weight 0.5): on the gold links of the 568 pdfminer
    tuning cases (simulated seeds 56–103 and 200–207, the dev set) 3043 →
    2704 missed (swept on a first build of the same counts: ``lift`` 0.3:
    2883, 0.8: 2928, 1.2: 3251; with ``lift_period`` 0: 2856, 0.5: 2709, 1:
    2722, 2: 2817), and the scores of
    the 2184 cases of seeds 56–111 and 200–215 and the dev set: 158 up, 140
    down, +299.1 (tuning 126 up, 116 down, +254.6, the dev set's page14
    PDFMiner 98.9 → 83.1 among them, 你 | 好一些 read on; held-out 32 up, 24
    down, +44.5).  Other weights scored less on the tuning cases (0.3 and
    0.25: +159.1; 0.5 and 0.5: +244.8; 0.7 and 0.25: +173.6; 0.5 and 0:
    +10.8).  The joins it decides are many and the evidence is ~79 % right
    each, so pages move both ways: of the held-out cases below 80, 38 → 42.
    ``narrow``: what a join loses where the line under is of another width than
    its column's (``_other_width``), a weight like ``lift`` (never forbids).
    ``turn`` is 3 where gold links of 200 simulated pdfminer pages
    (``bench/untangle_links.py``) read best (2: .9146, 3: .9176, 4: .9179) and
    the dev set's stay as they are (4 loses 8 of its 686).
    """

    switch: float = 8.0
    link: float = 1.0
    parallel: float = 3.0
    glue: float = 2.0
    topic: float = 2.0
    topic_deal: float = 5.0
    turn: float = 3.0
    row: float = 0.3
    drift: int = 3
    indent: float = 1.5
    label: float = 4.0
    closed: float = 2.0
    ended: float = 2.0
    pause: float = 2.0
    periodic: float = 2.0
    lift: float = 0.5
    lift_period: float = 0.25
    narrow: float = 1.0


PARAMS = Params()
ORDER_BIAS = 0.05   # the extractor's order wins ties
WIDTH_SLACK = 2      # units a column's full line may fall short of another's (one character)
INDENT_SLACK = 6     # units a line may be wider than the one above it: a first line's indent, and one more
# A piece of fewer lines is one of the small boxes pdfminer cuts a paragraph into, shuffled
# among many like it; a string the page prints elsewhere (pull quotes and headlines repeat
# the text) or a word the best segmentation does not read across then moves the wrong box:
# on the 568 pdfminer cases of the tuning set (simulated seeds 56–103 and 200–207, the dev
# set) 16 such moves were wrong and 1 right, while on its pdftotext cases, whose boxes are
# mostly larger, page strings moved 25 boxes right and 1 wrong.
BIG_BOX = 5
RARER = 10   # a word this many times rarer than the extractor's join outweighs it


def _topics(run: list[list[Line]]) -> Callable[[int, int], float]:
    """How much two pieces of ``run`` share their words: the cosine of their
    character bigrams, weighted by how few of the run's pieces hold them
    (``cohesion.Vectorizer``).  Lines of one article repeat its words (侨批,
    五邑 …); two articles set side by side rarely do, so where no word runs
    across a line end, the words a piece shares with the piece ``k`` on still
    tell its column.

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("未成年人保护工作\\n\\n老旧小区环境整治\\n\\n完善未成年人保护")
    >>> near = _topics([[ln] for ln in ls])
    >>> near(0, 2) > 0.3, near(0, 1)
    (True, 0.0)
    """
    texts = [_words_of(c) for c in run]
    vz = Vectorizer(texts)
    vecs = [vz.vector(t) for t in texts]
    return lambda i, j: vz.cosine(vecs[i], vecs[j])


def _words_of(piece: list[Line]) -> str:
    r"""A piece's own words: no byline, no speaker label (an interview repeats
    them from turn to turn, wherever the turns stand).

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("法院院长廖曦明：今年以来\n\n法院院长廖曦明：\n\n本报记者 胡帆松")
    >>> [_words_of([ln]) for ln in ls]
    ['今年以来', '', '']
    """
    text = "".join(ln.text for ln in piece)
    if is_byline(piece[0].text) or (text.endswith(("：", ":")) and not BODY_PUNCT.search(text[:-1])):
        return ""   # a byline, or a label alone on its line
    label = speaker_label(text)
    return text[len(label):].lstrip("：:") if label else text


def _short_runs(chunks: list[list[Line]]) -> list[tuple[int, int]]:
    """Maximal runs [start, end) of short body pieces (one or two lines each)."""
    runs, start = [], None
    for i, c in enumerate(chunks + [[]]):
        ok = 1 <= len(c) <= 2 and not any(furniture_line(ln) for ln in c)
        if ok and start is None:
            start = i
        elif not ok and start is not None:
            if i - start >= RUN_MIN:
                runs.append((start, i))
            start = None
    return runs


def _median(xs: list[int]) -> int:
    """The middle value (the upper one of an even count): ``_median([3, 1, 2, 9]) == 3``."""
    return sorted(xs)[len(xs) // 2]


def _body_pieces(run: list[list[Line]]) -> list[bool]:
    """Pieces that can be a row of a body column: not a byline, a section tag,
    a line much wider than the run (the width of its widest columns, the upper
    quartile of its lines, or the median of the pieces near it where wider: a run
    often holds two articles' columns of different widths), an unpunctuated piece
    opening the run (unless it is a column's indented first line, ``_indented_top``),
    a piece of several lines opening a run of pieces of one line each (a text box over
    columns emitted a line a piece: 但解锁多元应用场景渐行渐近 | 江门五邑侨批中有何家国密码？)
    or one unpunctuated line narrower than the columns around it over a dateline
    (a headline); nor a piece of two lines, a line that ends no sentence and
    leaves no clause open over a —— subtitle (a headline set as one text box
    between two stretches of columns: 菜篮子里的 小日子 | ——城东菜市场改造一年记,
    菜篮子满了，日子红火 | ——…).  A line that leaves a quotation
    open is running text, never such a headline."""
    widths = [text_width(c[0]) for c in run]   # letterspaced lines: their text's width
    width = sorted(widths)[3 * len(widths) // 4]
    near = [_median(widths[max(0, i - NEAR): i + NEAR + 1]) for i in range(len(run))]
    body = [not is_byline(c[0].text) and w <= max(width, wn) + 4 and not is_section_tag(c[0].text)
            for c, w, wn in zip(run, widths, near)]
    if not BODY_PUNCT.search("".join(ln.text for ln in run[0])) and not open_marks(run[0][-1].text) \
            and not _indented_top(run, widths, near[0]) and not letterspaced(run[0][0]):
        body[0] = False               # an unpunctuated piece that opens the run: the headline over it
    if len(run[0]) > 1 and len(run) > RUN_MIN and all(len(c) == 1 for c in run[1:RUN_MIN + 1]) \
            and not open_marks(run[0][-1].text) and not ends_open(run[0][-1].text):
        body[0] = False               # a text box of lines over pieces of one line each: the headline over them
    for i in range(len(run) - 1):   # one unpunctuated line over a dateline (…12日电): the headline
        if DATELINE.match(run[i + 1][0].text) and len(run[i]) == 1 and not BODY_PUNCT.search(run[i][0].text) \
                and not open_marks(run[i][0].text) and not letterspaced(run[i][0]) \
                and widths[i] < near[i] - 2:   # a line as wide as the columns around is a column's line
            body[i] = False
        if run[i + 1][0].text.startswith("——") and not ends_sentence(run[i][-1].text) \
                and not _runs_on(run[i + 1][0].text):
            body[i] = body[i + 1] = False   # a headline over its —— subtitle
    for i, c in enumerate(run):     # a headline and its —— subtitle in one text box (not a clause run on)
        if len(c) == 2 and c[1].text.startswith("——") and not ends_open(c[0].text) and not ends_sentence(c[0].text) \
                and not open_marks(c[0].text) and not _runs_on(c[1].text):
            body[i] = False
    return body


def _indented_top(run: list[list[Line]], widths: list[int], near: int) -> bool:
    """The run opens with one line set two characters in (3-5 units) from ``near``, the
    width of the columns around it, over a full line (``widths``: each piece's first-line
    width): a paragraph's indented first line at the top of a column, with the other columns'
    top lines beside it (围绕满足企业拓展国际 | 物流办累计走访对口服务龙).  A headline over
    the columns is set to its own width, and the first column's own indented line follows it.
    On 2184 simulated cases: 18 up, 3 down, +114.8.

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("围绕满足企业拓展国际\\n\\n物流办累计走访对口服务龙\\n\\n市场的诸多需求，成都在全")
    >>> run = [[ln] for ln in ls]
    >>> _indented_top(run, [20, 24, 24], 24), _indented_top(run, [24, 24, 24], 24), _indented_top(run, [20, 20, 24], 24)
    (True, False, False)
    """
    return len(run[0]) == 1 and len(run) > 1 and 3 <= near - widths[0] <= 5 and widths[1] >= near - 2


def _runs_on(t: str) -> bool:
    """A line that leaves its clause open (``ends_open``) or a quotation open: a column's line, not a
    headline's —— subtitle, a phrase complete on its line (a dash also opens a paragraph's aside).

    >>> _runs_on("——人在社会中的作为就如一个矢量，"), _runs_on("——他是我国“核工业65周年功勋人")
    (True, True)
    >>> _runs_on("——首季中国经济一线调研报告之三"), _runs_on("——“历史的见证者、亲历者和创造者”")
    (False, False)
    """
    return ends_open(t) or open_marks(t) > 0


def _periods(run: list[list[Line]], body: list[bool], pw: PageWords | None = None) -> list[int]:
    """For each piece, the period k (1: the extractor's order) under which the
    run reads best: a Viterbi path over k = 1…MAX_COLUMNS that scores the join
    of piece i to piece i+k (``strength``) and the words piece i shares with
    pieces i+k and i+2k (``_topics``), and pays ``switch`` to change k."""
    n = len(run)
    ks = range(1, MAX_COLUMNS + 1)
    near = _topics(run)

    def e(i: int, k: int) -> float:
        if k > 1 and not body[i]:
            return -100.0
        # the word across the join, and the words shared with the next two pieces of the column
        shared = sum(near(i, i + m * k) / m for m in (1, 2) if i + m * k < n and body[i + m * k])
        join = 0.0
        if i + k < n and body[i + k]:
            last, first = run[i][-1], run[i + k][0]
            join = strength(last, first, pw) + PARAMS.lift_period * _lift(last.text, first.text)
        return join + (ORDER_BIAS if k == 1 else 0.0) + PARAMS.topic * shared
    score = {k: e(0, k) - (PARAMS.switch if k > 1 else 0.0) for k in ks}   # reading k > 1 from the start is a switch too
    back: list[dict[int, int]] = []
    for i in range(1, n):
        best_prev = max(ks, key=lambda k: (score[k], -k))
        new, bp = {}, {}
        for k in ks:
            stay, switch = score[k], score[best_prev] - PARAMS.switch
            bp[k] = k if stay >= switch else best_prev
            new[k] = max(stay, switch) + e(i, k)
        score = new
        back.append(bp)
    k = max(ks, key=lambda k: (score[k], -k))
    path = [k]
    for bp in reversed(back):
        k = bp[k]
        path.append(k)
    return path[::-1]


def _headline_over_byline(run: list[list[Line]], x: int) -> bool:
    """Piece ``x`` is a piece without a clause in it (no ，。；！？) over a byline: a headline,
    unless it leaves a quotation or a 《title》 open (本期《锦观智库·经济观察): a column's line.

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("锦江两岸灯火璀璨\\n\\n本期《城市观察\\n\\n新华社记者 何海晨")
    >>> _headline_over_byline([[ls[0]], [ls[2]]], 0), _headline_over_byline([[ls[1]], [ls[2]]], 0)
    (True, False)
    """
    t = "".join(ln.text for ln in run[x])
    return x + 1 < len(run) and is_byline(run[x + 1][0].text) and not BODY_PUNCT.search(t) \
        and open_marks(t) <= 0 and open_marks(t, "《》") <= 0


def _wider(run: list[list[Line]], x: int, wide: int) -> bool:
    """Pieces ``x`` and ``x + 1`` both open with a line wider than ``wide`` (the
    limit of a stretch's columns, ``_width_limit``): another article's columns.
    One wide line alone may be a line of digits and signs (20°C~27°C)."""
    return all(y < len(run) and text_width(run[y][0]) > wide for y in (x, x + 1))


def _width_limit(stretch: list[list[Line]]) -> int:
    """The widest a line of these columns is set: most of their lines' width, plus 4 units."""
    return _median([text_width(c[0]) for c in stretch]) + 4


def _segments(run: list[list[Line]], path: list[int], body: list[bool],
              pw: PageWords | None = None) -> list[tuple[int, int, int]]:
    """Cut a run into stretches [a, b) read as ``k`` interleaved columns (k > 1)
    or as they are (k = 1), from the periods of ``_periods``.

    A stretch of period k takes in the k−1 pieces after its last labelled
    piece (the last row of its columns); the body pieces before its first
    evidence back to a headline or byline (the top row, whose joins often make
    no word), or to a line wider than the columns (``_width_limit``: a headline
    across them, 但是不能没有责任心，在遭遇困难的时候, whose comma makes it
    body text), or to a piece of more lines than any of theirs (a text box over
    columns emitted a line a piece: a headline and its —— subtitle, which then
    marks their top as a headline does), or to a headline set over the columns
    (``_headline_atop``: read with them, it and the kicker over it would take columns' turns); and what follows with fewer columns up to the next headline or
    byline (the lines under the shortest column).  A stretch with as many or
    more columns right after one is the same columns (one ran ahead for a few
    rows, or the top rows read with too few): one stretch, of the period most
    of its pieces read best in.
    """
    n = len(run)
    segs: list[tuple[int, int, int]] = []
    i = 0
    while i < n:
        k = path[i]
        j = i
        while j < n and path[j] == k:
            j += 1
        if k > 1:
            a = i
            wide = _width_limit(run[i:j])
            narrow = wide - 8
            rows = max(len(c) for c in run[i:j])
            while segs and segs[-1][2] == 1 and a > segs[-1][0] and body[a - 1] \
                    and text_width(run[a - 1][0]) <= wide and len(run[a - 1]) <= rows \
                    and strength(run[a - 1][-1], run[a][0], pw) == 0 \
                    and not _headline_atop(run, a - 1, k, narrow, pw):
                a -= 1
            if a < i and (a == 0 or not body[a - 1] or len(run[a - 1]) > rows):
                i = a
                segs[-1] = (segs[-1][0], i, 1)
                if segs[-1][1] == segs[-1][0]:
                    segs.pop()
            if min(n, j + k - 1) - i < 2 * k:
                k = 1          # too short to be k columns: as it is, taking nothing after it
            else:   # … but not past a headline over a byline or lines wider than the columns: another article
                wide = _width_limit(run[i:j])
                j = next((x for x in range(j, min(n, j + k - 1))
                          if _headline_over_byline(run, x) or _wider(run, x, wide)), min(n, j + k - 1))
        if segs and segs[-1][2] == 1 and k == 1:
            segs[-1] = (segs[-1][0], j, 1)
        else:
            segs.append((i, j, k))
        i = j
    out: list[tuple[int, int, int]] = []
    for a, b, k in segs:
        if out and out[-1][2] > 1 and out[-1][1] == a and k < out[-1][2]:
            # … up to a headline, a byline or lines wider than the columns (another article's)
            wide = _width_limit(run[out[-1][0]:a])
            stop = next((x for x in range(a, b) if not body[x] or _headline_over_byline(run, x)
                         or _wider(run, x, wide)), b)
            out[-1] = (out[-1][0], stop, out[-1][2])
            if stop < b:   # another article's columns, read in the period they show (if long enough)
                out.append((stop, b, k if b - stop >= 2 * k else 1))
            continue
        # more columns after fewer: a column running ahead for a while, or the top rows of the
        # columns read with too few; one stretch, of the period most of its pieces read best in.
        # Not after two rows or more read in order: those were the columns' lower parts, and the
        # rows after them another article's columns; nor where the two are set in columns of
        # other widths (more than 4 units apart): another article's columns
        if out and 1 < out[-1][2] <= k and out[-1][1] == a and _in_order_before(path, out[-1][0], a) < 2 * k \
                and abs(_width_limit(run[out[-1][0]:a]) - _width_limit(run[a:b])) <= 4:
            s0 = out[-1][0]
            votes = [path[x] for x in range(s0, b) if path[x] > 1]
            best = max(sorted(set(votes)), key=votes.count)
            out[-1] = (s0, b, best)
            continue
        out.append((a, b, k))
    return out


def _headline_atop(run: list[list[Line]], x: int, k: int, narrow: int, pw: PageWords | None) -> bool:
    """Piece ``x``, just above a stretch of ``k`` interleaved columns, is a headline over them,
    not their top row: at most three lines with no clause in them (``_headline_lines``), no
    quotation left open, no dateline, narrower than ``narrow``, and no word across into the
    piece that would follow it in its column (``k`` pieces on).

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("城市更新 惠及民生\\n\\n今年以来，我市坚持以高质\\n\\n与此同时，城乡居民收")
    >>> run = [[ln] for ln in ls]
    >>> _headline_atop(run, 0, 2, 20, None), _headline_atop(run, 0, 2, 16, None)
    (True, False)
    """
    c = run[x]
    return _headline_lines(c) and c[0].width < narrow and not DATELINE.match(c[0].text) \
        and not open_marks("".join(ln.text for ln in c)) \
        and not (x + k < len(run) and strength(c[-1], run[x + k][0], pw) > 0)


def _in_order_before(path: list[int], start: int, a: int) -> int:
    """How many pieces right before ``a`` (back to ``start``) read best in the extractor's order.

    >>> _in_order_before([2, 2, 2, 1, 1, 1, 2], 0, 6), _in_order_before([2, 2, 2], 0, 3)
    (3, 0)
    """
    x = a
    while x > start and path[x - 1] == 1:
        x -= 1
    return a - x


def _glue(seg: list[list[Line]], path: list[int], pw: PageWords | None = None) -> list[list[Line]]:
    """Join the pieces the extractor put in reading order (period 1 and a word
    across the join) into one, so that dealing keeps them in one column."""
    out: list[list[Line]] = []
    for i, c in enumerate(seg):
        if out and path[i - 1] == 1 and path[i] == 1 and strength(seg[i - 1][-1], c[0], pw) >= PARAMS.glue:
            out[-1] = out[-1] + c
        else:
            out.append(c)
    return out


def _fit(last: Line, c: list[Line], pw: PageWords | None = None, lifts: bool = True) -> float:
    r"""How well piece ``c`` reads as the next row under ``last`` in one column:
    the word across the join (``strength``), less a penalty where the layout
    forbids it (a speaker label, byline or indented first line under an
    unfinished line; a full line under a short line that ends a sentence).
    Where no word runs across an open line's end, how much better the line
    under reads on after it than on its own (``_lift``) weighs
    ``PARAMS.lift`` (not with ``lifts=False``).

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("推动我国经\n\n济整体运行\n\n主持人：你好\n\n全面推动我们的\n\n经济建设工作\n\n是当前的任务")
    >>> _fit(ls[0], [ls[1]]) > 5, _fit(ls[0], [ls[2]], lifts=False)
    (True, -4.0)
    >>> _fit(ls[3], [ls[4]]) > 0 > _fit(ls[3], [ls[5]]), _fit(ls[3], [ls[5]], lifts=False)
    (True, 0.0)
    """
    layout, lifted = _fit_parts(last, c, pw)
    return layout + lifted if lifts else layout


def _fit_parts(last: Line, c: list[Line], pw: PageWords | None = None) -> tuple[float, float]:
    """``_fit`` in two parts: the word across and the layout's penalties, and
    the characters' lift across the join (``PARAMS.lift`` × ``_lift``, 0 where a word
    runs across or the line above ends a sentence)."""
    first = c[0]
    labelled = bool(speaker_label(first.text)) or is_byline(first.text)
    # a letterspaced line was spread to fill its line (…如|下：): judge its indent by its text
    spread = letterspaced(first) and 3 <= first.colw_fwd - display_width(first.text) <= 7
    # (but a line spread to fill its line may as well be one inside a paragraph: no penalty either way)
    starts = (firstlike(first) or labelled) and not label_head(last.text, first.text)
    score = strength(last, first, pw)
    lifted = PARAMS.lift * _lift(last.text, first.text) if score == 0 else 0.0   # 的 | 经济 reads better than 的 | 是
    if not ends_sentence(last.text) and not last.text.endswith(("：", ":")) and starts:
        score -= PARAMS.label if labelled else PARAMS.indent
    elif ends_sentence(last.text) and last.width <= last.colw - 3 and not starts and not spread \
            and not first.text[:1].isdigit():
        score -= PARAMS.closed
    if _other_width(last, first) and score < SURE_JOIN:
        lifted -= PARAMS.narrow
    return score, lifted


LIFT_CAP = 4.0   # a join's lift counts within ±this (beyond it the counts are thin)


def _lift(a: str, b: str) -> float:
    """How much better ``b`` reads on after ``a`` than on its own: the characters' lift
    (``charlm.join_lift``) and the words' (``wordlm.word_lift``) summed, within ±``LIFT_CAP``;
    0 where ``a`` ends a sentence: a new sentence may start with anything."""
    if not a or not b or ends_sentence(a):
        return 0.0
    return max(-LIFT_CAP, min(LIFT_CAP, join_lift(a, b) + word_lift(a, b)))


def _other_width(last: Line, first: Line) -> bool:
    r"""``first`` cannot be the next line of ``last``'s column by its width: both leave their
    sentence open (full lines, or a first line set in), yet ``first`` is more than a character
    narrower, or more than three wider (an indent is two).  Lines with ASCII characters (digits
    and letters set narrower than their count says, half-width marks) or closing a bracket or
    quotation (a paragraph's end) tell nothing.  On the gold links of the 560 pdfminer tuning cases 524 of the wrong joins
    untangle made had such widths, and 332 of the right ones: weak, so it only weighs.

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("以通道带物流，完善订单式研发\n合力维护未成年人合法\n权益方面的情况还要加强")
    >>> _other_width(ls[0], ls[1]), _other_width(ls[1], ls[2])
    (True, False)
    """
    a, b = last.text, first.text
    if not a or not b or ends_sentence(a) or ends_sentence(b) or b.endswith(("）", ")", "”", "」")) \
            or any(ch.isascii() for ch in a + b):
        return False
    return not -WIDTH_SLACK <= text_width(first) - text_width(last) <= INDENT_SLACK


def _deal(run: list[list[Line]], k: int, pw: PageWords | None = None,
          period: dict[int, int] | None = None, notes: list[str] | None = None,
          index: dict[int, int] | None = None) -> list[list[list[Line]]]:
    """Deal the pieces of ``run`` to ``k`` columns, keeping each column's order.

    The extractor emits the line highest on the page next (the leftmost of
    equals), so the columns advance about one row each in turn; but columns
    set with other paragraph gaps drift apart by a row or more.  A beam search
    keeps the ``BEAM`` best dealings: a piece goes to a column no more than
    ``drift`` rows ahead of the lowest, scored by ``_fit`` and the words it
    shares with the column's last piece (``_topics``) less ``turn`` when
    it is not that column's turn and ``row`` per row it runs ahead; columns
    open left to right.  A column held back more than ``drift`` rows may end
    there instead (its text goes on elsewhere in the dump), for ``ended``.
    Where ``period`` (the period ``_periods`` read at each piece, by its first
    line's number) says the rows hold fewer columns than ``k``, the column
    whose turn it is may pause instead, for ``pause``: it has no turn until it
    takes a piece again, level with the others (a photo set in it, after
    which its text goes on lower down); each pause is told in ``notes``.
    With ``index`` (each line's piece number in the dump), a piece dealt
    under the piece ``period`` pieces before it gains ``periodic``: the
    rotation the periods read, which a column that cannot take a piece
    (a paragraph ended there) would otherwise shift for good.
    The two plain dealings, every piece to the column whose turn it is (with
    and without skipping a column that cannot take it), compete with the
    beam's: many near-equal dealings can crowd them out of it.

    >>> from kanbao.lines import split_lines
    >>> a = ["今年以来，我市坚持以高质", "量发展为主线，推动经", "济运行持续向好，全年目", "标有望顺利完成。"]
    >>> b = ["与此同时，城乡居民收", "入稳步增长，消费市场", "持续回暖，就业形势总", "体保持稳定。"]
    >>> ls, _ = split_lines("\\n\\n".join(x for row in zip(a, b) for x in row))
    >>> [[c[0].text for c in col] for col in _deal([[ln] for ln in ls], 2)] == [a, b]
    True
    """
    State = tuple[float, tuple[tuple[int, ...], ...], tuple[int, ...], tuple[bool, ...], tuple[tuple[int, int], ...]]
    fits: dict[tuple[int, int], tuple[float, float]] = {}

    near = _topics(run)

    def parts(prev: int, i: int) -> tuple[float, float]:
        """(word, layout and shared words; the characters' lift) of piece ``i`` under ``prev``."""
        if (prev, i) not in fits:
            layout, lifted = _fit_parts(run[prev][-1], run[i], pw)
            fits[prev, i] = (layout + PARAMS.topic_deal * near(prev, i), lifted)
        return fits[prev, i]

    def fit(prev: int, i: int) -> float:
        return sum(parts(prev, i))

    def can_take(prev: int, i: int) -> bool:
        """The layout lets piece ``i`` go on under ``prev`` (the characters' lift is too weak to forbid it)."""
        return parts(prev, i)[0] > -PARAMS.closed

    def periodic(prev: int, i: int) -> bool:
        """Piece ``prev`` stands as many pieces before ``i`` in the dump as the period read at ``i``."""
        k_i = period.get(run[i][0].no, k) if period else 1
        return k_i > 1 and index is not None and index[run[prev][-1].no] == index[run[i][0].no] - k_i

    def moves(st: State, i: int) -> tuple[int, list[tuple[int, State]]]:
        """The column whose turn it is, and each column piece ``i`` may go to with the state after."""
        score, cols, rows, paused, pauses = st
        opened = sum(1 for col in cols if col)
        choices = [j for j in range(min(k, opened + 1)) if rows[j] < ENDED]
        # a column that cannot take this piece (a paragraph ended there and the piece
        # does not start one) has no turn: the other columns go on without it
        able = [j for j in choices if not cols[j] or can_take(cols[j][-1], i)] or list(choices)
        # where the rows hold fewer columns than the stretch (``period``), a column may pause
        # (a photo set in it): it has no turn until it takes a piece again, level with the rest
        fewer = k - period.get(run[i][0].no, k) if period else 0
        going = [j for j in able if not paused[j]] or able
        low = min(rows[j] for j in going)
        level = tuple(max(r, low) if paused[x] else r for x, r in enumerate(rows))
        turn = min(going if fewer > 0 else able, key=lambda x: (level[x], x))
        out = []
        for j in choices:
            resumed = paused[:j] + (False,) + paused[j + 1:]
            variants = [(resumed, 0.0, j != turn, pauses)]
            if j != turn and sum(resumed) < fewer and not resumed[turn]:
                variants.insert(0, (resumed[:turn] + (True,) + resumed[turn + 1:], PARAMS.pause, False,
                                    pauses + ((turn, i),)))
            for paused2, price, off_turn, pauses2 in variants:
                rows1, low1, cost = level, low, price
                if rows1[j] > low + PARAMS.drift:
                    # the columns holding this one back may have ended here (their text goes on
                    # elsewhere in the dump): they take no more pieces, at a price
                    behind = [x for x in going if x != j and cols[x] and rows1[x] < rows1[j] - PARAMS.drift]
                    rest = [x for x in going if x not in behind]
                    if not behind or not rest or min(rows1[x] for x in rest) < rows1[j] - PARAMS.drift:
                        continue
                    rows1 = tuple(ENDED if x in behind else r for x, r in enumerate(rows1))
                    low1, cost = min(rows1[x] for x in rest), price + PARAMS.ended * len(behind)
                if cols[j] and periodic(cols[j][-1], i):
                    cost -= PARAMS.periodic
                s2 = score + (fit(cols[j][-1], i) if cols[j] else 0.0) - cost \
                    - PARAMS.row * (rows1[j] - low1) - (PARAMS.turn if off_turn else 0.0)
                cols2 = cols[:j] + (cols[j] + (i,),) + cols[j + 1:]
                rows2 = rows1[:j] + (max(rows1[j], low1) + len(run[i]),) + rows1[j + 1:]
                out.append((j, (s2, cols2, rows2, paused2, pauses2)))
        return turn, out
    start: State = (0.0, ((),) * k, (0,) * k, (False,) * k, ())
    beam, in_turn, rotation = [start], start, start
    for i in range(len(run)):
        nxt: dict[tuple[int, ...], State] = {}
        for st in beam:
            for _, st2 in moves(st, i)[1]:
                key = tuple(col[-1] if col else -1 for col in st2[1]) + tuple(r >= ENDED for r in st2[2]) + st2[3]
                if key not in nxt or nxt[key][0] < st2[0]:
                    nxt[key] = st2
        beam = sorted(nxt.values(), key=lambda st: -st[0])[:BEAM]
        turn, options = moves(in_turn, i)
        in_turn = dict(options).get(turn) or max((st for _, st in options), key=lambda st: st[0])
        rows = rotation[2]
        rotation = dict(moves(rotation, i)[1])[min(range(min(k, i + 1)), key=lambda x: (rows[x], x))]

    def chained(st: tuple) -> float:
        """The dealing's score plus how well each column runs on into the next one's top."""
        cols = [col for col in st[1] if col]
        return st[0] + sum(strength(run[a[-1]][-1], run[b[0]][0], pw) for a, b in zip(cols, cols[1:]))
    # the beam may lose the dealings that give every piece to the column whose turn it is
    # (many near-equal dealings crowd them out on wide pages); they compete on the same score
    best = max(beam + [in_turn, rotation], key=chained)
    if notes is not None:
        notes.extend(f"column {j + 1} pauses at L{run[i][0].no}" for j, i in best[4])
    return [[run[i] for i in col] for col in best[1] if col]


TAIL_RUN = 20   # pieces read in the extractor's order after the interleaved rows: the columns' lower parts
BALANCE = 0.01   # cost per line a column is longer or shorter than the mean, when giving them their lower parts


def _bottoms(cols: list[list[list[Line]]], tail: list[list[Line]], pw: PageWords | None) -> list[list[list[Line]]]:
    """Give the lower parts of the columns back to them.

    Under the rows emitted in turn, the extractor may emit each column's
    lower part whole, left column first: ``tail`` is cut into one run per
    column (a run may be empty), in column order, where each run's first
    piece reads best under its column's last line and the cut breaks the
    weakest join of the tail (a dynamic programme over the cut points).

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("推动我国经\\n\\n今年以来，我\\n\\n济整体运行\\n\\n好转。\\n\\n市坚持以高\\n\\n质量发展。")
    >>> cols = _bottoms([[[ls[0]]], [[ls[1]]]], [[ln] for ln in ls[2:]], None)
    >>> [[c[0].text for c in col] for col in cols]
    [['推动我国经', '济整体运行', '好转。'], ['今年以来，我', '市坚持以高', '质量发展。']]
    """
    k, n = len(cols), len(tail)
    ends = [col[-1][-1] for col in cols]
    # columns of a page are about as long as each other: where the text says nothing, even them out
    height = [sum(len(c) for c in col) for col in cols]
    before = [0]
    for c in tail:
        before.append(before[-1] + len(c))
    even = (sum(height) + before[-1]) / k

    def uneven(m: int, c: int, d: int) -> float:
        return BALANCE * abs(height[m] + before[d] - before[c] - even)

    def start(m: int, c: int) -> float:
        """Gain of column ``m``'s lower part starting at tail piece ``c``."""
        gain = _fit(ends[m], tail[c], pw, lifts=False)
        return gain - (strength(tail[c - 1][-1], tail[c][0], pw) if c else 0.0)
    # best[m][c]: columns 0..m-1 placed, the tail before piece c used up
    NEG = float("-inf")
    best = [[NEG] * (n + 1) for _ in range(k + 1)]
    back: list[list[int]] = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0.0
    for m in range(k):
        for c in range(n + 1):
            if best[m][c] == NEG:
                continue
            for d in range(c, n + 1):      # column m takes tail[c:d]
                g = best[m][c] + (start(m, c) if d > c else 0.0) - uneven(m, c, d)
                if (d == n or m + 1 < k) and g > best[m + 1][d]:
                    best[m + 1][d], back[m + 1][d] = g, c
    cuts, c = [], n
    for m in range(k, 0, -1):
        cuts.append(c)
        c = back[m][c]
    cuts = [0] + cuts[::-1]
    return [col + tail[cuts[m]:cuts[m + 1]] for m, col in enumerate(cols)]


BAND_GAP = 6   # pieces read in order between two bands of interleaved rows


def _bands(seg: list[list[Line]], path: list[int], k: int, pw: PageWords | None) -> tuple[list, str] | None:
    """Read a stretch as two bands of rows: ``k`` columns side by side, then
    the lower parts of the first columns whole, one after another, then the
    other columns' lower parts row by row again (``k2`` < ``k`` of them).

    pdfminer does this when the first columns run on alone below the rows
    (the others have a headline or a gap there): the periods read k, then a
    stretch of at least ``BAND_GAP`` pieces in order, then k2.  The first
    band ends where the in-order joins start to make words, and at least
    half of the joins from there on must make one; the pieces in
    order go to the first k − k2 columns (``_bottoms``) and the second band
    is dealt to the last k2.  None when the stretch has no such shape.
    """
    n = len(seg)
    i = 2 * k
    while i < n:
        if path[i] != 1:
            i += 1
            continue
        j = i
        while j < n and path[j] == 1:
            j += 1
        k2 = path[j] if j < n else 1
        if j - i >= BAND_GAP and 1 < k2 < k and n - j >= 2 * k2:
            worded = [q for q in range(max(2 * k, i - k), j - 1) if strength(seg[q][-1], seg[q + 1][0], pw) > 0]
            x = worded[0] if worded else None
            if x is None or 2 * len(worded) < j - 1 - x:
                return None
            first = _deal(_glue(seg[:x], path[:x], pw), k, pw)
            second = _deal(_glue(seg[j:], path[j:], pw), k2, pw)
            if len(first) != k or len(second) != k2:
                return None
            m = k - k2
            cols = _bottoms(first[:m], seg[x:j], pw) + [a + b for a, b in zip(first[m:], second)]
            return cols, (f"; L{seg[x][0].no}-{seg[j - 1][-1].no} are the lower parts of the first {m}, "
                          f"L{seg[j][0].no}-{seg[-1][-1].no} the other {k2} row by row")
        i = j
    return None


# A page has a few hundred lines (at most 344 on 2184 simulated cases, 435 on the sample); the
# search for crossed tails is quadratic in lines, so a dump of many pages in one seed, this many
# lines or more, gets none (as ``PageWords`` gives a huge page no page words): it stays fast.
MAX_SWAP_LINES = 3000
REPAIR = 9.0   # strength of a dictionary word across a join that undoes a dealing (about 1 in 9 wrong)
# … or this strong where the line it runs into sits under a sentence's end, where no other line
# takes it (an orphan: a line that goes on a sentence set as if it began a paragraph).  On the
# 342 simulated pdfminer cases of seeds 56–103: 3062 → 3018 gold links missed (6: 3020, 5: 3037,
# 8: 3050); 27 cases change, 17 up, 6 down, +55.7.  A number and its unit (3|项) is no such
# evidence, and a second line the open one could run into rules the move out (at 6 without
# these two checks, 44 cases change, 17 of them down)
ORPHAN = 7.0


def _swap_tails(seq: list[Line], pw: PageWords | None, boxes: bool = False) -> tuple[list[Line], list[str]]:
    r"""Undo a line order that crossed two columns, anywhere on the page, dealt
    or left in the extractor's order (a column's text goes on outside the
    rows it was dealt from as often as inside them: on 400 simulated
    pdfminer pages, run on the whole page rather than on each dealt run, 63
    more gold links kept of 47308): where a line that does not end a
    sentence runs on into nothing (no word across the join), and exactly one
    line elsewhere makes a strong dictionary word with it (or starts with a
    mark that cannot start a line) while nothing runs into that line from
    the line before it, the two columns' tails are swapped: the
    rest of each piece goes on under the other (…成都国际铁路港投资发展有 |
    限公司及其下属…).  A weaker word (``ORPHAN``) will do where that line
    sits under a sentence's end, set as if it began a paragraph though it
    is not indented, and no other line makes such a word with the first.
    Where that line sits lower in the same piece (a dealt column), the
    lines from it to the piece's end move up under the first.  Lines the
    extractor printed in one text box (no blank between) stay together.
    Only dictionary evidence counts: a string the page prints often (中国)
    is no proof that a line ending in 中 goes on there.  Another line that
    could run into it too counts against the move only where it also runs
    on into nothing (…拓展国 | 内市场 already has its next line).  With ``boxes``
    (pieces left in the extractor's order, not dealt) only a line that ends a
    text box runs on elsewhere: inside a box the extractor's order is right
    (…杨素梅 | 倍感欣慰 is no «梅林» with a headline elsewhere).

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("今年以来，全市推动经\n济运行持续向好，\n\n与此同时，城乡居\n各项事业取得成\n\n民收入稳步增长。\n\n就。")
    >>> out, notes = _swap_tails(ls, None)
    >>> [ln.text for ln in out], notes
    (['今年以来，全市推动经', '济运行持续向好，', '与此同时，城乡居', '民收入稳步增长。', '各项事业取得成', '就。'], ["L7 moved after L4: two columns' tails swapped («居民»)"])

    A dump of ``MAX_SWAP_LINES`` lines or more (many pages in one seed) is left as it is:

    >>> _swap_tails(ls * 500, None)[1]
    []
    """
    seq = list(seq)
    notes: list[str] = []
    if len(seq) >= MAX_SWAP_LINES:
        return seq, notes
    memo: dict[tuple[int, int, bool], float] = {}
    made: set[tuple[int, int]] = set()

    def st(a: Line, b: Line, page: bool = True) -> float:
        """``strength`` of the join a | b, with the page's own strings or (``page=False``) the dictionary alone."""
        key = (a.no, b.no, page)
        if key not in memo:
            memo[key] = strength(a, b, pw if page else None)
        return memo[key]

    def open_end(r: int) -> bool:
        """Line ``r`` leaves its sentence open and runs on into nothing (the last line runs on into nothing)."""
        return r + 1 == len(seq) or not ends_sentence(seq[r].text) and st(seq[r], seq[r + 1]) == 0

    def piece_end(q: int) -> int:
        e = q + 1
        while e < len(seq) and not seq[e].blanks_before:
            e += 1
        return e
    for _ in range(len(seq)):
        # the lines another line may run on into: none runs into them from the line above,
        # which is not the one the dump printed before them (read once a pass, not once a line)
        starts = [q for q in range(1, len(seq)) if seq[q - 1].no + 1 != seq[q].no and not firstlike(seq[q])
                  and not speaker_label(seq[q].text) and st(seq[q - 1], seq[q]) == 0]
        for p in range(len(seq) - 1):
            a, x = seq[p], seq[p + 1]
            if ends_sentence(a.text) or is_byline(a.text) or st(a, x) > 0 or boxes and not x.blanks_before \
                    or a.text.startswith("——") and a.blanks_before and x.blanks_before:
                continue   # (a —— line alone between blanks: a headline's subtitle, it runs on into nothing)
            loose = [q for q in starts if q not in (p, p + 1) and st(a, seq[q], False) >= ORPHAN]
            cands = [q for q in loose if st(a, seq[q], False) >= REPAIR]
            if not cands and len(loose) == 1 and ends_sentence(seq[loose[0] - 1].text) \
                    and not number_then_unit(a.text, seq[loose[0]].text):
                cands = loose   # an orphan, the only line this one could run into
            if len(cands) != 1 or (a.no, seq[cands[0]].no) in made:
                continue   # (a move made once and undone by a later one is not made again: no cycles)
            q = cands[0]
            b = seq[q]
            if any(st(seq[r], b) >= st(a, b, False) for r in range(len(seq)) if r not in (p, q - 1)
                   and open_end(r)):
                continue   # another line that runs on into nothing runs into it as well
            ea, eq = piece_end(p), piece_end(q)
            if q < p < eq:
                continue   # it sits above, in the first line's own column: nothing to swap
            if p < q < ea:
                seq = seq[:p + 1] + seq[q:ea] + seq[p + 1:q] + seq[ea:]
            elif q > p:
                seq = seq[:p + 1] + seq[q:eq] + seq[ea:q] + seq[p + 1:ea] + seq[eq:]
            else:
                seq = seq[:q] + seq[p + 1:ea] + seq[eq:p + 1] + seq[q:eq] + seq[ea:]
            made.add((a.no, b.no))
            notes.append(f"L{b.no} moved after L{a.no}: two columns' tails swapped («{a.text[-1]}{b.text[0]}»)")
            break
        else:
            break
    return seq, notes


ALIGN_WINDOW = 14   # pieces on where a piece's next line in its column may be
# Where dealing paused columns (a guess that the rows hold fewer columns for a while), the aligned
# reading is kept unless its joins read worse than the dealt one's by more than this a piece:
# dealing forces every piece into k columns, so its joins read well even where it is wrong.  On
# the gold links of the 211 stretches dealt with pauses (simulated seeds 56–103 and the dev set),
# 0.2 keeps 219 more links than 0 (of 35429 in all 705 stretches); the dev set's stay.  Applied to
# every stretch it keeps 75 more, but breaks four hand-made cases of columns' lower parts and
# bands, where the dealt reading is right and the aligned one only level with it.
ALIGN_MARGIN = 0.2


def _keep_aligned(fit_aligned: float, fit_dealt: float, margin: float) -> bool:
    """The aligned reading is kept where its joins read better than the dealt one's, or
    no worse than ``margin`` below them (``ALIGN_MARGIN`` a piece where dealing paused
    columns, else 0).

    >>> _keep_aligned(100.0, 100.0, 0.0), _keep_aligned(100.0, 100.0, 0.2 * 40)
    (False, True)
    >>> _keep_aligned(100.0, 107.0, 0.2 * 40), _keep_aligned(100.0, 109.0, 0.2 * 40)
    (True, False)
    """
    return fit_aligned > fit_dealt - margin


def _align(run: list[list[Line]], pw: PageWords | None = None, body: list[bool] | None = None) -> dict[int, int]:
    """Link each piece of ``run`` to the piece that goes on under it in its
    column, all links at once: each piece has at most one next piece and one
    previous, within ``ALIGN_WINDOW`` pieces after it, and the links keep the
    extractor's order (a piece later in the dump links to a piece later in
    the dump: the columns advance together, row by row).  Among such sets of
    links, the one with the most evidence: ``_fit`` of each join and the words
    the two pieces share (``_topics``), ``link`` per link and ``parallel``
    where a link runs parallel to the one before it (i → j after i−1 → j−1:
    the same number of columns).  A dynamic programme over (piece, next
    piece) finds it; unlike dealing, it needs no column count and follows
    columns that end or begin inside the run.

    >>> from kanbao.lines import split_lines
    >>> a = ["今年以来，我市坚持以高质", "量发展为主线，推动经", "济运行持续向好，全年目", "标有望顺利完成。"]
    >>> b = ["与此同时，城乡居民收", "入稳步增长，消费市场", "持续回暖，就业形势总", "体保持稳定。"]
    >>> ls, _ = split_lines("\\n\\n".join(x for row in zip(a, b) for x in row))
    >>> sorted(_align([[ln] for ln in ls]).items())
    [(0, 2), (1, 3), (2, 4), (3, 5), (4, 6), (5, 7)]
    """
    n = len(run)
    body = _body_pieces(run) if body is None else body
    near = _topics(run)

    def gain(i: int, j: int) -> float:
        return PARAMS.link + _fit(run[i][-1], run[j], pw) + PARAMS.topic_deal * near(i, j) \
            + (ORDER_BIAS if j == i + 1 else 0.0)
    # ends[i, j]: the best total of links whose last link is i → j, and the link before it;
    # upto[i, x]: the best last link (i' → j') with i' <= i and j' <= x, with its total
    ends: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {}
    upto: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {}

    def best_upto(i: int, x: int) -> tuple[float, tuple[int, int] | None]:
        return upto.get((i, min(x, i + ALIGN_WINDOW)), (0.0, None)) if i >= 0 and x >= 0 else (0.0, None)
    for i in range(n):
        for j in range(i, min(n, i + ALIGN_WINDOW + 1)):
            best = max(best_upto(i, j - 1), best_upto(i - 1, j), key=lambda v: v[0])
            if j > i and body[i] and body[j]:
                total, before = best_upto(i - 1, j - 1)
                if (i - 1, j - 1) in ends and ends[i - 1, j - 1][0] + PARAMS.parallel > total:
                    total, before = ends[i - 1, j - 1][0] + PARAMS.parallel, (i - 1, j - 1)
                ends[i, j] = (total + gain(i, j), before)
                if ends[i, j][0] > best[0]:
                    best = (ends[i, j][0], (i, j))
            upto[i, j] = best
    succ: dict[int, int] = {}
    last = best_upto(n - 1, n - 1)[1]
    while last is not None:
        succ[last[0]] = last[1]
        last = ends[last][1]
    return succ


def _read_aligned(run: list[list[Line]], pw: PageWords | None = None, body: list[bool] | None = None) -> list[Line]:
    """The lines of ``run`` read by ``_align``: each chain of linked pieces in
    turn, in the order their first pieces stand in the dump (a column's top
    row comes before the next column's).  Inside a chain that leaves the
    extractor's order, the blank lines were the extractor's, not paragraph
    breaks: they go."""
    succ = _align(run, pw, body)
    linked_to = set(succ.values())
    heads = [i for i in range(len(run)) if i not in linked_to]
    out: list[Line] = []
    for h in heads:
        chain = [h]
        while chain[-1] in succ:
            chain.append(succ[chain[-1]])
        moved = any(b != a + 1 for a, b in zip(chain, chain[1:]))
        out.extend(replace(ln, blanks_before=0) if moved and x != h and ln.blanks_before else ln
                   for x in chain for ln in run[x])
    return out


def _joins_fit(seq: list[Line], pw: PageWords | None) -> float:
    """How well a reading runs on from line to line: ``_fit`` summed over its joins."""
    return sum(_fit(a, [b], pw) for a, b in zip(seq, seq[1:]))


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
    out, moves, _ = _deinterleave(lines)
    return out, moves


def _deinterleave(lines: list[Line], pw: PageWords | None = None) -> tuple[list[Line], list[str], set[int]]:
    """``deinterleave``, and the numbers of the lines that head a dealt column (``pw``: the
    page's words, when the caller has counted them)."""
    chunks = pieces.chunks(lines)
    out: list[Line] = []
    moves: list[str] = []
    heads: set[int] = set()
    pos = 0
    runs = _short_runs(chunks)
    pw = (pw if pw is not None else PageWords([ln.text for ln in lines])) if runs else None
    where = {id(ln): i for i, ln in enumerate(lines)} if runs else {}
    for a, b in runs:
        for c in chunks[pos:a]:
            out.extend(c)
        run = chunks[a:b]
        body = _body_pieces(run)
        path = _periods(run, body, pw)
        quotes = _numbered_quotes(run, _lines_near(lines, where[id(run[0][0])])) \
            if any(NUMBER_ONLY.match(c[0].text) for c in run) else []
        for s, e, k in _segments(run, path, body, pw):
            seq, note, dealt = _read_stretch(run, path, body, s, e, k, pw)
            for q in ([x for x in g if s <= x < e] for g in quotes if k > 1):
                if not q:
                    continue
                nos = {ln.no for x in q for ln in run[x]}
                at = [y for y, ln in enumerate(seq) if ln.no in nos]
                if at[-1] - at[0] + 1 > len(at):
                    # a numbered pull quote across the columns' rows, its lines dealt to several
                    # columns: read after them
                    seq = [ln for ln in seq if ln.no not in nos] + [ln for x in q for ln in run[x]]
                    moves.append(f"L{run[q[0]][0].no}-{run[q[-1]][-1].no}: a numbered pull quote across the "
                                 "columns' rows, dealt to several of them: read after them")
            out.extend(seq)
            if note:
                moves.append(note)
            if dealt:     # a dealt column is one piece: its first line is the one after a blank
                heads.update(ln.no for ln in seq[1:] if ln.blanks_before)
        pos = b
    for c in chunks[pos:]:
        out.extend(c)
    return out, moves, heads


QUOTE_COVER = 0.75    # share of a quote's three-character strings printed elsewhere on the page


def _numbered_quotes(run: list[list[Line]], page: list[Line]) -> list[list[int]]:
    """The pieces of ``run`` of each numbered pull quote: a lone number, then the
    pieces after it that say again what the page prints elsewhere (three in four
    of their three-character strings stand in other lines) and run on into one
    another as the page's text does (two or three characters across each join
    stand in a line of ``page`` too), up to a stop or 40 characters.  Emitted row by row with the columns
    beside it, the quote is no column's row: dealt, its lines go into the
    columns' text.

    >>> from kanbao.lines import split_lines
    >>> body = ["余下的问题诉求正在协调", "相关部门和单位加快推进，", "帮助企业纾困解难。"]
    >>> ls, _ = split_lines("\\n\\n".join(body + ["1", "余下的问题诉求正", "在协调相关部门和单位", "加快推进，帮助企业", "纾困解难", "今年以来，市口岸物流"]))
    >>> run = [[ln] for ln in ls]
    >>> _numbered_quotes(run, ls)
    [[3, 4, 5, 6, 7]]
    """
    grams = PageWords([_unspaced(ln.text) for ln in page]).grams   # (letterspaced lines too)
    out: list[list[int]] = []
    for x, c in enumerate(run):
        if len(c) != 1 or not NUMBER_ONLY.match(c[0].text):
            continue
        got: list[int] = []
        text = ""
        own: Counter = Counter()
        for y in range(x + 1, min(len(run), x + 7)):
            t = "".join(_unspaced(ln.text) for ln in run[y])
            if got and not any(grams.get(j, 0) for j in (text[-2:] + t[:1], text[-1:] + t[:2], text[-1:] + t[:1])):
                break       # (the next piece does not run on from it as the text does)
            mine = own + Counter(g for ln in run[y] for g in _grams(_unspaced(ln.text)))
            whole = _grams(text + t)
            if not whole or sum(grams.get(g, 0) - mine.get(g, 0) >= 1 for g in whole) < QUOTE_COVER * len(whole):
                break
            got.append(y)
            text, own = text + t, mine
            if ends_sentence(t) or len(text) > 40:
                break
        if len(text) >= 8:
            out.append([x] + got)
    return out


QUOTE_REACH = 1000    # lines either way of a run in which its pull quotes' words are sought (a page has fewer)


def _lines_near(lines: list[Line], at: int) -> list[Line]:
    """The lines within ``QUOTE_REACH`` of line ``at``: a seed of many pages is read in time
    linear in its size.  ``_lines_near(list(range(5000)), 10)[-1] == 1009``."""
    return lines[max(0, at - QUOTE_REACH):at + QUOTE_REACH]


def _unspaced(t: str) -> str:
    """``t`` without its spaces (a letterspaced line's words): ``_unspaced("最 大 肯 定") == "最大肯定"``."""
    return t.replace(" ", "")


def _grams(t: str) -> list[str]:
    """The three-character strings of ``t``: ``_grams("纾困解难") == ["纾困解", "困解难"]``."""
    return [t[i:i + 3] for i in range(len(t) - 2)]


def _read_stretch(run: list[list[Line]], path: list[int], body: list[bool], s: int, e: int, k: int,
                  pw: PageWords | None) -> tuple[list[Line], str, bool]:
    """The lines of stretch ``run[s:e]`` read as ``k`` interleaved columns (dealt,
    or aligned piece to piece where that reads better), and the note that says
    so, and whether its columns were dealt (each one piece now); as they are, and no note,
    where ``k`` is 1 or the stretch too short."""
    seg = run[s:e]
    if k == 1 or len(seg) < 2 * k:
        return [ln for c in seg for ln in c], "", False
    # the tail read in order: after the last row of the interleaved columns
    t = min(e - s, max((x for x in range(e - s) if path[s + x] > 1), default=-1) + k)
    core, tail = (seg[:t], seg[t:]) if e - s - t >= TAIL_RUN and t >= 2 * k else (seg, [])
    bands = None if tail else _bands(seg, path[s:e], k, pw)
    pauses: list[str] = []
    if bands:
        cols, note = bands
    else:
        period = {c[0].no: path[s + x] for x, c in enumerate(seg)}
        index = {ln.no: x for x, c in enumerate(seg) for ln in c}
        cols = _deal(_glue(core, path[s:s + t] if tail else path[s:e], pw), k, pw, period, pauses, index)
        note = f" ({', '.join(pauses)}: fewer columns in those rows)" if pauses else ""
    if tail:
        cols = _bottoms(cols, tail, pw)
        note += f"; L{tail[0][0].no}-{tail[-1][-1].no} are their lower parts, one column after another"
    # a dealt column is one piece: the blanks inside it were the extractor's
    dealt = [replace(ln, blanks_before=0) if ln.blanks_before and (c is not col[0] or ln is not c[0])
             else ln for col in cols for c in col for ln in c]
    aligned = _read_aligned(seg, pw, body[s:e])
    fit_dealt, fit_aligned = _joins_fit(dealt, pw), _joins_fit(aligned, pw)
    margin = ALIGN_MARGIN * len(seg) if pauses and not tail else 0.0
    if _keep_aligned(fit_aligned, fit_dealt, margin):
        return _rewidth(aligned), (
            f"L{seg[0][0].no}-{seg[-1][-1].no}: {k} columns emitted line by line, each piece "
            f"aligned to the piece it runs on into (its joins read {fit_aligned:.1f}, "
            f"dealt to {k} columns {fit_dealt:.1f}"
            + (f"; that dealing paused columns, a guess it must beat by {margin:.1f}"
               if fit_aligned <= fit_dealt else "") + ")"), False
    return _rewidth(dealt), (f"L{seg[0][0].no}-{seg[-1][-1].no}: {k} columns emitted line by line, "
                             "read one after another" + note), True


def _rewidth(seq: list[Line]) -> list[Line]:
    """Copies of the lines of a stretch read in a new order, each with its column width
    read again from its new neighbours: in the dump a narrow column's full lines stood
    among a wider column's lines and looked short.

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("城乡居民收入稳步增长消费\\n\\n回暖\\n\\n市场持续回暖就业形势总体稳定物价\\n\\n平稳")
    >>> [ln.colw for ln in ls], [ln.colw for ln in _rewidth(ls[:2])]
    ([32, 32, 32, 32], [24, 24])
    """
    out = [replace(ln) for ln in seq]
    estimate_columns(out)
    return out


def untangle(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """Reorder the pieces of ``lines``; return the new order and the moves made."""
    pw = PageWords([ln.text for ln in lines])   # counted once: moving lines does not change them
    lines, dealt, heads = _deinterleave(lines, pw)
    lines, rows = column_rows(lines, pw)
    lines, top = top_row(lines, pw)
    if dealt:
        # columns dealt back: their pieces are a line or two, too little for a word across to move
        # one (on 200 simulated pdfminer pages such moves broke 60 gold links, made 26); a dealt
        # column moves whole where its first line continues an open piece (560 simulated cases:
        # 20 fewer gold links missed, none lost), and a dealt column's line may still run on into
        # a line anywhere on the page (``_swap_tails``)
        lines, moved = _move_pieces(lines, pw, heads)
        lines, swapped = _swap_tails(lines, pw)
        return lines, rows + dealt + top + moved + swapped
    out, moves = _move_pieces(lines, pw)
    # left in the extractor's boxes, two columns' tails can still cross (…能见 | 带一路… and
    # …货物运 | 度低…): swapped only at a box's end, a box's own lines being in order
    out, swapped = _swap_tails(out, pw, boxes=True)
    return out, rows + top + moves + swapped


def _tail_after_next(chunks: list[list[Line]], i: int, claimed: set[int], ev) -> tuple | None:
    """The last line of ``i``'s paragraph emitted one piece late: after an open piece ``i``
    comes a piece that starts a paragraph (an indented first line), then one short line
    that ends a sentence and makes a word across the join with ``i`` (…充满了活力与希 |
    与此同时，… | 望。).  A single line is too little evidence elsewhere; here the
    layout (open, indented, closed) and the word agree."""
    j = i + 2
    if j >= len(chunks) or j in claimed or len(chunks[j]) != 1 or len(chunks[i]) < 2 \
            or not pieces.is_open(chunks[i]):
        return None
    last, nxt = chunks[j][0], chunks[i + 1]
    if not ends_sentence(last.text) or last.width >= pieces.width(chunks[i]) - 2 \
            or pieces.continues(nxt) or not firstlike(nxt[0]):
        return None
    e = ev(i, j)
    return (j, *e) if e[0] else None


def _headline_across(a: list[Line], b: list[Line]) -> bool:
    """``b`` opens with a line much wider than ``a``'s column and no clause in it:
    a headline set across columns, never the rest of ``a``'s sentence.  Wide as its
    text sets it: a justified line that the extractor spread with spaces (加 装 电 梯…)
    is a line of the column, and ``a``'s sentence may run on into it.

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("去年以来，全市上下齐心\\n协力推进老旧小区改造、\\n\\n"
    ...                     "加 装 电 梯 和 修 缮 屋 顶 等\\n\\n老旧小区改造惠及居民两万余户啊")
    >>> _headline_across(ls[:2], [ls[2]]), _headline_across(ls[:2], [ls[3]])
    (False, True)
    """
    first = b[0]
    return text_width(first) > pieces.width(a, a[-1].colw) + 6 and not BODY_PUNCT.search(first.text) \
        and first.text[0] not in NO_LINE_START


def _link(chunks: list[list[Line]], succ: dict[int, int], claimed: set[int], moves: list[str],
          i: int, j: int, why: str) -> bool:
    """Put piece ``j`` after piece ``i`` and record the move, unless ``j``'s
    chain leads back to ``i`` (no cycles)."""
    k, seen = j, set()
    while k in succ and k not in seen:
        seen.add(k)
        k = succ[k]
    if k == i:
        return False
    succ[i] = j
    claimed.add(j)
    moves.append(f"L{chunks[j][0].no}-{chunks[j][-1].no} moved after L{chunks[i][-1].no}: {why}")
    return True


def _ends_subtitle(c: list[Line]) -> bool:
    """A headline closed by its —— subtitle: no clause in the piece, its last
    line opens with a dash.  A subtitle ends its headline; no sentence runs
    on from it, whatever word its last character makes with a line elsewhere
    (——首季中国经济一线调研报告之三 | 江门五邑… is no «三江»).

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("志愿者共同参与 老旧小区提\\n颜值\\n——首季中国经济一线调研报告之三")
    >>> _ends_subtitle(ls), _ends_subtitle(ls[:2])
    (True, False)
    """
    return bool(DASH_OPEN.match(c[-1].text)) and not BODY_PUNCT.search("".join(ln.text for ln in c))


def _headline_lines(c: list[Line]) -> bool:
    """At most three lines with no clause in them (no ，。；！？, no open end)."""
    text = "".join(ln.text for ln in c)
    return len(c) <= 3 and not BODY_PUNCT.search(text) and not ends_open(text)


def _two_headline_parts(t: str) -> bool:
    """A line of two parts set apart by a space and no clause in it (林丹四度封王 辽宁男篮登顶):
    headlines glued on top of a column, not the rest of a sentence."""
    return " " in t.strip() and not BODY_PUNCT.search(t)


def _apart(a: list[Line], b: list[Line]) -> bool:
    """No sentence runs from piece ``a`` into piece ``b`` (next to each other in
    the dump): one of them is a headline or a byline, or they are set in
    columns of other widths."""
    return _headline_lines(a) or _headline_lines(b) or is_byline(a[-1].text) or is_byline(b[0].text) \
        or not pieces.same_column(a, b)


def _runs_into(a: list[Line], b: list[Line]) -> bool:
    r"""The last line of ``a``, a full line of ``b``'s width (two characters' play),
    leaves its sentence open: ``b`` may go on there, whatever else ``a`` holds (a
    headline glued to a column's first line).

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("城市更新\n社区改造工作全市铺开\n\n老旧小区改造完成一百余个\n背街小巷整治提升二百余条\n城市的品质得到明显提升。")
    >>> _runs_into(ls[:2], ls[2:]), _runs_into(ls[:1], ls[2:])
    (True, False)
    """
    last = a[-1]
    return not ends_sentence(last.text) and pieces.same_column(a, b) and last.width >= pieces.width(b) - 4


def _pair_orphans(chunks: list[list[Line]], succ: dict[int, int], claimed: set[int], moves: list[str]) -> None:
    """An open piece left without a continuation and a continuing piece left
    without a start, each the only one of its kind in the other's column and
    window, belong together (…教室里 | headline | 也储备了…): the layout says so
    even where no word runs across the join.  The open piece has three lines or
    more (one or two say too little about their column); the stranded one six or
    more, a column's part: pdfminer cuts a paragraph into boxes of two to five
    lines, and such a box opens mid-sentence wherever it stands (on 80 dev-like
    simulated pdfminer pages all 7 pairings of shorter ones were wrong).
    Where a column has several of each, the columns are read in the order the
    dump gives them: each stranded piece left goes on the first open piece of
    its column before it not yet continued (a column's top, then its middle:
    …早晚外出 | 的市民… and …国际职员 | 和中外记者…, pdftotext printing the columns
    of two articles side by side).  A piece is no stranded one where the line the
    dump printed just before it may go on there (``_runs_into``: a headline glued
    to a column's first line, a piece too short to count as open), and a
    headline's —— subtitle is no open piece.  On 2184 simulated cases, with
    ``pieces.COLUMN_SLACK``: 20 up, 3 down, +108.6 (held-out: 5 up, 1 down)."""
    n = len(chunks)
    opens = [i for i in range(n - 1) if i not in succ and len(chunks[i]) >= 3 and pieces.is_open(chunks[i])
             and not NUMBER_ONLY.match(chunks[i][0].text) and not _ends_subtitle(chunks[i])
             and _apart(chunks[i], chunks[i + 1])]
    strays = [j for j in range(1, n) if j not in claimed and len(chunks[j]) >= 6 and pieces.continues(chunks[j])
              and not _two_headline_parts(chunks[j][0].text) and _apart(chunks[j - 1], chunks[j])
              and not _runs_into(chunks[j - 1], chunks[j])]

    def near(i: int, j: int) -> bool:
        return abs(i - j) <= WINDOW and pieces.same_column(chunks[i], chunks[j]) \
            and abs(pieces.width(chunks[i], chunks[i][-1].colw) - pieces.width(chunks[j], chunks[j][0].colw)) <= 1
    for i in opens:
        cands = [j for j in strays if j > i and near(i, j)]
        if len(cands) != 1 or sum(1 for o in opens if near(o, cands[0])) != 1:
            continue
        _link(chunks, succ, claimed, moves, i, cands[0],
              "the one open piece and the one stranded piece of their column")
    for j in strays:
        if j in claimed:
            continue
        first = next((o for o in opens if o < j and o not in succ and near(o, j)), None)
        if first is not None:
            _link(chunks, succ, claimed, moves, first, j,
                  "the first open piece of its column not yet continued, in the dump's order")


def _move_pieces(lines: list[Line], pw: PageWords | None = None,
                 heads: set[int] | None = None) -> tuple[list[Line], list[str]]:
    """Move a piece that continues an open piece elsewhere up behind it (with ``heads``: only
    pieces that start with one of those lines)."""
    chunks = pieces.chunks(lines)
    if len(chunks) < 3 or heads is not None and not heads:
        return lines, []
    n = len(chunks)
    pw = PageWords([ln.text for ln in lines]) if pw is None else pw
    succ: dict[int, int] = {}
    claimed: set[int] = set()
    moves: list[str] = []
    body = [len(c) >= 2 for c in chunks]   # single lines carry too little evidence

    @functools.lru_cache(maxsize=None)
    def ev(i: int, j: int) -> tuple[str, tuple[int, int, int]]:
        return pieces.join_evidence(chunks[i], chunks[j], pw)

    def word_preds(j: int, weak: bool = True) -> list[int]:
        """The open pieces, not yet continued, whose end makes the strongest kind of word with the start
        of ``j`` (without ``weak``: words the segmentation does not read across do not count)."""
        evs = [(p, ev(p, j)[1]) for p in range(max(0, j - WINDOW), min(n, j + WINDOW + 1))
               if p != j and p not in succ and body[p] and pieces.is_open(chunks[p]) and pieces.same_column(chunks[p], chunks[j])]
        top = max((ev[:2] for _, ev in evs if ev[0] and (weak or ev[:2] != pieces.WEAK)), default=None)
        return [p for p, ev in evs if ev[0] and ev[:2] == top]

    def stronger_elsewhere(i: int) -> bool:
        """Another piece continues ``i`` with the strongest evidence (a unit, a word before a mark)
        and the piece after it has no word across, or only a common word ``RARER`` times commoner
        (…发展全 | 国家… gives way to 局。…; …现在从 | 事着… keeps its place against 来，…, a
        character and its comma that open many a line): the extractor's order is otherwise kept.
        On 200 simulated pdfminer pages this keeps 14 more gold links than moving on any
        common word (8 cases up, 1 down)."""
        here, _, here_freq = ev(i, i + 1)[1]
        if chunks[i + 1][0].text[0] in NO_LINE_START:
            return False

        def beats(j: int) -> bool:
            word, (level, _, _) = ev(i, j)
            return level == 3 and (here == 0 or here == 1 and here_freq >= RARER * word_freq(word))
        return any(beats(j)
                   for j in range(max(0, i - WINDOW), min(n, i + WINDOW + 1))
                   if j not in (i, i + 1) and body[j] and pieces.continues(chunks[j]) and pieces.same_column(chunks[i], chunks[j]))

    # keep the extractor's order unless the piece after an open piece is
    # clearly someone else's continuation (stronger evidence elsewhere, or
    # another open piece makes a stronger word with it), or is set in a column
    # of another width: then only the passes below, on a word across the join
    # or a column's one open and one stranded piece, link them (…运动场乃 |
    # 职工的牵挂就是我的牵挂 | … | 至绿化带…).  On the 2160 simulated cases 16
    # rose and 4 fell, +100.6 (held-out: 3 up, 1 down, +19.0)
    for i in range(n - 1):
        if not (pieces.is_open(chunks[i]) and pieces.continues(chunks[i + 1])):
            continue
        if _headline_across(chunks[i], chunks[i + 1]) or not pieces.same_column(chunks[i], chunks[i + 1]):
            continue
        if body[i] and stronger_elsewhere(i):
            continue
        if i > 0 and not ev(i, i + 1)[0] and _tail_after_next(chunks, i - 1, claimed, ev):
            continue              # the line is the tail of the paragraph before this one
        preds = word_preds(i + 1, weak=not body[i]) if body[i + 1] else []
        if chunks[i + 1][0].text[0] in NO_LINE_START or not preds or i in preds:
            succ[i] = i + 1
            claimed.add(i + 1)
    for i in range(n):
        if i in succ or not body[i] or not pieces.is_open(chunks[i]) or _ends_subtitle(chunks[i]):
            continue
        cands = [(j, *e) for j in range(max(0, i - WINDOW), min(n, i + WINDOW + 1))
                 if j != i and j not in claimed and body[j] and pieces.continues(chunks[j])
                 and (heads is None or chunks[j][0].no in heads)
                 and pieces.same_column(chunks[i], chunks[j])
                 for e in [ev(i, j)] if e[0]]
        if heads is None and (tail := _tail_after_next(chunks, i, claimed, ev)):
            cands.append(tail)
        if not cands:
            continue
        # several pieces could continue: a word the page prints elsewhere beats a dictionary
        # word; among equals take the far more frequent one (回答 over 回国)
        cands.sort(key=lambda c: c[2], reverse=True)
        if len(cands) > 1 and cands[0][2][:2] == cands[1][2][:2] and cands[0][2][2] < 2 * cands[1][2][2]:
            continue
        j, word, kind = cands[0]
        if len(word_preds(j)) != 1:
            continue
        if min(len(chunks[i]), len(chunks[j])) < BIG_BOX and kind[0] < 3 and kind[:2] != (1, 2):
            continue              # small boxes: only a word the text reads across, a unit or a mark moves one
        here, here_kind = ev(i, i + 1) if i + 1 < n else ("", (0, 0, 0))
        if here and here_kind[:2] >= kind[:2]:
            continue              # the dump's own next piece makes as strong a word (中|转时间 against 中|共有)
        if j - 1 != i and (above := strength(chunks[j - 1][-1], chunks[j][0], pw)) > 0 \
                and not above < UNIT_STRENGTH <= strength(chunks[i][-1], chunks[j][0], pw):
            continue              # the line above ``j`` in the dump runs on into it as well (…杂草、卫 | 生死角…),
            #                       and only a number's unit or a mark beats that (…五 | 年，… against 1848 | 年，…)
        _link(chunks, succ, claimed, moves, i, j, f"the sentence runs on across the join («{word}»)")
    if heads is None:
        _pair_orphans(chunks, succ, claimed, moves)
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
