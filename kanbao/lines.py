"""Text → ``Line`` objects with display width and local column width.

>>> ls, page_no = split_lines("07中国式现代化\\n\\n转化主要有两条路径")
>>> page_no, [(ln.no, ln.text, ln.width, ln.blanks_before) for ln in ls]
('07', [(1, '中国式现代化', 12, 0), (3, '转化主要有两条路径', 18, 1)])
"""
from __future__ import annotations

import re
import unicodedata

from .features import LATIN, column_width, ends_sentence, furniture_line, letterspaced  # noqa: F401  (re-exported)
from .model import Line
from .textfix import apply_fixers


QUOTES = "“”‘’"


def text_width(ln: Line) -> int:
    """A line's width as its text sets it: a letter-spaced line (or one with
    spaces around its numbers) was stretched on the page, its text is not.

    >>> text_width(Line(no=1, raw="", text="农民得30%的利润", width=24))
    15
    """
    return min(ln.width, display_width(ln.text)) if ln.text else ln.width


def display_width(s: str, quote: int = 2) -> int:
    """Width in half-em units: wide, full-width and ambiguous (“ ” — …) count 2.

    >>> display_width("中试2028年“链主”"), display_width("中试2028年“链主”", quote=1)
    (18, 16)

    Curly quotes count ``quote``: 2 where the page sets them full width, 1
    where it squeezes them.
    """
    w = 0
    for c in s:
        if c in QUOTES:
            w += quote
            continue
        eaw = unicodedata.east_asian_width(c)
        w += 2 if eaw in "WFA" else 0 if unicodedata.combining(c) else 1
    return w


# a page number glued to the first line: 1–3 digits followed by a space or by
# Chinese text that is not a date or a unit (so "12月1日" is no page number)
_PAGE_NO = re.compile(r"^\s*(\d{1,3})(?:[ \u3000\t]+|(?=[\u4e00-\u9fff“《（]))(?![年月日号时分秒万亿元个位条项家%倍])")


def split_page_number(first: str) -> tuple[str, str]:
    """Split a page number glued to the first line of a page.

    >>> split_page_number(" 07中国式现代化")
    ('07', '中国式现代化')
    >>> split_page_number("05 3月12日中午")
    ('05', '3月12日中午')
    >>> split_page_number("12月1日，成都开通")
    ('', '12月1日，成都开通')
    >>> split_page_number("03")
    ('03', '')
    """
    s = first.strip()
    if re.fullmatch(r"\d{1,3}", s) and 0 < int(s) < 500:
        return s, ""
    m = _PAGE_NO.match(first)
    if m and 0 < int(m.group(1)) < 500:
        return m.group(1), first[m.end():].strip()
    return "", first


def split_lines(text: str) -> tuple[list[Line], str]:
    r"""All non-blank lines with widths and blank-line counts; and the page number.

    A letterspaced line was stretched to its column: it is as wide as the column,
    not as its spaces make it (名 录 ， 成 为 … reads 29 in a column of 22).

    >>> ls, _ = split_lines("华人主要通过民间渠道寄\n给国内眷属的汇款和家书\n名 录 ， 成 为 中 国 第 八 项\n“世界记忆”遗产。")
    >>> [ln.width for ln in ls], ls[2].text
    ([22, 22, 22, 18], '名录，成为中国第八项')
    """
    raw_lines = text.split("\n")
    out: list[Line] = []
    blanks = 0
    page_no = ""
    header = False
    for i, raw in enumerate(raw_lines, start=1):
        body = raw.replace("\f", "").replace("\ufeff", "")
        if not body.strip():
            blanks += 1
            continue
        if not out and not page_no:
            page_no, rest = split_page_number(body)
            if page_no and not rest:
                continue
            body = rest if page_no else body
            # what shares the page number's line and is short is the section name (要闻, 农业·乡村)
            header = bool(page_no) and len(re.sub(r"[\s·・]", "", body)) <= 8 and not re.search(r"[，。、；：！？]", body)
        fixed, fixes = apply_fixers(body.strip())
        # measure the line as set: the spaces around numbers took room on the
        # page, and a letter-spaced line was stretched to the full column
        measured = body.strip()
        spread = display_width(measured) if "unspace_letterspaced" in fixes else 0
        out.append(Line(no=i, raw=raw, text=fixed, width=display_width(measured), spread=spread, blanks_before=blanks,
                        leading_space=body[:1].isspace(), fixes=fixes, header=header))
        blanks = 0
        header = False
    estimate_columns(out)
    return out, page_no



