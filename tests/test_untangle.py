"""Untangle cases from tests/cases/untangle_cases.yml, plus a conservation property."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from kanbao.lines import split_lines
from kanbao.reflow import reflow
from kanbao.untangle import untangle

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "untangle_cases.yml").read_text(encoding="utf-8"))


def _params():
    for c in CASES:
        marks = [pytest.mark.xfail(reason=c["known_failure"], strict=True)] if c.get("known_failure") else []
        yield pytest.param(c, id=c["label"], marks=marks)


@pytest.mark.parametrize("case", list(_params()))
def test_untangle_case(case):
    """A case gives the paragraphs after reflow (``expect``), the lines in order
    (``expect_lines``), pairs of lines where the second comes right after the
    first (``expect_follows``), or two sets of lines where every line of the first
    comes before every line of the second (``expect_before``, ``expect_after``:
    one article's columns before another's)."""
    lines, _ = split_lines(case["text"])
    lines, _ = untangle(lines)
    texts = [ln.text for ln in lines]
    if "expect_lines" in case:
        assert texts == case["expect_lines"]
    elif "expect_follows" in case:
        follows = set(zip(texts, texts[1:]))
        assert [pair for pair in case["expect_follows"] if tuple(pair) not in follows] == []
    elif "expect_before" in case:
        before = [i for i, t in enumerate(texts) if t in case["expect_before"]]
        after = [i for i, t in enumerate(texts) if t in case["expect_after"]]
        assert len(before) + len(after) == len(case["expect_before"]) + len(case["expect_after"])
        assert max(before) < min(after)
    else:
        assert [b.text for b in reflow(lines)] == case["expect"]


HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
LINE = st.text(st.sampled_from("经济发展目标高质量收入推动，。、") | HAN, min_size=1, max_size=14)


@settings(max_examples=100, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=40), st.lists(st.booleans(), min_size=40, max_size=40))
def test_untangle_only_reorders(texts, blanks):
    """Whatever it moves, untangle keeps every line exactly once."""
    text = "".join(t + ("\n\n" if b else "\n") for t, b in zip(texts, blanks))
    lines, _ = split_lines(text)
    out, _ = untangle(lines)
    assert sorted(ln.no for ln in out) == sorted(ln.no for ln in lines)


def test_deal_keeps_the_rotation_the_periods_read(monkeypatch):
    """Dealing the rotation case's stretch to three columns: with the period read at
    each piece and each piece's place in the dump, a piece goes under the piece
    three before it even where that column has just closed a paragraph with a short
    line; without them (and without the characters' lift across the joins, which
    alone get this stretch right) the rotation shifts by one at that line and
    stays shifted."""
    from kanbao import untangle
    from kanbao.untangle import _deal
    case = next(c for c in CASES if "keeps its turn in the rotation" in c["label"])
    lines, _ = split_lines(case["text"])
    run = [[ln] for ln in lines]
    period = {ln.no: 3 for ln in lines}
    index = {ln.no: i for i, ln in enumerate(lines)}

    def read(cols):
        return [ln.text for col in cols for piece in col for ln in piece]
    assert read(_deal(run, 3, None, period, None, index)) == case["expect_lines"]
    assert read(_deal(run, 3, None, period)) == case["expect_lines"]
    monkeypatch.setattr(untangle.PARAMS, "lift", 0.0)
    assert read(_deal(run, 3, None, period, None, index)) == case["expect_lines"]
    assert read(_deal(run, 3, None, period)) != case["expect_lines"]


def test_numbered_quote_dealt_to_several_columns_is_read_after_them(monkeypatch):
    """A numbered pull quote set between two columns' rows (its lines one after another):
    where dealing puts its lines into both columns, they are taken out of the
    columns' text and read after the stretch, its number first; where dealing
    keeps them together, they stay where they are."""
    from kanbao import untangle as U
    text = "\n\n".join(["今年以来，我市坚持以高质", "与此同时，城乡居民收", "量发展为主线，推动经", "入稳步增长，消费市场",
                        "1", "我市坚持以高质量", "发展为主线", "济运行持续向好，全年目", "持续回暖，就业形势总",
                        "标有望顺利完成。下一步，", "体保持稳定。据统计，全", "我市将继续扩大有效投", "年城镇新增就业三万余",
                        "资，稳住经济大盘。", "人，完成年度目标任务。"])
    lines, _ = split_lines(text)
    by_text = {ln.text: ln for ln in lines}
    a = [by_text[t] for t in ("今年以来，我市坚持以高质", "量发展为主线，推动经", "1", "我市坚持以高质量", "济运行持续向好，全年目",
                              "标有望顺利完成。下一步，", "我市将继续扩大有效投", "资，稳住经济大盘。")]
    b = [by_text[t] for t in ("与此同时，城乡居民收", "入稳步增长，消费市场", "发展为主线", "持续回暖，就业形势总",
                              "体保持稳定。据统计，全", "年城镇新增就业三万余", "人，完成年度目标任务。")]
    monkeypatch.setattr(U, "_periods", lambda run, body, pw=None: [2] * len(run))
    monkeypatch.setattr(U, "_read_stretch", lambda run, path, body, s, e, k, pw: (a + b, "dealt", True))
    out, _, _ = U._deinterleave(lines)
    assert [ln.text for ln in out][-3:] == ["1", "我市坚持以高质量", "发展为主线"]
    assert "发展为主线" not in [ln.text for ln in out][:-3]
    together = a[:2] + a[2:4] + [by_text["发展为主线"]] + a[4:] + b[:2] + b[3:]
    monkeypatch.setattr(U, "_read_stretch", lambda run, path, body, s, e, k, pw: (together, "dealt", True))
    out, _, _ = U._deinterleave(lines)
    assert [ln.text for ln in out] == [ln.text for ln in together]
