"""The files the search box reads besides Pagefind's index (hooks/search.py):
the glossary keys (pinyin, English) and the OpenCC scripts."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("kanbao_search_hook", ROOT / "hooks" / "search.py")
search = importlib.util.module_from_spec(spec)
spec.loader.exec_module(search)

GLOSSARY = ROOT / "docs" / "glossary.yml"

# what a reader types -> the term it must stand for (written by hand from docs/glossary.yml)
TYPED = [
    ("zhongshi", "中试"), ("zhōngshì", "中试"), ("Pilot-scale testing", "中试"),
    ("chain leader", "链主"), ("liànzhǔ", "链主"), ("lianzhu", "链主"),
]


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    line = search.write_search_assets(str(site), str(ROOT), GLOSSARY)
    assert "glossary terms" in line
    return json.loads((site / search.GLOSSARY_JSON).read_text(encoding="utf-8")), site


@pytest.mark.parametrize("typed,term", TYPED)
def test_typed_key_finds_term(records, typed, term):
    recs, _ = records
    key = search.latin_key(typed)
    hits = [r["term"] for r in recs if key in r["keys"]]
    assert hits and hits[0] == term, (key, hits)


def test_every_entry_has_keys_and_a_link(records):
    recs, _ = records
    from kanbao.glossary import load_glossary
    terms = [e.term for e in load_glossary(GLOSSARY)]
    assert [r["term"] for r in recs] == terms
    assert all(r["keys"] and r["url"].startswith("glossary/") for r in recs)


def test_anchor_from_built_glossary_page():
    class E:
        term, aliases, pinyin, english, definition = "链主", (), "liànzhǔ", "chain leader", "定义"
    page = '<h2 id="term-链主">链主 <small class="kb-pinyin">liànzhǔ</small></h2>'
    assert search.glossary_records([E()], page)[0]["url"] == "glossary/#term-链主"


def test_opencc_copied(records):
    _, site = records
    if not (ROOT / "node_modules" / "opencc-js").exists():
        pytest.skip("node_modules/opencc-js missing: run `npm ci`")
    vendor = site / "assets" / "kanbao" / "vendor"
    assert (vendor / "opencc-t2cn.js").stat().st_size > 50_000
    assert (vendor / "opencc-cn2t.js").stat().st_size > 500_000


def test_doctests_of_the_hook():
    import doctest
    assert doctest.testmod(search).failed == 0
