"""Blocks (extractor order) → a ``Page`` of ``Article``s in reading order.

Four passes, each recording what it decided on the blocks (``notes``) or
the articles (``moves``), so ``explain`` can show it:

1. ``classify``: first lines the line joiner glued to the wrong neighbour
   come apart (``split_glued_lines``: continued-on lines, bylines and
   speaker turns under headline lines, headline lines after a paragraph's
   last sentence); then every block gets a kind by layout evidence — page
   furniture (header lines at the top, the page number and section name set
   apart), lone pull-quote numbers and the pull quotes after them, bylines,
   speaker-labelled turns (reporters' labels and the label whose turns end
   in ？ ask, the others answer; long title-and-name labels count), headings
   (short, no sentence inside, or one line wider than the column), heading
   lines merged into one heading, headings that repeat a body sentence word
   for word turned into pull quotes.
2. ``group``: a heading with a byline next to it, at the top of the page, or
   after an article's closing byline opens an article; other headings open
   sections.  A title followed by answers belongs to the interview around it.
3. ``restore_order``: displaced questions go before the answer that shares
   their vocabulary (or of the speaker they name), a heading displaced with
   a question heads that question's section, paragraphs that share far more
   with another article move there, pull quotes join the article that
   contains their words, opening paragraphs set in another width are the lead.
4. ``shape_headline``: each article's headline is cut by its printed lines
   into kicker (引题), title (主题) and subtitle (副题).

The thresholds that trade one error for another are in ``TUNING``.
"""
from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass

from .cohesion import Vectorizer
from .model import Article, Block, Decision, Line, Page, Section
from .features import (ASKER, BODY_PUNCT, CREDIT_NEWS, CREDIT_NOTE, DASH_OPEN, DATELINE, MASTHEAD_LINE, NAME_LABEL, NO_LINE_START, NUMBERED,
                       asks_on, column_width, ends_open, ends_question, ends_sentence,
                       firstlike, gap_fwd, generic_section, goes_on, headline_line, is_byline, is_full, is_section_tag, label_head,
                       name_cut, names_someone, long_speaker_label, number_then_unit, open_marks, pushed_with_mark, quoted_label,
                       speaker_label, wrap_remainder)
from .reflow import WRAPS
from .words import word_across

SECTION_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}\s?[·•・]\s?[\u4e00-\u9fff]{2,4}$")   # 文化·访谈, 综合 · 天气
FURNITURE = re.compile(r"责任编辑|美术编辑|版式|校对|星期[一二三四五六日天]|^第?\s*\d{1,3}\s*版|^\d{4}年\d{1,2}月\d{1,2}日$")
PQ_MAX = 80   # a pull quote is a sentence or two
NEAR_LINES = 5000   # lines either way in which a block's words are sought again (a page has < 1,000)
NEAR_ARTICLES = 50   # articles either way a paragraph or pull quote may be given to (a page has < 30)
KICKER_MAX = 20   # characters of a kicker (引题) printed apart above its headline


@dataclass
class Tuning:
    """The thresholds of the structure pass that trade one error for another,
    in one place so that they can be measured (``bench/lopo_structure.py``
    picks them on seven dev pages and scores the eighth)."""

    title_evidence: int = 2          # pieces of evidence a mid-page heading needs to open an article
    topic_shift: float = 0.15        # text after a heading sharing less than this with the article before: new topic
    reassign_ratio: float = 1.5      # a run of paragraphs moves when it shares this many times more with another article
    pq_min_chars: int = 10           # a heading repeated word for word in the body is a pull quote from this length


TUNING = Tuning()
BYLINE_MARK = re.compile(r"^[□■◎●][\u4e00-\u9fff\s·、]{1,24}$"   # □综合, □本报记者 张三
                         r"|^[\u4e00-\u9fff·]{1,10}(?:社|报|台|网)记者\s*[\u4e00-\u9fff]{2,4}(?:[、，\s]+[\u4e00-\u9fff]{2,4}){0,3}$"  # 新华社记者张辛欣、周圆
                         r"|^[\u4e00-\u9fff、·]{2,30}(?:员|长|者|任|家|师|表|授)\s+[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,2}$")  # …抄表员 初建美
MARKED_CREDIT = re.compile(r"^[□■◎●][\u4e00-\u9fff·、]{2,12}$")   # □综合, ■本报记者张三
JUMP = re.compile(r"^[（(]?(?:下转|上接|转|接)第?\s*[0-9一二三四五六七八九十]{1,3}\s*版[)）]?$")   # 下转第2版
PAGE_NO = re.compile(r"^\d{1,3}$")



MAX_QA_PAIRS = 10_000   # questions × answers compared on one page (a real interview page has < 1,000)

BRACKETED = re.compile(r"[（(][^（）()]*[)）]")   # a note in brackets: （记者雷风雨）, a credit that closes a text


def _note(b: Block, s: str) -> None:
    b.notes.append(s)


def is_heading_text(b: Block) -> bool:
    """Short, no sentence inside, at most three lines; or one line wider than its column.

    A lone line with a comma that fills its column and stops mid-sentence is
    running text, not a headline:

    >>> from kanbao.model import Line
    >>> is_heading_text(Block("b1", [Line(1, "", "黑土地上，新农人锄禾记", 22, colw=26)], "黑土地上，新农人锄禾记"))
    True
    >>> is_heading_text(Block("b2", [Line(1, "", "某海域看到，海面上波涛汹", 24, colw=26)], "某海域看到，海面上波涛汹"))
    False

    Two lines with no stop (up to 40 characters), the last three characters
    or more short of its column, are a headline (no paragraph ends so), but not
    where the last line fills its column (the paragraph goes on elsewhere):

    >>> two = lambda w2: Block("b4", [Line(1, "", "国际形势发生深刻变化，俄罗斯", 28, colw=30),
    ...                               Line(2, "", "全面参与联合国各领域工作", w2, colw=30)],
    ...                        "国际形势发生深刻变化，俄罗斯全面参与联合国各领域工作")
    >>> is_heading_text(two(24)), is_heading_text(two(30))
    (True, False)

    A dateline opens text (本报讯今年以来…), but not among the lines displaced
    after the dump's last sentence end, where a line that starts so is a
    headline:

    >>> dl = lambda displaced: Block("b5", [Line(1, "", "本报讯新观察", 12, colw=26)], "本报讯新观察", displaced=displaced)
    >>> is_heading_text(dl(False)), is_heading_text(dl(True))
    (False, True)

    but a line that opens with —— is a subtitle, however wide:

    >>> is_heading_text(Block("b3", [Line(1, "", "——但是民众始终还是觉得不够，赡养家眷", 38, colw=38)], "——但是民众始终还是觉得不够，赡养家眷"))
    True
    """
    t = b.text
    # (four lines only as three headline lines with no comma over a —— subtitle: a kicker and a title of two)
    # (not a paragraph's lines, ``_paragraph_lines``: 他更用自己的一生践 | 行着… | 强院士的“红专矢量论” | ——人在…)
    four = len(b.lines) == 4 and _over_dash_subtitle(b, 3) and not any(re.search("[，、]", x) for x in b.line_texts()[:-1]) \
        and not _paragraph_lines(b.lines[:3])
    if len(b.lines) > 3 and not four or t.endswith(("，", "、", "；", "：", "——", "…")):
        return False
    if len(t) > 48 and not ((four or _over_dash_subtitle(b)) and not open_marks(t) and not DATELINE.match(t)):
        return False   # (a title of two lines over its —— subtitle may run longer)
    if re.fullmatch(r"[（(][^（）()]*[)）]", t):
        return False   # a note in brackets (（本报记者某某整理）) closes the text before it
    if DATELINE.match(t) and not b.displaced and not _dateline_alone(b):
        return False   # a dateline opens text, never a headline (本报天津9月8日电（记者王东）第十三届…)
    if len(b.lines) == 2 and "，" in t and firstlike(b.lines[0]) and is_full(b.lines[1]) and not ends_sentence(t) \
            and not b.displaced and not DASH_OPEN.match(b.lines[1].text):
        return False   # a paragraph's indented first line, a full line with a comma: text (计划生育不仅仅影 | 响中国的人口数量，更)
    if open_marks(t) or open_marks(t, "《》"):
        return False   # a quotation left open: a piece of running text, not a headline
    if not BODY_PUNCT.search(t[:-1]) and not t.endswith(("。", "！")):
        return True
    ln = b.lines[0] if b.lines else None
    if len(t) <= 24 and len(b.lines) <= 2 and not re.search("[。！？；]", t) and not ends_sentence(t) \
            and not (len(b.lines) == 1 and ln.colw >= 16 and ln.colw - 2 <= ln.width <= ln.colw and "，" in t
                     and not b.displaced and not DASH_OPEN.match(t)):   # (after the text's last sentence: no running text)
        return True   # a short headline with a comma in it (not a line of running text that fills its column)
    if len(b.lines) == 2 and len(t) <= 40 and not re.search("[。！？；]", t) and not ends_sentence(t) \
            and not ends_open(t) and b.lines[1].colw - b.lines[1].width >= 6:
        return True   # two lines, the last three characters short of its column with no stop: no paragraph ends so
    if four or _over_dash_subtitle(b):
        return True   # a short title with a comma in it over its —— subtitle
    ln = b.lines[0]
    return len(b.lines) == 1 and ln.width > ln.colw + 6 and len(t) <= 40 and not re.search("[。；]", t)


def _dateline_alone(b: Block) -> bool:
    """A line that starts like a dateline but stands alone: short of its column by three
    characters or more, no clause mark or bracket in it, and the line under it the indented
    first line of a paragraph.  A dateline runs on into its text; this is a headline
    (本报讯新观察 | 　各界来宾…).

    >>> from kanbao.model import Decision, Line
    >>> alone = lambda rule: Block("b1", [Line(1, "", "本报讯新观察", 12, colw=26)], "本报讯新观察",
    ...                            decisions=[Decision(rule, False, 1)])
    >>> _dateline_alone(alone("heading-then-indent")), _dateline_alone(alone("short-line"))
    (True, False)
    >>> _dateline_alone(Block("b2", [Line(1, "", "新华网联合国9月12日电", 21, colw=30)], "新华网联合国9月12日电",
    ...                       decisions=[Decision("heading-then-indent", False, 1)]))
    False
    >>> _dateline_alone(Block("b3", [Line(1, "", "本报讯记者吴心怡", 16, colw=26)], "本报讯记者吴心怡",
    ...                       decisions=[Decision("heading-then-indent", False, 1)]))
    False
    """
    ln = b.lines[0] if len(b.lines) == 1 else None
    # (a dateline's own end, …9月12日电, or a credit, 本报讯记者吴心怡, runs on into the text under it)
    return ln is not None and ln.colw - ln.width >= 6 and not re.search(r"[，。；！？（）()]", b.text) \
        and not b.text.endswith("电") and not re.match(CREDIT_NEWS, b.text) \
        and bool(b.decisions) and b.decisions[-1].rule == "heading-then-indent"


def _over_dash_subtitle(b: Block, most: int = 2) -> bool:
    """One or two (up to ``most``) headline lines (a comma may stand inside) over a line that opens with ——,
    the block's last: a title over its subtitle (工厂焕新，制造业有了新面孔 | ——不烘干，大伙儿都觉得…).
    (``_headline_over_subtitle`` asks for no clause mark over the —— line, and lets one line follow it:
    it tells a headline from a speaker's turn, this one a headline from text.)"""
    texts = b.line_texts()
    return 1 <= sum(not DASH_OPEN.match(x) for x in texts) <= most and len(texts) == len(b.lines) > 1 \
        and bool(DASH_OPEN.match(texts[-1])) and not DASH_OPEN.match(texts[0]) and all(headline_line(x) for x in texts)


def _split_block(b: Block, k: int) -> tuple[Block, Block]:
    """Cut ``b`` before its ``k``-th seed line: ``b`` keeps the lines before
    (it stays the page's block), a new block takes the rest."""
    texts = b.line_texts()
    rest = Block(id=f"{b.id}.{k + 1}", lines=b.lines[k:], text="".join(texts[k:]), kind=b.kind,
                 decisions=b.decisions[k:], notes=[f"cut from {b.id}"])
    b.lines, b.text, b.decisions, b.parts = b.lines[:k], "".join(texts[:k]), b.decisions[:k - 1], []
    return b, rest


def _headline_over_subtitle(b: Block) -> bool:
    """Lines without a clause mark over a —— subtitle (黑龙江鸡西：金秋水稻收割忙 |
    ——规范化，赋能产业发展大会以): a headline, though its kicker ends in a colon.

    >>> from kanbao.model import Line
    >>> ls = [Line(1, "", "黑龙江鸡西：金秋水稻收割忙", 26), Line(2, "", "——规范化，赋能产业发展大会以", 30)]
    >>> _headline_over_subtitle(Block("b1", ls, "".join(ln.text for ln in ls)))
    True
    """
    texts = b.line_texts()
    k = next((i for i, x in enumerate(texts) if DASH_OPEN.match(x)), None)
    return k is not None and 1 <= k <= 2 and len(texts) <= k + 2 and not BODY_PUNCT.search("".join(texts[:k])) \
        and not ends_sentence(texts[k - 1])


def _headlike_text(t: str) -> bool:
    """Short, with no sentence punctuation and no open ending: a headline's words."""
    return 0 < len(t) <= 40 and not BODY_PUNCT.search(t) and not t.endswith(("、", "：", ":", "——"))


def _credit_line(t: str) -> bool:
    """A byline line: 本报记者 王东, □综合, 新华社记者张辛欣、周圆, 抄表员 初建美.

    >>> _credit_line("记者 孙 伟"), _credit_line("记者走进多地工厂")
    (True, False)
    """
    return (is_byline(t) or bool(BYLINE_MARK.match(t))) and not NOT_NAMES.match(t)


# a role word followed by one run of more than four characters: words, not names (记者走进多地工厂)
NOT_NAMES = re.compile(r"^(?:本报(?:特约)?记者|本报通讯员|记者|通讯员)\s*[\u4e00-\u9fff]{5,}$")


WRAPPED_SUBHEAD = " (one printed line)"   # the note's end for a subhead whose one line wrapped


def _short_wrap(first: str, second: str) -> bool:
    """A headline line wrapped onto a line at most half as long with no mark in it: one printed
    line (农机合作社跨区作业，帮助 | 缺劳力的农户), where a sentence ended before the first.

    >>> _short_wrap("农机合作社跨区作业，帮助", "缺劳力的农户"), _short_wrap("农机合作社跨区作业", "帮助缺劳力的农户")
    (True, False)
    """
    return 2 * len(second) <= len(first) and not BODY_PUNCT.search(second)


def _wrapped_after_sentence(blocks: list[Block], i: int) -> bool:
    """Heading ``blocks[i]`` is two lines that reflow broke off after a sentence end as a
    headline wrapped onto its last words (``headline-wraps-after-sentence``), the second at
    most half as long as the first and without a mark: one printed line, as
    ``_trailing_headlines`` reads such lines glued to a paragraph (…收获水稻八成。|
    农机合作社跨区作业，帮助 | 缺劳力的农户), not a title and its subtitle.

    >>> from kanbao.model import Decision, Line
    >>> p = Block("b1", [Line(1, "", "快于往年。", 10)], "快于往年。", decisions=[Decision("headline-wraps-after-sentence", False, 1)])
    >>> h = Block("b2", [Line(2, "", "农机合作社跨区作业，帮助", 24), Line(3, "", "缺劳力的农户", 12)], "农机合作社跨区作业，帮助缺劳力的农户")
    >>> _wrapped_after_sentence([p, h], 1), _wrapped_after_sentence([h], 0)
    (True, False)
    """
    b = blocks[i]
    texts = b.line_texts()
    return i > 0 and bool(blocks[i - 1].decisions) and blocks[i - 1].decisions[-1].rule == "headline-wraps-after-sentence" \
        and len(texts) == len(b.lines) == 2 and _short_wrap(texts[0], texts[1])


def _trailing_headlines(b: Block, texts: list[str], nxt: Block | None) -> int | None:
    """Where headline lines glued after a paragraph's last sentence start.

    A paragraph never ends without a stop: one short headline line (a comma
    may stand inside) after its last sentence, over an indented first line,
    is the subhead of what follows.  Its last sentence may also end in a line
    well short of the column and of the line above it, with no stop (…颠覆式的
    | 创新变革 | 工厂“黑科技”背后的产业新 | 变迁): the paragraph ends there.  Else each of them short and
    unpunctuated, after a line that ends a sentence:
    at the very end of the dump (where extractors put displaced headlines);
    set in another width than the column (a headline's type is larger or
    smaller) with a heading or a byline after them; or after a credit note
    that closes an article (（记者雷风雨）), whatever follows.  A title and its
    —— subtitle over a byline need no width of their own:

    >>> from kanbao.model import Line
    >>> ls = [Line(1, "", "近日，湖区京泽社区组织辖区", 22, colw=22), Line(2, "", "小区环境综合整治行动。", 22, colw=22),
    ...       Line(4, "", "我市气温将下降3℃~5℃", 21, colw=26), Line(5, "", "——冷空气明日抵达本市", 22, colw=26)]
    >>> by = Block("b2", [Line(6, "", "本报记者 王松", 14, colw=26)], "本报记者 王松", kind="byline")
    >>> _trailing_headlines(Block("b1", ls, "".join(ln.text for ln in ls)), [ln.text for ln in ls], by)
    2

    nor do lines without a clause mark over a byline, where they are no full line of the column:

    >>> ls = [Line(1, "", "他的发明在国际展会上获得多", 28, colw=28), Line(2, "", "项金奖，一次获奖最多。", 22, colw=28),
    ...       Line(3, "", "无论是换灯泡还是搞科研都做到极致", 32, colw=28)]
    >>> by = Block("b2", [Line(4, "", "新华社记者 尹静航", 18, colw=28)], "新华社记者 尹静航", kind="byline")
    >>> _trailing_headlines(Block("b1", ls, "".join(ln.text for ln in ls)), [ln.text for ln in ls], by)
    2
    """
    closing = next((j for j in range(1, len(texts)) if CREDIT_NOTE.search(texts[j - 1])), None)
    last = b.lines[-1]
    # the headline's one printed line may have wrapped onto a second seed line (…产业新变 | 迁)
    # (or, after a sentence end, a line with no stop over a line at most half as long: one headline
    # line set across the column and wrapped, …或政府首脑出席。| 气温下降，市民早晚外出可 | 多备一件外套)
    k = 2 if len(texts) >= 3 and (_wraps(texts[-2], texts[-1]) or wrap_remainder(texts[-2], texts[-1])
                                  or ends_sentence(texts[-3]) and _short_wrap(texts[-2], texts[-1])) else 1
    head = "".join(texts[-k:])
    # (the paragraph's last line: a sentence end, or a line well short of its column, 颠覆式的创新变革)
    ended = len(texts) > k and (ends_sentence(texts[-k - 1]) or b.lines[-k - 1].width <= b.lines[-k - 1].colw - 8
                                and not ends_open(texts[-k - 1]) and len(texts) - k >= 2
                                and b.lines[-k - 1].width <= b.lines[-k - 2].width - 6
                                and BODY_PUNCT.search("".join(texts[:-k])))
    if ended and not ends_sentence(head) and headline_line(head) \
            and nxt is not None and nxt.kind == "para" and firstlike(nxt.lines[0]) and not speaker_label(head) \
            and not CREDIT_NOTE.search(head) \
            and (k == 2 or last.width <= last.colw - 8 or last.width <= last.colw - 2 and not BODY_PUNCT.search(head)):
        # a paragraph never ends without a stop: a short line after its last sentence,
        # over an indented first line, is the subhead of what follows (有没有，近年来); one
        # without a mark in it may be a character short only (道路两旁树木很多都被吹倒)
        where = f"line {last.no} ends" if k == 1 else f"lines {b.lines[-2].no}-{last.no} (one line wrapped) end"
        _note(b, f"{where} no sentence after the paragraph's last one, over an indented line: a subhead"
                 + (WRAPPED_SUBHEAD if k == 2 else ""))
        return len(texts) - k
    # one to three headline lines closed by a —— subtitle after the paragraph's last sentence are
    # a headline, whatever follows (…绝不会离开创新的舞台。| 工厂“黑科技”背后的产业新变迁 |
    # 志愿者共同参与 老旧小区提颜值 | ——农民现场分红利): no paragraph's lines end so
    if len(texts) >= 3 and DASH_OPEN.match(texts[-1]) and headline_line(texts[-1]):
        for j in range(max(1, len(texts) - 4), len(texts) - 1):
            tail = texts[j:]
            if ends_sentence(texts[j - 1]) and not DASH_OPEN.match(tail[0]) \
                    and all(headline_line(t) and not ends_sentence(t) and not CREDIT_NOTE.search(t)
                            and not speaker_label(t) for t in tail):
                _note(b, f"lines {b.lines[j].no}- (closed by a —— subtitle) are a headline glued after the paragraph's last sentence")
                return j
    if nxt is not None and closing is None and not (_headlike_text(nxt.text) or _credit_line(nxt.text)):
        return None
    if closing is not None and _headlike_text(texts[closing]):
        _note(b, f"line {b.lines[closing].no} follows a credit note that closes the article before")
        return closing
    over_byline = nxt is not None and _credit_line(nxt.text)
    for j in range(1, len(texts)):
        tail = texts[j:]
        after_credit = j == closing
        # over a byline, a title and its —— subtitle need no width of their own (我市气温将下降3℃~5℃ |
        # ——全运会结束全部赛事 | 中新社记者 王松), nor do lines without a clause mark that are no full
        # line of the column (…最多的人。| 无论是…做到极致 | 新华社记者…)
        headline_over_byline = over_byline and (
            2 <= len(tail) and bool(DASH_OPEN.match(tail[-1])) and not DASH_OPEN.match(tail[0])
            or not BODY_PUNCT.search("".join(tail)) and all(abs(ln.width - ln.colw) >= 4 for ln in b.lines[j:]))
        if (ends_sentence(texts[j - 1]) or after_credit) and len(tail) <= 3 and (after_credit or nxt is None or nxt.kind != "para" or
                                                               _headlike_text(nxt.text) or _credit_line(nxt.text)) and all(
                _headlike_text(t.rstrip("？！")) and len(t) <= 30 and not CREDIT_NOTE.search(t)
                and (nxt is None or after_credit or headline_over_byline or abs(ln.width - ln.colw) >= 6)
                for t, ln in zip(tail, b.lines[j:])):
            _note(b, f"lines {b.lines[j].no}- are headline lines glued after the paragraph's last sentence"
                     + (" and its credit note" if after_credit else ""))
            return j
    # over a byline: a name label and headline lines set wider than the column (樊明武院士：| 人生就是…),
    # whatever the line before them (an interleaved column may stop mid-sentence)
    if nxt is not None and _credit_line(nxt.text):
        for j in range(max(1, len(texts) - 3), len(texts) - 1):
            tail, lns = texts[j:], b.lines[j:]
            col = column_width([ln.width for ln in b.lines[:j]])   # the column of the text before them
            if (NAME_LABEL.match(tail[0]) or _headlike_text(tail[0])) and all(_headlike_text(t) and len(t) <= 30 for t in tail[1:]) \
                    and all(abs(ln.width - col) >= 6 for ln in lns) and any(ln.width >= col + 6 for ln in lns) \
                    and not word_across(texts[j - 1], tail[0]):
                _note(b, f"lines {b.lines[j].no}- (set wider than the column, over a byline) are a headline glued to the text before")
                return j
    return None


