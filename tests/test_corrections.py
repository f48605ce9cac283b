"""Sidecar corrections (seeds/X.yml): set a headline, move, merge, split, mark a kind."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kanbao.convert import convert_file, convert_text
from kanbao.corrections import CorrectionError, load_corrections

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "structure_cases.yml").read_text(encoding="utf-8"))
THREE = next(c for c in CASES if c["label"].startswith("a page with three articles"))["text"]


def block_id(page, start: str) -> str:
    """The id `explain` shows for the block whose text starts with ``start``."""
    return next(b.id for b in page.blocks if b.text.startswith(start))


def titles(page):
    return [a.title_text for a in page.articles]


def test_without_sidecar_three_articles():
    assert titles(convert_text(THREE, "p.txt")) == ["山区公路通到家门口", "老街换新颜 游客回头多", "科技小院扎根田间"]


def test_set_title_move_and_kind():
    plain = convert_text(THREE, "p.txt")
    moved = block_id(plain, "村民李大爷说")
    corr = {"articles": {"a1": {"title": "山区通了致富路"}},
            "move": [{"block": moved, "to": "a3", "before": block_id(plain, "在县里的科技小院")}],
            "blocks": {block_id(plain, "今年，他们推广"): "pullquote"}}
    page = convert_text(THREE, "p.txt", corr)
    assert titles(page)[0] == "山区通了致富路"
    a1, a3 = page.articles[0], page.articles[2]
    assert [b.text[:6] for s in a1.sections for b in s.blocks] == ["盘山公路如玉"]
    assert [b.text[:6] for s in a3.sections for b in s.blocks] == ["村民李大爷说", "在县里的科技"]
    assert [b.text[:6] for b in a3.pullquotes] == ["今年，他们推"]
    assert any("moved here" in m for m in a3.moves)
    assert not [w for w in page.warnings if "lost" in w]


def test_split_and_merge():
    plain = convert_text(THREE, "p.txt")
    page = convert_text(THREE, "p.txt", {"split": [block_id(plain, "街道负责人介绍")]})
    assert len(page.articles) == 4
    assert [b.text[:6] for s in page.articles[2].sections for b in s.blocks] == ["街道负责人介"]
    page = convert_text(THREE, "p.txt", {"merge": [["a2", "a3"]]})
    assert titles(page) == ["山区公路通到家门口", "老街换新颜 游客回头多"]
    body = [b.text[:4] for s in page.articles[1].sections for b in ([s.heading] if s.heading else []) + s.blocks]
    assert body == ["青石板路", "街道负责", "科技小院", "在县里的", "今年，他"]   # the merged title becomes a subhead


def test_sidecar_file_is_read_next_to_the_seed(tmp_path):
    seed = tmp_path / "p.txt"
    seed.write_text(THREE, encoding="utf-8")
    (tmp_path / "p.yml").write_text("articles:\n  a2: {title: 老街新颜}\n", encoding="utf-8")
    page = convert_file(seed, load_corrections(tmp_path / "p.yml"))
    assert titles(page)[1] == "老街新颜"


@pytest.mark.parametrize("text,match", [
    ("blocks:\n  b999: heading\n", "no block b999"),
    ("blocks:\n  b1: nonsense\n", "kind must be one of"),
    ("move:\n  - {block: b999, to: a1}\n", "unknown block or article"),
    ("articles:\n  a9: {title: x}\n", "no article a9"),
    ("colour: red\n", "unknown key"),
    ("[unclosed\n", "not valid YAML"),
])
def test_bad_sidecars_name_the_file_and_entry(tmp_path, text, match):
    side = tmp_path / "p.yml"
    side.write_text(text, encoding="utf-8")
    with pytest.raises(CorrectionError, match=match):
        corr = load_corrections(side)
        assert "p.yml" in str(corr.get("_file"))
        convert_text(THREE, "p.txt", corr)


# the printed paragraph runs on across a column break, but the dump shows a
# sentence end, a short last line and an indented next line: two blocks
SPLIT_PARA = """08
河道治理见成效
本报记者 林 川
今年以来，全市共清理河道淤泥
三十余万立方米。

  累计完成投资41.6亿元，占年度
计划的93.3%，沿岸新建绿道二
十公里。
  下一步，我们将把治理成果
