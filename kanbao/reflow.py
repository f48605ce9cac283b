"""Lines → blocks: decide, for every gap between two lines, join or break.

The rules are tried in order; the first that fires decides, and its name is
recorded (``Decision``) so ``explain`` can show it.  The evidence is layout,
never content: the local column width, how much narrower than it a line is
(a paragraph's first line is ~2 characters narrower, its last line is
short), how a line ends (。！？ can end a paragraph, ，、；： cannot), what
the next line starts with (a speaker label, a byline), and — weakly — blank
lines, which extractors also put in mid-sentence at column breaks.

>>> from kanbao.lines import split_lines
>>> ls, _ = split_lines("至此，今年共有9位部门负\\n责人在全国两会“部长通道”回\\n答记者提问。\\n党的二十大后召开的第一次\\n全国两会上，世界关注中国如何")
>>> [b.text for b in reflow(ls)]
['至此，今年共有9位部门负责人在全国两会“部长通道”回答记者提问。', '党的二十大后召开的第一次全国两会上，世界关注中国如何']
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import replace

from .features import (BODY_PUNCT, BRACKET_LABEL, DASH_OPEN, DATELINE, FURNITURE_LINE, MASTHEAD_LINE, NO_LINE_START, NUMBERED,
                       NUMBER_ONLY, OPEN_END, LATIN, REPORTER_NOTE, asks_on, ends_open, ends_sentence, firstlike, furniture_line, gap, gap_fwd,
                       goes_on, headline_line, is_byline, is_full, is_furniture, is_section_tag, label_head, letterspaced, long_speaker_label,
                       narrow_slack, number_then_unit, open_marks, place_label, pushed_with_mark, quoted_label, speaker_label,
                       two_phrases, phrases_apart, name_cut, strength, wrap_remainder)
from .lines import display_width, text_width
from .model import Block, Decision, Line
from .pagewords import PageWords
from .words import spans_word, word_across

ANY_MARK = re.compile("[，。；！？、：:,;]")   # a clause or sentence mark: the line is running text
LEADING_LATIN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.%]+")   # a number or word that is set unbroken
UNBROKEN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.%°℃~～\-–/:]+")   # with its unit and range: 20°C~27°C
CLOSERS = ("”", "’", "）", ")", "》", "」", "』")
OPENERS = "“‘「『《（(【"   # marks that cannot end a line: they go down with the character after them
ANY_MARK = re.compile(r"[，。；！？、：:]")   # a clause or sentence mark, a colon

_gap = gap
_gap_fwd = gap_fwd
_firstlike = firstlike


def _opening_gap(ln: Line, block_lines: list[Line]) -> int:
    """How short of its column a line is; a line that opens its block judged from the column
    after it too, where the lines before it (a headline's) make the column look as narrow as
    itself (“部长通道”集体采访活动收 | 官 | 早晚凉意明显，尤其是本周末 | 未来几天，…: 26 units,
    26 judged back, 31 forward; 2184 cases: 4 up, 1 down, +12.7, all tuning).

    >>> a = Line(96, "", "早晚凉意明显，尤其是本周末", 26, colw=31, colw_back=26, colw_fwd=31)
    >>> _opening_gap(a, [a]), _opening_gap(a, [Line(95, "", "官", 2), a])
    (5, 0)
    """
    return max(_gap(ln, block_lines), _gap_fwd(ln)) if len(block_lines) == 1 else _gap(ln, block_lines)


def _telling_blank(prev: Line, nxt: Line) -> bool:
    """A blank line stands between ``prev`` and ``nxt`` but none over ``prev``: a blank that
    parts what it stands between, not one an extractor sets after every line (pdfminer).

    >>> a, b = Line(4, "", "以下是采访实录：", 16), Line(6, "", "我想知道，智能家电", 18, blanks_before=1)
    >>> _telling_blank(a, b), _telling_blank(Line(4, "", "以下是采访实录：", 16, blanks_before=1), b)
    (True, False)
    """
    return bool(nxt.blanks_before) and not prev.blanks_before


def _credit_ends(before: str, p: str) -> bool:
    """``p`` ends a reporter's credit that wrapped after the stop (…增大。（记|者雷风雨）).

    >>> _credit_ends("早晚温差逐渐增大。（记", "者雷风雨）"), _credit_ends("全国（不", "含港澳）")
    (True, False)
    """
    return p.endswith(("）", ")")) and ends_sentence(before + p)


def _short(ln: Line, block_lines: list[Line], below: tuple[Line | None, ...] = ()) -> bool:
    """Narrower than its column, or clearly narrower than the line before it.

    A block's first two lines under a narrower column than the lines before
    them (another article's), the first indented and the second full (or
    full once its digits are counted as set: 安勇炫在2014年两会召开前夕接受了),
    are judged against the column they fill; so are lines after a column
    break that fill, like the lines ``below`` them, the narrower column
    under them.
    """
    if len(block_lines) == 2 and ln.colw_fwd <= ln.colw_back - 4 and block_lines[0].colw_fwd == ln.colw_fwd \
            and 2 <= _gap_fwd(block_lines[0]) <= 7 and (ln.width >= ln.colw_fwd or _short_by_digits(ln)):
        return False   # 各界来宾盛赞中国各项事 | 业取得的巨大成就以及在国际: an indented first line and a full one
    if ln.colw_fwd <= ln.colw_back - 4 and block_lines[0].blanks_before and len(block_lines) <= 2 and below \
            and all(x is not None and abs(x.width - ln.colw_fwd) <= 1 for x in (*block_lines, *below)):
        return False   # after a column break, lines that fill the narrower column under them (化主要有两条路径：一 | 条是…)
    return _gap(ln, block_lines) >= 3 or len(block_lines) >= 2 and ln.width <= block_lines[-2].width - 4


def _short_by_mark(ln: Line, after: Line | None) -> bool:
    r"""``ln`` falls short of its column by about a character because its last
    character went down with a mark that cannot start a line (…您怎么 | 看？):
    a full line, not an indented one.

    >>> from kanbao.model import Line
    >>> a = Line(1, "", "这一主题，概念验证，您怎么", 26, colw_fwd=29)
    >>> _short_by_mark(a, Line(2, "", "看？", 4)), _short_by_mark(a, Line(2, "", "看书", 4))
    (True, False)
    """
    return _gap_fwd(ln) <= 3 and after is not None and not after.blanks_before and len(after.text) >= 2 \
        and after.text[1] in NO_LINE_START


def _short_by_number(ln: Line, after: Line | None) -> bool:
    r"""``ln`` falls short of its column because the number opening the line
    under it, set unbroken, did not fit (…的孩子，是 | 2021年因盗窃…): a full line.

    >>> from kanbao.model import Line
    >>> a = Line(1, "", "院检察官刘东打电话的孩子，是", 28, colw_fwd=32)
    >>> _short_by_number(a, Line(2, "", "2021年因盗窃被检察机关附条件不", 32)), _short_by_number(a, Line(2, "", "因盗窃", 6))
    (True, False)
    """
    return after is not None and not after.blanks_before and (m := UNBROKEN.match(after.text)) is not None \
        and _gap_fwd(ln) <= display_width(m.group()) + 1


def _headlines_set_over_text(block_lines: list[Line], nxt: Line) -> bool:
    r"""Two or three lines with no stop and nothing left open, not all set to the width of the
    column under them (one short or wide by two characters or more) and not opening with a
    paragraph's indented first line: headline lines stacked over the text
    (黑土地上，新农人锄禾记 | 中国常驻联合国代表团举行国庆招待会 | 与此同时，成都国际…).
    Judged by the lines' widths, while reflow still joins them; ``structure._headline_stack``
    asks of a block already made whether its lines are headlines' by their words.

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("夜游古城，灯火可亲\n老街焕新让市民夜间出行更加方便\n入夜以后，老街两旁的商铺陆\n"
    ...                     "续亮起灯来，游客沿着青石板路缓缓\n前行，不时驻足拍照留念。")
    >>> _headlines_set_over_text(ls[:2], ls[2]), _headlines_set_over_text(ls[2:4], ls[4])
    (True, False)
    """
    return 2 <= len(block_lines) <= 3 and all(headline_line(ln.text) for ln in block_lines) \
        and not 3 <= _opening_gap(block_lines[0], block_lines[:1]) <= 7 and not speaker_label(block_lines[0].text) \
        and any(abs(ln.width - nxt.colw_fwd) >= 4 for ln in block_lines)


def _opener_pushed_down(prev: Line, nxt: Line, after: Line | None) -> bool:
    r"""``prev`` ends a sentence two characters short of its column at most, and the line under it
    opens with a quotation mark or bracket and fills its column, no first line: the mark cannot
    end a line, so it went down with the character after it, and the paragraph goes on
    (…生产线全速运转。 | “去年以来，我们对4条生产线开展技 | …).

    >>> from kanbao.model import Line
    >>> a = Line(1, "", "公司，7条再生铝生产线全速运转。", 31, colw=35, colw_back=35, colw_fwd=34)
    >>> b = Line(2, "", "“去年以来，我们对4条生产线开展技", 33, colw=35, colw_back=35, colw_fwd=34)
    >>> _opener_pushed_down(a, b, None), _opener_pushed_down(a, Line(2, "", "去年以来，我们对4条生产线开展技", 31, colw_fwd=34), None)
    (True, False)
    """
    return nxt.text[:1] in OPENERS and not nxt.blanks_before and _gap(prev) <= 4 and _gap_fwd(nxt) < 3 \
        and not (after is not None and after.blanks_before)


def _short_by_digits(ln: Line) -> bool:
    r"""``ln`` would fill its column were its digits and Latin letters counted
    at three quarters of a character (they are counted as half; set, they
    take more), so its shortness says nothing (在2014年两会召开前夕…).  An
    indented line with digits stays indented (从太空俯瞰地球，东经125度到127).

    >>> from kanbao.model import Line
    >>> _short_by_digits(Line(1, "", "在2014年两会召开前夕接受了人民网的采", 36, colw_fwd=40))
    True
    >>> _short_by_digits(Line(1, "", "在这年两会召开前夕接受了人民网的采", 36, colw_fwd=40))
    False
    >>> _short_by_digits(Line(1, "", "从太空俯瞰地球，东经125度到127", 30, colw_fwd=36))
    False
    """
    return _gap_fwd(ln) - narrow_slack(ln.text) < 3


def _stretched(ln: Line) -> bool:
    """The extractor saw gaps inside the line's numbers or marks (成功率只有30% 。因): its
    glyphs were spread to fill the column, so its width in characters says less than it seems.

    >>> _stretched(Line(1, "成功率只有30% 。因", "成功率只有30%。因", 17, fixes=("unspace_marks",))), _stretched(Line(1, "成功率", "成功率", 6))
    (True, False)
    """
    return any(f in ln.fixes for f in ("unspace_numbers", "unspace_marks"))


def _headlike(ln: Line, block_lines: list[Line], below: tuple[Line | None, ...] = ()) -> bool:
    return _short(ln, block_lines, below) and not ends_sentence(ln.text) and not ln.text.endswith(tuple(OPEN_END))



def _box_ends_short(prev: Line, nxt: Line, block_lines: list[Line]) -> bool:
    """A line with no mark in it (the caller asks that it be short of its
    column), under the line right above it in the dump (a box of two lines or
    more), whose next line is not the next in the dump (a blank line or a move
    between): the box's text stops there, a pull quote's or a headline's, and
    what comes next is other text.  Not where a digit or a letter makes the
    line's width a guess (…首脑会议 | 大将在…), nor before a line that opens
    with one (…最高气温下降 | 8~10°C…).

    >>> from kanbao.model import Line
    >>> pq = [Line(217, "", "在过去千百年的时光里，黑土", 26), Line(218, "", "地上生活着一群农人", 18)]
    >>> nxt = Line(220, "", "今年年底竣工。这是顺丰集团在", 28, blanks_before=1)
    >>> _box_ends_short(pq[1], nxt, pq), _box_ends_short(pq[1], replace(nxt, no=219, blanks_before=0), pq)
    (True, False)
    >>> _box_ends_short(pq[1], replace(nxt, text="8~10°C，最低气温降"), pq)
    False
    """
    return len(block_lines) >= 2 and block_lines[-2].no == prev.no - 1 and not prev.blanks_before \
        and nxt.no != prev.no + 1 and not ANY_MARK.search(prev.text) \
        and not LATIN.search(prev.text) and not LATIN.match(nxt.text)


PQ_LINES = 6   # the most lines a pull quote set in the column takes
INSIDE_STRENGTH = 3.0   # evidence (``features.strength``) that the line after a line set inside a sentence goes on from the one before


def _repeats_block_start(block_lines: list[Line], ahead: list[Line]) -> bool:
    """The lines ahead say again, word for word, all that the block so far says:
    the block is a pull quote set right over the text it repeats, and the text
    starts anew with the next line (spaces aside).

    >>> from kanbao.model import Line
    >>> pq = [Line(1, "", "在过去千百年的时光里，", 22), Line(2, "", "黑土地上生活着一群农人", 22)]
    >>> _repeats_block_start(pq, [Line(3, "", "在 过 去 千 百 年 的 时 光", 26), Line(4, "", "里，黑土地上生活着一群农", 24), Line(5, "", "人。他们的双脚", 14)])
    True
    >>> _repeats_block_start(pq[:1], [Line(3, "", "在过去千百年的时光里，", 22), Line(4, "", "也有人说", 8)])
    False
    """
    if len(block_lines) > PQ_LINES or not ahead or ahead[0].text.lstrip()[:1] != block_lines[0].text.lstrip()[:1]:
        return False     # (a pull quote is a few lines; the repeat opens with the block's first character)
    own = _unspaced(block_lines)
    if len(own) < 8 or 2 * len(set(own)) < len(own):
        return False     # (a line of one character over and over, ——————, says nothing)
    # (not where the next line alone says it all: a headline whose words open the text's first line)
    return _unspaced(ahead).startswith(own) and not _unspaced(ahead[:1]).startswith(own)


def _unspaced(lines: list[Line]) -> str:
    """The lines' text without spaces: 在 过 去 ，| 里 → 在过去，里."""
    return re.sub(r"\s+", "", "".join(ln.text for ln in lines))


def decide(prev: Line, nxt: Line, block_lines: list[Line], after: Line | None, numbered: bool = False) -> Decision:
    """Join ``nxt`` to the block ending in ``prev``, or break before it.

    ``block_lines`` is the block so far (ending in ``prev``); ``after`` the
    line following ``nxt``; ``numbered`` tells that the block follows a
    lone pull-quote number.
    """
    p, n = prev.text, nxt.text
    def d(rule: str, joined: bool) -> Decision:
        return Decision(rule, joined, prev.no)

    if NUMBER_ONLY.match(p) or NUMBER_ONLY.match(n):
        return d("lone-number", False)
    if NUMBERED.match(n) and (_gap(prev, block_lines) >= 3 or ends_sentence(p)) and not p.endswith(tuple(OPEN_END)):
        return d("numbered-block-next", False)
    if n[0] in NO_LINE_START:
        return d("next-cannot-start-line", True)
    # (with no blank line too, where the space stands between two characters and the text
    # before is not left open: …颠覆式的创新变革 | 志愿者共同参与 老旧小区提颜值)
    if (nxt.blanks_before or phrases_apart(n) and not ends_open(p) and not _word_across(p, n)) \
            and two_phrases(n) and not two_phrases(p) and BODY_PUNCT.search("".join(ln.text for ln in block_lines)):
        return d("spaced-phrases-next", False)   # …早晚外出 | 苏亚雷斯　暴雨如注: text runs into no headline
    if pushed_with_mark(n) and 3 <= _gap_fwd(prev) <= 8 \
            and len(p) >= 3 and not ends_sentence(p) and not p.endswith(tuple(OPEN_END)) and not speaker_label(n):
        return d("char-pushed-with-mark", True)   # 樊明武今年80岁 | 了，自诩…: the line was full, 了 went down with its ，
    if BRACKET_LABEL.match(n) and not p.endswith(tuple(OPEN_END)):
        return d("bracket-label-next", False)   # …收割忙 | 【人物档案】潘兰英，52岁，…: a paragraph opens
    if len(block_lines) == 1 and phrases_apart(p) and not two_phrases(n) \
            and BODY_PUNCT.search(n) and after is not None and not after.blanks_before and _gap_fwd(after) < 3 \
            and not is_byline(p) and not _word_across(p, n):
        return d("spaced-phrases-then-text", False)   # 无人机　实现线上线下互联互通 | 975万辆，均已超过…
    if number_then_unit(p, n, about=True) and not nxt.blanks_before and not NUMBER_ONLY.match(p):
        return d("number-then-unit", True)   # 本月14日、16|日，: a number is not a paragraph's end
    if ends_sentence(p) and REPORTER_NOTE.match(n):
        return d("credit-note-closes", True)   # …早晚温差逐渐增大。| （记者雷风雨）: the paragraph's credit, no headline
    if ends_sentence(p) and n.endswith(("：", ":")) and not BODY_PUNCT.search(n[:-1]) and not speaker_label(n) \
            and after is not None and speaker_label(after.text) and not after.blanks_before:
        return d("lead-in-to-turns", True)   # …报道中国两会。| 以下是采访实录： | 提问：…: the lead-in ends the paragraph
    # a full (or indented first) line of office words is the first line of a
    # title-and-name label (局党组书记、局|长某某：, 市应急管理局副局|长贾燕：)
    head_of_label = len(block_lines) == 1 and (is_full(prev) or firstlike(prev)) and label_head(p, n)
    # (a one-character label other than 问/答 is a word pushed down with its colon: 能见度|低：)
    label_n = speaker_label(n) or place_label(n)   # (黑龙江鸡西：金秋水稻收割忙 starts anew too, though no turn)
    lone = len(label_n) == 1 and label_n not in ("问", "答") and not ends_sentence(p)
    # (nor a label that a word runs into from an unfinished line: a wrapped line, 好一派靓丽的风 | 景线：谨防感冒)
    # (nor a name's last two characters, its surname ending the line above: 请谈谈潘 | 兰英：方面的情况)
    wrapped = not ends_sentence(p) and not ends_open(p) \
        and (_word_across(p, n) or name_cut(p, label_n))
    # (nor inside a question whose sentence is still open: it ends with its question mark, and it
    # may name a thing that has a colon in it, 提问：您如何看待 | 新业态：无人机？)
    asking = bool(label_n) and asks_on("".join(ln.text for ln in block_lines))
    if label_n and not head_of_label and not lone and not wrapped and not asking \
            and (ends_sentence(p) or p.endswith(("：", ":")) or _gap(prev, block_lines) >= 3
                 or _telling_blank(prev, nxt)
                 or not BODY_PUNCT.search("".join(ln.text for ln in block_lines))
                 # (or lines of headlines, a comma in them: displaced lines, 口袋公园：夜游线路 | 串起滨江，点亮老城 | 记者：…)
                 or len(block_lines) >= 2 and all(headline_line(ln.text) for ln in block_lines)):
        return d("speaker-label-next", False)
    if ends_sentence(p) and after is not None and (is_full(nxt) or firstlike(nxt)) and label_head(n, after.text):
        return d("label-over-two-lines-next", False)   # …政协委员？| 区教育局局长金平 | 帆：…: the next turn
    if head_of_label and not ends_sentence(p) and not re.search("[“”‘’《》，]", p):
        return d("label-over-two-lines", True)   # 市应急管理局副局长何 | 燕：…: one label printed over two lines
    if quoted_label(n) and ends_sentence(p) and speaker_label(block_lines[0].text):
        return d("quoted-label-next", False)   # 记者：服务模式如何？| 姚琳峰：“线上…: in a Q&A, the next turn
    if (DATELINE.match(p) or is_byline(p) and is_full(prev, 2) and _word_across(p, n)) and len(block_lines) == 1 \
            and not ends_sentence(p) \
            and not _firstlike(nxt) and _gap_fwd(nxt) < 3 \
            and not speaker_label(n) and not is_byline(n) and not FURNITURE_LINE.search(n):
        return d("byline-runs-on", True)   # 本报讯 记者 吴心怡 … 过去|几天，: a dateline, or a full credit line, goes on into the text
    if is_byline(n) or is_byline(p):
        return d("byline", False)
    if DATELINE.match(n) and not p.endswith(tuple(OPEN_END)) and (ends_sentence(p) or not _word_across(p, n)):
        # 新华社北京3月5日电…: an article's text starts here (not the rest of a name: 新华网联 | 合国9月12日电)
        return d("dateline-next", False)
    if len(block_lines) == 1 and is_section_tag(p) and not ends_sentence(n) and not NUMBER_ONLY.match(n):
        return d("section-tag", False)
    if furniture_line(prev) or furniture_line(nxt):
        return d("page-header-line", False)
    if after is not None and MASTHEAD_LINE.search(after.text) and len(block_lines) <= 2 \
            and not any(re.search("[。！？；]", ln.text) or ends_open(ln.text) for ln in (*block_lines, nxt)) \
            and not DATELINE.match(block_lines[0].text) and not _word_across(p, n):
        # 10 教 育 | 劳模，是他们共同的名字 | 汽车制造，推动… | 滨海晚报 2017年… 星期五 责任编辑…:
        # lines set over the masthead with no stop in them are the lead story's headline, one per line
        return d("headline-over-masthead", False)
    if is_section_tag(n) and after is not None and not _word_across(p, n) \
            and (furniture_line(after)
                 or is_full(prev) and not ends_sentence(p) and is_full(after) and _word_across(p, after.text)):
        # …以下是采访实录：| 城市 | 北原日报 2022年…: the page's header starts; …可多备一 | 简讯 |
        # 件外套，…: a column's label printed at its height inside the text (not …一朝一夕就可 | 以完成的)
        return d("section-tag-next", False)
    # (after a colon at a line's end, an indented line over a full one opens the next paragraph even
    # when the colon's line is full: …以下是采访实录：| 计划生育不仅仅影响中国的 | 人口数量，…)
    if p.endswith(("——", "：", ":")) and _firstlike(nxt) and not _short_by_digits(nxt) \
            and (_gap(prev, block_lines) >= 3 or p.endswith(("：", ":")) and after is not None and _gap_fwd(after) < 3
                 and n[0] not in OPENERS and not speaker_label(p) and len(block_lines) >= 2):
        return d("lead-in-then-indent", False)
    if p.endswith(("：", ":")) and (nxt.blanks_before or _gap(prev, block_lines) >= 3 and not BODY_PUNCT.search(n)) \
            and headline_line(n) and not ends_sentence(n) and not ends_open(n) \
            and BODY_PUNCT.search("".join(ln.text for ln in block_lines)) \
            and after is not None and _firstlike(after) and not speaker_label(n) and not speaker_label(p) \
            and not _word_across(n, after.text):
        return d("lead-in-then-heading", False)   # …以下是采访实录：| | 黑土地上，新农人锄禾记 | | 计划生育…: a subhead
    if p.endswith(tuple(OPEN_END)) and after is not None and not BODY_PUNCT.search(n + after.text) \
            and BODY_PUNCT.search("".join(ln.text for ln in block_lines)) and is_full(prev, 2) \
            and text_width(after) >= max(prev.width, prev.colw_back) + 6 \
            and after.width >= nxt.width:
        return d("headline-set-wider-next", False)   # 公司，| 樊明武院士：| 人生就是要为祖国做大…: a headline
    if p.endswith(("：", ":")) and not BODY_PUNCT.search(n) and not ends_sentence(n) and not speaker_label(n) \
            and nxt.width >= max(prev.width, prev.colw_back) + 8 and text_width(nxt) >= nxt.colw_fwd + 6 \
            and after is not None and after.width <= nxt.width - 6:
        return d("headline-set-wider-next", False)   # 以下是采访实录：| 中国常驻联合国代表团举行国庆招待会 (wider than any column)
    if p.endswith(("：", ":")) and nxt.blanks_before and after is not None and is_byline(after.text) \
            and not after.blanks_before and not ends_sentence(n) and not ends_open(n) and not speaker_label(n) \
            and not _word_across(p, n):
        return d("headline-over-byline", False)   # …以下是采访实录：| | 工厂焕新，制造业有了新面孔 | 新华社记者 …
    if after is not None and is_byline(after.text) and not BODY_PUNCT.search(n) and not ends_sentence(n) \
            and not ends_sentence(p) and not p.endswith(tuple(OPEN_END)) and not speaker_label(n) \
            and not _word_across(p, n) and not DASH_OPEN.match(n) and nxt.width >= prev.width - 3 \
            and prev.width <= max(prev.colw_back, prev.colw) + 2:
        return d("headline-over-byline", False)   # …会员国应当共同努力，争取 | 人生就是要为祖国做大… | 本报记者 …
    if p.endswith(tuple(OPEN_END)) and nxt.blanks_before and after is not None and not after.blanks_before \
            and DASH_OPEN.match(after.text) and not BODY_PUNCT.search(n + after.text) and not ends_open(after.text) \
            and not ends_sentence(n) and not speaker_label(n) and not _word_across(p, n):
        return d("headline-over-subtitle", False)   # …还画好了示意图， | | 乡村振兴一线观察之五 | ——打通物流末端
    # (a lead-in's colon, then a blank line and a short headline line: the next article's or
    # section's headline, not what the colon leads in; 以下是采访实录： | | 我想知道，智能家电;
    # 2184 cases: 4 up, 0 down, +20.3)
    if p.endswith(("：", ":")) and _telling_blank(prev, nxt) and headline_line(n) \
            and not ends_sentence(n) and _gap_fwd(nxt) >= 6 and not speaker_label(n) and not is_byline(n) \
            and not quoted_label(n) and not DASH_OPEN.match(n) and not _word_across(p, n):
        return d("lead-in-then-headline", False)
    if p.endswith(tuple(OPEN_END)):
        return d("open-ending", True)
    if min(prev.width, nxt.width) >= 8 and nxt.width > 1.5 * max(prev.width, prev.colw_back) + 4:
        return d("next-line-much-wider", False)
    if len(block_lines) <= 3 and text_width(prev) >= max(nxt.colw_fwd, prev.colw) + 4 \
            and nxt.colw_fwd - 6 <= nxt.width <= nxt.colw_fwd + 1 and not ends_sentence(n) \
            and not speaker_label(n) and not n.endswith(("：", ":")) and not (after is not None and DASH_OPEN.match(after.text)) \
            and not _word_across(p, n) and not pushed_with_mark(n) \
            and (BODY_PUNCT.search(n) or "、" in n or after is not None and not after.blanks_before and after.width >= nxt.width) \
            and not any(re.search("[。！；]", ln.text) for ln in block_lines) and not ends_open(p) \
            and not speaker_label(block_lines[0].text) and not DATELINE.match(block_lines[0].text):
        return d("wider-lines-then-column", False)   # 江门五邑侨批中有何家国密码？| 有条不紊，十余台橙色的机器人在 | 分拣物料…
    if ends_sentence(p) and is_full(prev) and min(prev.width, nxt.width) >= 8 \
            and 2 * nxt.colw_fwd <= max(prev.width, prev.colw_back) + 2 and nxt.width >= nxt.colw_fwd - 2:
        return d("next-column-much-narrower", False)   # …完成运抵。| 物流促经贸，经 | 贸聚产业的效果: a box of its own
    body = "".join(ln.text for ln in block_lines)
    # the block opens a Q&A turn (周文华：…, or 省统计局副局长蒋怡涛：收割完的水|稻，… with a long label)
    turn = bool(speaker_label(block_lines[0].text) or long_speaker_label(body + n))
    if not ends_sentence(p) and (open_marks(body) > 0 or open_marks(body, "《》") > 0) \
            and (not nxt.blanks_before or _gap_fwd(nxt) < 3):
        return d("quote-still-open", True)
    # (the column judged from either side: a narrower column may follow)
    if len(block_lines) == 1 and ends_sentence(p) and (3 <= _gap_fwd(prev) <= 7 or 3 <= _gap(prev, block_lines) <= 7) \
            and _gap_fwd(nxt) < 3 \
            and not (after is not None and _firstlike(after)):
        return d("indented-first-line-ends-sentence", True)
    if ends_sentence(p) and (m := LEADING_LATIN.match(n)) and _gap(prev, block_lines) <= len(m.group()) + 1 \
            and min(_gap_fwd(nxt), _gap(nxt)) < 3:   # (the next line full, judged from either side)
        return d("number-pushed-to-next-line", True)   # 2013 did not fit: the line before was set short
    if not ends_sentence(p) and (m := LEADING_LATIN.match(n)) and BODY_PUNCT.search(p) and not speaker_label(n) \
            and _gap(prev, block_lines) <= len(m.group()) + 3 + (4 if len(block_lines) == 1 else 0) \
            and not nxt.blanks_before:
        return d("number-pushed-to-next-line", True)   # …成功率只有|30%。: the number did not fit mid-clause
    credit_ends = len(block_lines) >= 2 and _credit_ends(block_lines[-2].text, p)
    # (not where a full line that opens with a quotation mark or bracket follows: the mark went down with
    # the character after it, …全速运转。 | “去年以来，…; 2184 cases: 26 up, 0 down, +116.7, one sentence of
    # the simulator's texts on many pages)
    if (ends_sentence(p) or credit_ends) and _short(prev, block_lines) and not _opener_pushed_down(prev, nxt, after):
        return d("sentence-end-short-line", False)
    if (numbered or NUMBERED.match(block_lines[0].text)) and len(block_lines) <= 3 and not ends_sentence(p) \
            and (not nxt.blanks_before or numbered) and nxt.width <= max(ln.width for ln in block_lines) + 2 \
            and prev.width >= block_lines[0].width - 4:
        return d("numbered-block-continues", True)
    if len(block_lines) == 1 and not ends_sentence(p) and BODY_PUNCT.search(p) and 3 <= _gap_fwd(prev) <= 7 \
            and _gap_fwd(nxt) < 7:
        # (unless the next line is clearly indented too, over a full line: the next paragraph starts
        # there, and this line, with no stop, is a headline: 黑土地上，新农人锄禾记 | 这个给…; digits
        # and Latin letters make a line's width uncertain)
        if not ends_open(p) and _firstlike(nxt) and _gap_fwd(nxt) >= 4 and not ends_sentence(n) and after is not None \
                and _gap_fwd(after) < 3 and (not after.blanks_before or prev.blanks_before and nxt.blanks_before) \
                and not _word_across(p, n) \
                and not _short_by_digits(nxt) and not _stretched(nxt) and not _short_by_number(nxt, after) \
                and not speaker_label(p) and not numbered and not NUMBERED.match(p):
            return d("heading-then-indent", False)
        if _three_short_headline(prev, block_lines, nxt):
            return d("heading-three-short", False)
        return d("unfinished-first-line", True)
    # (the column judged from both sides too: lines before may be a headline and a byline set wider)
    # (a paragraph's first line is indented: up to 7 short, a digit's width uncertain)
    if not ends_sentence(p) and min(_gap(prev, block_lines), prev.colw - prev.width) <= (7 if len(block_lines) == 1 else 4) \
            and _word_across(p, n) and not _headline_over_column(prev, nxt, block_lines) \
            and (BODY_PUNCT.search(body) or len(block_lines) >= 2
                 # an indented first line without a mark yet (…社会主义现代|化国家的首要任务。), over a
                 # full line or the paragraph's last (…7枚金牌产|生，其中3枚产生于羽毛球赛场。)
                 or 3 <= _gap(prev, block_lines) and BODY_PUNCT.search(n) and (_gap_fwd(nxt) < 3 or ends_sentence(n))):
        return d("word-runs-across", True)
    if ends_sentence(p) and nxt.width * 2 < prev.width and not BODY_PUNCT.search(n) and not ends_sentence(n) \
            and nxt.width < nxt.colw_fwd - 6:
        return d("sentence-end-then-short-label", False)
    # (a line as wide as the column too, set apart by blank lines: 小区环境综合整治行动。| | 本市天气开启
    # 多雨模式 | | 中国式现代化的关键)
    if ends_sentence(p) and not BODY_PUNCT.search(n) and not ends_sentence(n) \
            and after is not None and _firstlike(after) and not speaker_label(n) and not NUMBER_ONLY.match(n) \
            and not n.endswith(("：", ":")) \
            and (_gap_fwd(nxt) >= 3 or nxt.blanks_before and after.blanks_before
                 and not ends_open(n) and not _word_across(n, after.text)):
        # (but a colon at its end introduces what follows: …第二次现场报道中国两会。| 以下是采访实录：)
        return d("sentence-end-then-headline", False)   # a short line without a stop cannot end a paragraph
    if ends_sentence(p) and not BODY_PUNCT.search(n) and not ends_sentence(n) \
            and nxt.colw_fwd + 6 <= nxt.width <= max(prev.width, prev.colw_back) - 6:
        return d("sentence-end-then-headline", False)   # a line of neither column, the one before nor the one after
    if ends_sentence(p) and is_full(prev) and not BODY_PUNCT.search(n) and not LATIN.search(n) \
            and len(n) >= 4 and _gap_fwd(nxt) >= 6 and after is not None and _gap_fwd(after) < 3 \
            and after.text[0] not in NO_LINE_START and not speaker_label(n) and not is_byline(n) \
            and not _word_across(n, after.text):
        # …竞争优势。| 工厂里新意不断涌现 | 当机器人进入工厂“实: a line well short of the column, with
        # no mark at all, between a sentence end and a full line is a headline, not text
        return d("sentence-end-then-headline", False)
    # (after a sentence end, a line more than three characters wider than the one before is no line of
    # its column: …绝不会离开创新的舞台。| 工厂“黑科技”背后的产业新变迁 | …; four before, 2184 cases at
    # three: 5 up, 0 down, +18.2; at two: 6 up, 1 down)
    if ends_sentence(p) and (prev.width > prev.colw + 6 or nxt.width > prev.width + 6):
        return d("sentence-end-width-change", False)
    if len(block_lines) == 1 and DASH_OPEN.match(p) and not ends_sentence(p) and not ends_open(p) \
            and not LATIN.search(p[-1:]) and not _word_across(p, n) and not LEADING_LATIN.match(n) \
            and n[0] not in NO_LINE_START and BODY_PUNCT.search(n):
        return d("subtitle-then-text", False)   # ——志愿者共同参与 老旧小区提颜值 | 截至9月6日12时，…: a —— subtitle alone
    if DASH_OPEN.match(p) and nxt.blanks_before and not ends_open(p) and not _word_across(p, n) \
            and n[0] not in NO_LINE_START and not DASH_OPEN.match(n) \
            and (not BODY_PUNCT.search(n) or _subtitle_under_title(block_lines)) \
            and all(headline_line(ln.text) for ln in block_lines):
        return d("subtitle-then-blank", False)   # ——合力维护未成年人合法权益 | | 合川农机专业合作社收水稻
    # (the lines over the subtitle may have a comma: they are its kicker and title, 的潜能，智慧空港)
    if DASH_OPEN.match(p) and not ends_sentence(p) and _firstlike(nxt) and len(block_lines) <= 3 \
            and (not any(BODY_PUNCT.search(ln.text) for ln in block_lines[:-1])
                 or all(headline_line(ln.text) and not firstlike(ln) for ln in block_lines[:-1])
                 and after is not None and _gap_fwd(after) < 3 and not _word_across(p, n)):
        return d("subtitle-then-indent", False)   # ——副题 over an indented first line: the text starts
    if len(block_lines) == 1 and not ends_sentence(p) and not ends_open(p) and prev.width >= nxt.colw_fwd + 4 \
            and _firstlike(nxt) and after is not None and _gap_fwd(after) < 3 and after.width >= nxt.width + 3 \
            and not after.blanks_before \
            and not speaker_label(p) and not NUMBERED.match(p):
        return d("wider-line-then-indent", False)   # 工厂焕新，制造业有了新面孔 | 库卡中国营运与人力: no line of that column
    # (an indented line without a mark over another indented line is no paragraph's first line either)
    if not BODY_PUNCT.search(body) and not ends_open(p) and (not firstlike(block_lines[0]) or len(block_lines) == 1) \
            and firstlike(nxt) and not _short_by_number(nxt, after) \
            and (not _short_by_digits(nxt) or len(block_lines) == 1 and _gap_fwd(prev) < 3
                 and not _word_across(p, n) and BODY_PUNCT.search(n) and "、" not in p) \
            and (after is None or gap_fwd(after) < 3 or _short_by_digits(after)) and not speaker_label(block_lines[0].text) \
            and not numbered and not NUMBERED.match(block_lines[0].text):
        # no clause in the block, and the next line is indented (the one under it full, once its
        # digits count as set: 线上科创通+线下科创岛：概念验证 | 而未经中试，产业化成功率 | 只有30%。因此，…)
        return d("heading-then-indent", False)
    # (a full line that opens its block, with no stop at its end, over an indented first line over
    # a full line is no paragraph's line: a paragraph's first line is indented, its other lines follow
    # a line; a headline set as wide as the column, 这些加工出来的大米，不仅在本地区销售 | 昨天，…)
    # Full judged forward only: the column measured back from it takes in the headline lines over
    # it (还设计了线路图，教学楼 | 换灯泡时，…: a subhead's second line; 2184 cases: 9 up, 0 down, +59.7)
    # So is the last of two or three headline lines stacked with no stop (``_headlines_set_over_text``):
    # 黑土地上，新农人锄禾记 | 中国常驻联合国代表团举行国庆招待会 | 与此同时，成都国际… (2184
    # cases: 3 up, 0 down, +30.2)
    if (len(block_lines) == 1 or _headlines_set_over_text(block_lines, nxt)) and not ends_sentence(p) and not ends_open(p) \
            and _gap_fwd(prev) < 3 \
            and _firstlike(nxt) and after is not None and _gap_fwd(after) < 3 and not after.blanks_before \
            and not _word_across(p, n) and not _short_by_number(nxt, after) and not _short_by_digits(nxt) \
            and not speaker_label(p) and not NUMBERED.match(p) and not LATIN.search(n + p[-1:]) \
            and n[0] not in NO_LINE_START:
        return d("full-line-alone-then-indent", False)
    # (a line set wider than its column, with no stop, over an indented first line over a full
    # line: headline lines over the text, however they wrapped, 楼道也不堵了，进入白露节气 | 昨天，…)
    if not ends_sentence(p) and not ends_open(p) and len(block_lines) <= 3 \
            and prev.width >= max(prev.colw, prev.colw_back, prev.colw_fwd) + 2 \
            and all(headline_line(ln.text) for ln in block_lines) and not speaker_label(block_lines[0].text) \
            and not firstlike(block_lines[0]) \
            and _firstlike(nxt) and after is not None and _gap_fwd(after) < 3 and not after.blanks_before \
            and not _short_by_number(nxt, after) and not _short_by_digits(nxt) and not _word_across(p, n):
        # (not a paragraph's indented first line over a line that digits set short: 围绕满足…诸多 |
        # 需求，…“一带一路” | 成都国际…计划在 | 2028年前…)
        return d("wider-headline-then-indent", False)
    # (a byline under the line is no full line of the column: …开展老|旧小区环境综合整治行动。|本报记者 …)
    indented = _firstlike(nxt) or 3 <= _gap_fwd(nxt) <= 7 and after is not None and _gap_fwd(after) < 3 \
        and not is_byline(after.text)
    # (after a sentence end, a line of plain text set clearly narrower than the column before it and
    # than the full line under it is indented, where lines with numbers make the column after look
    # narrower: …恍若又回到了夏日。| 眼下已来到了十月底，冷空气也已 | 经“安排”上。…)
    if not indented and ends_sentence(p) and 3 <= _gap(nxt) <= 7 and after is not None and not after.blanks_before \
            and after.width >= nxt.width + 3 and _gap(after) < 3 and not re.search(r"[“”‘’0-9A-Za-z]", n):
        indented = True
    # (a line set short mid-clause because the number opening the line
    # under it did not fit is no first line: …具体预报为：27日，阴 | 天有小雨，气温 | 20°C~27°C；…)
    if indented and not ends_sentence(p) and (_short_by_number(nxt, after) or _short_by_digits(nxt)):
        indented = False
    # (after a sentence end too, a line a character and a half short at most, with digits that
    # make up the gap, is full: …转为多云天气。| 具体预报为：27日，阴天有小雨，| 气温…)
    if indented and ends_sentence(p) and _gap_fwd(nxt) <= 3 and re.search(r"[0-9]", n) and _short_by_digits(nxt) \
            and not speaker_label(n):
        indented = False
    if indented and len(block_lines) == 1 and speaker_label(p) and _firstlike(prev) and nxt.width >= prev.width + 3:
        indented = False   # a turn's indented first line goes on into a wider line (潘海玲：…生产方 | 式的重塑，…)
    # (nor, mid-sentence, a line short by up to two characters over a line that opens with a
    # quotation mark or bracket: the mark cannot end a line and went down with the character after
    # it, …以落实 | “一号检察建议”为牵引，规范 | “捕、诉…)
    if indented and not ends_sentence(p) and after is not None and after.text[:1] in OPENERS \
            and _gap_fwd(nxt) <= 4:
        indented = False
    if indented and _short_by_mark(nxt, after) \
            and not (ends_sentence(p) and after is not None and long_speaker_label(n + after.text)):
        # a character short: its last character went down with its mark (…您怎么 | 看？); not a
        # speaker's label after a sentence end (…坡度吗？ | 某研究院研究员赵瑶 | 瑶：…)
        indented = False
    if indented and turn and len(block_lines) == 1 and not ends_sentence(p) and not p.endswith(("：", ":")) \
            and ends_sentence(n) and not speaker_label(n) and not is_byline(n):
        indented = False   # a turn's first line runs on into its last (本报记者：您最关注 | 中国哪些热点问题？)
    # without a sentence end, only a clear indent (two full characters) breaks
    # (or the column widens there: the line before fills a narrower column, the text under starts a paragraph);
    # inside a paragraph, the line before is short only by more than its digits and Latin letters may take
    # (中国人物。30年前，这位码头工人赢得 | 了响当当的…: set, 30 fills the line; 2184 cases: 23 up, 5 down,
    # +70.4, held-out 4 up; in a headline too, it ran 完成全运会四连冠 on into its subtitle: 14 down)
    slack = narrow_slack(p) if len(block_lines) >= 2 and BODY_PUNCT.search(block_lines[0].text) else 0
    if indented and (ends_sentence(p) or _opening_gap(prev, block_lines) - slack >= 2 and _gap_fwd(nxt) >= 4
                     and (after is None or _gap_fwd(after) < 3) and not pushed_with_mark(n)
                     or nxt.colw_fwd >= prev.colw_back + 6 and _gap_fwd(nxt) >= 3 and not ends_open(p)
                     and after is not None and _gap_fwd(after) < 3
                     and not (after.blanks_before and not nxt.blanks_before)):   # (a piece's last line: the next is elsewhere)
        return d("next-indented", False)
    # (a line much narrower than the lines under it is no indented line: a headline over the text)
    # (a next line a character short because its last character went down with its mark, or because
    # the number opening the line under it did not fit, is no indented line)
    n_indented = _firstlike(nxt) and not _short_by_mark(nxt, after) and not _short_by_number(nxt, after)
    # (judged from the column before too, where the short paragraph's own lines make the column after look
    # narrower: 高质量发展是…现代化 | 国家的首要任务。连日来，…负责人 | 在通道上…发声。)
    first = _firstlike(prev) or 3 <= _gap(prev) <= 7 and not ends_sentence(p) and _gap_fwd(nxt) < 3 \
        and nxt.width >= prev.width + 3
    if len(block_lines) == 1 and first and not n_indented and (BODY_PUNCT.search(p + n) or _gap_fwd(nxt) < 3) \
            and (max(min(ln.width, ln.colw) for ln in (nxt, after or nxt)) - prev.width <= 7 or BODY_PUNCT.search(p)):
        return d("indented-first-line", True)
    # (lines that fill their column exactly, like the line under them, are text, not a headline:
    # …以技术供给端为起 | 点，通过…)
    if len(block_lines) >= 2 and not BODY_PUNCT.search(body) and len(body) <= 40 and not numbered \
            and not NUMBERED.match(body) \
            and not (_firstlike(block_lines[0]) and min(_gap(block_lines[1]), _gap_fwd(block_lines[1])) < 3) \
            and not (is_full(prev) and BODY_PUNCT.search(n) and not firstlike(nxt) and "、" in body) \
            and not turn and not DATELINE.match(block_lines[0].text) \
            and not all(x.colw_fwd <= x.width <= x.colw_fwd + 1 for x in (*block_lines, nxt)):
        return d("heading-ends", False)   # a headline takes at most two lines
    if len(block_lines) == 1 and prev.blanks_before and nxt.blanks_before and len(p) <= 24 \
            and min(_gap(prev, block_lines), _gap_fwd(prev)) >= 6 and not ends_sentence(p) and not ends_open(p) \
            and not speaker_label(p) and not _word_across(p, n):
        return d("short-line-between-blanks", False)   # 内心独白，与往年不同 set apart: a headline, not a clause
    if len(block_lines) == 1 and (label := speaker_label(p)) and len(p) > len(label) + 2 and not ends_sentence(p) \
            and not ends_open(p) and (BODY_PUNCT.search(n) or _word_across(p, n)) \
            and not speaker_label(n) and not is_byline(n) and not quoted_label(n) and not DASH_OPEN.match(n):
        # (or a word runs across into a next line with no mark in it: 提问：很多读者关 | 心全运会结束全部赛 |
        # 事，您怎么看？, a question set narrower than the headline over it; 1464 tuning cases: 3 change, all up)
        return d("turn-goes-on", True)   # 中新社记者：很多读者关心 | 这一主题，概念验证，您怎么 | 看？
    if _subtitle_ends(prev, nxt, block_lines):
        return d("subtitle-ends-headline", False)
    if _headlike(prev, block_lines, (nxt, after)):
        # a paragraph's indented first line with a clause in it, over a line short only by its
        # digits: no paragraph ends there (联合国大会是…审议、监督 | 和审查机构，每年9月至12月…)
        # (without a mark in it, where the line under it is short only by digits too and no mark
        # at all has come: 韩国《朝鲜日报》驻北京特派记者安勇炫 | 在2014年两会召开前夕接受了人民网的采 | 访。)
        if len(block_lines) == 1 and (_firstlike(prev) or 3 <= _gap(prev, block_lines) <= 7) and _short_by_digits(nxt) \
                and not nxt.blanks_before \
                and (re.search("[，、；]", p) and BODY_PUNCT.search(n)
                     or not re.search(r"[，、；。？！：:]", p + n) and re.search("[0-9]", n) and not speaker_label(n)
                     and _firstlike(prev) and 3 <= _gap(prev, block_lines) <= 7
                     and after is not None and not after.blanks_before and _gap_fwd(after) < 3):
            return d("first-line-over-digits", True)
        # (a dateline opens text, never a headline: 本报天津9月8日电（记|者王东）第十三届全运会最后)
        if BODY_PUNCT.search(body) or turn or DATELINE.match(body):
            # (a next line that ends its column, a blank line under it, is judged by the column
            # before: the lines after the blank are another column or a headline)
            full_back = after is not None and after.blanks_before and not nxt.blanks_before \
                and abs(prev.colw_back - nxt.width) < 3
            # (not across a blank line into a —— subtitle: 1不花一分钱，…下 | 一步有哪些打算 | | ——第61届…)
            if (full_back or not n_indented and (_gap_fwd(nxt) < 3 or _short_by_mark(nxt, after) or ends_sentence(n))) \
                    and not (nxt.blanks_before and DASH_OPEN.match(n)):
                if _box_ends_short(prev, nxt, block_lines):
                    return d("short-line-ends-box", False)
                # (not a headline's line alone, set close under the line before it, over a blank
                # line: 本市天气开启多雨模式 | 黑土地上，新农人锄禾记 | | 至此，今年…; not where
                # every line has a blank after it, as pdfminer's: 2184 cases, 4 up, 0 down, +18.8)
                if len(block_lines) == 1 and _telling_blank(prev, nxt) and headline_line(p) \
                        and not ends_sentence(p) and not _word_across(p, n) and not turn and not DATELINE.match(p) \
                        and n[0] not in NO_LINE_START:
                    return d("headline-line-over-blank", False)
                return d("short-line-inside-paragraph", True)
            # (after full lines, only where digits make the line's width uncertain or open the
            # next line: a paragraph may end without a stop, …的乡村振兴诗篇 | 这几年，见证者,
            # and a short line without digits ends it; headline lines still go on, but not into
            # a paragraph's first line set in from the full line under it: 体感方面较为清凉，可以说 |
            # “部长通道”集体采访活动 | 收官 | 目前，成都已形成“三区 | （四园）两中心”…)
            if len(block_lines) >= 2 and not p.endswith(CLOSERS) and not is_furniture(n) and not speaker_label(n) \
                    and BODY_PUNCT.search(n) and not numbered and not NUMBERED.match(block_lines[0].text) \
                    and (LATIN.search(p) or LEADING_LATIN.match(n)
                         or sum(is_full(ln) for ln in block_lines[:-1]) < 2) \
                    and not (n_indented and after is not None and after.width - nxt.width >= 3
                             and all(headline_line(ln.text) for ln in block_lines)):
                return d("clause-unfinished", True)   # 体预报为：27日，阴 | 天有小雨，: a clause goes on
            # (a headline's line wrapped onto a short end with no mark: one that opens like a
            # speaker's label, by a character or two, 气候变化：美国前国务卿基辛 | 格, for no turn stops
            # without a mark; one with a clause in it, by four at most, 黑土地上，新农人 | 锄禾记)
            if (turn and not BODY_PUNCT.search(body) and len(n) <= 2
                    or len(block_lines) == 1 and not turn and wrap_remainder(p, n)) \
                    and not ANY_MARK.search(n) and not ends_open(p) and not speaker_label(n) and not is_byline(n):
                return d("wrapped-end", True)
            return d("short-line", False)
        # (not into a line that leaves a quotation open: running text, 在…物流供应链“链; nor into a
        # paragraph's first line, judged also by the full line right under it: digits further down
        # make the column ahead look narrower, and the first line no shorter than it; the line under
        # it counts as full within a character and a half, for numbers with odd widths make the column
        # look a unit wider than its lines of plain text: 农民现场分红利 | 眼下已来到了十月 | 底，冷空气
        # 也已经“安, on 1386 simulated cases 3 change, all up)
        if len(block_lines) <= 2 and not BODY_PUNCT.search(n) and not NUMBERED.match(n) and len(body + n) <= 48 \
                and not (after is not None and _gap_fwd(after) <= 3
                         and (_firstlike(nxt) or 3 <= after.width - nxt.width <= 7 and not ends_sentence(n))) \
                and open_marks(body + n) <= 0 and not letterspaced(nxt):   # (set apart: a body line, 江 门 五 邑)
            return d("heading-wraps", True)
        if len(block_lines) == 1 and _word_across(p, n) and BODY_PUNCT.search(n) and not speaker_label(n) \
                and not nxt.blanks_before:
            return d("word-runs-across", True)
        return d("short-line", False)
    if nxt.blanks_before and prev.width <= nxt.width - 4 and not BODY_PUNCT.search(p):
        return d("blank-after-narrower-line", False)
    # (a comma in it too, after a sentence end: 黑土地上，新农人锄禾记; a clause ends open, ，)
    if _telling_blank(prev, nxt) and _gap_fwd(nxt) >= 6 \
            and (not BODY_PUNCT.search(n) or ends_sentence(p) and not ends_open(n) and not speaker_label(n)) \
            and not ends_sentence(n) \
            and (after is None or after.blanks_before or _gap_fwd(after) >= 6):
        return d("heading-after-blank", False)   # a short unpunctuated line set apart by blank lines
    # (so is a headline set into the columns with no blank line, as PyMuPDF and pdftotext emit it, or
    # over text: under a line that ends a sentence, a line three characters or more short of its
    # column (or of the line over it, full within a character, where a narrower column or more
    # headlines follow) that ends none and leaves no clause open, …全年目标任务顺利完成。| 城南公园开放
    # 夜间游览; on 1386 simulated cases 42 change, 39 up, 2 down)
    if ends_sentence(p) and (_gap_fwd(nxt) >= 6 or is_full(prev, 2) and prev.width - nxt.width >= 6) \
            and headline_line(n) and not ends_sentence(n) and open_marks(n) <= 0 and not speaker_label(n):
        return d("heading-after-sentence", False)
    # (so is a headline line within three characters of the column's width (a shorter one is the
    # rule above's), after a sentence end, where the line under it is
    # short and has no stop either: a paragraph goes on after a stop at a line's end, but its lines
    # hold clause marks, and no paragraph ends in a short line without one.  Not a lead-in ending in
    # a colon, a number and its unit, or a section tag under it: …健康成长。| 小区内的杂草：并通过辖区志
    # | 愿者的行为 | 行动中，志愿者们…; with or without blank lines between, on 1464 simulated cases
    # 16 change, 14 up, 2 down, +81.2)
    if ends_sentence(p) and not BODY_PUNCT.search(n) and not n.endswith(("：", ":")) \
            and open_marks(n) <= 0 and not speaker_label(n) and not is_byline(n) \
            and after is not None and _gap_fwd(after) >= 6 \
            and not BODY_PUNCT.search(after.text) and not ends_sentence(after.text) and not ends_open(after.text) \
            and open_marks(n + after.text) <= 0 and not speaker_label(after.text) \
            and not number_then_unit(n, after.text) \
            and not (is_section_tag(after.text) and not _word_across(n, after.text)):   # (a wrap's end: 国庆招 | 待会)
        return d("headline-wraps-after-sentence", False)
    # (so is a line as wide as the column, or all but a character, that ends no sentence after one
    # that ends, where a —— subtitle, a byline or a paragraph's indented first line comes under it,
    # or the dump ends: no paragraph's last line stops without a mark over those (…东北黑土地。|
    # 小安母亲过世早，孩子很容易走错路 | 得知此事，…); the indented line counts only under a line a
    # character or more short, with no digit or letter to blur the widths (…倪虹说，2023 | 年计划…);
    # and so is such a line set three units or more wider than its column, whatever is under it,
    # but not where digits set apart by stray spaces widen it: 中汽协数据显示，今年 1 至 10 月，新)
    # (both rules below: a line after a sentence end that ends none itself and leaves nothing open)
    unfinished_after_stop = ends_sentence(p) and not ends_open(n) and not ends_sentence(n) and not speaker_label(n) \
        and open_marks(n) <= 0
    if unfinished_after_stop \
            and (after is None or DASH_OPEN.match(after.text) or is_byline(after.text)
                 or not LATIN.search(n + after.text[:1])
                 and (firstlike(after) and max(nxt.colw_back, nxt.colw) - nxt.width >= 2
                      or nxt.width >= max(nxt.colw_back, nxt.colw) + 3)):
        return d("headline-after-sentence-end", False)
    # (and so is such a line with a comma in it, where the line right under it, no blank line between,
    # is three characters or more shorter and has no mark at all, nor a closing quote or bracket: a
    # headline wrapped onto its last words (…健康成长。| 工厂焕新，制造业有了新面 | 孔), for a paragraph's
    # last line ends with a mark.  Across blank lines (pdfminer) that is a paragraph the simulator
    # ended without one (…降雨。| | 昨天，…阴有阵雨，中 | | 南部和东部阴有中到大雨): left as it was)
    if unfinished_after_stop and after is not None and not after.blanks_before and after.width <= nxt.width - 6 \
            and not NUMBER_ONLY.match(after.text) and not ANY_MARK.search(after.text) \
            and not after.text.endswith(CLOSERS) and not number_then_unit(n, after.text):
        return d("headline-wraps-after-sentence", False)
    return d("full-line", True)


def _subtitle_under_title(block_lines: list[Line]) -> bool:
    r"""The block is a headline's line or two with a —— subtitle under them, closed (no sentence
    end, no quotation left open): text after a blank line is the article's, not the rest of the
    subtitle (解难题，新赛道具有 | ——抓斗大王，股份有限公司原副总裁 | | 不断成长的路。…).  A body
    line opening with a double dash leaves a quotation open (自诩“80后” | ——他是我国“核工业);
    one opening with a single dash is the rest of a chain of terms (—研发”确定性转化路径).
    The caller asks, too, that no line have a stop in it (``headline_line``).

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("解难题，新赛道具有\n——抓斗大王，股份有限公司原副总裁\n自诩“80后”\n——他是我国“核工业")
    >>> _subtitle_under_title(ls[:2]), _subtitle_under_title(ls[2:]), _subtitle_under_title(ls[1:2])
    (True, False, False)
    """
    last = block_lines[-1].text
    return 2 <= len(block_lines) <= 3 and last.startswith("——") and not ends_sentence(last) \
        and open_marks("".join(ln.text for ln in block_lines)) <= 0 and not DASH_OPEN.match(block_lines[0].text)


def _subtitle_ends(prev: Line, nxt: Line, block_lines: list[Line]) -> bool:
    """``prev`` is a headline's —— subtitle and ``nxt`` no rest of it: the
    subtitle is a headline's last line, and a line under it goes on only as
    the rest of a subtitle too long for its width, shorter than it, with no
    word across (two lines that fill their column are running text, …就如一个
    矢量，矢量 | 的模就是…).  So a subtitle that closes a quotation, a speaker's label,
    or a line as wide as the subtitle starts anew (displaced headlines, one
    per line: ——“历史的见证者、亲历者和创造者” | 抓创新就抓发展), and so does
    a name's label (——…群像素描 | 包起帆：).

    >>> from kanbao.model import Line
    >>> sub = Line(1, "", "——“历史的见证者、亲历者和创造者”", 36, colw=28)
    >>> _subtitle_ends(sub, Line(2, "", "抓创新就抓发展", 14, colw=28), [sub])
    True
    >>> wrap = Line(1, "", "——第61届联合国大会会议", 23, colw=28)
    >>> _subtitle_ends(wrap, Line(2, "", "在纽约开幕", 10, colw=28), [wrap])
    False
    >>> _subtitle_ends(wrap, Line(2, "", "首季中国经济一线调研报告", 24, colw=28), [wrap])
    True
    >>> text = Line(1, "", "——人在社会中的作为就如一个矢量，矢量", 38, colw=38)
    >>> _subtitle_ends(text, Line(2, "", "的模就是他的工作能力，矢量的方向就是人", 38, colw=38), [text])
    False
    """
    p, n = prev.text, nxt.text
    return bool(DASH_OPEN.match(p)) and len(block_lines) <= 3 and all(headline_line(ln.text) for ln in block_lines) \
        and not ends_open(p) and not _word_across(p, n) and n[0] not in NO_LINE_START \
        and not speaker_label(block_lines[0].text) \
        and (p.endswith(CLOSERS) or bool(speaker_label(n)) or nxt.width >= prev.width - 2 and not (is_full(prev) and is_full(nxt))
             or n.endswith(("：", ":")) and not BODY_PUNCT.search(n[:-1]))


def _headline_over_column(prev: Line, nxt: Line, block_lines: list[Line]) -> bool:
    """``prev`` ends a run of lines set wider than the column, none with a
    clause mark, and ``nxt`` is a line of the column: a headline over its text,
    whatever word its last characters make with the next line's first
    (…直面民生关切 | 开辟发展新赛道是: 切开).

    >>> from kanbao.model import Line
    >>> h = [Line(1, "", "中国常驻联合国代表团举行国庆招待会", 34, colw=20), Line(2, "", "密集的“部长声音”直面民生关切", 28, colw=20)]
    >>> _headline_over_column(h[1], Line(3, "", "开辟发展新赛道是", 16, colw=20), h)
    True
    """
    return all(ln.width >= max(ln.colw, ln.colw_back) + 6 and not BODY_PUNCT.search(ln.text) for ln in block_lines) \
        and nxt.width <= prev.width - 6 and nxt.width <= max(nxt.colw, nxt.colw_fwd) + 2


def _headline_after_paragraph_end(first: Line, nxt: Line, after: Line | None) -> str:
    """The rule that cuts ``first``, a block's first line right after a
    paragraph's short last line, off the line under it as a headline ('' if
    none).  Such a line with no stop is no paragraph's first line when it
    fills the column over an indented line (…降雨。| 黑色宝藏，守拙而艰辛的农人不再 |
    如今，…), nor a paragraph of one line when it is six or more characters
    short over a full line (…正式收官。| 密集的，绿色化 | 至此，…).  Digits and
    Latin letters make a width uncertain; a semicolon, a stop or an open
    quotation mark is running text.

    >>> from kanbao.model import Line
    >>> col = dict(colw=30, colw_back=30, colw_fwd=30)
    >>> full, short = Line(3, "", "至此今年共有九位部门负责人", 30, **col), Line(1, "", "密集的，绿色化", 14, **col)
    >>> _headline_after_paragraph_end(short, full, full)
    'short-line-after-paragraph-end'
    >>> _headline_after_paragraph_end(Line(1, "", "密集的，绿色化；", 16, **col), full, full)
    ''
    """
    p, n = first.text, nxt.text
    if ends_sentence(p) or ends_open(p) or _word_across(p, n) or LATIN.search(p) \
            or speaker_label(p) or DATELINE.match(p) or NUMBERED.match(p):
        return ""
    if _gap_fwd(first) < 3 and _firstlike(nxt) and _gap_fwd(nxt) >= 4 and not _short_by_digits(nxt) \
            and after is not None and _gap_fwd(after) < 3 and not after.blanks_before:
        return "full-line-after-paragraph-end"
    if _gap_fwd(first) >= 12 and _gap_fwd(nxt) < 3 and not (after is not None and is_byline(after.text)) \
            and not LEADING_LATIN.match(n) and open_marks(p) == 0 and not re.search("[；。！？]", p):
        return "short-line-after-paragraph-end"
    return ""


def _three_short_headline(first: Line, block_lines: list[Line], nxt: Line) -> bool:
    """A clause-bearing line with no end, three characters or more short of the column on
    both sides (6 units), over a line of body text (full, or a first line set in two) that it
    makes no word with: a headline (劳模，是他们共同的名字 | 樊明武今年80岁了，…), not a
    paragraph's indented first line.  An indent is two characters; a first line falls a third
    short only where a mark or a word could not be split across the line end (…是国家的长远大 |
    计。…, …消息，台风 | “摩羯”…, …老周 | 说：…), or where digits, Latin letters or letterspacing
    make its width uncertain.  A line as short under it is the headline's own second line.  On the
    1,680 tuning cases, of the first lines this short and joined to the next, 30 were headlines or
    other breaks and none a paragraph going on; 2184 cases: 12 up, 1 down, +59.2 (held-out 1 up, +2.4).

    >>> from kanbao.model import Line
    >>> col = dict(colw=30, colw_back=30, colw_fwd=28)
    >>> head, text = Line(1, "", "劳模，是他们共同的名字", 22, **col), Line(2, "", "樊明武今年八十岁了，自诩", 24, **col)
    >>> _three_short_headline(head, [head], text)
    True
    >>> _three_short_headline(Line(1, "", "孩子健康成长，是国家的长远大", 22, **col), [head], Line(2, "", "计。这几年", 10, **col))
    False
    >>> _three_short_headline(head, [head], Line(2, "", "推动电子信息，壮大汽车", 22, **col))   # a second headline line
    False
    """
    p, n = first.text, nxt.text
    return min(_gap_fwd(first), _gap(first, block_lines)) >= 6 and min(_gap_fwd(nxt), _gap(nxt)) <= 4 \
        and not any(ch.isascii() for ch in p) and not letterspaced(first) \
        and not n[:1].isascii() and n[:1] not in OPENERS and p[-1:] not in OPENERS and not pushed_with_mark(n) \
        and not ends_open(p) and not speaker_label(p) and not NUMBERED.match(p) and not _word_across(p, n)


def _word_across(p: str, n: str) -> bool:
    """A common word runs across the join (今|年, 供应|体系 …): the line goes on.

    >>> _word_across("航空货邮运抵欧洲。今", "年以来"), _word_across("创新变革", "党的二十大")
    (True, False)
    """
    return bool(word_across(p, n))


def _lines_apart_over_indent(cur: list[Line], ln: Line) -> bool:
    """One or two lines set apart by a blank line above them, ending no
    sentence or clause and leaving no quotation open, over a blank line and an
    indented first line ``ln``: a headline, never text running on into that
    first line (劳模，是他们共同的名字 | | 本期《锦观智库·经济观察+》栏).  Not
    lines that open with a digit (a pull quote's number glued on: 1月1日，成都
    开通了… | | 唯一直飞…), nor where digits explain ``ln``'s shortness or a
    word runs across.

    >>> mk = lambda t, w, blank: Line(1, "", t, w, colw=32, colw_back=32, colw_fwd=32, blanks_before=blank)
    >>> _lines_apart_over_indent([mk("劳模，是他们共同的名字", 22, 1)], mk("本期栏目聚焦市委全会精神围", 26, 1))
    True
    >>> _lines_apart_over_indent([mk("劳模，是他们共同的名字", 22, 0)], mk("本期栏目聚焦市委全会精神围", 26, 1))
    False
    """
    last = cur[-1].text
    return ln.blanks_before > 0 and firstlike(ln) and len(cur) <= 2 and cur[0].blanks_before > 0 \
        and not ends_sentence(last) and not ends_open(last) and not cur[0].text[:1].isdigit() \
        and not open_marks("".join(x.text for x in cur)) and not _short_by_digits(ln) and not _word_across(last, ln.text)


# joins that a printed line's wrap makes (the only joins among displaced headline lines; a
# heading-wraps join is one only where a word runs across it)
WRAPS = {"next-cannot-start-line", "number-then-unit", "word-runs-across", "number-pushed-to-next-line",
         "open-ending"}
TAIL_MIN = 3   # lines after the last sentence end before they are read as displaced headlines


def _narrow_end(above: Line, ln: Line) -> bool:
    r"""Among displaced headline lines, ``ln`` is the wrapped end of the line
    ``above``: no more than half as wide (之 | 三), but neither a kicker ending
    in a colon nor, under a —— subtitle, a line no word runs into.  On the
    mupdf simulated pages' gold, 154 of 177 such narrow lines are a wrap;
    the two exceptions take 9 of the other 23 and no wrap.

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("首季中国经济一线调研报告之\n三\n产业化，联合国秘书长潘基文夫妇\n樊明武院士：\n——记社区的改造之路和新面貌\n农民分红利")
    >>> _narrow_end(ls[0], ls[1]), _narrow_end(ls[2], ls[3]), _narrow_end(ls[4], ls[5])
    (True, False, False)
    """
    if 2 * ln.width > above.width or ln.text.endswith(("：", ":")):
        return False
    return not (DASH_OPEN.match(above.text) and not _word_across(above.text, ln.text))


def _displaced_tail(lines: list[Line]) -> int:
    r"""Where the lines after the dump's last sentence end start (``len(lines)``
    when there are fewer than ``TAIL_MIN``, or blank lines or lines moved
    by ``untangle`` among them, or they are not the dump's last lines, which
    ``untangle`` moved there: boxes emitted apart may be text; or a sentence
    ends inside one of them, as no headline's line does: 。；？！ before its
    last character).

    Extractors put headlines, subheads and pull quotes painted last after
    all the text; text ends its sentences, so three or more lines after the
    last sentence end (``TAIL_MIN``: a kicker, title and subtitle) are
    those, one printed line each unless the line
    wraps (之|三, a line under half as wide after it), is open (包起帆：| …), the
    next is a —— subtitle, or the join is printed in the text too (a pull
    quote's lines).

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("今年以来，全市经济运行平稳。\n依靠聪明才智\n创造奇迹\n合川农机合作社\n收水稻忙")
    >>> _displaced_tail(ls)
    1
    >>> ls, _ = split_lines("今年以来，全市经济运行平稳。\n依靠聪明才智\n创造奇迹\n合川农机合作社\n侨批中有何家国密码？")
    >>> _displaced_tail(ls)
    1
    >>> ls, _ = split_lines("今年以来，全市经济运行平稳。\n依靠聪明才智\n创造奇迹\n合川农机合作社\n收水稻忙了。")
    >>> moved = [ls[0], ls[4], ls[1], ls[2], ls[3]]   # lines 2-4 moved after line 5 by untangle
    >>> _displaced_tail(moved), _displaced_tail([ls[0], ls[1], ls[2], ls[3]])
    (5, 1)

    A question mark inside a line ends a sentence there too: a question
    set last is text, not headlines.

    >>> ls, _ = split_lines("今年以来，全市经济运行平稳。\n中新社记者：为何早期赴北美\n谋生的华侨大多来自五邑？保存至\n今的侨批记载了他们怎样的生存史\n和创业史？")
    >>> _displaced_tail(ls)
    5
    """
    # after the last sentence end, or a continued-on line (下转第2版) closing a cut paragraph
    ends = [i for i, ln in enumerate(lines) if ends_sentence(ln.text) or FURNITURE_LINE.search(ln.text)
            or i and _credit_ends(lines[i - 1].text, ln.text)]
    last = ends[-1] if ends else -1
    if len(ends) > 1 and last == len(lines) - 1 and _question_headline(lines[last].text) \
            and not spans_word(lines[last - 1].text, lines[last].text) \
            and len(lines) - 1 - ends[-2] > TAIL_MIN \
            and _ragged(lines[ends[-2] + 1:last]):
        last = ends[-2]   # the last of the displaced lines is a headline that asks (…有何家国密码？)
    rest = lines[last + 1:]
    if len(rest) < TAIL_MIN or any(b.blanks_before or b.no != a.no + 1 for a, b in zip(rest, rest[1:])) \
            or rest[-1].no != max(ln.no for ln in lines) or _column_text(rest[:-1], lines[:last + 1]) \
            or any(re.search("[。；？！]", ln.text[:-1]) for ln in rest):
        return len(lines)
    return last + 1


def _column_text(lines: list[Line], body: list[Line]) -> bool:
    r"""Lines that fill a column of the text above, as a paragraph's lines do:
    three or more, two thirds of them, of one width (to a unit) that five or
    more lines of the text have too.  A paragraph that ends without a stop
    leaves its lines after the dump's last sentence end; headlines painted
    last are set in their own widths.

    >>> from kanbao.lines import split_lines
    >>> body, _ = split_lines("\n".join(["今年以来全市经济运行平稳，"] * 5))
    >>> tail, _ = split_lines("本报记者：请谈谈首季中国经\n济一线调研报告之三方面的情\n况和那个新的方面与前景展望\n结束")
    >>> _column_text(tail[:-1], body)
    True
    >>> tail, _ = split_lines("依靠聪明才智\n创造奇迹和那个\n合川农机专业合作社")
    >>> _column_text(tail[:-1], body)
    False
    """
    if len(lines) < 3:
        return False
    common = Counter(ln.width for ln in body)
    width = Counter(ln.width for ln in lines).most_common(1)[0][0]
    fill = [ln for ln in lines if abs(ln.width - width) <= 1]
    return len(fill) >= 3 and 3 * len(fill) >= 2 * len(lines) \
        and sum(common[w] for w in (width - 1, width, width + 1)) >= 5


def _ragged(lines: list[Line]) -> bool:
    r"""Lines of headlines, not of a paragraph: short, no sentence end inside,
    and a third of them well short of the widest (a paragraph's lines
    fill its column).

    >>> from kanbao.lines import split_lines
    >>> _ragged(split_lines("依靠聪明才智\n创造奇迹\n合川农机专业合作社")[0])
    True
    >>> _ragged(split_lines("今年以来全市经济运行平稳\n产业结构持续优化升级，\n新动能加快成长壮大起来")[0])
    False
    """
    widest = max((ln.width for ln in lines), default=0)
    return all(len(ln.text) <= 30 and not re.search("[。；]", ln.text) for ln in lines) \
        and 3 * sum(ln.width <= widest - 3 for ln in lines) >= len(lines)


def _question_headline(t: str) -> bool:
    """A headline line that asks or exclaims: short, its only sentence end the last character.

    >>> _question_headline("江门五邑侨批中有何家国密码？"), _question_headline("他说：“是吗？我不信。”")
    (True, False)
    """
    return 4 <= len(t) <= 24 and headline_line(t) and t[-1] in "？！?!" and not re.search("[，,、“”]", t)


def _repeat_ends(block_lines: list[Line], nxt: Line, page_text: str) -> bool:
    r"""A numbered pull quote repeats a sentence of the text: it ends where the
    repeat ends (its lines so far are printed twice on the page, and with the
    next line's start they are not).

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("目前，班列已连通境外117个城市。\n1\n目前，班列已连\n通境外117个城市\n航空枢纽和国际铁")
    >>> page = "".join(ln.text for ln in ls)
    >>> _repeat_ends(ls[2:4], ls[4], page), _repeat_ends(ls[2:3], ls[3], page)
    (True, False)
    >>> ls, _ = split_lines("目前，班列已连通境外117个城市。\n1目前，班列已连\n通境外117个城市\n航空枢纽和国际铁")
    >>> _repeat_ends(ls[1:3], ls[3], "".join(ln.text for ln in ls))
    True
    """
    text = NUMBERED.sub("", "".join(ln.text for ln in block_lines))   # its number may be glued on (1目前，…)
    return len(text) >= 8 and page_text.count(text) >= 2 and page_text.count(text + nxt.text[:2]) < 2


def _repeats_text_before(block_lines: list[Line], page_text: str, start: int) -> bool:
    """The block's words, at least a dozen characters, stand earlier in the dump word for word.

    >>> from kanbao.model import Line
    >>> ls = [Line(3, "", "从误入歧途到健康成", 18), Line(4, "", "长，小安的改变是对", 18)]
    >>> page = "指导。从误入歧途到健康成长，小安的改变是对我们。" + "从误入歧途到健康成长，小安的改变是对"
    >>> _repeats_text_before(ls, page, 24), _repeats_text_before(ls, page, 0)
    (True, False)
    """
    text = NUMBERED.sub("", "".join(ln.text for ln in block_lines))
    return len(text) >= 12 and -1 < page_text.find(text) < start


REPEAT_REACH = 600   # characters before a line that a pull quote set right after its sentence may repeat
REPEAT_WINDOW = 6000  # characters either way in which lines set as a pull quote are sought again (a page)


def _repeat_starts(lines: list[Line], i: int, page_text: str, lo: int, hi: int) -> bool:
    """Lines from ``i`` on say again, word for word, what the block before
    them (``page_text[lo:hi]``) said, a dozen characters at least over up to
    four lines, and the repeat ends at a line's end with no stop there, over
    a line short of its column that ends no sentence (a paragraph's first
    line, a headline): a pull quote set right after the sentence it repeats.
    (A sentence that happens to repeat words of the one before goes on past
    them, or ends in a stop.)  Only the block's last ``REPEAT_REACH``
    characters are searched, so a long block costs no more than a short one.

    >>> from kanbao.model import Line
    >>> ls = [Line(1, "", "对我们付出的最大肯定。”", 22), Line(2, "", "从误入歧途到健康成长，", 22),
    ...       Line(3, "", "小安的改变是对我们付出", 22), Line(4, "", "的最大肯定", 10), Line(5, "", "孩子健康成长，是国家", 20, colw_fwd=24)]
    >>> page = "家庭教育指导。从误入歧途到健康成长，小安的改变是对我们付出的最大肯定。”" + "从误入歧途到健康成长，小安的改变是对我们付出的最大肯定孩子健康成长，是国家"
    >>> _repeat_starts(ls, 1, page, 0, 36), _repeat_starts(ls, 1, page, 20, 36)
    (True, False)
    """
    lo = max(lo, hi - REPEAT_REACH)
    text = ""
    for k, ln in enumerate(lines[i:i + 4], i):
        text += ln.text
        if page_text.find(text, lo, hi) < 0:
            return False
        if len(text) >= 12 and len(set(text)) >= 8 and not ends_sentence(ln.text) \
                and (k + 1 >= len(lines) or page_text.find(text + lines[k + 1].text[:2], lo, hi) < 0
                     and (gap_fwd(lines[k + 1]) >= 3 and not ends_sentence(lines[k + 1].text) or lines[k + 1].blanks_before)):
            return True
    return False


def _running(ln: Line) -> bool:
    """A line of running text: a clause mark in it, or it fills its column.

    >>> from kanbao.model import Line
    >>> _running(Line(1, "", "响中国的人口数量，更", 20, colw_back=20)), _running(Line(2, "", "大“矢量的模”", 14, colw_back=28))
    (True, False)
    """
    return bool(BODY_PUNCT.search(ln.text)) or gap(ln) < 3


def _inside_sentence(lines: list[Line], i: int, page_words: list[PageWords]) -> bool:
    r"""Line ``i`` is set inside a sentence that runs on past it: a blank line
    above it, the line before it fills its column and leaves its sentence
    open, the line after it goes on from that line (a word, a number and
    its unit, or a string the page prints elsewhere runs across: ``strength``
    3 or more) and is no first line, while nothing runs across into it or
    out of it, and it has no clause mark and only quotation marks that pair
    up in it.  A headline set beside the column, which the extractor read at
    its height.

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("现在中国存在劳动人口下\n降和老龄化的问题。放宽\n独生子女政策将给中国社\n\n"
    ...                     "未成年人检察实践写入法律\n会和整体经济带来巨大的\n变化。")
    >>> [_inside_sentence(ls, i, []) for i in range(2, 5)]
    [False, True, False]
    """
    if i < 1 or i + 1 >= len(lines):
        return False
    a, h, b = lines[i - 1], lines[i], lines[i + 1]
    if not h.blanks_before or not a.text or not h.text or not b.text or ends_sentence(a.text) \
            or ends_sentence(h.text) or not is_full(a) or firstlike(b) or ANY_MARK.search(h.text) \
            or not _paired_quotes(h.text):
        return False
    if not page_words:
        page_words.append(PageWords([ln.text for ln in lines]))
    pw = page_words[0]
    return strength(a, b, pw) >= INSIDE_STRENGTH and strength(a, h, pw) == 0 and strength(h, b, pw) == 0


def _paired_quotes(t: str) -> bool:
    """Every quotation mark in ``t`` is closed after it opens (“部长通道”集体采访, not 配送”“医疗).

    >>> _paired_quotes("“部长通道”集体采访活动收官"), _paired_quotes("配送”“医疗供应链”“多")
    (True, False)
    """
    depth = 0
    for c in t:
        depth += (c in "“《") - (c in "”》")
        if depth < 0:
            return False
    return depth == 0


def _set_apart(lines: list[Line], i: int) -> bool:
    r"""Lines ``i``… are a headline set apart inside running text: one to
    three lines, each without a clause mark (nor a speaker's label, unless
    the line is wider than the column: 黑龙江鸡西：金秋水稻收割忙), between blank lines, and the
    line before them runs on without a stop, and no word runs across into
    them.  (``reflow`` asks only where blank lines are few.)

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("首创启动了“一带一路”\n\n林丹四度封王 辽宁男篮登顶\n更多权威信息透露未来规划\n\n成都国际供应链服务站建")
    >>> _set_apart(ls, 1), _set_apart(ls, 2)
    (True, False)
    """
    ln, prev = lines[i], lines[i - 1] if i else None
    if prev is None or not ln.blanks_before or prev.blanks_before or ends_sentence(prev.text) \
            or _word_across(prev.text, ln.text):   # (预 | 计12日起…: the sentence goes on into it)
        return False
    end = i + 1
    while end < len(lines) and not lines[end].blanks_before and end - i <= 3:
        end += 1      # (no further than a fourth line: the run is then too long anyway)
    run = lines[i:end]
    return len(run) <= 3 and end < len(lines) \
        and all(len(r.text) <= 24 and not BODY_PUNCT.search(r.text) and not ends_sentence(r.text)
                and not NUMBER_ONLY.match(r.text) and not is_byline(r.text)
                and not (speaker_label(r.text) and r.width <= max(r.colw, prev.colw) + 2)
                for r in run)


def _set_apart_before(lines: list[Line], i: int, k: int) -> bool:
    """The ``k`` lines before line ``i``, which opens after a blank line, are
    a headline set apart (``_set_apart``) that a line before them broke off
    already: not a numbered pull quote's piece or a bracketed label's line,
    no word runs across into line ``i``, and the line before them is
    running text (计划生育…，更 | | 现小区楼道没有堆积物 | | 是影响…)."""
    run0, last = lines[i - k], lines[i - 1]
    return lines[i].blanks_before and _set_apart(lines, i - k) and not NUMBERED.match(run0.text) \
        and not BRACKET_LABEL.match(run0.text) and not _word_across(last.text, lines[i].text) \
        and _running(lines[i - k - 1])


def join_text(a: str, b: str) -> str:
    """Join two line texts: no space between CJK, one between two Latin words.

    >>> join_text("推动科技成果", "转化"), join_text("Deep", "Seek"), join_text("提高1", "倍")
    ('推动科技成果转化', 'Deep Seek', '提高1倍')
    """
    if a and b and a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return a + " " + b
    return a + b


def _headline_box(lines: list[Line], i: int) -> bool:
    """The lines from ``i`` to the next blank line (a text box) are a headline closed
    by its —— subtitle: two to four lines with no clause mark (，。；！？) in any, the last
    opening with a dash and leaving no clause or quotation open.  No text runs into it.

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("开发计划署署\\n\\n台风“摩羯”登陆\\n驻华记者关注\\n——全国两会引外媒热议\\n\\n据新华社电")
    >>> _headline_box(ls, 1), _headline_box(ls, 4)
    (True, False)
    """
    j = i + 1
    while j < len(lines) and j - i <= 4 and not lines[j].blanks_before:
        j += 1       # (a box of five lines or more is no such headline: no need to read on)
    if j < len(lines) and not lines[j].blanks_before:
        return False
    box = [ln.text for ln in lines[i:j]]
    last = box[-1]
    return 2 <= len(box) <= 4 and not BODY_PUNCT.search("".join(box)) and bool(DASH_OPEN.match(last)) \
        and not DASH_OPEN.match(box[0]) and not ends_open(last) and open_marks(last) <= 0


def _repeat_run(lines: list[Line], i: int, page_text: str, offsets: list[int]) -> int | None:
    """Lines ``i``…``k`` (two to four) say, word for word, what the page
    prints elsewhere, and the repeat starts and ends with them: neither the
    line before's last character nor the next line's first goes with it.
    The other print breaks its lines elsewhere (the page's own sentence, set
    in its column), so these lines are the pull quote.  Returns ``k``.

    >>> from kanbao.model import Line
    >>> ls = [Line(1, "", "台风登陆前，记者看到，截至9月6日12时，全省转移危险区域群众574511人。", 70),
    ...       Line(2, "", "台风登陆前，记者", 16), Line(3, "", "截至9月6日12时，全", 18),
    ...       Line(4, "", "省转移危险区域群众", 18), Line(5, "", "574511人", 10), Line(6, "", "来源：人民网", 12)]
    >>> page = "".join(ln.text for ln in ls)
    >>> offs = [sum(len(x.text) for x in ls[:j]) for j in range(len(ls))]
    >>> _repeat_run(ls, 2, page, offs), _repeat_run(ls, 1, page, offs)
    (4, None)
    """
    def line_start(o: int) -> bool:
        x = bisect.bisect_left(offsets, o)
        return x < len(offsets) and offsets[x] == o

    lo = offsets[i]
    a, b = max(0, lo - REPEAT_WINDOW), lo + REPEAT_WINDOW    # (a page either way: linear in a seed of many pages)
    before = lines[i - 1].text[-1:] if i else ""
    text = ""
    for k in range(i, min(i + 4, len(lines))):
        text += lines[k].text
        if k > i and ends_sentence(lines[k - 1].text):
            return None     # (a quote's lines end no sentence before its last)
        if k == i or len(text) < 12 or len(set(text)) < 8 or ends_sentence(lines[k].text) \
                or speaker_label(lines[k].text) or is_byline(lines[k].text):
            continue
        others = [o for o in _finds(page_text, text, a, b) if o != lo]
        if not others:
            return None     # (nor will more lines be found again)
        after = lines[k + 1] if k + 1 < len(lines) else None
        if after is not None and DASH_OPEN.match(after.text):
            return None     # (a headline over its —— subtitle may repeat a sentence of the text)
        if (after is None or page_text.count(text + after.text[:1], a, b) < 2) and page_text.count(before + text, a, b) < 2 \
                and any(not line_start(o) or not line_start(o + len(text)) for o in others):
            if i and after is not None and not ends_sentence(lines[i - 1].text) and is_full(lines[i - 1]) and goes_on(lines[i - 1], after):
                return None     # the sentence goes on under the quote: structure takes the quote out
            return k
    return None


def _finds(hay: str, needle: str, a: int, b: int) -> list[int]:
    """Where ``needle`` starts in ``hay[a:b]``, as offsets in ``hay``: ``_finds("甲乙甲乙", "甲乙", 1, 4) == [2]``."""
    out, at = [], hay.find(needle, a, b)
    while at >= 0:
        out.append(at)
        at = hay.find(needle, at + 1, b)
    return out


def reflow(lines: list[Line]) -> list[Block]:
    """Group lines into blocks, recording the rule for every gap."""
    blocks: list[Block] = []
    cur: list[Line] = []
    decisions: list[Decision] = []

    def close(end: Decision | None) -> None:
        if not cur:
            return
        text = ""
        for ln in cur:
            text = join_text(text, ln.text)
        blocks.append(Block(id=f"b{len(blocks) + 1}", lines=list(cur), text=text,
                            decisions=decisions + ([end] if end else []),
                            displaced=id(cur[0]) in tail_lines,
                            repeat=pq_start >= 0 and cur[0] is lines[pq_start] and cur[-1] is lines[pq_end]))

    numbered = False
    opened_by = ""    # the rule that broke before the block being built
    # (blank lines say something only where they are few: pdfminer puts one between most pieces)
    few_blanks = 4 * sum(1 for ln in lines if ln.blanks_before) <= len(lines)
    tail = _displaced_tail(lines)
    tail_lines = {id(ln) for ln in lines[tail:]}
    page_text = "".join(ln.text for ln in lines)
    body_text = "".join(ln.text for ln in lines[:tail])   # the text before displaced headlines
    offsets, at = [], 0
    for ln in lines:
        offsets.append(at)
        at += len(ln.text)
    start = 0          # where the block being built starts in page_text
    pq_start = pq_end = -2    # the first and last line of a pull quote found by _repeat_run
    inside_at = -2     # a line set inside a sentence that runs on past it (_inside_sentence)
    page_words: list[PageWords] = []     # built once, where first asked
    for i, ln in enumerate(lines):
        if not cur:
            cur, decisions, start = [ln], [], offsets[i]
            continue
        dec = decide(cur[-1], ln, cur, lines[i + 1] if i + 1 < len(lines) else None, numbered)
        # (a numbered block ends where its repeat of the text ends, whichever rule joined the next
        # line, across a blank line too)
        if dec.joined and _repeats_block_start(cur, lines[i:i + 2 * len(cur) + 4]):
            # 在过去千百年的时光里，| 黑土地上生活着一群农人 | 在过去千百年的时光 | 里，…: a pull quote over its text
            dec = replace(dec, rule="text-repeats-block", joined=False)
        elif dec.joined and (numbered or NUMBERED.match(cur[0].text)) and _repeat_ends(cur, ln, page_text):
            dec = replace(dec, rule="pull-quote-repeat-ends", joined=False)
        elif dec.joined and len(cur) <= 3 and (firstlike(ln) or 3 <= gap(ln) <= 7) and not ends_sentence(cur[-1].text) \
                and opened_by != "text-repeats-block" and _repeat_ends(cur, ln, page_text):
            # an unnumbered pull quote set in the column: its lines repeat the text word for
            # word, the repeat ends there, and an indented first line follows
            dec = replace(dec, rule="pull-quote-repeat-ends", joined=False)
        elif dec.joined and 2 <= len(cur) <= 4 and not ends_sentence(cur[-1].text) and opened_by != "text-repeats-block" \
                and _repeats_text_before(cur, page_text, start) and _repeat_ends(cur, ln, page_text):
            # 从误入歧途到健康成 | 长，小安的改变是对 | 我们付出的最大肯定 | 不花一分钱，运进仓: lines that
            # say again, word for word, what the text above said are a pull quote set after it
            dec = replace(dec, rule="pull-quote-repeat-ends", joined=False)
        if i == pq_end + 1:
            if dec.joined:
                dec = replace(dec, rule="repeat-run-ends", joined=False)
        elif i > pq_end and (not dec.joined or not numbered) \
                and (k := _repeat_run(lines, i, page_text, offsets)) is not None:
            # …记者 | 在徐闻县街道上看到， | 截至9月6日12时，全 | 省…危险 | 区域群众574511人 | 来源：…: lines
            # printed again elsewhere, the repeat starting and ending with them: a pull quote in the column
            if dec.joined:
                dec = replace(dec, rule="pull-quote-repeat-run", joined=False)
            pq_start, pq_end = i, k
        if i == inside_at + 1 and dec.joined:
            dec = replace(dec, rule="inside-sentence-ends", joined=False)
        elif i > inside_at + 1 and few_blanks and _inside_sentence(lines, i, page_words):
            # …旅游收入再创新 | | 古城保护条例今起施行 | 高。…: the sentence runs on past it (only where
            # blank lines are few: asked on pdfminer's dumps too, 8 up, 45 down over 2184 cases)
            inside_at = i
            if dec.joined:
                dec = replace(dec, rule="line-inside-sentence", joined=False)
        if dec.joined and ends_sentence(cur[-1].text) and _repeat_starts(lines, i, page_text, start, offsets[i]):
            # …从误入歧途到健康成长，小安的改变是对我们付出的最大肯定。” | 从误入歧途到健康成长， |
            # 小安的改变是对我们付出 | …: the sentence just ended, said again, is a pull quote
            dec = replace(dec, rule="pull-quote-repeat-starts", joined=False)
        if dec.joined and few_blanks and (_set_apart(lines, i) or not numbered and _set_apart_before(lines, i, len(cur))):
            # …“一带一路” | 林丹四度封王 | 更多… | 成都国际…: into the run, or out of it when a line before broke already
            dec = replace(dec, rule="headline-set-apart", joined=False)
        if dec.joined and ln.blanks_before and _headline_box(lines, i):
            # …开发计划署署 | | 台风“摩羯”登陆 | … | ——全国两会引外媒热议: text runs into no headline
            dec = replace(dec, rule="headline-box-next", joined=False)
        if dec.joined and dec.rule == "full-line" and few_blanks and _lines_apart_over_indent(cur, ln):
            # (where blank lines are few: pdfminer sets one after most lines)
            dec = replace(dec, rule="lines-apart-then-indent", joined=False)
        if dec.joined and len(cur) == 1 and opened_by == "sentence-end-short-line" \
                and (rule := _headline_after_paragraph_end(cur[0], ln, lines[i + 1] if i + 1 < len(lines) else None)):
            dec = replace(dec, rule=rule, joined=False)
        if i >= tail and dec.joined and not (dec.rule in WRAPS or dec.rule == "heading-wraps"
                                             and _word_across(cur[-1].text, ln.text)) \
                and not _narrow_end(cur[-1], ln) \
                and not DASH_OPEN.match(ln.text) and (cur[-1].text[-4:] + ln.text[:4]) not in body_text:
            dec = replace(dec, rule="displaced-lines", joined=False)
        if pq_start < i <= pq_end and not dec.joined:
            dec = replace(dec, rule="repeat-run-goes-on", joined=True)    # (the repeat runs across: one quote)
        if dec.joined:
            cur.append(ln)
            decisions.append(dec)
        else:
            close(dec)
            opened_by = dec.rule
            numbered = bool(NUMBER_ONLY.match(cur[-1].text))
            cur, decisions, start = [ln], [], offsets[i]
    close(None)
    return blocks