def _paragraph_lines(lines: list[Line]) -> bool:
    r"""Three lines or more set as a paragraph's: the first indented from the column, the others
    filling it to a unit, the last left open (他更用自己的一生践 | 行着原子能院老院长钱三 | 强院士的“红专矢量论” |
    ——人在社会中的作为就 | 如一个矢量，…): no headline and its —— subtitle, which are set
    to their own widths.

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("他更用自己的一生践\n行着原子能院老院长钱三\n强院士的“红专矢量论”\n——人在社会中的作为就\n"
    ...                     "如一个矢量，矢量的模就\n是他的工作能力，矢量的")
    >>> _paragraph_lines(ls[:4]), _paragraph_lines(ls[1:4])
    (True, False)
    """
    return len(lines) >= 3 and firstlike(lines[0]) and all(abs(gap_fwd(ln)) <= 1 for ln in lines[1:]) \
        and not ends_sentence(lines[-1].text)


def _subtitle_closes(texts: list[str]) -> int | None:
    """Where the next heading starts after a —— subtitle: a subtitle closes its
    headline, so a headline line or a name label (包起帆：) after it opens another.

    >>> _subtitle_closes(["劳模，是他们共同的名字", "——2011年劳模休养活动群像素描", "包起帆：", "依靠聪明才智创造奇迹"])
    2
    >>> _subtitle_closes(["扎根大山三十载", "——记山区小学校长王明", "同志"]) is None
    True
    >>> _subtitle_closes(["张伟：他用自己的一生践行着原子", "能院老院长的“科研育人论”", "——科研是一棵大树的根，人才是树上",
    ...                   "的果实，根扎得越深，果实就结得越"]) is None    # a speaker's answer, running on: no headline
    True
    >>> _subtitle_closes(["张伟：他用自己的一生践行着原子"]) is None
    True
    """
    if len(texts) > 1 and speaker_label(texts[0]) and word_across(texts[0], texts[1]):
        return None   # a speaker's turn running on across its first line's end (陈超：…践行着原子 | 能院…), no headline
    for j in range(2, len(texts)):
        if not headline_line(texts[j - 1]) or pushed_with_mark(texts[j - 1]):
            return None   # (a line that opens with a character pushed down with its mark runs on from the one above)
        nxt = texts[j]
        if DASH_OPEN.match(texts[j - 1]) and not DASH_OPEN.match(nxt) and (
                NAME_LABEL.match(nxt) or headline_line(nxt) and len(nxt) >= 4 and not _wraps(texts[j - 1], nxt)):
            return j
    return None


def _headline_over_dateline(texts: list[str], nxt: str = "") -> int | None:
    """Where a headline line over a dateline sits inside a block: a dateline
    (新华网联合国9月12日电) opens an article, and the unpunctuated line right
    above it is that article's headline.  Returns the cut before the headline
    line (or after it, when it opens the block); ``nxt``, the text of the
    block after, counts as the line after the last.

    >>> _headline_over_dateline(["续发挥自身优势，重视广大发", "第61届联大会议在纽约开幕", "新华网联合国9月12日电（记", "者 刘历彬） 第61届联合国"])
    1
    >>> _headline_over_dateline(["第61届联大会议在纽约开幕", "新华网联合国9月12日电（记"])
    1
    >>> _headline_over_dateline(["来宾盛赞中国的成就，希望中", "联大会议在纽约开幕"], "新华网联合国9月12日电（记者 王明）")
    1
    >>> _headline_over_dateline(["本报讯 记者", "北京9月12日电"]) is None
    True
    >>> _headline_over_dateline(["弱冷空气携降温降雨来临", "我市气温将下降3℃"], "本报讯 记者 吴心怡") is None
    True
    >>> _headline_over_dateline(["民出行请注意添衣保暖。", "（记者雷风雨）"], "本报讯（张名建刘丽") is None
    True
    """
    lines = texts + [nxt] if nxt else texts
    for j in range(len(lines) - 1):
        if DATELINE.match(lines[j + 1]) and _headlike_text(texts[j]) and len(texts[j]) >= 6 \
                and not ends_sentence(texts[j]) and not DATELINE.match(texts[j]) and not BRACKETED.fullmatch(texts[j]) \
                and not word_across(texts[j], lines[j + 1]):
            if all(_headlike_text(t) for t in texts[:j + 1]):   # the block opens with the headline's lines
                return j + 1 if j + 1 < len(texts) else None
            return j
    return None


def _headline_before_dateline(b: Block, datelines: set[int]) -> bool:
    """A block's first line is a headline that the column untangler joined to
    lines from elsewhere: unpunctuated, the block goes on at a seed line that
    does not follow it, and in the dump it is followed by a dateline (the
    article's first line) that sits in another block.

    >>> from kanbao.model import Line
    >>> b = Block("b1", [Line(69, "", "第61届联合国大会会议在纽约开幕", 30), Line(74, "", "表示联大将在多边主义框架内", 26, blanks_before=1)],
    ...           "第61届联合国大会会议在纽约开幕表示联大将在多边主义框架内")
    >>> _headline_before_dateline(b, {71}), _headline_before_dateline(b, {90})
    (True, False)
    """
    texts = b.line_texts()
    if len(texts) != len(b.lines) or len(texts) < 2:
        return False
    l0, l1 = b.lines[0], b.lines[1]
    return l1.no != l0.no + 1 + l1.blanks_before and _headlike_text(texts[0]) and len(texts[0]) >= 6 \
        and not ends_sentence(texts[0]) and any(l0.no + d in datelines for d in (1, 2, 3))


def split_glued_lines(blocks: list[Block], keep: set[str] = frozenset()) -> None:
    """Lines the line joiner glued to the wrong neighbour become blocks of their own:

    - a continued-on line (下转第2版, 上接第1版) first or last in a block (page furniture);
    - a byline right under a headline's lines (合力维护… | 全国人大代表… 初建美),
      or a whole-line byline before a paragraph's first line;
    - a headline's line with a blank line between it and the text under it,
      or set wider than the column over it;
    - a speaker's turn right under a headline's lines (…新闻发布会 | 主持人：大家好…),
      unless a word runs across the cut (市…局|长张建国： is one label);
    - headline lines glued after a paragraph's last sentence (``_trailing_headlines``).

    >>> from kanbao.model import Line
    >>> bs = [Block("b1", [Line(1, "", "下转第6版", 9), Line(2, "", "冬季两项发布会", 14)], "下转第6版冬季两项发布会")]
    >>> split_glued_lines(bs); [(b.id, b.text, b.kind) for b in bs]
    [('b1', '下转第6版', 'furniture'), ('b1.2', '冬季两项发布会', 'para')]
    >>> bs = [Block("b1", [Line(1, "", "发布会", 6), Line(2, "", "主持人：大家好，", 16)], "发布会主持人：大家好，")]
    >>> split_glued_lines(bs); [b.text for b in bs]
    ['发布会', '主持人：大家好，']
    """
    # the bare texts of the longer blocks, in the order of their first lines in the seed
    bodies = sorted((x.first_no, x.id, _bare(x.text)) for x in blocks if len(x.text) > 30)
    starts = [no for no, _, _ in bodies]
    datelines = {x.lines[0].no for x in blocks if x.lines and DATELINE.match(x.text)}   # seed lines that open an article

    def others_of(blk: Block):
        """The bare texts of the other blocks within ``NEAR_LINES`` lines of ``blk`` (a page's
        repeats are all within reach; a seed of many pages is searched in time linear in its
        size): not ``blk``'s own, nor that of the block it was cut from."""
        no = blk.first_no if blk.lines else 0
        lo, hi = bisect.bisect_left(starts, no - NEAR_LINES), bisect.bisect_right(starts, no + NEAR_LINES)
        return (o for _, x, o in bodies[lo:hi] if blk.id != x and not blk.id.startswith(x + "."))

    def repeated(blk: Block, text: str | None = None) -> bool:
        """The block's text (or ``text``, a part of it) is printed inside another block's, or
        elsewhere in the block: a pull quote's lines.  Asked last among the conditions it
        joins: it reads every block within ``NEAR_LINES``."""
        bare = _bare(blk.text if text is None else text)
        return text is not None and bare in _bare(blk.text.replace(text, "", 1)) \
            or any(bare in o for o in others_of(blk))
    i = 0
    while i < len(blocks):
        b = blocks[i]
        texts = b.line_texts()
        if b.id in keep:      # a kind the sidecar set: the block stays whole
            i += 1
            continue
        if len(texts) == len(b.lines) > 1:
            k = next((j for j in (0, len(texts) - 1) if JUMP.match(texts[j])), None)
            if k is None and i and CREDIT_NOTE.search(blocks[i - 1].text):
                # right after an article's closing credit: headline lines, then the new text
                m = next((j for j in range(1, min(4, len(texts))) if BODY_PUNCT.search(texts[j])), None)
                # (not one line set like a paragraph's first over a full line, nor a speaker's label:
                # 库卡中国营运与人力 | 资源总监陈峰说，…; 记者：依靠聪明才智创造 | 奇迹，…)
                first_line = m == 1 and firstlike(b.lines[0]) and gap_fwd(b.lines[1]) < 3
                if m and all(_headlike_text(t) for t in texts[:m]) and not word_across(texts[m - 1], texts[m]) \
                        and not first_line and not speaker_label(texts[0]) and not DATELINE.match(texts[0]):
                    k = m
                    _note(b, f"lines {b.lines[0].no}-{b.lines[m - 1].no} after a closing credit note: a headline, cut from the text under it")
            ln0 = b.lines[0]
            if k is None and _headlike_text(texts[0]) and len(texts[0]) >= 6 and ln0.width >= ln0.colw + 6 \
                    and not ends_sentence(texts[0]) and BODY_PUNCT.search(texts[1]) \
                    and not word_across(texts[0], texts[1]) and not speaker_label(texts[0]) \
                    and not repeated(b):
                # (not a turn's first line, whatever the column under it: 中新社记者：首季中国经济 | 一线调研…)
                k = 1       # a headline line set wider than the column, glued over the text (not a pull quote's lines)
                _note(b, f"line {ln0.no} (a headline's words, set wider than the column) cut from the text under it")
            if k is None and BRACKETED.fullmatch(texts[0]):
                k = 1       # a note in brackets closes the text before; what follows starts anew
                _note(b, f"line {b.lines[0].no} is a note in brackets: cut from the lines after it")
            if k is None:
                k = _headline_over_dateline(texts, blocks[i + 1].text if i + 1 < len(blocks) else "")
                if k is not None and repeated(b):
                    k = None      # a pull quote's lines
                if k is not None:
                    _note(b, f"line {b.lines[k].no} starts another article (a headline line over a dateline): "
                             "cut from the lines around it")
            if k is None and 2 <= len(texts) <= 3 and not (i and PAGE_NO.match(blocks[i - 1].text)) and not NUMBERED.match(texts[0]) \
                    and all(_headlike_text(t) for t in texts):
                # a tag stands above a headline (a short line under one is its wrapped end);
                # a four-character tag only over a line twice as long (本地新闻 | …, not 问需于民 | 排出改造清单)
                if _tag_over(texts[0], texts[1]) and not word_across(texts[0], texts[1]):
                    k = 1
                    _note(b, f"line {b.lines[0].no} is a short tag (a column's label or a kicker): cut from the headline line under it")
            if k is None and _headline_before_dateline(b, datelines):
                k = 1       # the untangler joined it to another column; in the dump a dateline follows it
                _note(b, f"line {b.lines[0].no} (a headline's words) is followed in the dump by a dateline in "
                         "another block: cut from the lines joined to it")
            if k is None and MARKED_CREDIT.match(texts[-1]):
                k = len(texts) - 1   # a credit set after a box mark (□综合) closes the text before it
                _note(b, f"line {b.lines[k].no} is a credit after a box mark: cut from the text before it")
            if k is None and BYLINE_MARK.match(texts[0]) and not BODY_PUNCT.search(texts[0]):
                k = 1       # a byline line the joiner put before the first line of the text
                _note(b, f"line {b.lines[0].no} is a byline: cut from the text after it")
            # a numbered pull quote's lines: after a lone number, or with the number glued on (1设备上新…)
            after_number = (i > 0 and PAGE_NO.match(blocks[i - 1].text)) or NUMBERED.match(texts[0])
            # (where the lines before come a blank line apart too, as pdfminer sets them, the blank says nothing)
            spaced = i > 0 and len(blocks[i - 1].lines) >= 2 and all(ln.blanks_before for ln in blocks[i - 1].lines) \
                and b.lines[0].blanks_before
            if k is None and not after_number and not spaced and _headlike_text(texts[0]) and b.lines[1].blanks_before \
                    and not ends_sentence(texts[0]) and not speaker_label(texts[0]) \
                    and not any(ln.blanks_before for ln in b.lines[2:]) and not DATELINE.match(texts[0] + texts[1]) \
                    and BODY_PUNCT.search("".join(texts[1:])) and not word_across(texts[0], texts[1]):
                k = 1       # a headline line, a blank line, then text
                _note(b, f"line {b.lines[0].no} (a headline's words, then a blank line) cut from the text after it")
            if k is None:
                k = _subtitle_closes(texts)
                if k is not None and _paragraph_lines(b.lines[:k]):
                    # a dash inside a paragraph's sentence: its lines are a column's, the first indented
                    # (2184 cases: 23 up, 1 down, +63.0; one sentence of the simulator's texts on many pages)
                    k = None
                if k is not None:
                    _note(b, f"line {b.lines[k - 1].no} is a —— subtitle that closes the headline above it: "
                             f"line {b.lines[k].no} starts another heading")
            if k is None and len(texts) >= 3 and i and NAME_LABEL.match(texts[0]) and _headlike_text(texts[1]) \
                    and not _headlike_text(texts[2]) and all(headline_line(t) for t in blocks[i - 1].line_texts()) \
                    and not word_across(texts[1], texts[2]):
                k = 2       # under a headline: a name label over a line (包起帆：| 依靠聪明才智…), then the text
                _note(b, f"lines {b.lines[0].no}-{b.lines[1].no} (a name label over a line, under a headline) "
                         "cut from the text after them")
            if k is None and len(texts) <= 6:
                # a numbered pull quote's lines may be followed by headline lines: only a cut after it
                k = _repeated_tail(texts, _bare(b.text), list(others_of(b)), lead_only=after_number)
                if k is not None and after_number:
                    _note(b, f"lines {b.lines[0].no}-{b.lines[k - 1].no} repeat a sentence of the body word for word "
                             "(the numbered pull quote): cut from the headline lines after them")
                elif k is not None:
                    _note(b, f"lines {b.lines[k].no}- repeat a sentence of the body word for word (a pull quote): "
                             "cut from the headline line above them")
            if k is None:
                for j in range(1, len(texts)):
                    before = "".join(texts[:j])
                    if not _headlike_text(before):
                        break
                    rest = "".join(texts[j:])
                    label = speaker_label(rest) or long_speaker_label(rest)
                    # (a line of office words at the column's width, over the name: one label, 市发展改革委主任|程芸洋：)
                    one_label = j == 1 and (is_full(b.lines[0]) or firstlike(b.lines[0])) and label_head(before, texts[1])
                    if (_credit_line(texts[j]) and j == len(texts) - 1 or label) and not one_label \
                            and not word_across(before, texts[j]) and not name_cut(before, label) \
                            and not (label and asks_on(before)):   # (提问：请谈谈朝鲜 | 日报：…: the question goes on)
                        k = j
                        _note(b, f"line {b.lines[j].no} ({'byline' if not label else 'speaker turn'}) cut from the headline lines above it")
                        break
            if k is None and _headline_under_open_line(b) and not repeated(b, texts[-1]):   # (not a pull quote's words)
                k = len(texts) - 1
                _note(b, f"line {b.lines[k].no} (a headline's words with a comma, far short of the column, under a full "
                         "line that leaves its sentence open with no word across) cut from the text above it")
            if k is None:
                j = _short_line_inside_text(b)
                if j is not None and not repeated(b, texts[j]):   # (not a pull quote's words)
                    alone = len(texts[j]) >= HEADLINE_LINE_MIN   # long enough for a headline's line
                    _note(b, f"line {b.lines[j].no} (far short of its column, no comma or stop in it, between "
                             "full lines with no word across, out of the dump's order) ends the text: cut "
                             "from the lines after it" + (", and from the line above it (a headline's words)"
                                                         if alone else ""))
                    if alone:
                        top, rest = _split_block(b, j)
                        line, rest = _split_block(rest, 1)
                        blocks[i:i + 1] = [top, line, rest]
                        continue      # look at the pieces again
                    k = j + 1
            wrapped = False
            if k is None:
                k = _trailing_headlines(b, texts, blocks[i + 1] if i + 1 < len(blocks) else None)
                wrapped = k is not None and b.notes[-1].endswith(WRAPPED_SUBHEAD)
            if k is not None:
                blocks[i:i + 1] = pieces = list(_split_block(b, max(k, 1)))
                if wrapped:      # one printed line, wrapped: no title and subtitle
                    pieces[1].parts = ["".join(pieces[1].line_texts())]
                continue      # look at both pieces again
        if JUMP.match(b.text):
            b.kind = "furniture"
            _note(b, "continued-on line (下转/上接 … 版): page furniture")
        i += 1


def _short_line_inside_text(b: Block) -> int | None:
    """The index of a line inside the block (neither first nor last) that has no comma or
    stop in it, falls twelve units or more short of its column, and sits under a full line
    that leaves its sentence open, with no word across either of its joins, where one of
    the joins is not in the dump's order (the untangler made it): the text stops there,
    since a line falls short only at a paragraph's end, which has a stop.  The line is a
    headline's, or the end of a paragraph printed without a stop, dealt into another
    column's text (…融入充满希望的 | 乡村振兴诗篇 | 结构，提高耕地…).  A line of two to
    four characters may be a column's label (简讯) set inside the text: no end of it.
    On the blocks the tuning pages came out with before this rule, the cut after such a
    line was right all 21 times; where ``HEADLINE_LINE_MIN`` characters or more are cut from the line above too,
    that was right 16 times in 20 (13 of them a headline's line), wrong 4 times (the
    line ended the paragraph above).  (Keeping a line over a headline's line with the text
    above, a first form, changed one tuning case, −3.7.)

    >>> from kanbao.model import Line
    >>> texts = ["完善订单式研发，探索成都本地", "强化监督深抓落实", "信息化部部长金壮龙提出，聚焦"]
    >>> lines = [Line(no, "", t, 28, colw=28) for no, t in zip((83, 85, 91), texts)]
    >>> lines[1].width = 16
    >>> _short_line_inside_text(Block("b1", lines, "".join(texts)))
    1
    >>> lines = [Line(no, "", t, 28, colw=28) for no, t in zip((83, 84, 85), texts)]
    >>> lines[1].width = 16
    >>> _short_line_inside_text(Block("b1", lines, "".join(texts))) is None   # in the dump's order
    True
    """
    for j in range(1, len(b.lines) - 1):
        above, ln, below = b.lines[j - 1], b.lines[j], b.lines[j + 1]
        if _next_in_dump(above, ln) and _next_in_dump(ln, below):
            continue      # (both joins as the extractor printed them)
        if not BODY_PUNCT.search(ln.text) and below.text[:1] not in NO_LINE_START and not is_section_tag(ln.text) \
                and _short_under_open_line(above, ln, 12) and not word_across(ln.text, below.text):
            return j
    return None


HEADLINE_LINE_MIN = 5   # characters a line needs to be cut out as a headline's line (not 简讯, 收官)


def _next_in_dump(a: Line, b: Line) -> bool:
    """``b`` came right after ``a`` in the dump, a blank line between at most: the
    extractor's own join, not the untangler's."""
    return 0 < b.no - a.no <= 2