def quote_width(lines: list[Line], window: int = 6) -> int:
    """2 where the page sets curly quotes full width, 1 where it squeezes them.

    Full lines tell: a line with quotes that fills the column of the
    quote-free lines around it only when its quotes count 2, or only 1.

    >>> col = ["今年全市新建口袋公园十", "二个，市民出门步行五分"]
    >>> quote_width(split_lines(chr(10).join(col + ["钟就能到“家门口”公园", "周末来玩的人很多。"]))[0])
    2
    >>> quote_width(split_lines(chr(10).join(col + ["钟就能到“家门口的”公园", "周末来玩的人很多。"]))[0])
    1

    Without such a line the page keeps the squeezed reading (1), as before.
    """
    plain = [0 if re.search(r"[“”‘’\x00-\x7f]", ln.text) else text_width(ln) for ln in lines]
    votes = [0, 0]
    for i, ln in enumerate(lines):
        q = sum(ln.text.count(c) for c in QUOTES)
        if not q or re.search(r"[\x00-\x7f]", ln.text):
            continue
        col = column_width(plain[max(0, i - window): i + window + 1])
        w = text_width(ln)
        if col and abs(w - col) <= 1 and abs(w - q - col) > 1:
            votes[1] += 1
        elif col and abs(w - q - col) <= 1 and abs(w - col) > 1:
            votes[0] += 1
    return 2 if votes[1] > votes[0] else 1


# A letterspaced line's text falls short of its column by a character (2 units) or two where it
# goes on a paragraph, by three or more (6 units: an indent and a character) where it opens one:
# on the gold of 640 pdfminer cases, 2,308 of 2,637 lines going on a paragraph fall short by at
# most 5 units, 391 of 441 first lines by 6 or more.  Such a first line is read as its text and a
# character: indented, not full.  Not a line with digits or Latin letters, whose width says less
# (体 预 报 为 ： 27 日 ， 阴 … falls short by 7 and goes on its paragraph).
SPACED_SHORT = 5


def _paragraph_end(lines: list[Line], i: int, fwd: list[int], colw: int) -> int:
    """How many lines from ``lines[i]`` on (their widths ``fwd``, the last left out) reach
    the first line that ends a sentence four units or more short of the column ``colw``:
    a paragraph's last line (0 if none among them).

    >>> ls = [Line(no=i, raw="", text=t, width=w) for i, (t, w) in
    ...       enumerate([("从太空俯瞰地球，东经125度", 25), ("方，是世界四大黑土带之一的中国", 30),
    ...                  ("东北黑土地。", 12), ("这位码头工人赢得了响当当的，专心度假", 36)], 1)]
    >>> _paragraph_end(ls, 0, [ln.width for ln in ls], 30), _paragraph_end(ls, 0, [25, 30], 30)
    (3, 0)
    """
    return next((k for k in range(1, len(fwd)) if fwd[k - 1] and ends_sentence(lines[i + k - 1].text)
                 and fwd[k - 1] <= colw - 4), 0)