转化为群众看得见的生态红利。
"""


def test_join_makes_one_paragraph_of_two_blocks():
    plain = convert_text(SPLIT_PARA, "p.txt")
    first, second = block_id(plain, "今年以来"), block_id(plain, "累计完成投资")
    assert first != second, "the case needs a paragraph the joiner cut in two"
    page = convert_text(SPLIT_PARA, "p.txt", {"join": [[first, second]], "_file": "p.yml"})
    paras = [b.text for s in page.articles[0].sections for b in s.blocks]
    assert paras[0] == "今年以来，全市共清理河道淤泥三十余万立方米。累计完成投资41.6亿元，占年度计划的93.3%，沿岸新建绿道二十公里。"
    assert not any(p.startswith("累计完成投资") for p in paras)
    joined = next(b for b in page.blocks if b.id == first)
    assert any("sidecar-join" in str(d) for d in joined.decisions) and any("p.yml" in n for n in joined.notes)
    assert not page.warnings, page.warnings


@pytest.mark.parametrize("join,match", [
    ([["b1"]], "two or more block ids"),
    ([["b1", "b999"]], "no block b999"),
    ([["b4", "b4"]], "given twice"),
])
def test_bad_joins_are_named(join, match):
    with pytest.raises(CorrectionError, match=match):
        convert_text(SPLIT_PARA, "p.txt", {"join": join, "_file": "p.yml"})


def test_set_title_leaves_no_block_unplaced():
    page = convert_text(THREE, "p.txt", {"articles": {"a2": {"title": "老街新颜"}}})
    assert titles(page)[1] == "老街新颜"
    assert not page.warnings, page.warnings


def test_strict_build_with_a_sidecar_headline_and_join(tmp_path):
    """`mkdocs build --strict` fails on any warning: a headline set by the
    sidecar must not leave its old block unplaced."""
    import shutil
    import subprocess
    root = Path(__file__).resolve().parent.parent
    for name in ("mkdocs.yml", "hooks", "kanbao", "docs", "overrides"):
        src = root / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, tmp_path / name)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "p.txt").write_text(SPLIT_PARA, encoding="utf-8")
    plain = convert_text(SPLIT_PARA, "p.txt")
    first, second = block_id(plain, "今年以来"), block_id(plain, "累计完成投资")
    (tmp_path / "seeds" / "p.yml").write_text(
        f"articles:\n  a1: {{title: 河道治理成效显著}}\njoin: [[{first}, {second}]]\n", encoding="utf-8")
    r = subprocess.run([str(root / ".venv" / "bin" / "mkdocs"), "build", "--strict", "-d", str(tmp_path / "site")],
                       cwd=tmp_path, capture_output=True, text=True, timeout=300,
                       env={**__import__("os").environ, "KANBAO_NO_SEARCH": "1", "NO_MKDOCS_2_WARNING": "1"})
    assert r.returncode == 0, r.stderr[-2000:]
    assert "not placed" not in r.stderr
    html = next((tmp_path / "site" / "pages" / "p").glob("1/index.html")).read_text(encoding="utf-8")
    assert "河道治理成效显著" in html and "三十余万立方米。累计完成投资" in html


def test_ids_of_pieces_cut_by_the_structure_pass_can_be_named(tmp_path):
    """`explain` shows ids like b2.2 for a piece the structure pass cut from a
    block; the sidecar loader accepts them and the kind is applied."""
    from kanbao.corrections import forced_kinds, load_corrections
    from kanbao.model import Block, Line
    side = tmp_path / "p.yml"
    side.write_text("blocks:\n  b2.2: para\n", encoding="utf-8")
    corr = load_corrections(side)
    blocks = [Block("b2", [Line(2, "", "标题", 4)], "标题"), Block("b2.2", [Line(3, "", "主持人：好", 10)], "主持人：好")]
    assert forced_kinds(blocks, corr) == {"b2.2": "para"}


def test_a_block_a_sidecar_names_is_never_run_on_into_the_paragraph_before():
    """The structure pass joins text after a closing byline to the paragraph it goes on
    from; a block the sidecar names keeps its own place (so the sidecar can still move it)."""
    from kanbao.lines import split_lines
    from kanbao.reflow import reflow
    from kanbao.untangle import untangle
    text = next(c for c in CASES if c["label"].startswith("a paragraph cut at its column's foot"))["text"]
    plain = convert_text(text, "p.txt")
    assert any("runs on into" in n for b in plain.blocks for n in b.notes)
    lines, _ = split_lines(text)
    run_on = next(b.id for b in reflow(untangle(lines)[0]) if b.text.startswith("路修好以后"))
    assert all(b.id != run_on for b in plain.blocks)          # absorbed without a sidecar
    page = convert_text(text, "p.txt", {"blocks": {run_on: "para"}})
    assert any(b.id == run_on for b in page.blocks)
    assert not any("runs on into" in n for b in page.blocks for n in b.notes)