def _short_under_open_line(above: Line, ln: Line, short: int) -> bool:
    """``ln`` ends no sentence, leaves no clause, quotation or title open, is no label,
    byline or dateline, and falls ``short`` units or more short of its column, right under
    a full line that leaves its sentence open with no word across the join: no line of
    that paragraph, whose last line would end with a stop."""
    t = ln.text
    return not ends_sentence(t) and not ends_open(t) and not open_marks(t) and not open_marks(t, "《》") \
        and ln.colw - ln.width >= short and above.width >= above.colw - 2 and not ends_sentence(above.text) \
        and not speaker_label(t) and not is_byline(t) and not DATELINE.match(t) and not word_across(above.text, t)


def _headline_under_open_line(b: Block) -> bool:
    """The block's last line has a comma in it but ends no sentence and leaves no clause open,
    falls eight units or more short of its column, and sits under a full line that leaves its
    sentence open with no word across the join: a headline's line (…对现有产业产生溢出效应，由此涌 |
    我想知道，智能家电), not the paragraph's last line, which would end with a stop.  The
    paragraph goes on elsewhere (a column the extractor dealt wrongly).  In the blocks the tuning
    pages came out with before this rule, such lines were headline lines 27 times and a
    paragraph's line once.

    >>> from kanbao.model import Line
    >>> lines = [Line(1, "", "在天府国际机场附近的国际空港经", 30, colw=34),
    ...          Line(2, "", "济区，中国外运股份有限公司正在投资", 34, colw=34), Line(3, "", "我想知道，智能家电", 18, colw=34)]
    >>> _headline_under_open_line(Block("b1", lines, "".join(ln.text for ln in lines)))
    True
    >>> _headline_under_open_line(Block("b1", lines[1:], "".join(ln.text for ln in lines[1:])))
    False
    """
    if len(b.lines) < 3:
        return False      # (two lines may be a headline of two: 稻谷如金色的瀑布般流入储存仓，从人称 | …)
    above, last = b.lines[-2], b.lines[-1]
    return bool(BODY_PUNCT.search(last.text)) and last.text[0] not in NO_LINE_START \
        and _short_under_open_line(above, last, 8)


def _header_zone(blocks: list[Block], keep: set[str] = frozenset()) -> str:
    """The page number and section name set apart at the top of the page, or
    at its very end (where some extractors put the page header).

    Before any text, a lone number is the page number, and a short block
    with no punctuation right next to it is the section name (体育, 文化·访谈);
    after all the text the same, read backwards (the last block a lone
    number).  Returns the page number found ('' if none).
    """
    page_no = ""

    def walk(order: list[int], where: str) -> None:
        nonlocal page_no
        for n, i in enumerate(order):
            b = blocks[i]
            if b.id in keep:
                return
            if b.kind == "furniture":
                continue
            short = len(b.text.replace(" ", "")) <= 8 and not BODY_PUNCT.search(b.text) and not _credit_line(b.text)
            near_no = any(0 <= j < len(blocks) and PAGE_NO.match(blocks[j].text) for j in (i - 1, i + 1))
            if PAGE_NO.match(b.text) and not page_no and (where == "top" or n == 0):
                page_no = b.text
                _note(b, f"lone number among the page header lines ({where} of the dump): the page number")
            elif short and near_no:
                _note(b, f"short block next to the page number ({where} of the dump): section name")
            else:
                return
            b.kind = "furniture"

    walk(list(range(min(len(blocks), 8))), "top")
    walk(list(range(len(blocks) - 1, max(len(blocks) - 4, -1), -1)), "end")
    return page_no


def _bare(t: str) -> str:
    """Text without spaces and punctuation, to find a sentence repeated word for word.

    >>> _bare("没有背景，现在从事“平凡”的劳动")
    '没有背景现在从事平凡的劳动'
    """
    return re.sub(r"[\s，。；、！？：“”‘’《》（）—…·,.;:!?()\"']", "", t)


def _repeated_tail(texts: list[str], own: str, bodies: list[str], lead_only: bool = False) -> int | None:
    """Where pull-quote lines glued to headline lines start or end: two or
    more lines of a sentence (not headline lines) that repeat another block
    word for word, while the whole block does not.  Returns the cut before
    them (after one or two headline lines), or the cut after them when they
    open the block and headline lines or a name label follow (``lead_only``:
    only that cut, for a block under a pull quote's number).

    >>> body = ["我相信一个人可以没有学历没有资历没有背景现在从事着平凡的劳动"]
    >>> _repeated_tail(["依靠聪明才智", "一个人可以没有学历、没有", "资历、没有背景"], "依靠聪明才智一个人可以没有学历没有资历没有背景", body)
    1
    >>> _repeated_tail(["一个人可以没有学历、没有", "资历、没有背景", "潘兰英：", "职工的牵挂"], "一个人可以没有学历没有资历没有背景潘兰英职工的牵挂", body)
    2
    """
    if any(own in o and len(o) > len(own) for o in bodies):
        return None       # the whole block repeats the body: all of it is the pull quote

    def repeated(lines: list[str]) -> bool:
        if len(lines) < 2 or not lead_only and all(_headlike_text(t) and "、" not in t for t in lines):
            return False  # headline lines, not a sentence set in lines (a subhead's second line may repeat the text)
        rest = _bare("".join(lines))
        return len(rest) >= TUNING.pq_min_chars and len("".join(lines)) <= PQ_MAX \
            and any(rest in o and len(o) > len(rest) + 8 for o in bodies)

    for j in range(0, 1 if lead_only else min(len(texts) - 1, 3)):
        if j and (not _headlike_text(texts[j - 1]) or word_across(texts[j - 1], texts[j])):
            return None   # not a headline line, or one sentence running across the cut (生产|要素)
        for e in range(len(texts), j + 1, -1):
            after = texts[e:]
            if (after or j) and repeated(texts[j:e]) and all(headline_line(t) or NAME_LABEL.match(t) for t in after) \
                    and not (after and not lead_only and word_across(texts[e - 1], after[0])):
                return j or e
    return None


def _repeated_tail_start(texts: list[str], others: tuple[str, ...] = ()) -> int | None:
    """Where a pull quote set at a paragraph's end begins: the lines after a
    sentence's end that repeat, word for word, a sentence earlier in the
    same paragraph or in ``others`` (bare texts of the paragraphs around it):
    a pull quote in a column of the text, glued on because its first line
    fills the column.

    >>> _repeated_tail_start(["反腐倡廉是一项工作。反腐", "工作虽然取得了一定的成", "效，但是民众始终还是觉", "得不够。从发达国家的例", "子中就可以看出。", "反腐工作虽然取得了一", "定的成效，但是民众始", "终还是觉得不够"])
    5
    >>> _repeated_tail_start(["反腐倡廉是一项工作。反腐", "工作虽然取得了一定的成", "效，但是民众始终还是觉", "得不够。从发达国家的例", "子中就可以看出。", "反腐工作可以一朝一夕完", "成吗？不能。"]) is None
    True
    """
    for j in range(1, len(texts) - 1):
        if not ends_sentence(texts[j - 1]):
            continue
        tail, head = _bare("".join(texts[j:])), _bare("".join(texts[:j]))
        if TUNING.pq_min_chars <= len(tail) and len("".join(texts[j:])) <= PQ_MAX \
                and any(tail in o and len(o) > len(tail) + 8 for o in (head, *others)):
            return j
    return None


def _clause_marked(t: str) -> str:
    """``_bare`` with each clause or sentence mark kept as ``|``: where clauses start and end.

    >>> _clause_marked("没有背景，现在从事“平凡”的劳动。")
    '没有背景|现在从事平凡的劳动|'
    """
    return _bare(re.sub(r"[，。；、！？：,;:!?]", "|", t))


def _repeated_lines(texts: list[str], others: tuple[str, ...], marked: tuple[str, ...]) -> tuple[int, int] | None:
    """Lines ``[j, e)`` of a paragraph that are a pull quote read into it where
    no sentence ends (under a full line of the column, or with text going on
    after them): two or more lines, not the whole paragraph, whose words are
    a run of whole clauses printed elsewhere in the text (``marked``: the
    paragraphs around it, ``_clause_marked``; or the paragraph itself), that
    end without a stop (a pull quote drops it), with no word running across
    either cut.  Clause to clause: a column's piece that stops inside a
    clause (…提前转移危险 | 区域群众…) is the text itself, not a quote of it.

    >>> body = ("今年以来|全省各地持续推进老旧小区改造|群众的居住环境明显改善|",)
    >>> texts = ["截至目前，全市已完成改造项目一百二十个，", "全省各地持续推进老旧", "小区改造", "居民们纷纷表示满意。"]
    >>> _repeated_lines(texts, (), body)
    (1, 3)
    >>> _repeated_lines(["截至目前，全市已完成改造项目一百二十个，", "各地持续推进老旧", "小区改造", "居民们纷纷表示满意。"], (), body) is None
    True
    """
    whole = _bare("".join(texts))
    if any(whole in o and len(o) > len(whole) + 8 for o in others):
        return None     # the whole block repeats the text: it is the quote (``_repeats_body``), none inside it
    n = len(texts)
    ml = [_clause_marked(t) for t in texts]     # marking is per character: the lines' marks add up
    off = list(itertools.accumulate((len(m) for m in ml), initial=0))
    size = list(itertools.accumulate((len(t) for t in texts), initial=0))
    own = "|" + "".join(ml) + "|"
    pool = "\n".join("|" + o + "|" for o in marked)
    for j in range(0, n - 1):
        if j and not ends_sentence(texts[j - 1]) and word_across(texts[j - 1], texts[j]):
            continue
        for e in range(min(n, bisect.bisect_right(size, size[j] + PQ_MAX) - 1), j + 1, -1):
            if (j, e) == (0, n) or ends_sentence(texts[e - 1]) or e < n and word_across(texts[e - 1], texts[e]):
                continue
            quote = own[1 + off[j]:1 + off[e]]
            if len(quote) - quote.count("|") < TUNING.pq_min_chars:
                break       # shorter ones, for this j, are shorter still
            m = "|" + quote + "|"
            rest = own[:1 + off[j]] + "|\n|" + own[1 + off[e]:]    # the text before and after the lines, each cut a clause's end
            if m in rest or m in pool and any(m in "|" + o + "|" and len(o) > len(m) + 8 for o in marked):
                return j, e
    return None


def _cut_repeated_tails(blocks: list[Block], keep: set[str] = frozenset()) -> None:
    """Cut a pull quote glued to the end of the paragraph it quotes
    (``_repeated_tail_start``), or read into a paragraph where no sentence
    ends (``_repeated_lines``), into a block of its own."""
    bare = {id(x): _bare(x.text) for x in blocks if x.kind in ("para", "answer")}
    marked = {id(x): _clause_marked(x.text) for x in blocks if x.kind in ("para", "answer")}
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "para" and b.id not in keep and len(b.lines) >= 4:
            around = [x for x in blocks[max(0, i - 80):i + 80] if x is not b and id(x) in bare]
            near = tuple(bare[id(x)] for x in around)
            k = _repeated_tail_start(b.line_texts(), near)
            if k is not None:
                parts, qi = list(_split_block(b, k)), 1
                note = f"lines {parts[1].lines[0].no}- repeat a sentence of the text word for word, " \
                       "after a sentence's end: cut from the paragraph above (a pull quote)"
            elif (span := _repeated_lines(b.line_texts(), near, tuple(marked[id(x)] for x in around))) is not None:
                j, e = span
                parts = list(_split_block(b, e)) if e < len(b.lines) else [b]
                parts, qi = (list(_split_block(parts[0], j)) + parts[1:], 1) if j else (parts, 0)
                note = f"lines {parts[qi].span} repeat whole clauses of the text word for word, " \
                       "read into the paragraph where no sentence ends: cut from it (a pull quote)"
                if len(parts) == 3 and not ends_sentence(parts[0].line_texts()[-1]) and is_full(parts[0].lines[-1]) \
                        and goes_on(parts[0].lines[-1], parts[2].lines[0]):
                    # the sentence the quote interrupts goes on under it: one paragraph again, the quote after it
                    head, quote, rest = parts
                    head.decisions = head.decisions + [Decision("sentence-goes-on-under-pull-quote", True, head.lines[-1].no)]
                    _run_on(head, rest)
                    parts, qi = [head, quote], 1
            else:
                i += 1
                continue
            blocks[i:i + 1] = parts
            for x in parts:
                bare[id(x)], marked[id(x)] = _bare(x.text), _clause_marked(x.text)
            _note(parts[qi], note)
            i += len(parts) - 1
        i += 1


def _repeats_body(blocks: list[Block], keep: set[str] = frozenset()) -> None:
    """Heading-like blocks whose words are a sentence of the body are pull quotes.

    A pull quote repeats a sentence of its article; a headline or subhead
    almost never repeats one word for word.  Runs of consecutive heading
    blocks are tested together (a pull quote set in four short lines may
    come out as two "headings").
    """
    norm = _bare
    _cut_repeated_tails(blocks, keep)
    body = {id(b): norm(b.text) for b in blocks if b.kind in ("para", "answer") and len(b.text) > 30}
    if not body:
        return
    near = 80      # a pull quote repeats its own article: look this many blocks either way
    for i, b in enumerate(blocks):
        # a short paragraph printed word for word inside another one is a pull quote, not text twice
        text = norm(b.text)
        if b.kind == "para" and b.id not in keep and TUNING.pq_min_chars <= len(text) and len(b.text) <= PQ_MAX \
                and any(text in body.get(id(x), "") and len(body[id(x)]) > len(text) + 8
                        for x in blocks[max(0, i - near):i + near] if x is not b):
            b.kind = "pullquote"
            _note(b, "printed word for word inside another paragraph: pull quote")
    def repeated(text: str, xs: list[Block]) -> bool:
        """``text`` is printed, word for word, inside a longer paragraph of ``xs``."""
        return any(text in t and len(t) > len(text) + 8 for t in (body.get(id(x), "") for x in xs))
    i = 0
    while i < len(blocks):
        if blocks[i].kind != "heading" or blocks[i].id in keep:
            i += 1
            continue
        j = i
        while j < len(blocks) and blocks[j].kind == "heading" and j - i < 3:
            j += 1
        for end in range(j, i, -1):
            run = blocks[i:end]
            text = norm("".join(b.text for b in run))
            nxt = blocks[end] if end < len(blocks) else None
            # … not a title its text repeats (over its byline, or over the text): unless, set between
            # text and a byline that closes it (no text under the byline), it repeats only the text above
            closing = 0 < i and blocks[i - 1].kind in ("para", "answer") and nxt is not None \
                and nxt.kind == "byline" and not (end + 1 < len(blocks) and blocks[end + 1].kind in ("para", "answer"))
            if len(text) >= TUNING.pq_min_chars and sum(len(b.text) for b in run) <= PQ_MAX \
                    and repeated(text, blocks[max(0, i - near):i + near]) \
                    and not (nxt and (nxt.kind == "byline" and (not closing or repeated(text, blocks[end:end + near]))
                                      or text in body.get(id(nxt), ""))):
                head = run[0]
                for b in run[1:]:
                    head.lines += b.lines
                    head.text += b.text
                    head.decisions += b.decisions
                    _note(head, f"joined with {b.id}: one pull quote set in several lines")
                del blocks[i + 1:end]
                head.kind, head.parts = "pullquote", []
                _note(head, "repeats a sentence of the body word for word: pull quote")
                break
        i += 1


def _pull_quote_over_its_text(blocks: list[Block], i: int) -> bool:
    """Reflow ended the block where a line says again what it opens with
    (``text-repeats-block``), and the next block opens with all of its words:
    a pull quote set right over the sentence it repeats."""
    b = blocks[i]
    if not b.decisions or b.decisions[-1].rule != "text-repeats-block" or i + 1 >= len(blocks) or len(b.text) > PQ_MAX:
        return False
    own = _bare(b.text)
    return len(own) >= TUNING.pq_min_chars and _bare(blocks[i + 1].text).startswith(own)


def _is_furniture(blocks: list[Block], i: int) -> bool:
    """Page header lines: date, editors, section name before the first text
    (a section name is two short words around a middle dot: 文化·访谈)."""
    b, t = blocks[i], blocks[i].text
    return any(ln.header for ln in b.lines) or i < 10 and bool(SECTION_NAME.match(t)) or len(t) <= 60 and "。" not in t and bool(
        FURNITURE.search(t) or i < 8 and len(t) <= 6 and not BODY_PUNCT.search(t)
        and i + 1 < len(blocks) and FURNITURE.search(blocks[i + 1].text))


def classify(blocks: list[Block], forced: dict[str, str] | None = None) -> str:
    """Set ``kind`` (and ``label``) on every block; return a page number found
    in the page header (``''`` if none)."""
    forced = forced or {}
    split_glued_lines(blocks, set(forced))
    for i, b in enumerate(blocks[:8]):
        if b.id not in forced and _is_furniture(blocks, i):
            b.kind = "furniture"
    page_no = _header_zone(blocks, set(forced))
    for i, b in enumerate(blocks):
        t = b.text
        if b.id in forced:
            b.kind = forced[b.id]
            if b.kind in ("question", "answer") and not b.label:
                b.label = speaker_label(t)
            continue
        if b.kind == "furniture":
            continue
        if _is_furniture(blocks, i):
            b.kind = "furniture"
            _note(b, "page header (date, editor or section name before any body text)")
            continue
        if re.fullmatch(r"\d{1,2}", t):
            b.kind = "pq_number"
            _note(b, "lone number: a pull-quote number")
            continue
        if i and blocks[i - 1].kind == "pq_number" and len(t) <= PQ_MAX:
            b.kind = "pullquote"
            _note(b, "short block after a lone number: pull quote")
            continue
        if NUMBERED.match(t) and len(t) <= PQ_MAX and not ends_sentence(t):
            b.kind = "pullquote"
            _note(b, "number glued to a short unfinished block: pull quote")
            continue
        if _credit_line(t):
            b.kind = "byline"
            _note(b, "byline pattern (记者/通讯员/来源 with names)")
            continue
        if b.repeat and len(t) <= PQ_MAX:
            b.kind = "pullquote"
            _note(b, "lines printed word for word elsewhere on the page, the repeat starting and ending with them: pull quote")
            continue
        if _pull_quote_over_its_text(blocks, i):
            b.kind = "pullquote"
            _note(b, "the next paragraph opens with its words: a pull quote set over the text it repeats")
            continue
        label = speaker_label(t) or long_speaker_label(t)
        if label and (BODY_PUNCT.search(t) or len(t) > 30) and not _headline_over_subtitle(b):
            b.kind, b.label = "turn", label
            continue
        if is_heading_text(b):
            b.kind = "heading"
            _note(b, "short block without a sentence in it, or a line wider than the column: heading")
            if _wrapped_after_sentence(blocks, i):
                b.parts = ["".join(b.line_texts())]
                _note(b, "cut after a sentence end with the line it wrapped onto, at most half as long" + WRAPPED_SUBHEAD)
            continue
        if len(b.lines) == 1 and headline_line(t) and not ends_sentence(t) \
                and open_marks(t) == 0 and open_marks(t, "《》") <= 0 and i + 1 < len(blocks) \
                and _credit_line(blocks[i + 1].text) and not speaker_label(t) and not DATELINE.match(t):
            b.kind = "heading"
            _note(b, "one line with no stop right over a byline: a headline")
            continue
        if _headline_lines_over_byline(blocks, i):
            b.kind = "heading"
            _note(b, "two or three headline lines with no stop right over a byline, after a finished block: a headline")
            continue
        if b.decisions and b.decisions[-1].rule in ("wider-lines-then-column", "wider-headline-then-indent",
                                                    "full-line-alone-then-indent") \
                and not ends_sentence(t) \
                and open_marks(t) == 0 and not speaker_label(t) and not _repeats_text(b, blocks):
            b.kind = "heading"
            _note(b, "lines set wider than the column under them, or a full line alone (or under headline lines)"
                     " over a first line, with no stop: a headline")
            continue
        if _lone_name_label(blocks, i):
            b.kind = "heading"
            _note(b, "a name label alone on its line over text that starts anew, the name opening no turn on the page: a heading's line")
            continue
        if _opens_page_unfinished(blocks, i):
            b.kind = "heading"
            _note(b, "the page's first text ends no sentence before a new paragraph: its headline")
            continue
        if _headline_lines_under_byline(blocks, i):
            b.kind = "heading"
            _note(b, "two to four headline lines with no stop right under a byline, over a new paragraph's indented "
                     "first line: a headline")
            continue
        if _unfinished_between_paragraphs(blocks, i):
            b.kind = "heading"
            _note(b, "ends no sentence between a paragraph's end and a new paragraph's indented first line: a heading")
            continue
        b.kind = "para"
    for i, b in enumerate(blocks):
        if b.id not in forced and _line_over_headline(blocks, i):
            b.kind = "heading"
            _note(b, "one line with no stop after a finished block, over a headline and its byline or dateline:"
                     " the headline's first line")
    _column_labels(blocks, forced)
    _rejoin_first_lines(blocks, forced)
    _reclaim_heading_lines(blocks, forced)
    _title_lines_over_subtitle(blocks, forced)
    _merge_headings(blocks)
    _rejoin_across_headings(blocks, forced)
    _quoted_turns(blocks, forced)
    _split_turns(blocks, forced)
    _repeats_body(blocks, set(forced))
    _pull_quote_ends(blocks, set(forced))
    _merge_headline_stacks(blocks)   # (after pull quotes are known: a repeat of the text is no headline's line)
    return page_no


