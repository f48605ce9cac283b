"""The character model (kanbao/charlm.py): its cases, its data file and the script that builds it."""
from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kanbao.charlm import DATA, CharModel, join_lift, model

ROOT = Path(__file__).resolve().parent.parent
CASES = yaml.safe_load((Path(__file__).parent / "cases" / "charlm_cases.yml").read_text(encoding="utf-8"))


def _params():
    for c in CASES:
        marks = [pytest.mark.xfail(reason=c["known_failure"], strict=True)] if c.get("known_failure") else []
        yield pytest.param(c, id=c["label"], marks=marks)


@pytest.mark.parametrize("case", list(_params()))
def test_charlm_case(case):
    """The line that reads on after ``left`` lifts more than the line that does not."""
    assert join_lift(case["left"], case["reads_on"]) > join_lift(case["left"], case["rather_than"])


def test_shipped_counts_are_the_whole_month():
    """The data file holds every triple of the month, not a sample: about 1.8 million
    characters of text, 4,600 kinds of character, 850,000 kinds of triple."""
    m = model()
    assert m.total > 1_800_000
    assert len(m.one) > 4_500
    assert len(m.three.keys) > 850_000
    assert m.three.get("经济发") and m.three.get("经济发")[0] > 100


def test_build_script_counts_a_corpus_and_is_deterministic(tmp_path):
    """bench/build_charlm.py on a tiny tagged corpus: the counts it writes are the
    corpus's own, tags and word breaks dropped, digits read as 0, and a second run
    writes the same bytes."""
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("经济/n  发展/v  １９９８年/t\n[经济/n  发展/v]nt  好/a\n", encoding="utf-8")
    outs = []
    for name in ("a.tsv.gz", "b.tsv.gz"):
        out = tmp_path / name
        subprocess.run([sys.executable, str(ROOT / "bench" / "build_charlm.py"), "--corpus", str(corpus), "--out", str(out)],
                       check=True, capture_output=True)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    with gzip.open(tmp_path / "a.tsv.gz", "rt", encoding="utf-8") as f:
        rows = f.read().splitlines()
    m = CharModel(rows)
    # 经济发展0年 and 经济发展好: 济 is followed twice, by 发 both times
    assert m.one["济"] == (2, 2, 1)
    assert m.two.get("济发") == (2, 2, 1)      # 济发 then 展, twice
    assert m.three.get("发展0") == (1,) and m.three.get("发展好") == (1,)
    assert m.two.get("展0") is not None and "１" not in m.one and "9" not in m.one
    assert m.p2("发", "济") > m.p2("好", "济")


def test_rows_out_of_order_are_refused():
    """A data file whose rows are not sorted would make lookups silently wrong: it is refused."""
    with pytest.raises(ValueError, match="out of order"):
        CharModel(["2\t经济\t5\t5\t1", "2\t发展\t3\t3\t1", "2\t中国\t9\t9\t2"])


def test_data_file_is_in_the_package():
    assert DATA.is_file() and DATA.parent.name == "data" and DATA.parent.parent.name == "kanbao"


def test_new_counts_make_a_new_converter_version(tmp_path, monkeypatch):
    """The conversion cache is keyed by the converter's version: rebuilt counts change
    it as a changed source file does, so no page converted with the old counts is reused."""
    from kanbao import cache
    pkg = tmp_path / "kanbao"
    (pkg / "data").mkdir(parents=True)
    (pkg / "charlm.py").write_text("# the module\n", encoding="utf-8")
    (pkg / "data" / "charlm.tsv.gz").write_bytes(b"old counts")
    monkeypatch.setattr(cache, "PACKAGE", pkg)
    cache.code_version.cache_clear()
    before = cache.code_version()
    (pkg / "data" / "charlm.tsv.gz").write_bytes(b"new counts")
    cache.code_version.cache_clear()
    after = cache.code_version()
    cache.code_version.cache_clear()
    assert before != after
