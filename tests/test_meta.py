"""Issue metadata (kanbao/meta.py): cases as data, source order, meta.yml, and the build."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kanbao import meta
from kanbao.site import build_site

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "meta_cases.yml").read_text(encoding="utf-8"))
SAMPLE = Path(__file__).resolve().parent.parent / "seeds" / "000_e92b42195bf00fd7.txt"


@pytest.mark.parametrize("case", CASES["header"], ids=lambda c: c["label"])
def test_header(case):
    m = meta.from_header(case["furniture"])
    assert {"paper": m.paper, "date": m.date, "page_name": m.page_name} == case["expected"]


@pytest.mark.parametrize("case", CASES["path"], ids=lambda c: c["label"])
def test_path(case):
    assert meta.from_path(Path(case["path"])).__dict__ == case["expected"]


def test_meta_yml_wins_over_folders_header_and_name(tmp_path):
    d = tmp_path / "晚报" / "2024-12-05"
    d.mkdir(parents=True)
    (tmp_path / "晚报" / "meta.yml").write_text("paper: 成都晚报\n", encoding="utf-8")
    (d / "meta.yml").write_text("files:\n  07.txt: {page_name: 要闻, page_no: 8}\n", encoding="utf-8")
    m = meta.resolve(tmp_path, Path("晚报/2024-12-05/07.txt"), ["江城日报2023年1月1日", "经济"], "07")
    assert (m.paper, m.date, m.page_no, m.page_name) == ("成都晚报", "2024-12-05", "08", "要闻")


def test_header_wins_over_file_name(tmp_path):
    m = meta.resolve(tmp_path, Path("2020-01-01_09.txt"), ["江城日报2024年3月13日"], "05")
    assert (m.date, m.page_no) == ("2024-03-13", "05")


def test_broken_meta_yml_is_named_and_ignored(tmp_path):
    (tmp_path / "meta.yml").write_text("paper: [unclosed\n", encoding="utf-8")
    warnings: list[str] = []
    m = meta.resolve(tmp_path, Path("a.txt"), [], "", warnings)
    assert m.paper == "" and len(warnings) == 1 and "meta.yml" in warnings[0]


def test_hostile_meta_values_are_cleaned_and_escaped(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_bytes(SAMPLE.read_bytes())
    (seeds / "meta.yml").write_text('paper: "<img src=x onerror=alert(1)>\\x7f"\ndate: 2024-12-05\n'
                                    'files: {a.txt: {page_name: "<b>要闻</b>"}}\n', encoding="utf-8")
    site = build_site(seeds)
    page = site.pages[0]
    assert page.paper == "img src=x onerror=alert(1)" and page.date == "2024-12-05"   # cannot hold markup
    for path, md in site.files.items():
        if path.endswith(".md"):   # front matter is data (escaped where a template prints it); the body is Markdown
            body = md.split("\n---\n", 1)[-1]
            assert "<img src=x" not in body and "<b>要闻" not in body, path
    assert "<img" not in site.files["feed.xml"] and "<b>" not in site.files["feed.xml"]
    assert all("<img" not in str(item) for item in site.nav)


def test_source_line_and_title_carry_the_issue(tmp_path):
    seeds = tmp_path / "seeds" / "江城日报" / "2024-12-05"
    seeds.mkdir(parents=True)
    (seeds / "07.txt").write_bytes(SAMPLE.read_bytes())
    site = build_site(tmp_path / "seeds" / "江城日报" / "2024-12-05")
    # the folder above seeds_dir is not part of the seed's path: only the date folder … is outside too
    page = site.pages[0]
    assert page.page_no == "07"
    site = build_site(seeds)
    article = next(md for p, md in site.files.items() if p.startswith("pages/") and p.endswith(".md")
                   and not p.endswith(("index.md", "print.md")))
    assert "kb-source" in article and "第 07 版" in article and "分钟读完" in article


def test_source_line_has_no_space_between_chinese_characters():
    import re
    from kanbao.model import Page
    from kanbao.render import source_line
    line = source_line(Page(seed="a.txt", slug="a", paper="江城日报", date="2024-10-23", page_no="03",
                            page_name="农业·乡村"), 900)
    text = re.sub(r"<[^>]+>", "", line)
    assert "2024年10月23日星期三" in text and "第 03 版" in text and "农业·乡村" in text
    assert not re.search(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]", text), text


def test_a_broken_meta_yml_is_reported_once_and_the_seeds_still_build(tmp_path):
    for n in (1, 2):
        (tmp_path / f"0{n}.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "meta.yml").write_text("paper: [unclosed\n", encoding="utf-8")
    site = build_site(tmp_path)
    assert len(site.pages) == 2
    assert [w for w in site.warnings if "meta.yml" in w] == [site.warnings[0]] and len(site.warnings) == 1