def _pull_quote_ends(blocks: list[Block], keep: set[str] = frozenset()) -> None:
    """A pull quote's last line, cut off as a heading of its own (short, no
    stop), or its last lines, read as a quote of their own, go back to it:
    the quote and they together repeat the text word for word, where the
    quote alone ends inside a sentence.  They may stand anywhere on the
    page (dealt to another column, or put after other blocks); the nearest
    such block, either way, is taken.  A heading that took the line and the
    headline under it gives up its first line only.  Word for word with the
    text is what a headline never is."""
    body = [_bare(b.text) for b in blocks if b.kind in ("para", "answer") and len(b.text) > 30]
    for q in [b for b in blocks if b.kind == "pullquote"]:
        if q not in blocks:
            continue        # gone into a quote before it
        quote = _bare(q.text)
        quote = quote[1:] if NUMBERED.match(q.text) else quote    # its number glued on (1截至…)
        # (only the paragraphs that hold the quote can hold it with more words after it: a page of
        # thousands of blocks reads each paragraph once per quote, not once per quote and heading)
        holders = [o for o in body if quote in o]
        if not holders:
            continue
        i = blocks.index(q)
        near = [x for pair in itertools.zip_longest(blocks[i + 1:], blocks[:i][::-1]) for x in pair if x is not None]
        for h in near:
            if h.kind not in ("pullquote", "heading") or h.id in keep:
                continue
            # a heading's first printed line only, where the heading holds more (merged with the headline
            # under it), each printed line a line of the seed
            lines = printed_lines(h)
            first = h.text if h.kind == "pullquote" or len(lines) == 1 else lines[0]
            whole = quote + _bare(first)
            if (h.kind == "pullquote" or len(lines) == 1 or len(h.lines) == len(lines)) \
                    and len(first) + len(q.text) <= PQ_MAX and not ends_sentence(first) \
                    and any(whole in o and len(o) > len(whole) + 8 for o in holders):
                if first != h.text:
                    _, rest = _split_block(h, 1)
                    rest.kind = "heading"
                    blocks.insert(blocks.index(h) + 1, rest)
                _run_on(q, h)
                _note(q, f"with {h.id} ({h.kind} {h.span}): the quote's last words, set apart; together they repeat the text")
                blocks.remove(h)
                break


def _headline_piece(b: Block) -> bool:
    """At most two headline lines (a comma may stand inside) that end no sentence and leave no clause open."""
    texts = b.line_texts()
    return 1 <= len(texts) <= 2 and len(b.text) <= 40 and all(headline_line(x) for x in texts) \
        and not ends_sentence(b.text)


def _opens_page_unfinished(blocks: list[Block], i: int) -> bool:
    """The page's first text under its header, up to three pieces of at most two headline lines
    each (a comma may stand inside) and no sentence end, over a byline, over
    the masthead, over a dateline (which opens an article: 当天加工，安置点一天有三顿热汤热饭 |
    全运会结束全部赛事 | 人民网哈尔滨10月22日电…), or cut off before a paragraph's indented
    first line: a paragraph never ends
    without a stop, so they are the page's headline (社会进步，这是我第二次参加
    北戴河休养 | 能够被复制 随着人工智能; 专心度假，抓斗大王 | 我离开了…)."""
    k = i - 1
    while k >= 0 and blocks[k].kind == "heading":
        k -= 1
    if k >= 0 and blocks[k].kind not in ("furniture", "pq_number"):
        return False          # (text above the page header may come first: a lead across the top)
    j = i
    while j < len(blocks) and j - i < 3 and _headline_piece(blocks[j]) and not _credit_line(blocks[j].text):
        j += 1
    if j == i or j >= len(blocks):
        return False
    last, nxt = blocks[j - 1], blocks[j]
    if _credit_line(nxt.text):
        return True
    if nxt.kind == "furniture" and MASTHEAD_LINE.search(nxt.text) \
            and not any(DATELINE.match(b.text) for b in blocks[i:j]):
        return True           # (set over the masthead, between it and the page number: 汽车制造，推动国际国内两个市场)
    if last.decisions and last.decisions[-1].rule == "dateline-next" and nxt.kind == "para":
        return True           # (over a dateline, which opens an article: 当天加工，安置点… | 全运会… | 人民网哈尔滨…电)
    return bool(last.decisions) and last.decisions[-1].rule in ("next-indented", "bracket-label-next", "heading-then-indent") \
        and bool(nxt.lines) \
        and firstlike(nxt.lines[0]) and not _runs_across(last.text, nxt.text)


def _line_over_headline(blocks: list[Block], i: int) -> bool:
    """A line of running text by its width (a comma in it, it fills its column) but ending no
    sentence, after a block that ends its sentence (or a heading, a byline, the page's header), right
    over a heading that a byline or a dateline follows: the headline's first line, not a paragraph
    (…传递给更多人。 | 当天加工，安置点一天有三顿热汤热饭 | 全运会结束全部赛事 | 本报通讯员 雷 涛).
    A paragraph never ends without a stop, and the byline or dateline says an article opens there."""
    b = blocks[i]
    if b.kind != "para" or len(b.lines) != 1 or not 0 < i < len(blocks) - 2:
        return False
    prev, head, after = blocks[i - 1], blocks[i + 1], blocks[i + 2]
    return head.kind == "heading" and (_credit_line(after.text) or bool(DATELINE.match(after.text))) \
        and (prev.kind in ("heading", "furniture", "byline") or ends_sentence(prev.text)) \
        and _headline_stack(b, blocks)     # (last: it reads the page for the line's words)


def _headline_lines_over_byline(blocks: list[Block], i: int) -> bool:
    """Two or three headline lines (a comma may stand inside) with no stop, right over a
    byline, after a block that ends its sentence (or a heading, or the page's header):
    the article's headline (…传递给更多人。” | 硕士才是人才，成长为教授级高工 |
    他把校园从宿舍：社会进步 | 本报通讯员 黎 超)."""
    b = blocks[i]
    if not 2 <= len(b.lines) <= 3 or i + 1 >= len(blocks) or not _credit_line(blocks[i + 1].text):
        return False
    if not _headline_stack(b, blocks):
        return False
    prev = blocks[i - 1] if i else None
    return prev is None or prev.kind in ("heading", "furniture", "byline", "pq_number") \
        or prev.kind in ("para", "answer", "turn", "pullquote") and ends_sentence(prev.text)


def _headline_lines_under_byline(blocks: list[Block], i: int) -> bool:
    """Two to four headline lines (a comma may stand inside) with no stop, right under a
    byline and over a new paragraph's indented first line that no word runs into: a
    paragraph never ends without a stop, so they are a headline set under the byline
    (本报记者 王松 | 但是不能没有责任心，在遭遇困难的时候 | 全国两会引外媒热议 | 如今，…)."""
    b = blocks[i]
    if not 0 < i < len(blocks) - 1 or not 2 <= len(b.lines) <= 4 or blocks[i - 1].kind != "byline" \
            or not b.decisions or b.decisions[-1].rule != "next-indented" or not _headline_stack(b, blocks):
        return False
    nxt = blocks[i + 1]
    return bool(nxt.lines) and firstlike(nxt.lines[0]) and not _runs_across(b.text, nxt.text)


def _headline_stack(b: Block, blocks: list[Block]) -> bool:
    """Every printed line of ``b`` a headline line, no sentence end, no quotation or title
    mark left open, no speaker's label or dateline, not displaced, no text the page
    prints elsewhere (a pull quote), and no word across its lines (running text)."""
    texts = b.line_texts()
    return len(texts) == len(b.lines) and all(headline_line(x) for x in texts) and not ends_sentence(b.text) \
        and not open_marks(b.text) and not open_marks(b.text, "《》") and not speaker_label(b.text) \
        and not DATELINE.match(b.text) and not b.displaced and not _repeats_text(b, blocks) \
        and not any(_runs_across(x, y) for x, y in zip(texts, texts[1:]))


def _unfinished_between_paragraphs(blocks: list[Block], i: int) -> bool:
    """One or two headline lines (a comma may stand inside) with no stop, after a block
    that ends its sentence, a heading (a subhead's second line) or a byline (本报记者 黎瑶霞 |
    内心独白，与往年不同 | 【内心独白】…: what stands under a byline is text or a heading) and over a new
    paragraph's indented first line (or a 【label】 that opens one) that no word
    runs into: a paragraph never ends without a stop, so they are a heading
    (…物流新通道。| 推动成都电子信息，汽车制造 | 汽车制造，推动成都电子信息 | 与此同时，…).
    Reflow's break before that first line may be read as a full line alone over it
    (``full-line-alone-then-indent``, tested first): the same evidence."""
    b = blocks[i]
    if not 0 < i < len(blocks) - 1 or not b.decisions \
            or b.decisions[-1].rule not in ("next-indented", "bracket-label-next", "full-line-alone-then-indent") \
            or not _headline_piece(b) or open_marks(b.text) or open_marks(b.text, "《》") \
            or speaker_label(b.text) or DATELINE.match(b.text) or _credit_line(b.text) or b.displaced:
        return False
    prev, nxt = blocks[i - 1], blocks[i + 1]
    return (prev.kind in ("heading", "byline") or prev.kind in ("para", "answer", "turn")
            and (ends_sentence(prev.text) or prev.text.endswith("："))) \
        and bool(nxt.lines) and firstlike(nxt.lines[0]) and not _runs_across(b.text, nxt.text) \
        and all(ln.width <= ln.colw + 1 for ln in b.lines)


def _tag_over(tag: str, line: str) -> bool:
    """A section tag over a headline line; one of four characters only over a
    line at least twice as long (a two-line subhead's lines are of a length).

    >>> _tag_over("简讯", "雨"), _tag_over("本地新闻", "我市气温将下降3℃~5℃"), _tag_over("问需于民", "排出改造清单")
    (True, True, False)
    """
    tag = tag.replace(" ", "")
    return is_section_tag(tag) and (len(tag) <= 3 or len(line) >= 2 * len(tag))


INSIDE_SENTENCE = "set where a sentence runs on past it: a headline across columns, not a subhead"
COLUMN_LABEL = "a short tag over a headline (one line, or two blocks with no —— subtitle) with text under it: the column's label"


def _column_labels(blocks: list[Block], forced: dict[str, str]) -> None:
    """A two- or three-character tag alone on its line (简讯) right over a
    one-line headline with text under it labels the column of articles it
    heads: page furniture, not a kicker (a kicker stands over a headline of
    several lines, 东西问 | title | ——subtitle, or over one with its byline
    under it: 东西谈 | title | 本报记者 …).  Over one or two headline blocks
    with no —— subtitle and text right under them it is the label too, where
    it starts anew (after a finished sentence, a byline, the page's top): a
    short line ending another line (…的场景引 | 人驻足) is no tag."""
    body = ("para", "answer", "turn")
    for i, b in enumerate(blocks[:-2]):
        nxt, after = blocks[i + 1], blocks[i + 2]
        if b.id in forced or b.kind != "heading" or len(b.lines) != 1 or not _tag_over(b.text, nxt.text):
            continue
        if nxt.kind == "heading" and (_one_printed_line(nxt) and after.kind in body or generic_section(b.text)):
            b.kind = "furniture"
            _note(b, COLUMN_LABEL)
            continue
        # (a headline of several lines under it: a kicker only over a —— subtitle or a byline;
        # and the tag starts anew: after a finished sentence, a byline or the page's top)
        stack = list(itertools.takewhile(lambda x: x.kind == "heading", blocks[i + 1:]))
        under = blocks[i + 1 + len(stack)] if i + 1 + len(stack) < len(blocks) else None
        before = blocks[i - 1] if i else None
        anew = before is None or before.kind in ("byline", "furniture") \
            or bool(before.lines) and ends_sentence(before.lines[-1].text)
        if anew and stack and under is not None and under.kind in body and len(stack) <= 2 \
                and not any(DASH_OPEN.match(ln.text) for x in stack for ln in x.lines):
            b.kind = "furniture"
            _note(b, COLUMN_LABEL)


def _one_printed_line(b: Block) -> bool:
    """One seed line, or two where the first wrapped onto the second (…综合整 | 治)."""
    texts = b.line_texts()
    return len(b.lines) == 1 or len(b.lines) == 2 and len(texts) == 2 \
        and (_wraps(*texts) or wrap_remainder(*texts))


def _in_brief_column(blocks: list[Block], i: int) -> bool:
    """Heading ``i`` heads the next brief of a column of briefs: going back, one
    paragraph (with its credit) under each headline, up to the column's label.

    >>> from kanbao.model import Line
    >>> bl = [Block(f"b{k}", [Line(k, "", t, 2 * len(t))], t, kind=kind) for k, (t, kind) in enumerate(
    ...     [("简讯", "furniture"), ("台风登陆", "heading"), ("项目已于11月12日试运行。", "para"), ("林丹封王", "heading")])]
    >>> bl[0].notes.append(COLUMN_LABEL)
    >>> _in_brief_column(bl, 3), _in_brief_column(bl, 1)
    (True, False)
    """
    paras = 0
    for j in range(i - 1, -1, -1):
        b = blocks[j]
        if COLUMN_LABEL in b.notes:
            return j < i - 1
        if b.kind in ("para", "answer"):
            paras += 1
            if paras > 1:
                return False
        elif b.kind == "heading" and _one_printed_line(b) and paras == 1:
            paras = 0
        elif b.kind != "byline":
            return False
    return False


def _rejoin_first_lines(blocks: list[Block], forced: dict[str, str]) -> None:
    """A heading's last line as wide as its column, with a word running from
    it into the paragraph right under it (饮用|水。), is that paragraph's
    first line: the line joiner cut it off at a blank line.

    >>> from kanbao.model import Line
    >>> bs = [Block("b1", [Line(1, "", "也储备了充足的食物和饮用", 24, colw=26)], "也储备了充足的食物和饮用", kind="heading"),
    ...       Block("b2", [Line(2, "", "水。山东货车司机王金光说，", 26, colw=26)], "水。山东货车司机王金光说，")]
    >>> _rejoin_first_lines(bs, {}); [(b.text, b.kind) for b in bs]
    [('也储备了充足的食物和饮用水。山东货车司机王金光说，', 'para')]
    """
    i = 0
    while i + 1 < len(blocks):
        b, n = blocks[i], blocks[i + 1]
        texts = b.line_texts()
        ln = b.lines[-1] if b.lines else None
        if b.kind == "heading" and n.kind == "para" and len(texts) == len(b.lines) <= 3 and b.id not in forced \
                and n.id not in forced and ln.colw >= 16 and ln.width >= ln.colw - 2 and not ends_sentence(texts[-1]) \
                and n.lines and not n.lines[0].blanks_before and word_across(texts[-1], n.text):
            piece = _split_block(b, len(b.lines) - 1)[1] if len(b.lines) > 1 else b
            n.lines, n.text = piece.lines + n.lines, piece.text + n.text
            _note(n, f"line {ln.no} (as wide as the column, a word running from it into this text) is its first line")
            if piece is b:
                del blocks[i]
                continue
        i += 1


def _reclaim_heading_lines(blocks: list[Block], forced: dict[str, str]) -> None:
    """A one-line heading whose first word starts on the last line of the
    paragraph before it (制造|业有了新面孔) takes that line back when the two
    lines sit closer together than the paragraph's own lines (no blank line
    between them, a blank line before each of the paragraph's lines) and
    read as one short headline.

    >>> from kanbao.model import Line
    >>> p = Block("b1", [Line(67, "", "融。近段时间，记者赴", 20, blanks_before=1), Line(69, "", "工厂焕新，制造", 14, blanks_before=1)],
    ...           "融。近段时间，记者赴工厂焕新，制造")
    >>> h = Block("b2", [Line(70, "", "业有了新面孔", 12)], "业有了新面孔", kind="heading")
    >>> bs = [p, h]; _reclaim_heading_lines(bs, {}); [b.text for b in bs]
    ['融。近段时间，记者赴', '工厂焕新，制造业有了新面孔']
    """
    for i in range(1, len(blocks)):
        p, h = blocks[i - 1], blocks[i]
        texts = p.line_texts()
        if h.kind != "heading" or p.kind != "para" or len(h.lines) != 1 or len(p.lines) < 2 or len(texts) != len(p.lines) \
                or h.id in forced or p.id in forced or h.lines[0].blanks_before or not all(ln.blanks_before for ln in p.lines[1:]):
            continue
        last, joined = texts[-1], texts[-1] + h.text
        if len(joined) <= 24 and not re.search("[。！？；]", joined) and not ends_sentence(texts[-2]) \
                and word_across(last, h.text) and not word_across(texts[-2], last):
            piece = _split_block(p, len(p.lines) - 1)[1]
            h.lines, h.text, h.parts = piece.lines + h.lines, joined, [joined]   # one printed line, wrapped
            _note(h, f"line {piece.lines[0].no} (set as close to it as its own lines, a word running on) is its first line")


def _run_on(a: Block, b: Block) -> None:
    """Block ``b``'s lines, text and decisions go on at the end of ``a``'s."""
    a.text += b.text
    a.lines = a.lines + b.lines
    a.decisions = a.decisions + b.decisions


def _absorb_heading(a: Block, b: Block) -> None:
    """Make heading ``b``'s printed lines the last lines of heading ``a``.

    >>> from kanbao.model import Line
    >>> a, b = Block("b1", [Line(1, "", "法治进校园", 10)], "法治进校园"), Block("b2", [Line(2, "", "健康成长", 8)], "健康成长")
    >>> _absorb_heading(a, b); a.text, a.parts, [ln.no for ln in a.lines]
    ('法治进校园健康成长', ['法治进校园', '健康成长'], [1, 2])
    """
    a.parts = printed_lines(a) + printed_lines(b)
    _run_on(a, b)


def _merge_headline_stacks(blocks: list[Block]) -> None:
    """Heading blocks stacked right over a —— subtitle, three or four printed
    lines in all, are one headline: kicker, a title in one or two lines, the
    subtitle (乡村振兴看江城 | “山沟沟里飞出了金凤凰” | 小村庄走出大产业 |
    ——记青山村的产业振兴之路), in consecutive lines or set apart by blank
    lines only (pdftotext), a piece a narrow column wrapped counted with the
    line it ends (``_unwrapped``); no section tag or speaker's label over a
    blank line.  Not among headlines displaced to the dump's end, where
    another article's headline may stand right above.

    >>> from kanbao.model import Line
    >>> bs = [Block(f"b{i}", [Line(i, "", t, 2 * len(t))], t, kind="heading")
    ...       for i, t in enumerate(["乡村振兴看江城", "小村庄走出大产业", "——记青山村"], 1)]
    >>> _merge_headline_stacks(bs); [b.parts for b in bs]
    [['乡村振兴看江城', '小村庄走出大产业', '——记青山村']]
    """
    j = 0
    while j < len(blocks):
        if j > 0 and blocks[j - 1].kind == "heading":
            _cut_subhead_off_subtitle(blocks, j)
        b = blocks[j]
        lines = _unwrapped(printed_lines(b))
        if b.kind != "heading" or b.displaced or not DASH_OPEN.match(lines[-1]) \
                or any(DASH_OPEN.match(x) for x in lines[:-1]):
            j += 1
            continue
        i, total = j, len(lines)
        while i > 0 and blocks[i - 1].kind == "heading" and not blocks[i - 1].displaced \
                and total + len(above := _unwrapped(printed_lines(blocks[i - 1]))) <= 4 \
                and not any(DASH_OPEN.match(x) for x in above) \
                and not BODY_PUNCT.search(blocks[i - 1].text[-1:]) \
                and blocks[i - 1].lines and blocks[i].lines \
                and blocks[i].lines[0].no == blocks[i - 1].lines[-1].no + 1 + blocks[i].lines[0].blanks_before \
                and not (blocks[i].lines[0].blanks_before and _not_headline_over_blank(blocks[i - 1])):
            i -= 1
            total += len(above)
        if j - i >= 1 and total >= 3 and sum(len(x.text) for x in blocks[i:j + 1]) <= 60:
            for x in blocks[i + 1:j + 1]:
                _absorb_heading(blocks[i], x)
            _note(blocks[i], f"heading blocks {', '.join(x.id for x in blocks[i + 1:j + 1])} stacked over its —— subtitle:"
                             " one headline")
            del blocks[i + 1:j + 1]
            j = i
        j += 1


def _unwrapped(lines: list[str]) -> list[str]:
    """A heading's printed lines with the pieces a narrow column wrapped put back
    on the line they end (``_wraps``, ``wrap_remainder``).

    >>> _unwrapped(["跨境电商：汽车制造", "——当天整治行动共清理杂", "物4车"])
    ['跨境电商：汽车制造', '——当天整治行动共清理杂物4车']
    """
    return ["".join(lines[i] for i in g) for g in _wrap_groups(lines)]


def _wrap_groups(lines: list[str]) -> list[list[int]]:
    """Indices of ``lines`` grouped by printed line: a piece that wraps the one
    before it (``_wraps``, ``wrap_remainder``) stays with it.

    >>> _wrap_groups(["东西问", "江门五邑侨批中有何家国", "密码？"])
    [[0], [1, 2]]
    """
    groups: list[list[int]] = [[0]] if lines else []
    for i in range(1, len(lines)):
        if _wraps(lines[i - 1], lines[i]) or wrap_remainder(lines[i - 1], lines[i]):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _not_headline_over_blank(b: Block) -> bool:
    """A heading block that may not stand over a blank line as a headline's
    line: a section tag (简讯) or a speaker's label (省统计局副局长范涛航：项 |
    目…: an answer's first lines cut off at a column break).

    >>> mk = lambda t: Block("b", [Line(1, "", t, 2 * len(t))], t, kind="heading")
    >>> _not_headline_over_blank(mk("简讯")), _not_headline_over_blank(mk("局长范涛航：项目")), _not_headline_over_blank(mk("这不仅解决运输难题"))
    (True, True, False)
    """
    return is_section_tag(b.text) or bool(speaker_label(b.text) or long_speaker_label(b.text) or NAME_LABEL.match(b.text))


