"""Reflow cases from tests/cases/reflow_cases.yml, plus property tests."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from kanbao.check import canon
from kanbao.lines import split_lines
from kanbao.model import Line
from kanbao.reflow import decide, reflow

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "reflow_cases.yml").read_text(encoding="utf-8"))


def _params():
    for c in CASES:  # a list, so pytest can collect it repeatedly
        marks = [pytest.mark.xfail(reason=c["known_failure"], strict=True)] if c.get("known_failure") else []
        yield pytest.param(c, id=c["label"], marks=marks)


@pytest.mark.parametrize("case", list(_params()))
def test_reflow_case(case):
    lines, page_no = split_lines(case["text"])
    assert [b.text for b in reflow(lines)] == case["expect"]
    assert page_no == case.get("page_no", "")


def test_cases_cover_three_dump_kinds():
    assert {c["kind"] for c in CASES} == {"a", "b", "c"}


# ---- properties ---------------------------------------------------------------

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
SENT = st.builds(lambda body, end: body + end, st.text(HAN, min_size=4, max_size=30), st.sampled_from("。！？"))
CLAUSES = st.lists(st.builds(lambda a, p: a + p, st.text(HAN, min_size=3, max_size=12), st.sampled_from("，、；")),
                   max_size=3)
PARA = st.builds(lambda cl, s: "".join(cl) + s, CLAUSES, SENT).filter(lambda p: len(p) >= 8)
LONG_PARA = st.builds(lambda a, b: a + b, PARA, PARA)


def wrap(paragraphs: list[str], width: int, blank: str = "") -> str:
    """Set paragraphs in a column of ``width`` characters with a two-character indent.

    A typesetter never starts a line with a comma or stop; it squeezes the
    mark into the line before, which a text dump cannot show.  So a layout
    where a cut falls before such a mark is refused (``None``).
    """
    out = []
    for p in paragraphs:
        pos, room = 0, width - 2
        while pos < len(p):
            out.append(p[pos:pos + room])
            pos, room = pos + room, width
            if pos < len(p) and p[pos] in "，、；。！？":
                return None
        if blank:
            out.append("")
    return "\n".join(out)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(st.lists(PARA, min_size=1, max_size=6), st.integers(min_value=10, max_value=18))
def test_reflow_keeps_every_character(paras, width):
    text = wrap(paras, width)
    assume(text is not None)
    lines, _ = split_lines(text)
    out = "".join(b.text for b in reflow(lines))
    assert canon(out) == canon(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(st.lists(LONG_PARA, min_size=2, max_size=6), st.integers(min_value=10, max_value=18), st.sampled_from(["", "blank"]))
def test_reflow_is_stable_under_rewrapping(paras, width, blank):
    """Wrapping paragraphs of four lines or more at any column width gives them back.

    (Shorter paragraphs in a column of nothing else leave too little evidence
    of the column's width; real pages have longer runs.  Nor does text that
    says its own opening words again: a paragraph's first lines printed twice
    are a pull quote over the text it repeats, ``break:text-repeats-block``.)
    """
    paras = [p for p in paras if len(p) >= 4 * width]
    text = wrap(paras, width, blank)
    joined = "".join(paras)
    assume(len(paras) >= 2 and text is not None and all(joined.count(p[:8]) == 1 for p in paras))
    lines, _ = split_lines(text)
    assert [b.text for b in reflow(lines)] == paras


def test_full_width_quotes_do_not_narrow_the_column():
    # a page that sets curly quotes full width: lines with two pairs of quotes
    # fill the column (15 characters), so the paragraph's first line above them
    # (13 characters) is two characters short, judged from the lines after it too
    text = "\n".join([
        "城市更新不只是修房子，更要留", "住街巷的烟火气。今年以来，全市",
        "已有三十多条老街完成改造，沿街", "商户的生意明显比过去好了很多。",
        "今年春天，老城区的小街巷里", "又热闹起来。改造后的石板路平整",
        "干净，沿街老店铺都重新开张了。", "街坊们说，这条街的老味道回",
        "来了，“石板路”“老字号”都在", "还添了“口袋公园”“城市书房”",
        "周末来逛的人比以前多多了。"])
    lines, _ = split_lines(text)
    first = lines[7]
    assert first.text.startswith("街坊们说")
    assert first.colw_fwd - first.width == 4


# ---- one decision, on lines with the widths a page gave them -----------------------------

def _line(no: int, text: str, width: int, colw: int, back: int, fwd: int, blanks: int = 0) -> Line:
    return Line(no, text, text, width, blanks_before=blanks, colw=colw, colw_back=back, colw_fwd=fwd)


@pytest.mark.parametrize("prev, nxt, after, joined", [
    pytest.param(_line(96, "早晚凉意明显，尤其是本周末", 26, 31, 26, 31),
                 _line(98, "未来几天，没有了阳光的眷", 24, 31, 26, 31, blanks=1),
                 _line(99, "顾，本市气温将有所回落。“进入", 30, 31, 31, 31), False,
                 id="a line alone short of the column after it (the column before is the headline's) over an indented first line"),
    pytest.param(_line(30, "黑土地上，新农人锄禾记", 22, 34, 38, 34),
                 _line(32, "至此，今年共有9位部门负责人在全国", 33, 34, 34, 34, blanks=1),
                 _line(33, "两会“部长通道”回答记者提问。密集的", 36, 34, 34, 34), False,
                 id="a headline's line alone, close under the line over it, over a blank line and a full line"),
    pytest.param(_line(40, "今年以来，全县新建高标准农", 26, 30, 26, 30),
                 _line(41, "田五万亩，粮食总产量再创新高", 28, 30, 30, 30),
                 _line(42, "种粮大户的收入也比去年多了", 26, 30, 30, 30), True,
                 id="a paragraph's indented first line over a full line: no break"),
])
def test_decide_on_measured_lines(prev, nxt, after, joined):
    assert decide(prev, nxt, [prev], after).joined is joined