def estimate_columns(lines: list[Line], window: int = 6) -> None:
    """Set ``colw`` (both sides), ``colw_back`` and ``colw_fwd`` on every line, and
    a letterspaced line's ``width`` to its column's (see ``split_lines``).

    A line at a column change belongs with the lines on one side of it only,
    so a break is judged with the column before it for the line that ends
    and the column after it for the line that starts.

    >>> ls = [Line(no=i, raw="", text="", width=w) for i, w in enumerate([28, 28, 24, 28, 10, 28, 27])]
    >>> estimate_columns(ls); [ln.colw for ln in ls]
    [28, 28, 28, 28, 28, 28, 28]

    A letterspaced line takes its column's width, read again from its spread
    width each time (among a narrow column's lines, then a wide column's):

    >>> spaced = Line(no=9, raw="", text="以技术供给端为起点的一条路径", width=33, spread=33, fixes=("unspace_letterspaced",))
    >>> estimate_columns([*ls, spaced]); spaced.width
    28
    >>> wide = [Line(no=i, raw="", text="", width=32) for i in range(10, 16)]
    >>> estimate_columns([*wide, spaced]); spaced.width
    32

    … unless its text falls short of the column by three characters or more
    (``SPACED_SHORT``): an indented first line, read as its text and a character:

    >>> first = Line(no=9, raw="", text="今年以来，全市经济运", width=30, spread=30, fixes=("unspace_letterspaced",))
    >>> estimate_columns([*ls, first]); first.width
    22

    … but never narrower than its own text (美的库卡智能制造科技 sets 20 units, spread
    to 29, among lines that read a column of 14):

    >>> narrow = [Line(no=i, raw="", text="", width=14) for i in range(20, 26)]
    >>> spread = Line(no=30, raw="", text="美的库卡智能制造科技", width=29, spread=29, fixes=("unspace_letterspaced",))
    >>> estimate_columns([*narrow, spread]); spread.width
    20

    The column after a paragraph's first line is its own, not the wider headlines the
    extractor put after the paragraph's end (…东北黑土地。| 这位码头工人赢得了…):

    >>> rows = [("居民们说，小区的环境一天比一天", 30), ("好了，大家住得也更加舒心，纷纷", 30),
    ...         ("社区还将对老旧小区开展常态化环", 30), ("境整治工作，并通过辖区志愿者的", 30),
    ...         ("行为，影响带动更多的居民加入到", 30), ("志愿者队伍中来。", 16), ("从太空俯瞰地球，东经125度", 25),
    ...         ("到127度、北纬44度到49度的地", 27), ("方，是世界四大黑土带之一的中国", 30), ("东北黑土地。", 12),
    ...         ("这位码头工人赢得了响当当的，专心度假", 36), ("促发展：在蓉易见", 16),
    ...         ("——人生就是要为祖国做大“矢量的模”", 36), ("首季中国经济一线调研报告之三", 28)]
    >>> ls = [Line(no=i, raw="", text=t, width=w) for i, (t, w) in enumerate(rows, 1)]
    >>> estimate_columns(ls); ls[6].colw, ls[6].colw_fwd
    (30, 30)
    """
    # a line with spaces around its numbers is no evidence of a wider column,
    # nor are its quotes where the page squeezes them: estimate without them
    squeeze = 2 - quote_width(lines)
    widths = [0 if furniture_line(ln) or letterspaced(ln) else
              text_width(ln) - squeeze * sum(ln.text.count(q) for q in QUOTES)
              for ln in lines]
    n = len(widths)
    for i, ln in enumerate(lines):
        ln.colw = column_width(widths[max(0, i - window): i + window + 1], ln.width)
        back = widths[max(0, i - window): i + 1]
        # the first lines of a page have too few lines before them: judge them with both sides
        ln.colw_back = column_width(back, ln.width) if sum(1 for w in back if w) >= 3 else ln.colw
        # the last lines of a page have too few lines after them: judge them with both sides
        fwd = widths[i: i + window + 1]
        ln.colw_fwd = column_width(fwd, ln.width) if n - i >= 4 else ln.colw
        # the line under it as wide as the column judged from both sides shows the column goes on
        # (too few full lines before a paragraph's end to outvote its narrower lines)
        if ln.colw_fwd < ln.colw and ln.colw_back == ln.colw \
                and i + 1 < n and abs(widths[i + 1] - ln.colw) <= 1:
            ln.colw_fwd = ln.colw
        # the lines after the paragraph's end clearly wider than the column and than each of the
        # paragraph's lines from this one on: another text, not this column's (headlines the
        # extractor put after all the text; 2184 cases: 19 up, 2 down, +90.9, held-out 5 up, +22.8)
        if n - i >= 4 and ln.colw_fwd >= ln.colw + 4 and 2 <= (end := _paragraph_end(lines, i, fwd, ln.colw)) \
                and max(fwd[:end]) <= ln.colw + 1:
            ln.colw_fwd = ln.colw
        # a blank line often starts another column (pdftotext): when the lines after it are
        # clearly wider (two characters or more), judge with this piece's own lines
        cut = next((k for k in range(1, len(fwd)) if lines[i + k].blanks_before), len(fwd))
        if 3 <= cut < len(fwd) and n - i >= 4 and (own := column_width(fwd[:cut], ln.width)) <= ln.colw_fwd - 4 \
                and sum(abs(w - own) <= 1 for w in fwd[:cut]) >= 2:
            ln.colw_fwd = own
    # a letterspaced line was stretched to its column: as wide as the column, not as its spaces
    # (it gave no width above); set again whenever the column is, from its width as spread
    # (never narrower than its own text: a column estimated among few plain lines can be)
    # (of the columns either side, the one nearest its spread width that holds its text: at a
    # column change, the wider column before it is not its own, 我市气温将下降3℃~5℃ |
    # 江 门 五 邑 保 存 有 大 量 侨 | 批，这些…, a column of 13 under one of 20)
    for ln in lines:
        if ln.spread and ln.colw:
            own = display_width(ln.text)
            ln.colw = ln.colw_back = ln.colw_fwd = min(
                (w for w in (ln.colw_back, ln.colw, ln.colw_fwd) if w >= own),
                key=lambda w: abs(w - ln.spread), default=ln.colw)
            ln.width = min(ln.spread, max(ln.colw, own)) if ln.colw - own <= SPACED_SHORT or LATIN.search(ln.text) \
                else own + 2