def _cut_subhead_off_subtitle(blocks: list[Block], j: int) -> None:
    """Heading ``blocks[j]`` whose —— line ran on into a line that is no wrap
    of it (——记青山村的产业振兴之路 | 茶园里的新变化): that last line is a
    heading of its own, put right after it."""
    b = blocks[j]
    lines = printed_lines(b)
    if b.kind == "heading" and not b.displaced and len(lines) >= 2 and len(lines) == len(b.lines) \
            and _subtitle_ends(lines[-2], lines[-1]):
        b, rest = _split_block(b, len(lines) - 1)
        rest.kind = "heading"
        _note(rest, f"cut from the subtitle {b.id} over it: a heading of its own")
        blocks.insert(j + 1, rest)


def _subtitle_ends(last: str, first: str) -> bool:
    """A —— subtitle is a headline's last printed line: the headline ends
    after ``last`` unless ``first`` wraps it or is another —— line
    (——超过去年全年量6万吨 | 志愿者共同参与: the next article's headline).

    >>> _subtitle_ends("——记青山村的产业振兴之路", "志愿者共同参与"), _subtitle_ends("小村庄走出大产业", "——记青山村")
    (True, False)
    """
    return bool(DASH_OPEN.match(last)) and not DASH_OPEN.match(first) \
        and not _wraps(last, first) and not wrap_remainder(last, first)


def _merge_headings(blocks: list[Block]) -> None:
    """Two heading blocks in a row are one heading set in two lines (主题 + 副题);
    a third line joins them when a word wraps onto it, it opens with ——, or
    the first line is a kicker ending in a colon.  Whether the two are one line
    each is read from their printed lines (``printed_lines``): a heading line
    wrapped in two (…帮助 | 缺劳力的农户) is one; the third-line tests count seed lines."""
    # where the extractor sets blank lines between text boxes, two headings with none between are one box
    spaced = any(ln.blanks_before for b in blocks for ln in b.lines)
    i = 0
    while i + 1 < len(blocks):
        a, j = blocks[i], i + 1
        while i < 10 and j + 1 < len(blocks) and blocks[j].kind == "furniture":
            j += 1      # page-header lines an extractor set between a kicker and its title
        b = blocks[j]
        # (nor a name label alone under a heading: a subhead or a headline's last line of its own, 樊明武院士：)
        headings = a.kind == b.kind == "heading" and not _subtitle_ends(printed_lines(a)[-1], printed_lines(b)[0]) \
            and not (len(b.lines) == 1 and NAME_LABEL.match(b.text))
        wrapped = headings and (len(a.lines) + len(b.lines) == 3 and len(b.lines) == 1 and (
            _wraps(printed_lines(a)[-1], b.text) or DASH_OPEN.match(b.text)   # or a —— subtitle under two lines
            or wrap_remainder(printed_lines(a)[-1], b.text) and len(b.text) <= 3   # a wrapped end (…谨防感冒 | 着凉)
            or printed_lines(a)[0].endswith(("：", ":")) and not BODY_PUNCT.search(b.text)) \
            or len(printed_lines(a)) + len(printed_lines(b)) == 3 \
            and _third_line(a, b, blocks[j + 1] if j + 1 < len(blocks) else None, blocks) \
            or len(a.lines) == 1 and len(b.lines) == 2 and DASH_OPEN.match(printed_lines(b)[-1]) \
            and not DASH_OPEN.match(printed_lines(b)[0]) and not DASH_OPEN.match(a.text))   # kicker | title + —— subtitle
        label_over = a.kind == "para" and b.kind == "heading" and len(a.lines) == 1 and NAME_LABEL.match(a.text) \
            and names_someone(a.text[:-1]) \
            and len(b.lines) <= 2      # 包起帆：| 依靠聪明才智创造奇迹 (a name set over a profile's subhead; not 以下是采访实录：)
        if label_over or headings and len(a.text) + len(b.text) <= 60 \
                and (len(printed_lines(a)) + len(printed_lines(b)) <= 2 or wrapped
                     or _wrapped_pair(a, b, spaced)):
            a.kind = "heading"
            _absorb_heading(a, b)
            _note(a, f"a name label over the heading {b.id}: one heading (a profile's subhead)" if label_over
                  else f"merged with the heading {b.id} right after it (two-line heading)")
            del blocks[j]
            label = speaker_label(a.text) or long_speaker_label(a.text)
            if label and BODY_PUNCT.search(a.text) and not DASH_OPEN.match(printed_lines(a)[-1]):   # (a —— subtitle closes a headline)
                a.kind, a.label, a.parts = "turn", label, []
                _note(a, f"the two pieces make one turn of 「{label}」 cut at a line end")
            continue      # a third line (a wrapped word, a —— subtitle) may follow
        i += 1


def _wrapped_pair(a: Block, b: Block, spaced: bool) -> bool:
    """Headings ``a`` and ``b`` are each one printed line wrapped in two by a narrow column
    (``_unwrapped``), with no blank line between them where the extractor sets blank lines
    between text boxes (``spaced``): the two lines of one headline, not a headline and a
    subhead, nor two subheads (a blank line parts those); nor under a —— subtitle, which
    ends its headline.

    >>> from kanbao.model import Line
    >>> a = Block("b1", [Line(4, "", "气温下降 注意适时增", 19), Line(5, "", "添衣物", 6)], "气温下降 注意适时增添衣物")
    >>> b = Block("b2", [Line(6, "", "谨防感冒着凉 体感方", 19), Line(7, "", "面较为清凉", 10)], "谨防感冒着凉 体感方面较为清凉")
    >>> _wrapped_pair(a, b, True), _wrapped_pair(a, b, False)
    (True, False)
    """
    if not spaced or b.lines[0].blanks_before or len(a.lines) != 2 or len(b.lines) != 2:
        return False
    ua, ub = _unwrapped(printed_lines(a)), _unwrapped(printed_lines(b))
    return len(ua) == len(ub) == 1 and not DASH_OPEN.match(ua[0])


def _lone_name_label(blocks: list[Block], i: int) -> bool:
    """Block ``i`` ends with a name and a colon alone on its line (樊明武院士：),
    under up to two headline lines, and no turn follows: the text under it
    starts anew (an indented first line, a dateline, a byline), and no other
    block on the page opens with that name and a colon.  A speaker's label
    alone on its line runs on into the turn's text; this one is a headline's
    or subhead's line.

    >>> from kanbao.model import Decision, Line
    >>> end = [Decision("lead-in-then-indent", False, 5)]
    >>> lab = Block("b1", [Line(5, "", "樊明武院士：", 12)], "樊明武院士：", decisions=end)
    >>> txt = Block("b2", [Line(6, "", "今年以来，市口岸物流办已", 24)], "今年以来，市口岸物流办已先后为企业解决需求。")
    >>> _lone_name_label([lab, txt], 0), _lone_name_label([lab, txt, Block("b3", [], "樊明武院士：我们…")], 0)
    (True, False)
    """
    b = blocks[i]
    texts = b.line_texts()
    label = texts[-1] if texts else ""
    if not 1 <= len(b.lines) == len(texts) <= 3 or not NAME_LABEL.match(label) or not names_someone(label[:-1]) \
            or ASKER.search(label[:-1]) or not all(_headlike_text(x) for x in texts[:-1]) \
            or not b.decisions or b.decisions[-1].rule not in ("lead-in-then-indent", "dateline-next", "byline"):
        return False
    return not any(x is not b and x.text.startswith(label[:-1]) and x.text[len(label) - 1:len(label)] in "：:"
                   and len(x.text) > len(label) for x in blocks)


def _title_lines_over_subtitle(blocks: list[Block], forced: dict[str, str]) -> None:
    """A short block of one to three lines right over a —— subtitle, none of
    them ending a sentence or a clause, after a block that ends one, is the
    subtitle's kicker and title, even with a comma inside (进出口商品集散中心，前10月 |
    职工的牵挂就是我的牵挂 | ——中国常驻联合国代表团举行国庆招待会): text never stops
    without a mark right over a subtitle.  The line right over the subtitle may
    end in a question or exclamation mark (…有何家国密码？ | ——…): a headline asks.
    A kicker may open like a speaker's label (技术研发：平台承接能力不强 |
    更加好，一体化工作机制 | ——…): on a page with no other turn it is no interview's."""
    turns = sum(b.kind == "turn" for b in blocks)
    for i in range(1, len(blocks)):
        sub, p = blocks[i], blocks[i - 1]
        if sub.kind != "heading" or sub.displaced or not DASH_OPEN.match(sub.text) \
                or p.kind not in ("para", "turn") or p.id in forced or p.displaced or not p.lines or len(p.lines) > 3 \
                or len(p.text) > 40 or sub.lines[0].no - p.lines[-1].no > 2 or open_marks(p.text) \
                or any(ends_sentence(x) and not (k == len(p.lines) - 1 and x.endswith(("？", "！", "?", "!")))
                       or ends_open(x) or DASH_OPEN.match(x) for k, x in enumerate(p.line_texts())) \
                or speaker_label(p.text) and turns > (p.kind == "turn") or DATELINE.match(p.text):
            continue
        before = blocks[i - 2] if i >= 2 else None
        if before is not None and before.kind in ("para", "answer", "turn") and not ends_sentence(before.text):
            continue      # (the end of a paragraph cut off there)
        p.kind, p.label = "heading", ""
        _note(p, "short lines with no stop right over a —— subtitle: its headline")


def _third_line(a: Block, b: Block, after: Block | None, blocks: list[Block]) -> bool:
    """Two heading blocks of three printed lines in all, one under the other,
    no —— subtitle among the first's lines, the text's indented first line
    right under them (驻华记者关注反腐倡廉 | 黑龙江鸡西：金秋水稻收割忙 |
    本市天气开启多雨模式 | 未来几天，…): kicker, title and subtitle of one
    headline, not a headline and a subhead opening the text; unless the first
    repeats the text word for word (a pull quote)."""
    return after is not None and after.kind == "para" and bool(after.lines) and firstlike(after.lines[0]) \
        and not a.displaced and not b.displaced and _next_in_dump(a.lines[-1], b.lines[0]) \
        and not any(DASH_OPEN.match(x) for x in printed_lines(a)) and len(b.text) <= 24 \
        and not _repeats_text(a, blocks)


def _repeats_text(b: Block, blocks: list[Block]) -> bool:
    """``b`` (eight characters or more) is printed word for word inside a paragraph."""
    own = _bare(b.text)
    return len(own) >= 8 and any(own in _bare(x.text) for x in blocks if x.kind == "para" and x is not b)


def _rejoin_across_headings(blocks: list[Block], forced: dict[str, str]) -> None:
    """A paragraph (or a speaker's turn) that stops mid-sentence on a full
    line, then a headline (or page furniture) the extractor put at the height
    it is printed, then text that goes on from it (not an indented first line,
    a label or a dateline): the paragraph runs on under the headline, which
    follows it.

    >>> from kanbao.model import Line
    >>> p = Block("b1", [Line(1, "", "的路是一条中国职工在党的培养下", 30, colw=30)], "的路是一条中国职工在党的培养下")
    >>> h = Block("b2", [Line(3, "", "内心独白，与往年不同", 20, colw=30, blanks_before=1)], "内心独白，与往年不同", kind="heading")
    >>> q = Block("b3", [Line(5, "", "不断成长的路。我相信，“包起帆”", 30, colw=30, blanks_before=1)], "不断成长的路。我相信，“包起帆”")
    >>> bs = [p, h, q]; _rejoin_across_headings(bs, {}); [b.text for b in bs]
    ['的路是一条中国职工在党的培养下不断成长的路。我相信，“包起帆”', '内心独白，与往年不同']
    """
    i = 0
    while i < len(blocks):
        p = blocks[i]
        j = i + 1
        while j < len(blocks) and j - i <= 3 and blocks[j].kind in ("heading", "furniture"):
            j += 1
        if j == i + 1 or j >= len(blocks) or p.kind not in ("para", "turn") or blocks[j].kind != "para" \
                or p.id in forced or blocks[j].id in forced or not p.lines or not blocks[j].lines:
            i += 1
            continue
        q, last, first = blocks[j], p.lines[-1], blocks[j].lines[0]
        open_end = not ends_sentence(last.text) and (ends_open(last.text) or is_full(last))
        if open_end and goes_on(last, first):
            _run_on(p, q)
            _note(p, f"runs on past the headline or page line at {blocks[i + 1].span}: "
                     f"line {last.no} ends mid-sentence, line {first.no} goes on")
            for h in blocks[i + 1:j]:
                if h.kind == "heading":
                    _note(h, INSIDE_SENTENCE)
            del blocks[j]
            continue
        i += 1


def _quoted_turns(blocks: list[Block], forced: dict[str, str]) -> None:
    """A paragraph opening with a label that opens turns elsewhere on the page,
    its colon followed by a quotation (姚琳峰：“线上科创通…”服务模式…), is
    that speaker's turn too.

    >>> a = Block("b1", [], "姚琳峰：今年我们重点推进三件事。", kind="turn", label="姚琳峰")
    >>> b = Block("b2", [], "姚琳峰：“线上科创通”服务模式，及时发布需求。", kind="para")
    >>> _quoted_turns([a, b], {}); b.kind, b.label
    ('turn', '姚琳峰')

    So is one on a page where only the asking side has turns (记者：…？):

    >>> q = Block("b3", [], "记者：服务模式如何？", kind="turn", label="记者")
    >>> c = Block("b4", [], "田琳丽：“线上科创通”服务模式，及时发布需求。", kind="para")
    >>> _quoted_turns([q, c], {}); c.kind, c.label
    ('turn', '田琳丽')
    """
    labels = {b.label for b in blocks if b.kind == "turn"}
    # (where only the asking side has turns, 记者：…？, a name's label over a quotation is the answer's)
    answered = any(not ASKER.search(lab) for lab in labels)
    for b in blocks:
        if b.kind == "para" and b.id not in forced and (label := quoted_label(b.text)) \
                and (label in labels or labels and not answered and not ASKER.search(label)):
            b.kind, b.label = "turn", label
            _note(b, f"opens with 「{label}」's label, as other turns on the page do, then a quotation: a turn"
                  if label in labels else f"opens with 「{label}」's label, then a quotation, on a page where "
                  "only the asking side has turns: the answer")


def _split_turns(blocks: list[Block], forced: dict[str, str]) -> None:
    """Questions are the turns of the label that asks (its turns end in ？)."""
    turns = [b for b in blocks if b.kind == "turn" and b.id not in forced]
    by_label: dict[str, list[Block]] = {}
    for b in turns:
        by_label.setdefault(b.label, []).append(b)
    # (beside a reporter's label, a name asks only where more than half its turns end in ？: an
    # answer may end in a question it raises, 薛涛：…重大作用？ | 薛涛：按照…堵点。 | 记者：…？)
    more = 1 if any(ASKER.search(lab) for lab in by_label) else 0
    asks = {lab for lab, bs in by_label.items()
            if sum(ends_question(b.text) for b in bs) * 2 >= len(bs) + more and len(by_label) > 1 or ASKER.search(lab)}
    if len(asks) > 1 and "主持人" in asks and not all(ends_question(b.text) for b in by_label["主持人"]):
        asks.discard("主持人")   # a host who hands over to the reporters' questions is not the one asking
    for b in turns:
        if len(by_label) == 1 and len(by_label[b.label]) == 1 and not ASKER.search(b.label):
            b.kind, b.label = "para", ""
            continue
        b.kind = "question" if b.label in asks and (len(by_label) > 1 or ASKER.search(b.label)) else "answer"
        _note(b, f"speaker label 「{b.label}」: {b.kind}")


def _text_after_headings(blocks: list[Block], i: int) -> bool:
    """Blocks from ``i`` on are headings, if any, and then text (a paragraph or an
    answer), not a byline: no headline of an article of its own, which has its byline.

    >>> from kanbao.model import Line
    >>> bl = [Block(f"b{n}", [Line(n, "", "某", 2)], "某", kind=k) for n, k in enumerate(["heading", "heading", "para", "byline"])]
    >>> _text_after_headings(bl, 0), _text_after_headings(bl, 3), _text_after_headings(bl[:2] + bl[3:], 0)
    (True, False, False)
    """
    k = _past_headings(blocks, i)
    return k < len(blocks) and blocks[k].kind in ("para", "answer")


def _past_headings(blocks: list[Block], i: int) -> int:
    """The index of the first block from ``i`` on that is no heading (``len(blocks)`` if none)."""
    while i < len(blocks) and blocks[i].kind == "heading":
        i += 1
    return i


def _title_score(blocks: list[Block], i: int, seen_content: bool, before: list[Block] | None = None,
                 headline_above: bool = False, in_order: bool = True) -> tuple[int, list[str]]:
    """How many kinds of evidence say heading ``i`` opens an article, and which.

    ``in_order``: the page's text came out in reading order (no interleaved
    pieces of columns were put back in order).

    ``headline_above``: the heading sits under a headline and that headline's
    own byline, with no text yet; the byline closes nothing, and the
    heading is not the page's first.
    """
    why = []
    if before:
        after = [b for b in blocks[i + 1:i + 5] if b.kind in ("para", "answer")]
        if after:
            vec = Vectorizer([b.text for b in before + after])
            sim = vec.cosine(vec.vector("".join(b.text for b in before)), vec.vector("".join(b.text for b in after)))
            if sim < TUNING.topic_shift:
                why.append(f"what follows shares little with the article before ({sim:.2f})")
            hv = vec.vector(blocks[i].text)
            h_after = vec.cosine(hv, vec.vector("".join(b.text for b in after)))
            h_before = vec.cosine(hv, vec.vector("".join(b.text for b in before)))
            if h_after > 0.05 and h_after > 2 * h_before:
                why.append(f"its words recur after it ({h_after:.2f}), not before ({h_before:.2f})")
        if after and before and _column_changes(before[-1], after[0]):
            why.append("followed by text in another column width")
    nxt = [b for b in blocks[i + 1:i + 3]]
    if any(b.kind == "byline" for b in nxt[:2]):
        why.append("byline next to it")
    if i and blocks[i - 1].kind == "byline" and not headline_above:
        why.append("follows a closing byline")
    elif i and CREDIT_NOTE.search(blocks[i - 1].text):
        why.append("follows a credit note that closes the article before")
    if not seen_content and not headline_above:
        why.append("first heading on the page")
    if i and COLUMN_LABEL in blocks[i - 1].notes:
        why.append("under a column's label")
    elif _one_printed_line(blocks[i]) and _in_brief_column(blocks, i):
        why.append("the next brief in a column of briefs")
    if nxt and nxt[0].kind in ("para", "answer") and DATELINE.match(nxt[0].text):
        why.append("followed by a dateline")
    ln = blocks[i].lines[0]
    if ln.width > ln.colw + 6:
        why.append("wider than the column")
    # (not where pieces of columns came out interleaved and were put back in order: a headline's
    # place among them says little about where its article starts)
    if any(DASH_OPEN.match(x) for x in printed_lines(blocks[i])[1:]) and in_order:
        why.append("a —— subtitle under it (a headline's, never a subhead's)")
    return len(why), why


def _title_cuts(t: Block, loose: bool = False) -> list[int]:
    """Seed-line indices where one printed line of heading ``t`` ends and another,
    that could be a headline of its own, starts: between heading blocks the
    grouping merged; with ``loose`` also between any two seed lines where no
    word runs across (…家门口 | 冷链交易…).  Never before a —— subtitle,
    after a kicker ending in a colon, or inside three lines that end in a ——
    subtitle (a kicker, a title and its subtitle: on the tuning pages' gold,
    such a cut was wrong 7 times in 7).

    >>> from kanbao.model import Line
    >>> ls = [Line(1, "", "本市北部地区阴有阵雨：本市雨水连", 32), Line(2, "", "连", 2), Line(3, "", "更多权威信息透露未来规划", 24)]
    >>> b = Block("b1", ls, "".join(ln.text for ln in ls), parts=["本市北部地区阴有阵雨：本市雨水连连", "更多权威信息透露未来规划"])
    >>> _title_cuts(b), _title_cuts(Block("b2", ls[:2], "本市北部地区阴有阵雨：本市雨水连连"), loose=True)
    ([2], [])
    """
    texts = t.line_texts()
    if len(texts) != len(t.lines) or len(texts) == 3 and DASH_OPEN.match(texts[-1]):
        return []       # (three lines ending in a —— subtitle: a kicker, a title and its subtitle)
    ends, n = set(), 0
    for part in t.parts[:-1]:
        n += len(part)
        ends.add(n)
    cuts, n = [], 0
    for k in range(1, len(texts)):
        n += len(texts[k - 1])
        a, b = texts[k - 1], texts[k]
        if DASH_OPEN.match(b) or a.endswith(("：", ":")):
            continue
        if n in ends or loose and not _wraps(a, b) and not wrap_remainder(a, b):
            cuts.append(k)
    return cuts


