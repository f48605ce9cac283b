"""The word model (kanbao/wordlm.py): its cases, its data file and the script that builds it."""
from __future__ import annotations

import gzip
import math
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kanbao.wordlm import DATA, WordModel, model, word_lift

ROOT = Path(__file__).resolve().parent.parent
CASES = yaml.safe_load((Path(__file__).parent / "cases" / "wordlm_cases.yml").read_text(encoding="utf-8"))

# A tiny model in ARPA form: 经济 发展 is a pair it knows, 发展 好 a triple after 经济.
ARPA = """
\\data\\
ngram 1=5
ngram 2=3
ngram 3=1

\\1-grams:
-2.0\t<unk>\t0
-1.0\t经济\t-0.3
-1.2\t发展\t-0.2
-1.5\t好\t-0.1
-1.1\t经\t-0.5

\\2-grams:
-0.2\t经济 发展\t-0.1
-0.9\t发展 好\t0
-1.4\t好 经济\t0

\\3-grams:
-0.05\t经济 发展 好

\\end\\
"""


def _params():
    for c in CASES:
        marks = [pytest.mark.xfail(reason=c["known_failure"], strict=True)] if c.get("known_failure") else []
        yield pytest.param(c, id=c["label"], marks=marks)


@pytest.mark.parametrize("case", list(_params()))
def test_wordlm_case(case):
    """The line that reads on after ``left`` lifts more than the line that does not."""
    assert word_lift(case["left"], case["reads_on"]) > word_lift(case["left"], case["rather_than"])


def test_no_chinese_at_the_join_reads_nothing():
    """Punctuation, digits or letters at the join: the model has no words for them."""
    assert word_lift("经济持续向好。", "今年以来") == 0.0
    assert word_lift("全年增长", "12%以上") == 0.0
    assert word_lift("", "今年") == 0.0


def test_shipped_model_is_the_whole_vocabulary():
    """Every word of libime's model is kept (the cut needs them all), and over a million pairs."""
    m = model()
    assert len(m.ids) > 160_000 and "<unk>" in m.ids
    assert len(m.bi_w) > 1_000_000 and len(m.tri_k) > 300_000
    assert m.cut("教育局获悉") == [m.ids["教育局"], m.ids["获悉"]]


def _build(tmp_path, name="a.bin.gz", prune=0.0):
    arpa = tmp_path / "lm.arpa"
    arpa.write_text(ARPA, encoding="utf-8")
    out = tmp_path / name
    subprocess.run([sys.executable, str(ROOT / "bench" / "build_wordlm.py"), str(arpa), "--out", str(out),
                    "--prune", str(prune)], check=True, capture_output=True)
    return out


def test_build_script_packs_the_model_and_is_deterministic(tmp_path):
    """bench/build_wordlm.py on a tiny ARPA model: the arrays read back as the model's own
    probabilities (in hundredths), backoff where a pair or triple is missing, and a second
    run writes the same bytes."""
    a, b = _build(tmp_path, "a.bin.gz"), _build(tmp_path, "b.bin.gz")
    assert a.read_bytes() == b.read_bytes()
    m = WordModel(gzip.decompress(a.read_bytes()))
    ids = m.ids
    assert m.p2(ids["经济"], ids["发展"]) == -20                       # listed pair
    assert m.p2(ids["发展"], ids["经济"]) == -20 + -100                # backoff(发展) + P(经济)
    assert m.p3(ids["经济"], ids["发展"], ids["好"]) == -5              # listed triple
    assert m.p3(ids["好"], ids["经济"], ids["发展"]) == 0 + -20         # no such triple: the pair's backoff + P(发展 | 经济)
    assert m.cut("经济发展好") == [ids["经济"], ids["发展"], ids["好"]]
    assert m.cut("经济x") == [ids["经济"], ids["<unk>"]]


def test_pruning_keeps_the_pairs_that_read_clearly_likelier(tmp_path):
    """--prune 0.5 drops 好 经济 (−1.4 against a backoff guess of −0.1 − 1.0 = −1.1) but keeps
    经济 发展 (−0.2 against −0.3 − 1.2), and the pair a kept triple stands on."""
    m = WordModel(gzip.decompress(_build(tmp_path, prune=0.5).read_bytes()))
    ids = m.ids
    assert m.pair(ids["经济"], ids["发展"]) >= 0
    assert m.pair(ids["好"], ids["经济"]) < 0
    assert m.p2(ids["好"], ids["经济"]) == -10 + -100


def test_lift_is_the_joined_text_against_its_halves(tmp_path, monkeypatch):
    """word_lift = ln 10 × (log10 P(经济发展) − log10 P(经济) − log10 P(发展))."""
    import kanbao.wordlm as wordlm
    m = WordModel(gzip.decompress(_build(tmp_path).read_bytes()))
    monkeypatch.setattr(wordlm, "model", lambda: m)
    wordlm.word_lift.cache_clear()
    try:
        expected = ((-100 + -20) - (-100) - (-120)) / 100 * math.log(10)
        assert word_lift("推动经济", "发展") == pytest.approx(expected, abs=1e-3)
    finally:
        wordlm.word_lift.cache_clear()


def test_a_truncated_file_is_refused(tmp_path):
    blob = gzip.decompress(_build(tmp_path).read_bytes())
    with pytest.raises(ValueError, match="ends early"):
        WordModel(blob[:-3])


def test_data_file_is_in_the_package():
    assert DATA.is_file() and DATA.parent.name == "data" and DATA.parent.parent.name == "kanbao"
