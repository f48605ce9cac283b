"""The sample page against its gold: every paragraph, question and answer of
``tests/gold/gold_seed000.py`` comes out of the converter as one block, whole.

The gold was written by hand from the raw dump, not from the converter's
output (see its docstring), so this checks the converter against an
independent reading of a real page.  ``../shared/eval/score_site.py`` scores
the built site against the same gold; this test keeps a change to a rule from
splitting or merging the sample's paragraphs unnoticed (a headline rule once
cut 中汽协数据显示，今年 1 至 10 月，新 off its paragraph: stray spaces around the
numbers made the line look wider than its column).
"""
from __future__ import annotations

import re
import runpy
import unicodedata
from pathlib import Path

from kanbao.convert import convert_file

ROOT = Path(__file__).resolve().parent.parent
GOLD = runpy.run_path(str(ROOT / "tests" / "gold" / "gold_seed000.py"))
SEED = ROOT / "seeds" / GOLD["SEED"]


def _norm(text: str) -> str:
    """Compare as the scorer does: NFKC (，and , alike), no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _gold_text(lines: list[str], ranges: list[tuple[int, int]], fix: dict[int, tuple[str, str]]) -> str:
    """A gold block's text: its seed lines joined, each stripped, with the gold's fixups."""
    out = []
    for a, b in ranges:
        for n in range(a, b + 1):
            t = lines[n - 1]
            if n in fix and t.startswith(fix[n][0]):
                t = fix[n][1] + t[len(fix[n][0]):]
            out.append(t.strip())
    return "".join(out)


def _gold_body() -> list[tuple[str, str]]:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    fix = {n: (old, new) for n, old, new in GOLD["FIXUPS"]}
    return [(kind, _gold_text(lines, ranges, fix))
            for art in GOLD["ARTICLES"] for sec in art["sections"] for kind, ranges in sec["blocks"]]


def test_every_gold_block_of_the_sample_is_one_block():
    body = _gold_body()
    assert len(body) >= 40          # (the gold is read whole: 43 paragraphs, questions and answers)
    page = convert_file(SEED)
    got = {_norm(b.text) for a in page.articles for b in a.blocks()}
    missing = [f"{kind}: {text[:24]}…" for kind, text in body if _norm(text) not in got]
    assert not missing, missing