def _best_title_split(titles: list[Block], segs: list[list[Block]], vec: Vectorizer) -> tuple[Block, int] | None:
    """The headline block and line to cut it at: where each half on its own
    shares words with another piece of text, the cut whose weaker half matches
    best; else the block of most lines, cut after its first line between two
    headings the grouping merged, or failing that anywhere no word runs
    across (the headlines' order gives no better hint)."""
    heads = [vec.vector("".join(b.text for b in sg[:4] if b.kind in ("para", "answer"))) for sg in segs]

    def fit(text: str) -> tuple[float, int]:
        v = vec.vector(text)
        return max(((vec.cosine(v, h), i) for i, h in enumerate(heads)), default=(0.0, -1))
    best, score = None, 0.0
    for t in titles:
        texts = t.line_texts()
        for k in _title_cuts(t, loose=True):
            (a, i), (b, j) = fit("".join(texts[:k])), fit("".join(texts[k:]))
            if i != j and min(a, b) > score:
                best, score = (t, k), min(a, b)
    if best is not None:
        return best
    for loose in (False, True):
        multi = [t for t in titles if _title_cuts(t, loose)]
        if multi:
            t = max(multi, key=lambda x: len(x.lines))
            return t, _title_cuts(t, loose)[0]
    return None


BRIEFS_LABEL = "a section tag over paragraphs whose headlines were displaced: a column of briefs, one per paragraph"


def _brief_labels(blocks: list[Block]) -> tuple[list[Block], set[int]]:
    """A section tag alone (简讯) right over paragraphs, not over a headline,
    may label a column of briefs whose one-line headlines the extractor put
    after all the text: each paragraph under it, up to the next heading or
    byline, is then a brief of its own.  Returns the tags and the ids of those
    paragraphs (Python ids: blocks have no order key yet).
    """
    tags: list[Block] = []
    out: set[int] = set()
    for i, b in enumerate(blocks[:-1]):
        if b.kind != "heading" or len(b.lines) != 1 or not is_section_tag(b.text):
            continue
        run = []
        for x in blocks[i + 1:]:
            if x.kind != "para":
                break
            run.append(x)
        if len(run) >= 2:
            tags.append(b)
            out.update(id(x) for x in run)
    return tags, out


def _hard_segments(body: list[Block], briefs: set[int]) -> list[list[Block]]:
    """Cut the text after a byline that closes text, before a dateline, and
    before each paragraph in ``briefs``.

    Not before a dateline inside an interview: where the one who answers
    before it answers after it too, the text is one article.
    """
    segs: list[list[Block]] = [[]]
    at_dateline: set[int] = set()
    for i, b in enumerate(body):
        starts_new = b.kind in ("para", "answer") and (DATELINE.match(b.text) or id(b) in briefs) \
            and any(x.kind == "para" for x in segs[-1])
        if starts_new:
            segs.append([])
            if id(b) not in briefs:
                at_dateline.add(len(segs) - 1)
        segs[-1].append(b)
        if b.kind == "byline" and any(x.kind in ("para", "answer") for x in segs[-1]) and i + 1 < len(body):
            segs.append([])
    answers = lambda sg: {x.label for x in sg if x.kind == "answer" and x.label}
    out: list[list[Block]] = []
    for k, sg in enumerate(segs):
        if k in at_dateline and out and answers(out[-1]) & answers(sg):
            out[-1] += sg
        elif sg:
            out.append(sg)
    return out


def _brief_headline_cuts(titles: list[Block], segs: list[list[Block]], briefs: set[int]) -> list[tuple[Block, int]]:
    """Where to cut the displaced headline blocks so that the briefs closing
    the text (the last pieces, each one paragraph of ``briefs``) get one
    printed line each, counted from the end: a brief's headline is one line,
    so two of them stacked (城南公园开放夜间游览 | 新线路迎来首批游客) are not a
    title and its subtitle.  Cuts come last first, so each can be made in turn.

    >>> from kanbao.model import Line
    >>> def blk(i, *ts):
    ...     ls = [Line(n, "", t, 2 * len(t)) for n, t in enumerate(ts, i)]
    ...     return Block(f"b{i}", ls, "".join(ts), kind="heading")
    >>> one, two = blk(1, "菜篮子拎出好日子"), blk(2, "城南公园开放夜间游览", "新线路迎来首批游客")
    >>> p = [Block("p", [Line(9, "", "正文。", 6)], "正文。")]
    >>> [(t.id, k) for t, k in _brief_headline_cuts([one, two], [[one], p, p], {id(p[0])})]
    [('b2', 1)]
    """
    m = 0
    for sg in reversed(segs):
        if len(sg) != 1 or id(sg[0]) not in briefs:
            break
        m += 1
    out: list[tuple[Block, int]] = []
    for t in reversed(titles):
        if m <= 0:
            break
        texts = t.line_texts()
        joined = {k + 1 for k, d in enumerate(t.decisions) if d.joined}
        cuts = [k for k in _title_cuts(t, loose=True)   # not inside a line wrapped or run on, nor after a space it broke at
                if k not in joined and not _wraps(texts[k - 1], texts[k]) and not wrap_remainder(texts[k - 1], texts[k])
                and not t.lines[k - 1].raw[-1:].isspace()]
        out += [(t, k) for k in reversed(cuts[-m:])]
        m -= len(cuts) + 1
    return out


def _insert_after(t: Block, rest: Block, *seqs: list[Block]) -> None:
    """Put ``rest``, cut from ``t``, right after ``t`` in each list that holds ``t``."""
    for seq in seqs:
        seq.insert(seq.index(t) + 1, rest)


def _pair_in_order(sim: list[list[float]]) -> list[tuple[int, int]]:
    """Pairs (row, column) that keep both orders, as many pairs as can be,
    and among those the most similar in all: headlines painted last come out
    in the order of their articles.

    >>> _pair_in_order([[0.0, 0.3], [0.0, 0.1]]), _pair_in_order([[0.2, 0.0, 0.0], [0.0, 0.0, 0.5]])
    ([(0, 0), (1, 1)], [(0, 0), (1, 2)])
    """
    # (the questions' pairing, run from the other end: the same order-keeping programme)
    n, m = len(sim), len(sim[0]) if sim else 0
    return [(n - 1 - q, m - 1 - a) for _, q, a in _pairs_in_order([row[::-1] for row in sim[::-1]])]


def restore_displaced_titles(blocks: list[Block], keep: set[str] = frozenset()) -> list[Block]:
    """Headlines the extractor put after all the text go back before their articles.

    Evidence: a run of headings (with pull quotes) after the last paragraph,
    no question after the last of them (an interview whose questions were
    put last, under its one headline, keeps them) and fewer questions than
    headings (an interview's questions, each put last with its
    section's subhead, Q | subhead | Q | subhead, keep those subheads); a
    question set between displaced headlines is placed later, with the other
    questions.  The text before is cut at closing bylines and datelines
    (never where its words change: that guess was mostly wrong), and the
    headlines go before the pieces in order, the pairing that keeps
    both orders sharing most words (``_pair_in_order``).  One or two lines
    that end no sentence, right under those headlines, are the last lines of
    the headline above them: they join it and leave ``blocks`` (unless a
    correction in ``keep`` set their kind).  Headlines that stay at the end
    are cut into their printed lines (``_left_lines_apart``).
    """
    last_body = max((i for i, b in enumerate(blocks) if b.kind in ("para", "answer")), default=-1)
    # (a line or two that end no sentence, right under the headlines at the end, are their last
    # lines: 人生就是要为祖国做大“矢量的模” | 一起打，但是民众始终还是觉得不够 | 樊明武院士：;
    # not a dateline's text, cut off where the dump ends)
    while last_body > 0 and blocks[last_body].kind == "para" and len(blocks[last_body].lines) <= 2 \
            and blocks[last_body - 1].kind == "heading" and not ends_sentence(blocks[last_body].text) \
            and not DATELINE.match(blocks[last_body].text) and blocks[last_body].id not in keep:
        _absorb_heading(blocks[last_body - 1], blocks[last_body])
        _note(blocks[last_body - 1], "with the line(s) under it that end no sentence, after all the text: "
                                     "headline lines")
        del blocks[last_body]
        last_body = max((i for i, b in enumerate(blocks[:last_body]) if b.kind in ("para", "answer")), default=-1)
    tail = blocks[last_body + 1:]
    profiles = [b for b in tail if b.kind == "heading" and _profile_subhead(b)]
    titles = [b for b in tail if b.kind == "heading" and b not in profiles]
    if not titles:
        return blocks
    # an interview keeps its headings: its questions put last under its one headline, or each
    # put last with its section's subhead (Q | subhead | Q | subhead)
    questions = sum(1 for b in tail if b.kind == "question")
    interview = any(b.kind == "question" for b in tail[tail.index(titles[-1]):]) or questions >= len(titles)
    if interview or any(b.kind == "heading" and b.lines[0].width <= b.lines[0].colw + 6 and _is_inline_title(blocks, i)
                        for i, b in enumerate(blocks[:last_body + 1])):
        if not interview:
            _left_lines_apart(blocks, titles, keep)
        return blocks
    # a column of briefs under its tag counts one piece per brief, where the headline
    # lines put at the end are enough for them all (a —— subtitle heads no brief)
    tags, briefs = _brief_labels(blocks[:last_body + 1])
    lines = sum(1 for t in titles for x in t.line_texts() if not DASH_OPEN.match(x))
    if tags and lines >= len(_hard_segments([b for b in blocks[:last_body + 1] if b not in tags], briefs)):
        for b in tags:
            b.kind = "furniture"
            _note(b, BRIEFS_LABEL)
    else:
        briefs = set()
    head = [b for b in blocks[:last_body + 1] if b.kind == "furniture"]
    body = [b for b in blocks[:last_body + 1] if b.kind != "furniture"]
    segs = _hard_segments(body, briefs)
    # the briefs that close the text take the last headline lines, one printed line each
    for t, k in _brief_headline_cuts(titles, segs, briefs):
        _, rest = _split_block(t, k)
        _note(rest, "a brief's headline: one printed line of the last displaced lines, one per brief that closes the text")
        _insert_after(t, rest, titles, tail, blocks)
    # the pieces still without a headline: not one that opens with a headline of its own
    # (依靠聪明才智创造奇迹 | ——全运会结束全部赛事 at the top of the page takes no displaced
    # line as its headline), nor one cut at its dateline right under one (台风“摩羯”登陆 | 本报讯…)
    open_segs = [si for si, sg in enumerate(segs)
                 if not (sg and sg[0].kind == "heading")
                 and not (si and segs[si - 1] and segs[si - 1][-1].kind == "heading")]
    # fewer headlines than those pieces: headlines set one under the other
    # came out as one block; take them apart by line
    vec = Vectorizer([b.text for b in body + titles + profiles])
    while len(titles) < len(open_segs):
        cut = _best_title_split(titles, [segs[si] for si in open_segs], vec)
        if cut is None:
            break
        t, k = cut
        _, rest = _split_block(t, k)
        _note(t, f"{len(open_segs)} articles and only {len(titles)} displaced headlines: its lines are headlines of their own")
        _insert_after(t, rest, titles, tail, blocks)
    # (more headlines than pieces: the text is not cut where its words change; that cut was
    # wrong 38 times in 43 on simulated pages. A headline left over stays at the end, nothing lost)
    # pair headlines and pieces in order, as many as can be, sharing most words
    seg_vecs = [vec.vector("".join(b.text for b in segs[si][:4])) for si in open_segs]
    sim = [[vec.cosine(vec.vector(t.text), sv) for sv in seg_vecs] for t in titles]
    title_of: dict[int, Block] = {}
    for ti, oi in _pair_in_order(sim):
        si = open_segs[oi]
        title_of[si] = titles[ti]
        titles[ti].notes.append(f"displaced headline, in the order printed: goes before {segs[si][0].id} ({segs[si][0].span}), shares its words ({sim[ti][oi]:.2f})")
        titles[ti].kind = "title"
    out = list(head)
    for si, sg in enumerate(segs):
        if si in title_of:
            out.append(title_of[si])
        out.extend(sg)
    out.extend(b for b in tail if b not in title_of.values() and b not in profiles)
    _left_lines_apart(out, [t for t in titles if t not in title_of.values()], keep)
    # a profile's subhead (某某：| …) goes before the paragraph that shares most of its words
    for h in profiles:
        hv = vec.vector(h.text)
        paras = [b for b in out if b.kind == "para"]
        best = max(paras, key=lambda b: vec.cosine(hv, vec.vector(b.text)), default=None)
        if best is None or vec.cosine(hv, vec.vector(best.text)) <= 0:
            out.append(h)
            continue
        out.insert(out.index(best), h)
        h.notes.append(f"displaced subhead of a profile: goes before {best.id} ({best.span}), shares its words")
    return out


def _left_lines_apart(blocks: list[Block], titles: list[Block], keep: set[str]) -> None:
    """Displaced headings in ``titles`` that stay at the end, none of their lines a ——
    subtitle or a label ending in a colon, are cut into their printed lines, each a
    heading of its own, in order (a line wrapped in two, 工厂焕新，制造 | 业有了新面孔,
    stays one).  Lines painted one under the other after the text may be one headline
    or the headlines of several articles the page does not hold; where none of them
    found its text, nothing tells which, so none is joined to another.  On the tuning
    pages' gold, two displaced heading lines that ``_merge_headings`` joined were one
    headline 140 times and two 89 times."""
    for t in titles:
        texts = t.line_texts()
        if not t.displaced or len(texts) < 2 or t.id in keep or printed_lines(t) != texts \
                or any(DASH_OPEN.match(x) or x.endswith(("：", ":")) for x in texts):
            continue
        i = blocks.index(t)
        cuts = sorted((g[0] for g in _wrap_groups(texts)[1:]), reverse=True)   # (a line wrapped in two stays one)
        if cuts:
            _note(t, "displaced lines left at the end, no text found for them: each printed line a heading of its own")
        for k in cuts:
            _, rest = _split_block(t, k)
            rest.displaced = True      # (_split_block keeps the kind, not this flag)
            blocks.insert(i + 1, rest)


def _profile_subhead(b: Block) -> bool:
    """A heading whose first printed line is a name label over one other line
    (包起帆：| 依靠聪明才智创造奇迹): a profile's subhead, not a headline (a
    headline under such a label has a title and a subtitle: three lines)."""
    lines = printed_lines(b)
    return len(lines) == 2 and bool(NAME_LABEL.match(lines[0]))


def _own_credit(blocks: list[Block], i: int) -> bool:
    """The text under heading ``i`` ends, before the next heading or byline,
    with a credit note of its own (…早晚温差逐渐增大。（记者雷风雨）): a brief."""
    text = None
    for b in blocks[i + 1:]:
        if b.kind in ("heading", "title", "byline"):
            break
        if b.kind in ("para", "answer", "question"):
            text = b.text
    return text is not None and bool(CREDIT_NOTE.search(text))


def _is_inline_title(blocks: list[Block], i: int) -> bool:
    """A heading inside the text that opens an article (a byline next to it)."""
    return any(b.kind == "byline" for b in blocks[i + 1:i + 3])


def group(page: Page, blocks: list[Block], forced: dict[str, str] | None = None) -> None:
    """Split blocks into articles at titles; other headings open sections.
    Blocks a correction file names (``forced``) are never joined to others."""
    arts: list[Article] = []
    cur: Article | None = None
    seen_content = False
    pending_pq: list[Block] = []
    closed = False                    # the current article ended with a closing byline
    orphans: list[list[Block]] = []   # runs of text after a closing byline, before any headline
    restored: set[int] = set()        # headlines displaced to the end of the dump, put back
    subhead_under_headline = 0        # id() of the last heading read as a subhead under a headline
    merged: list[Block] = []          # headings made lines of the heading before them
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "furniture":
            page.furniture.append(b)
        elif b.kind == "pq_number":
            page.removed.append(b.text)
        elif b.kind == "title":
            b.kind = "heading"
            cur = Article(id=f"a{len(arts) + 1}", title=b)
            arts.append(cur)
            cur.sections.append(Section())
            restored.add(id(b))
            _note(b, "title: displaced headline restored")
        elif b.kind == "heading" and cur is not None and cur.title is None and INSIDE_SENTENCE in b.notes \
                and not any(s.heading for s in cur.sections):
            # the text above it is the article's own: its columns' tops, set beside the headline
            # (a subhead never stands inside a sentence); the headings set with it are its lines
            cur.title = b
            if closed:   # (its byline came first: it closed nothing, the text after it is the article's)
                cur.sections[-1].blocks.extend(orphans[-1])
                orphans[-1], closed = [], False
            while i + 1 < len(blocks) and blocks[i + 1].kind == "heading" and INSIDE_SENTENCE in blocks[i + 1].notes:
                _absorb_heading(b, blocks[i + 1])
                merged.append(blocks[i + 1])
                i += 1
            cur.moves.append(f"{b.id} ({b.span}) → title: a headline a sentence of the text above runs on past")
            _note(b, "title: the article's text above it runs on past it; it heads that text")
        elif b.kind == "heading" and _displaced_subtitle(cur, blocks, i):
            cur.subtitle = b
            cur.moves.append(f"{b.id} ({b.span}) → subtitle: a —— line inside the text of an article "
                             "whose headline has none")
            _note(b, "subtitle: a —— line heads no section and opens no article; set inside the text "
                     "(where the extractor met it), it closes the headline above")
        elif b.kind == "heading":
            core = (cur.lead + _article_blocks(cur))[:5] if cur else None
            # right under a headline that has no text yet, a heading without title evidence of
            # its own opens the headline's first section (a subhead set under the title)
            under_title = cur is not None and cur.title is not None and not _article_blocks(cur)
            # (under a headline and its own byline, the byline closes nothing and the headline came
            # first: 中到大雨 | 职工的牵挂… | 本报记者 … | 广东已提前转移群众超57万人 | 眼下…; when the
            # headline was put back from the end of the dump, or text follows, maybe under more
            # headings (a subhead of several blocks), else a headline of several blocks there is the
            # next article's, with its own byline)
            headline_above = under_title and (blocks[i - 1].kind == "byline" \
                and any(blocks[i - 1] is x for x in cur.byline) \
                and (id(cur.title) in restored or _text_after_headings(blocks, i + 1))
                or id(blocks[i - 1]) == subhead_under_headline
                # (or right under a headline its —— subtitle closes, text under the heading: a
                # headline after a closed one would leave that one with no text)
                or blocks[i - 1] is cur.title and DASH_OPEN.match(printed_lines(cur.title)[-1])
                and _text_after_headings(blocks, i + 1))
            score, why = _title_score(blocks, i, seen_content, core, headline_above, not page.untangled)
            if closed:
                score, why = score + 1, why + ["the article before closed with its byline"]
            elif cur is not None and _own_credit(blocks, i) and (cur.byline or any(
                    DATELINE.match(x.text) for x in _article_blocks(cur)[:1])):
                score, why = score + 1, why + ["the text under it closes with its own credit, the article before has one"]
            first_line = printed_lines(b)[0]
            if len(printed_lines(b)) > 1 and first_line.endswith(("：", ":")) and len(first_line) <= 6 \
                    and "byline next to it" not in why:
                score, why = score - 1, why + ["a name label over a line (某某：| …): a profile's subhead"]
            follows_answer = i + 1 < len(blocks) and blocks[i + 1].kind == "answer"
            if cur is not None and follows_answer and any(x.kind in ("answer", "question") for x in _article_blocks(cur)):
                if cur.title is None and score >= TUNING.title_evidence:
                    cur.title = b
                    cur.moves.append(f"{b.id} ({b.span}) → title: heading inside an interview, {', '.join(why)}")
                    _note(b, "interview title found between its answers")
                else:
                    cur.sections.append(Section(heading=b))
            elif cur is None or score >= TUNING.title_evidence or (score >= 1 and not seen_content and not under_title):
                cur = Article(id=f"a{len(arts) + 1}", title=b)
                arts.append(cur)
                cur.sections.append(Section())
                _note(b, "title: " + ", ".join(why or ["first heading"]))
                # a second heading right under the title is its subtitle (副题)
                if i + 1 < len(blocks) and blocks[i + 1].kind == "heading" and len(blocks[i + 1].text) <= 40 \
                        and i + 2 < len(blocks) and blocks[i + 2].kind == "byline":
                    cur.subtitle = blocks[i + 1]
                    _note(blocks[i + 1], "subtitle: heading between a title and its byline")
                    i += 1
            else:
                cur.sections.append(Section(heading=b))
                if headline_above:
                    subhead_under_headline = id(b)
                _note(b, f"subhead: heading inside an article (title evidence {score}/{TUNING.title_evidence}: {', '.join(why) or 'none'})")
        elif b.kind == "byline":
            done = _article_blocks(cur) if cur is not None else []
            if done and done[-1].kind in ("para", "answer") and not ends_sentence(done[-1].text) \
                    and i + 1 < len(blocks) and blocks[i + 1].kind == "para" and blocks[i + 1].lines \
                    and firstlike(blocks[i + 1].lines[0]) and _column_changes(done[-1], blocks[i + 1]):
                # (under text left open mid-sentence, over a paragraph's first line in another column
                # width, a byline closes nothing: it opens the text under it, …到参与项目获得国家科 |
                # 本报记者 常军 通讯员 吕燕晨 | 受冷空气影响，预计…)
                cur, closed = None, False
            elif done and not (i + 1 < len(blocks) and blocks[i + 1].kind == "heading"):
                closed = True
                orphans.append([])
            if cur is None:
                cur = Article(id=f"a{len(arts) + 1}")
                arts.append(cur)
                cur.sections.append(Section())
            cur.byline.append(b)
        elif b.kind == "pullquote":
            pending_pq.append(b)
        else:
            if cur is None:
                cur = Article(id=f"a{len(arts) + 1}")
                arts.append(cur)
                cur.sections.append(Section())
            if closed and b.kind == "para":
                orphans[-1].append(b)
            else:
                cur.sections[-1].blocks.append(b)
            seen_content = True
        if b.kind in ("title", "heading") and cur is not None and cur.title is b:
            closed = False
        i += 1
    absorbed = _adopt_orphans(arts, [run for run in orphans if run], set(forced or {})) + merged
    page.blocks[:] = [b for b in page.blocks if all(b is not x for x in absorbed)]
    arts = [a for a in arts if _article_blocks(a) or a.title]
    arts = _join_bare_headlines(page, arts)
    _share_text_with_bare_headline(arts, in_order=not page.untangled)
    # text set above the first headline of the page belongs to that article
    if len(arts) >= 2 and arts[0].title is None and arts[1].title is not None and not arts[0].byline \
            and len(_article_blocks(arts[0])) <= 2 and not any(b.kind in ("question", "answer") for b in _article_blocks(arts[0])):
        lead = _article_blocks(arts[0])
        one = lead[0] if len(lead) == 1 and len(lead[0].lines) == 1 else None
        if one is not None and arts[1].kicker is None and len(one.text) <= KICKER_MAX \
                and not ends_sentence(one.text) and not ends_open(one.text):
            # one short line that ends no clause, printed before the page's header: the kicker over the headline
            arts[1].kicker = one
            one.kind = "heading"
            arts[1].moves.append(f"{one.id} ← kicker over the page's first headline: one short line above it "
                                 "that ends no sentence")
        else:
            arts[1].sections[0].blocks[:0] = lead
            arts[1].moves.append(f"{', '.join(b.id for b in lead)} ← text above the page's first headline joins its article")
        arts = arts[1:]
    page.articles = arts
    _place_pullquotes(page, pending_pq)


def _block_colw(b: Block) -> int:
    """The column width most of a block's lines are set in (the middle one).

    >>> from kanbao.model import Line
    >>> _block_colw(Block("b1", [Line(n, "", "", 30, colw=w) for n, w in enumerate([36, 36, 22])], ""))
    36
    """
    return sorted(ln.colw for ln in b.lines)[len(b.lines) // 2] if b.lines else 0


def _share_text_with_bare_headline(arts: list[Article], in_order: bool = True) -> None:
    """A headline and its byline with no text, right over the next article's
    headline and byline, stacked: two articles set side by side, their heads
    printed first.  Where the text under them changes column width (or a
    dateline opens a paragraph, or the headlines' words say so; two of these),
    the text on one side of the change is the first article's: on a page read
    in order (``in_order``) the text before it, the first article's columns
    coming first; where pieces of columns were put back in order (pdfminer),
    the text after it (the extractor read the second article's columns, right
    under its head, first), sections and all.

    >>> from kanbao.model import Line
    >>> mk = lambda no, t, w, k="para": Block(f"b{no}", [Line(no, "", t, 2 * len(t), colw=w)], t, kind=k)
    >>> def pair():
    ...     x = Article("a1", title=mk(1, "秋粮归仓", 30, "heading"), byline=[mk(2, "本报记者 周云", 30, "byline")], sections=[Section()])
    ...     y = Article("a2", title=mk(3, "公交优化", 30, "heading"), byline=[mk(4, "本报记者 林晓", 30, "byline")],
    ...                 sections=[Section(blocks=[mk(5, "稻谷丰收。", 34), mk(6, "农户增收。", 34), mk(7, "线路调整。", 28)])])
    ...     return x, y
    >>> x, y = pair(); _share_text_with_bare_headline([x, y])
    >>> [b.id for b in x.sections[0].blocks], [b.id for b in y.sections[0].blocks]
    (['b5', 'b6'], ['b7'])
    >>> x, y = pair(); _share_text_with_bare_headline([x, y], in_order=False)
    >>> [b.id for b in x.sections[0].blocks], [b.id for b in y.sections[0].blocks]
    (['b7'], ['b5', 'b6'])
    """
    for x, y in zip(arts, arts[1:]):
        if x.title is None or not x.byline or _article_blocks(x) or x.lead or y.title is None or not y.byline \
                or not y.sections or in_order and (y.lead or y.sections[0].heading is not None):
            continue
        if not (x.byline[-1].lines and y.title.lines and y.title.first_no > x.byline[-1].lines[-1].no):
            continue
        secs = y.sections[:1] if in_order else y.sections
        flat = [(si, bi, blk) for si, sec in enumerate(secs) for bi, blk in enumerate(sec.blocks)]
        if len(flat) < 2:
            continue
        vec = Vectorizer([x.title.text, y.title.text] + [blk.text for _, _, blk in flat])
        tx, ty = vec.vector(x.title.text), vec.vector(y.title.text)
        best, cut = 0, 0
        for j in range(1, len(flat)):
            a, b = flat[j - 1][2], flat[j][2]
            if b.kind != "para" or not a.lines or not b.lines:
                continue
            score = 2 * (abs(_block_colw(a) - _block_colw(b)) >= 4) + bool(DATELINE.match(b.text))
            if score and score + 1 > best:   # (the words, worth 1, count only where they can decide)
                head, tail = (vec.vector("".join(t.text for _, _, t in part)) for part in (flat[:j], flat[j:]))
                mine, theirs = (head, tail) if in_order else (tail, head)
                score += (vec.cosine(tx, mine) + vec.cosine(ty, theirs)) - (vec.cosine(tx, theirs) + vec.cosine(ty, mine)) > 0.05
            if score > best:
                best, cut = score, j
        if best < 2:
            continue
        si, bi, _ = flat[cut]
        if in_order:
            x.sections[0].blocks.extend(secs[0].blocks[:bi])
            del secs[0].blocks[:bi]
        else:
            x.sections = ([Section(blocks=y.sections[si].blocks[bi:])] if bi else []) + y.sections[si + bool(bi):]
            y.sections[si].blocks[bi:] = []
            y.sections = y.sections[:si + 1] if bi else y.sections[:si]
        moved = _article_blocks(x)
        x.moves.append(f"{moved[0].id}…{moved[-1].id} ← text under two stacked headlines, "
                       f"{'up to' if in_order else 'from'} where its column width changes: this headline's (the first)")


def _displaced_subtitle(cur: Article | None, blocks: list[Block], i: int) -> bool:
    """``blocks[i]``, a —— line of one or two printed lines met inside the
    text of the current article, is that article's subtitle (副题) when the
    headline has none and the article has no subhead yet.

    pdftotext puts a subtitle where its height falls in the column beside it:
    夯实主体责任 | 在天府国际…（text）| ——落实安全生产十五条措施 | …（text）.
    Not under a heading, a byline, or a block of one or two lines that ends
    no sentence (headline lines read as text), nor over a byline: there it
    ends a headline of its own.
    """
    if cur is None or cur.title is None or cur.subtitle is not None or not _article_blocks(cur) \
            or any(s.heading for s in cur.sections) or i == 0:
        return False
    b, prev = blocks[i], blocks[i - 1]
    if prev.kind in ("heading", "title", "byline") or len(prev.lines) <= 2 and not ends_sentence(prev.text) \
            or i + 1 < len(blocks) and blocks[i + 1].kind == "byline":
        return False
    lines = printed_lines(b)
    return bool(DASH_OPEN.match(b.text)) and len(lines) <= 2 and not ends_sentence(b.text) \
        and not any(DASH_OPEN.match(t) for t in printed_lines(cur.title))


def _join_bare_headlines(page: Page, arts: list[Article]) -> list[Article]:
    """An article is never a headline alone: a headline with no text, byline
    or pull quote under it, right before another article's headline, is that
    headline's first lines (a title set over a subtitle split in two:
    志愿者共同参与 老旧小区提颜值 | 法治进校园 || 健康成长 | ——广东…).

    The two heading blocks become one (the first keeps its id); the second
    leaves the page's blocks.
    """
    out: list[Article] = []
    for a in arts:
        prev = out[-1] if out else None
        if prev is not None and prev.title is not None and a.title is not None and not _article_blocks(prev) \
                and not prev.byline and not prev.pullquotes and prev.kicker is None and prev.subtitle is None \
                and len(printed_lines(prev.title)) + len(printed_lines(a.title)) <= 4 \
                and not DASH_OPEN.match(printed_lines(prev.title)[-1]):   # (a —— subtitle ends its headline)
            t, u = prev.title, a.title
            _absorb_heading(t, u)
            _note(t, f"a headline with nothing under it over the headline {u.id}: one headline")
            page.blocks[:] = [b for b in page.blocks if b is not u]
            a.title = t
            a.moves.append(f"{u.id} joined to {t.id}: a headline with no text under it")
            out[-1] = a
            continue
        out.append(a)
    return out


def _adopt_orphans(arts: list[Article], runs: list[list[Block]], named: set[str] = frozenset(),
                   near: int = 6) -> list[Block]:
    """Text after an article's closing byline and before the next headline
    continues the article (among the ``near`` ones before it) that shares most
    of its words.  Where the article's last paragraph ends on a full line and
    the run's first line is no first line, the two are one paragraph (unless
    a correction file names either, ``named``): the blocks so absorbed are
    returned."""
    absorbed: list[Block] = []
    if not runs:
        return absorbed
    vec = Vectorizer([b.text for a in arts for b in _article_blocks(a)] + [b.text for run in runs for b in run])
    cache: dict[int, dict[str, float]] = {}

    def article_vector(a: Article) -> dict[str, float]:
        if id(a) not in cache:
            cache[id(a)] = vec.vector("".join(b.text for b in _article_blocks(a)))
        return cache[id(a)]

    for run in runs:
        first = run[0].first_no
        before = [a for a in arts if a.sections and any(b.first_no < first for b in _article_blocks(a))]
        cands = before[-near:] or arts[:near]
        rv = vec.vector("".join(b.text for b in run))
        target = max(cands, key=lambda a: vec.cosine(rv, article_vector(a)))
        tail = target.sections[-1].blocks
        target.moves.append(f"{run[0].id}…{run[-1].id} ({len(run)} paragraphs) after a closing byline continue this article")
        p, q = (tail[-1] if tail else None), run[0]
        if p is not None and p.kind == q.kind == "para" and p.lines and q.lines and not {p.id, q.id} & named \
                and len(p.lines) >= 2 and is_full(p.lines[-1]) and goes_on(p.lines[-1], q.lines[0]) \
                and abs(p.lines[-1].width - q.lines[0].width) <= 2:
            # the paragraph was cut where its column met the other article: a full line over
            # a line that is no paragraph's first goes on
            _note(p, f"runs on into {q.id}: line {p.lines[-1].no} fills its column, "
                     f"line {q.lines[0].no} is no first line")
            _run_on(p, q)
            absorbed.append(q)
            run = run[1:]
        tail.extend(run)
        cache.pop(id(target), None)
    return absorbed


def _article_blocks(a: Article) -> list[Block]:
    return [b for s in a.sections for b in s.blocks]


def _place_pullquotes(page: Page, pqs: list[Block]) -> None:
    """A pull quote repeats words of its article: join the article that shares most."""
    if not page.articles:
        if pqs:
            page.articles.append(Article(id="a1", sections=[Section()], pullquotes=list(pqs)))
        return
    texts = ["".join(b.text for b in _article_blocks(a)) for a in page.articles]
    vec = Vectorizer(texts)
    vs = [vec.vector(t) for t in texts]
    starts = [min((b.first_no for b in _article_blocks(a) if b.lines), default=0) for a in page.articles]
    for pq in pqs:
        q = vec.vector(pq.text)
        # the articles around the pull quote's place in the seed (all of them on a page)
        at = bisect.bisect_right(starts, pq.first_no)
        near = range(max(0, at - NEAR_ARTICLES), min(len(vs), at + NEAR_ARTICLES))
        k = max(near, key=lambda j: vec.cosine(q, vs[j]))
        page.articles[k].pullquotes.append(pq)
        page.articles[k].moves.append(f"{pq.id} ({pq.span}) → pull quote of this article (shares its words)")


def restore_order(page: Page) -> None:
    """Move displaced questions, subheads and paragraphs back by lexical evidence."""
    all_blocks = [b for a in page.articles for b in _article_blocks(a)] + \
                 [s.heading for a in page.articles for s in a.sections if s.heading]
    vec = Vectorizer([b.text for b in all_blocks] or [""])
    _gather_interview(page, vec)
    _spread_questions(page, vec)
    for a in page.articles:
        _pair_questions(a, vec)
    _reassign_paragraphs(page, vec)
    for a in page.articles:
        _find_lead(a)


QA_CROSS = 0.05   # shared vocabulary per pair a pairing that crosses the questions' order must gain
                 # (the best of many pairings shares more by chance: the gain is asked per pair)


def _pairs_in_order(fits: list[list[float]]) -> list[tuple[float, int, int]]:
    """Pair rows (questions) with columns (answers) keeping both orders: as many
    pairs as can be, and among those the most shared vocabulary.  Returns
    (fit, row, column) from the last pair to the first.  ``_pair_in_order``
    runs it from the other end.

    >>> _pairs_in_order([[0.1, 0.5, 0.0], [0.0, 0.0, 0.4]])
    [(0.4, 1, 2), (0.5, 0, 1)]
    """
    nq, na = len(fits), len(fits[0]) if fits else 0
    best = [[(0, 0.0)] * (na + 1) for _ in range(nq + 1)]
    step: dict[tuple[int, int], str] = {}
    for qi in range(nq + 1):
        for ai in range(na + 1):
            if qi == ai == 0:
                continue
            opts = []
            if qi and ai:
                n, f = best[qi - 1][ai - 1]
                opts.append(((n + 1, f + fits[qi - 1][ai - 1]), "pair"))
            if qi:
                opts.append((best[qi - 1][ai], "skip_q"))
            if ai:
                opts.append((best[qi][ai - 1], "skip_a"))
            best[qi][ai], step[qi, ai] = max(opts, key=lambda o: o[0])
    qi, ai, pairs = nq, na, []
    while qi and ai:
        move = step[qi, ai]
        if move == "pair":
            pairs.append((fits[qi - 1][ai - 1], qi - 1, ai - 1))
            qi, ai = qi - 1, ai - 1
        elif move == "skip_q":
            qi -= 1
        else:
            ai -= 1
    return pairs


def _loose_and_free(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """The questions not right over an answer, and the answers not right under a
    question (nor a host's, who answers nobody), in the order given."""
    loose = [b for i, b in enumerate(blocks) if b.kind == "question"
             and not (i + 1 < len(blocks) and blocks[i + 1].kind == "answer")]
    free = [b for i, b in enumerate(blocks) if b.kind == "answer" and not ASKER.search(b.label)
            and not (i and blocks[i - 1].kind == "question")]
    return loose, free


def _spread_questions(page: Page, vec: Vectorizer) -> None:
    """Questions displaced to the end of the page, more than the answers of the
    interview they were left in, go to the interviews before it: paired in
    order with all the page's free answers (``_pairs_in_order``), a question
    whose answer is in another article moves right before that answer.

    Two interviews on one page, their questions all put after the second:
    questions 1–5 go before the first interview's five answers, 6–10 stay.
    """
    flats = {id(a): [b for s in a.sections for b in ([s.heading] if s.heading else []) + s.blocks] for a in page.articles}
    owner: dict[str, Article] = {}
    loose_all: list[Block] = []
    free_all: list[Block] = []
    overflow = False
    for a in page.articles:
        loose, free = _loose_and_free(flats[id(a)])
        loose_all += loose
        free_all += free
        owner.update({b.id: a for b in loose + free})
        overflow = overflow or len(loose) > len(free)
    if not overflow or len({id(owner[b.id]) for b in free_all}) < 2 \
            or len(loose_all) * len(free_all) > MAX_QA_PAIRS:
        return
    vecs = {b.id: vec.vector(b.text) for b in loose_all + free_all}
    fits = [[vec.cosine(vecs[q.id], vecs[ans.id]) for ans in free_all] for q in loose_all]
    for sim, qi, ai in _pairs_in_order(fits):
        q, ans = loose_all[qi], free_all[ai]
        src, dst = owner[q.id], owner[ans.id]
        if src is dst:
            continue
        for sec in src.sections:
            sec.blocks = [b for b in sec.blocks if b is not q]
        sec = next(sec for sec in dst.sections if any(b is ans for b in sec.blocks))
        sec.blocks.insert(next(k for k, b in enumerate(sec.blocks) if b is ans), q)
        dst.moves.append(f"{q.id} ({q.span}) question ← article {src.id}, before {ans.id} ({ans.span}): "
                         f"the page's questions paired in order with its answers ({sim:.2f})")
    for a in page.articles:
        a.sections = [sec for sec in a.sections if sec.heading or sec.blocks] or [Section()]


def _pair_questions(a: Article, vec: Vectorizer) -> None:
    """Put each question right before the answer that shares its vocabulary.

    Sections are rebuilt as (subhead?, question, answer, follow-up paragraphs)
    in the questions' own order, which a displacement keeps.  A subhead that
    was displaced along with the questions heads the section whose answer
    shares most of its words.
    """
    flat: list[Block] = []
    for s in a.sections:
        if s.heading:
            flat.append(s.heading)
        flat.extend(s.blocks)
    questions = [b for b in flat if b.kind == "question"]
    answers = [b for b in flat if b.kind == "answer"]
    if not questions or not answers:
        return
    placed: dict[str, Block] = {}
    for i, b in enumerate(flat):
        if b.kind == "question" and i + 1 < len(flat) and flat[i + 1].kind == "answer":
            placed[b.id] = flat[i + 1]
    loose, free = _loose_and_free(flat)
    seen_speaker: set[str] = set()
    again: set[str] = set()     # several speakers, one answering again: someone asked again
    for b in flat:
        if b.kind == "answer":
            if b.label in seen_speaker and b.id not in {x.id for x in placed.values()}:
                again.add(b.id)
            seen_speaker.add(b.label)
    if len({x.label for x in answers}) < 2:
        again.clear()

    if len(loose) * len(free) > MAX_QA_PAIRS:   # no newspaper page has this many: stay linear, move nothing
        a.moves.append(f"{len(loose)} loose questions × {len(free)} free answers: too many to pair, left in place")
        return
    vecs: dict[str, dict[str, float]] = {}

    def vector(b: Block) -> dict[str, float]:
        if b.id not in vecs:
            vecs[b.id] = vec.vector(b.text)
        return vecs[b.id]

    def fit(q: Block, ans: Block) -> float:
        sim = vec.cosine(vector(q), vector(ans))
        named = 0.3 if ans.label and ans.label in q.text[len(q.label):] else 0.0   # the question names who answers
        return sim + named + (0.1 if ans.id in again else 0.0)
    # questions and answers each keep their order (a displacement moves the questions together):
    # the order-keeping pairing with the most shared vocabulary, as many pairs as can be
    nq, na = len(loose), len(free)
    fits = [[fit(q, ans) for ans in free] for q in loose]
    pairs = _pairs_in_order(fits)
    # … unless pairing by vocabulary alone, crossing that order, shares clearly more
    greedy, used_q, used_a = [], set(), set()
    for sim, qi, ai in sorted(((fits[qi][ai], qi, ai) for qi in range(nq) for ai in range(na)), reverse=True):
        if qi not in used_q and ai not in used_a:
            used_q.add(qi)
            used_a.add(ai)
            greedy.append((sim, qi, ai))
    if len(greedy) == len(pairs) and sum(x[0] for x in greedy) > sum(x[0] for x in pairs) + QA_CROSS * len(pairs):
        pairs = sorted(greedy, key=lambda x: x[1], reverse=True)
    for sim, qi, ai in reversed(pairs):
        placed[loose[qi].id] = free[ai]
        a.moves.append(f"{loose[qi].id} ({loose[qi].span}) question → before {free[ai].id} ({free[ai].span}), shared vocabulary {sim:.2f}")
    if not placed:
        return
    # headings displaced with the questions: next to a moved question, or after the last answer
    moved_q = {qid for qid in placed if not any(flat[i].id == qid and i + 1 < len(flat) and flat[i + 1] is placed[qid] for i in range(len(flat)))}
    last_answer = max(flat.index(x) for x in placed.values())
    displaced = [h for i, h in enumerate(flat) if h.kind == "heading" and (
        i > last_answer or any(0 < abs(i - j) <= 1 and flat[j].id in moved_q for j in range(len(flat))))]
    answer_to_q = {ans.id: qid for qid, ans in placed.items()}
    q_heading: dict[str, Block] = {}
    if displaced:
        sec_text = {}
        for qid, ans in placed.items():
            k = flat.index(ans)
            follow = [ans.text] + [b.text for b in flat[k + 1:k + 3] if b.kind == "para"]
            sec_text[qid] = vec.vector("".join(follow))
        hp = sorted(((vec.cosine(vec.vector(h.text), sec_text[qid]), hi, qid)
                     for hi, h in enumerate(displaced) for qid in sec_text), reverse=True)
        used_h: set[int] = set()
        for sim, hi, qid in hp:
            if hi in used_h or qid in q_heading or sim <= 0:
                continue
            used_h.add(hi)
            q_heading[qid] = displaced[hi]
            a.moves.append(f"{displaced[hi].id} ({displaced[hi].span}) subhead → heads the section of {placed[qid].id}, its words recur there ({sim:.2f})")
    moved = set(placed) | {h.id for h in q_heading.values()}
    qpos = {q.id: k for k, q in enumerate(questions)}
    q_by_id = {q.id: q for q in questions}
    prefix: list[Section] = [Section()]
    turns: list[tuple[int, int, Section]] = []
    cur: Section | None = None
    for b in flat:
        if b.id in moved:
            continue
        if b.id in answer_to_q:
            qid = answer_to_q[b.id]
            cur = Section(heading=q_heading.get(qid), blocks=[q_by_id[qid], b])
            turns.append((qpos[qid], 0, cur))
        elif b.kind == "heading":
            sec = Section(heading=b)
            if cur is None:
                prefix.append(sec)
            else:
                turns.append((turns[-1][0], len(turns), sec))
                cur = sec
        elif cur is None:
            prefix[-1].blocks.append(b)
        else:
            cur.blocks.append(b)
    turns.sort(key=lambda t: (t[0], t[1]))
    a.sections = [s for s in prefix if s.heading or s.blocks] + [s for _, _, s in turns]


def _gather_interview(page: Page, vec: Vectorizer) -> None:
    """Questions (and the subheads among them) in an article with no answers
    belong to the article whose answers share their vocabulary."""
    with_answers = [a for a in page.articles if any(b.kind == "answer" for b in _article_blocks(a))]
    if not with_answers:
        return
    emptied: list[Article] = []
    for a in page.articles:
        if a in with_answers:
            continue
        blocks = [b for s in a.sections for b in ([s.heading] if s.heading else []) + s.blocks]
        qs = [i for i, b in enumerate(blocks) if b.kind == "question"]
        if not qs:
            continue
        # the run from the first question to the end: questions and the headings between/after them
        run = [b for b in blocks[qs[0]:] if b.kind in ("question", "heading")]
        qtext = vec.vector("".join(b.text for b in run if b.kind == "question"))
        target = max(with_answers, key=lambda t: vec.cosine(qtext, vec.vector("".join(b.text for b in _article_blocks(t) if b.kind == "answer"))))
        ids = {b.id for b in run}
        for s in a.sections:
            s.blocks = [b for b in s.blocks if b.id not in ids]
            if s.heading and s.heading.id in ids:
                s.heading = None
        a.sections = [s for s in a.sections if s.heading or s.blocks] or [Section()]
        target.sections.append(Section(blocks=[b for b in run]))
        target.moves.append(f"{', '.join(b.id for b in run)} questions/subheads ← article {a.id}: its answers are here")
        if a.title and target.title is None and not a.byline and not a.lead \
                and not any(s.heading or s.blocks for s in a.sections):
            # nothing but a headline was left over the questions: the interview's headline, displaced with them
            target.kicker, target.title, target.subtitle = a.kicker, a.title, a.subtitle
            target.pullquotes += a.pullquotes
            target.moves.append(f"{a.title.id} title ← article {a.id}: the headline displaced with the questions")
            emptied.append(a)
    page.articles = [a for a in page.articles if a not in emptied]


def _cosine_without(part: dict[str, float], whole: dict[str, float], whole_norm2: float) -> float:
    """Cosine of ``part`` with ``whole`` less ``part`` (the rest of an article),
    in time linear in ``part`` alone (``whole_norm2``: the sum of squares of ``whole``).

    >>> round(_cosine_without({"a": 1.0}, {"a": 2.0, "b": 1.0}, 5.0), 3)
    0.707
    """
    dot = sum(w * (whole.get(t, 0.0) - w) for t, w in part.items())
    if dot <= 0:
        return 0.0
    n_part = sum(w * w for w in part.values())
    n_rest = whole_norm2 - 2 * sum(w * whole.get(t, 0.0) for t, w in part.items()) + n_part
    return dot / math.sqrt(n_part * n_rest) if n_rest > 0 else 0.0


def _reassign_paragraphs(page: Page, vec: Vectorizer, ratio: float | None = None, floor: float = 0.10) -> None:
    """A run of paragraphs that follows an interview turn but is about another
    article's subject moves to the end of that article (its headline came
    after it in the dump, so it is that article's continuation).

    Candidates are maximal runs of plain paragraphs that come after an
    answer or question in the same section.  A run moves when it shares far
    more vocabulary with another article than with the rest of its own.
    """
    if len(page.articles) < 2:
        return
    ratio = TUNING.reassign_ratio if ratio is None else ratio

    def text_of(a: Article, skip: set[str]) -> dict[str, float]:
        parts = [b.text for b in _article_blocks(a) + a.lead + ([a.title] if a.title else []) if b.id not in skip]
        return vec.vector("".join(parts))

    whole = {id(a): text_of(a, set()) for a in page.articles}   # vocabularies before any move
    norms = {k: sum(w * w for w in v.values()) for k, v in whole.items()}

    for at, a in enumerate(list(page.articles)):
        near = page.articles[max(0, at - NEAR_ARTICLES):at + NEAR_ARTICLES + 1]   # all of them on a page
        for s in a.sections:
            runs, cur, after_turn = [], [], False
            for b in s.blocks:
                if b.kind == "para" and after_turn:
                    cur.append(b)
                else:
                    if cur:
                        runs.append(cur)
                    cur = []
                    after_turn = after_turn or b.kind in ("answer", "question")
            if cur:
                runs.append(cur)
            for run in runs:
                ids = {b.id for b in run}
                rv = vec.vector("".join(b.text for b in run))
                own = _cosine_without(rv, whole[id(a)], norms[id(a)])
                others = [(vec.cosine(rv, whole[id(t)]), t) for t in near if t is not a]
                other, target = max(others, key=lambda x: x[0])
                if other > floor and other > ratio * own:
                    s.blocks = [b for b in s.blocks if b.id not in ids]
                    # text set before its headline in the dump is the article's
                    # continuation in another column: it is read last
                    if not target.sections:
                        target.sections.append(Section())
                    target.sections[-1].blocks.extend(run)
                    target.moves.append(f"{run[0].id}…{run[-1].id} ({len(run)} paragraphs) ← article {a.id}: "
                                        f"they share {other:.2f} with this article, {own:.2f} with their own")
                    for b in run:
                        _note(b, f"moved to article {target.id} by lexical cohesion")


def _find_lead(a: Article) -> None:
    """Opening paragraphs set in a different column width than the body (or
    whose lines run wider than it, across the columns) are the lead."""
    if not a.sections or a.sections[0].heading is not None:
        return
    body = _article_blocks(a)
    if len(body) < 3:
        return
    widths = Counter(b.lines[0].colw for b in body for _ in b.lines)
    main = widths.most_common(1)[0][0]
    first = a.sections[0].blocks
    lead = []
    # the width its lines are set to: the middle of its full lines (one stray wide line does not count)
    set_width = lambda b: sorted(ln.width for ln in (b.lines[:-1] or b.lines))[(len(b.lines[:-1] or b.lines) - 1) // 2]
    for b in first:
        other_col = abs(b.lines[0].colw - main) >= 4
        across = len(b.lines) > 1 and set_width(b) >= main + 8    # set wider, across the columns
        if b.kind == "para" and (other_col or across) and len(lead) < 4:
            lead.append(b)
        else:
            break
    if lead and (len(lead) < len(first) or len(a.sections) > 1):   # some body must stay after it
        a.lead = lead
        a.sections[0].blocks = first[len(lead):]
        for b in lead:
            _note(b, f"lead: column width {b.lines[0].colw}, lines set to {set_width(b)}, vs body {main}")


# ---------------------------------------------------------------- headlines



def printed_lines(b: Block) -> list[str]:
    """A heading's printed lines: its merged pieces, else its text cut at its seed lines.

    >>> from kanbao.model import Line
    >>> printed_lines(Block("b1", [Line(1, "", "包起帆：", 8), Line(2, "", "依靠聪明才智", 12)], "包起帆：依靠聪明才智"))
    ['包起帆：', '依靠聪明才智']
    """
    return list(b.parts) if b.parts else b.line_texts()


def _wraps(a: str, b: str) -> bool:
    """One printed line wrapped onto the next: no punctuation at the cut and a
    word runs across it (金秋|水稻 → 秋水 is no proof; 降|温 is).

    >>> _wraps("我市将有一次降温降雨天", "气过程"), _wraps("全运会结束全部赛事", "林丹四度封王"), _wraps("将从19", "日开始")
    (True, False, True)
    """
    if not a or not b or BODY_PUNCT.search(a[-1]) or a[-1] in "：:！？。”」" or DASH_OPEN.match(b):
        return False
    if number_then_unit(a, b):
        return True       # 将从19|日开始: a number and its unit
    return _runs_across(a, b)


def _column_changes(before: Block, after: Block) -> bool:
    """``after`` opens in a column whose width differs from the one ``before`` ends in by
    two characters or more (4 units): another article's columns."""
    return abs(after.lines[0].colw_fwd - before.lines[-1].colw_back) >= 4


def _runs_across(a: str, b: str) -> bool:
    """A dictionary word, however rare, runs from ``a`` into ``b`` and the text reads
    likelier across the join than as two pieces (``words.word_across``): 男篮登 | 顶,
    not 城市书房开夜场 | 合力应对寒潮降温 (场合 is a word, but the text reads 夜场 | 合力).
    On the gold heading lines of the tuning pages, of the pairs a word runs across that
    read no likelier across, 18 were one printed line wrapped and 90 two lines.
    """
    return bool(word_across(a, b, min_freq=1))


def headline_roles(lines: list[str]) -> tuple[int, int]:
    """Split a headline's printed lines into kicker (引题) / title (主题) / subtitle (副题).

    Returns ``(k, m)``: lines[:k] are the kicker, lines[k:m] the main title,
    lines[m:] the subtitle.  Evidence: a subtitle opens with a dash (——); a
    kicker ends in a colon or is a short column label (at most 5 characters)
    above a longer line; with three printed lines and no other evidence (or
    two plain lines above a —— subtitle) the second is the title; a line that a word runs across is one title
    wrapped, and so are two lines that together are short (a subtitle is a
    long line).  Two other plain lines read as title + subtitle.

    >>> headline_roles(["东西问", "江门五邑侨批中有何家国密码？", "——专访院长刘进"])
    (1, 2)
    >>> headline_roles(["黑土地上，新农人锄禾记", "他们，用全新的方式挖掘潜能"])
    (0, 1)
    >>> headline_roles(["扎根大山三十载", "乡村教师的坚守", "——记山区小学校长王明"])
    (1, 2)
    >>> headline_roles(["11月25日至27日我市将有一次降温降雨天", "气过程"]), headline_roles(["杭州：智慧停车", "缓解出行难"])
    ((0, 2), (0, 2))
    >>> headline_roles(["樊明武院士：", "人生就是要为祖国做大“矢量的模”", "无论是换灯泡还是搞科研都做到极致"])
    (1, 2)
    """
    n = len(lines)
    if n < 2:
        return 0, n
    groups = _wrap_groups(lines)   # printed-line groups: a wrapped line stays with the line before it
    text = lambda g: "".join(lines[i] for i in g)
    if len(groups) == 2 and len(text(groups[0]) + text(groups[1])) <= 14 and not DASH_OPEN.match(text(groups[1])) \
            and not text(groups[0]).endswith(("：", ":")) and not len(text(groups[0])) <= 5 < len(text(groups[1])):
        groups = [groups[0] + groups[1]]     # a short title wrapped in a narrow column
    end = len(groups)
    while end > 1 and DASH_OPEN.match(lines[groups[end - 1][0]]):
        end -= 1
    k = 0
    if end >= 2:
        first = "".join(lines[i] for i in groups[0])
        nxt = "".join(lines[i] for i in groups[1])
        if first.endswith(("：", ":")) or len(first) <= 5 < len(nxt) or end >= 3 or end < len(groups):
            k = 1
    if k >= end:
        k = 0
    # (over a —— subtitle, every plain line under the kicker is the title's)
    main_end = groups[end - 1 if end < len(groups) else k][-1] + 1
    return (groups[k][0] if k else 0), main_end


def _line_pairs(b: Block) -> list[tuple[str, list]]:
    """(text, seed lines) of each printed line of a heading block."""
    texts = printed_lines(b)
    if len(texts) == len(b.lines):
        return [(t, [ln]) for t, ln in zip(texts, b.lines)]
    return [(t, b.lines if k == 0 else []) for k, t in enumerate(texts)]


def _set_lines(b: Block, pairs: list[tuple[str, list]]) -> None:
    b.lines = [ln for _, ls in pairs for ln in ls]
    b.text = "".join(t for t, _ in pairs)
    b.parts = [t for t, _ in pairs] if len(pairs) > 1 else []


def shape_headline(a: Article) -> None:
    """Cut an article's headline into kicker / title / subtitle by its printed
    lines (``headline_roles``); every printed line stays visible.

    The page's own blocks (title, and a subtitle the grouping found) are
    reused in reading order for the roles, so each stays placed; a role
    left over gets a block of its own.
    """
    if a.title is None:
        return
    originals = [b for b in (a.title, a.subtitle) if b]
    pairs = [p for b in originals for p in _line_pairs(b)]
    k, m = headline_roles([t for t, _ in pairs])
    if a.kicker is not None and k:
        return     # a kicker set apart already: the title's lines hold none
    roles = [(r, pairs[i:j]) for r, i, j in (("kicker", 0, k), ("title", k, m), ("subtitle", m, len(pairs))) if j > i]
    if len(roles) < len(originals):
        a.title.parts = printed_lines(a.title) if len(printed_lines(a.title)) > 1 else []
        return     # fewer roles than blocks: keep the blocks as the grouping found them
    first = a.title
    a.title = a.subtitle = None
    pool = list(originals)
    for role, ps in roles:
        b = pool.pop(0) if pool else Block(id=f"{first.id}{role[0]}", lines=[], text="", kind="heading")
        _set_lines(b, ps)
        b.kind = "heading"
        b.notes.append(f"{role}: printed line(s) {', '.join(t for t, _ in ps)[:40]}")
        setattr(a, role, b)
    if len(roles) > 1:
        first.notes.append(f"headline cut by its printed lines: {k} kicker, {m - k} title, {len(pairs) - m} subtitle")


def _place_leftovers(page: Page) -> None:
    """Blocks no article took (a page of nothing but a byline, say) are kept:
    they end the last article, or make one of their own.

    >>> from kanbao.model import Line
    >>> pg = Page(seed="p.txt", slug="p", blocks=[Block("b1", [Line(1, "记者", "记者", 4)], "记者", kind="byline")])
    >>> _place_leftovers(pg); [[b.text for b in a.blocks()] for a in pg.articles]
    [['记者']]
    """
    placed = {id(b) for a in page.articles for b in a.blocks()} | {id(b) for b in page.furniture}
    left = [b for b in page.blocks if id(b) not in placed and b.kind not in ("pq_number", "furniture")]
    if not left:
        return
    if not page.articles:
        page.articles.append(Article(id="a1"))
    a = page.articles[-1]
    if not a.sections:
        a.sections.append(Section())
    a.sections[-1].blocks.extend(left)
    for b in left:
        _note(b, "left over by the structure pass: kept at the end of the last article")


def structure(page: Page, forced: dict[str, str] | None = None) -> Page:
    """Run the three passes on ``page.blocks``; fill ``page.articles``.

    ``forced`` maps block ids to kinds a correction file set; they are kept.
    """
    page_no = classify(page.blocks, forced or {})
    _last_line_over_closing_byline(page.blocks, set(forced or {}))
    if page_no and not page.page_no:
        page.page_no = page_no
    _cut_closing_heading(page.blocks, set(forced or {}))
    group(page, restore_displaced_titles(page.blocks, set(forced or {})), forced)
    restore_order(page)
    _place_leftovers(page)
    for n, a in enumerate(page.articles, start=1):
        a.id = f"a{n}"
        _dash_subtitle_up(a)
        shape_headline(a)
    return page


LINE_WRAPS = WRAPS | {"heading-wraps", "wrapped-end"}   # reflow's joins inside one printed line


def _cut_closing_heading(blocks: list[Block], forced: set[str]) -> None:
    r"""A heading that closes the dump right under a paragraph's full stop, of seed lines that
    are not one printed line wrapped (``_wrap_groups``: no word runs across, no short end under
    a long line; no —— subtitle) nor a pull quote (its text printed in a paragraph): headings
    painted last, each line its own (本市天气开启多雨模式 | 驻华记者关注反腐倡廉, two
    displaced subheads, too few lines for ``reflow``'s displaced-lines rule).

    >>> ls = [Line(1, "", "今年以来，全市经济运行平稳。", 28), Line(2, "", "本市天气开启多雨模式", 20),
    ...       Line(3, "", "驻华记者关注反腐倡廉", 20)]
    >>> bs = [Block("b1", ls[:1], ls[0].text), Block("b2", ls[1:], "本市天气开启多雨模式驻华记者关注反腐倡廉", kind="heading",
    ...       decisions=[Decision("full-line", True, 2)])]
    >>> _cut_closing_heading(bs, set())
    >>> [(b.id, b.text) for b in bs]
    [('b1', '今年以来，全市经济运行平稳。'), ('b2', '本市天气开启多雨模式'), ('b2.2', '驻华记者关注反腐倡廉')]
    """
    last = max((i for i, b in enumerate(blocks) if b.kind not in ("furniture", "pq_number")), default=None)
    if last is None:
        return
    b, before = blocks[last], blocks[last - 1] if last else None
    if before is None or before.kind != "para" or not before.text.endswith("。"):
        return   # under a question or a heading: an interview's displaced turns and subheads (多元投入 | 引入社会资本)
    if b.kind != "heading" or b.id in forced or b.displaced or len(b.lines) < 2:
        return
    texts = b.line_texts()
    if len(texts) != len(b.lines) or any(d.joined and d.rule in LINE_WRAPS for d in b.decisions[:len(b.lines) - 1]) \
            or any(ln.blanks_before for ln in b.lines[1:]) or any(DASH_OPEN.match(t) for t in texts) \
            or not all(headline_line(t) for t in texts) or len(_wrap_groups(texts)) < len(texts) \
            or _repeats_text(b, blocks):
        return
    out = []
    rest = b
    for _ in texts[1:]:
        head, rest = _split_block(rest, 1)
        _note(head, "a heading closing the dump, its lines no wrap of one: each line a heading")
        out.append(head)
    out.append(rest)
    blocks[last:last + 1] = out


def _last_line_over_closing_byline(blocks: list[Block], forced: set[str]) -> None:
    """A one-line "headline" that reflow cut from the paragraph above it for the
    byline under it (``headline-over-byline``) is that paragraph's last line
    where the byline closes its article: under the byline comes the page's end
    or a headline over its own byline, so the line would head nothing
    (…传统农业模式 | 呈现出颠覆式的创新变革 | 据新华社电 记者… | 秋粮归仓 |
    本报记者 …).

    >>> from kanbao.model import Line
    >>> mk = lambda no, t, k, rule=None: Block(f"b{no}", [Line(no, "", t, 2 * len(t))], t, kind=k,
    ...     decisions=[Decision(rule, False, no)] if rule else [])
    >>> bl = [mk(1, "让千百年来的传统农业模式", "para", "headline-over-byline"), mk(2, "呈现出新的变革", "heading"),
    ...       mk(3, "本报记者 陆斌", "byline"), mk(4, "秋粮归仓", "heading"), mk(5, "本报记者 周云", "byline")]
    >>> _last_line_over_closing_byline(bl, set()); [b.text for b in bl][:3]
    ['让千百年来的传统农业模式呈现出新的变革', '本报记者 陆斌', '秋粮归仓']
    """
    i = 1
    while i + 1 < len(blocks):
        p, h, by = blocks[i - 1], blocks[i], blocks[i + 1]
        if h.kind != "heading" or len(h.lines) != 1 or p.kind not in ("para", "answer") or by.kind != "byline" \
                or not p.decisions or p.decisions[-1].rule != "headline-over-byline" \
                or {p.id, h.id} & forced or ends_sentence(p.text):
            i += 1
            continue
        k = _past_headings(blocks, i + 2)
        under = blocks[k] if k < len(blocks) else None   # under the byline and any headline: its own byline?
        if under is None or under.kind == "byline" and k > i + 2:
            p.decisions = p.decisions[:-1] + [Decision("line-over-closing-byline", True, p.decisions[-1].after_line)]
            _run_on(p, h)
            _note(p, f"runs on into line {h.lines[0].no}: the byline under it closes the article "
                     "(no text under the byline), so the line heads nothing")
            del blocks[i]
            continue
        i += 1


def _dash_subtitle_up(a: Article) -> None:
    """A —— line that heads the article's first text, with nothing but empty
    sections between it and the title, is the headline's subtitle (副题): a
    —— line closes a headline and never heads a section (the dev and
    simulated gold hold 1110 headline lines opening with ——, and no such subhead).

    >>> from kanbao.model import Line
    >>> h = lambda no, t: Block(f"b{no}", [Line(no, "", t, 2 * len(t))], t, kind="heading")
    >>> a = Article(id="a1", title=h(1, "为期9天，方面所取得的成绩"),
    ...             sections=[Section(), Section(heading=h(3, "——合川农机专业合作社收水稻"), blocks=[h(4, "联合国大会是…")])])
    >>> _dash_subtitle_up(a); a.subtitle.text, len(a.sections), a.sections[0].heading
    ('——合川农机专业合作社收水稻', 1, None)
    """
    if a.title is None or a.subtitle is not None:
        return
    k = next((i for i, s in enumerate(a.sections) if s.heading is not None or s.blocks), None)
    if k is None or a.sections[k].heading is None or not DASH_OPEN.match(a.sections[k].heading.text) \
            or DASH_OPEN.match(a.title.text):
        return
    sec = a.sections[k]
    a.subtitle, sec.heading = sec.heading, None
    a.sections = [sec] + a.sections[k + 1:]
    a.moves.append(f"{a.subtitle.id} ({a.subtitle.span}) → subtitle: a —— line over the article's first text, "
                   "right under its title, closes the headline")
    _note(a.subtitle, "subtitle: a —— line heads no section; under the title it is the headline's subtitle")
