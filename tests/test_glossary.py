"""Tests for kanbao.glossary: matching cases as data, plus loading and API checks."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest
import yaml

import kanbao.glossary as glossary_module
from kanbao.glossary import (
    Entry,
    Glossary,
    GlossaryError,
    Match,
    load_glossary,
    pinyin_key,
    anchor,
    sort_key,
    suggest_terms,
)

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY_PATH = ROOT / "docs" / "glossary.yml"
CASES_PATH = Path(__file__).resolve().parent / "cases" / "glossary_cases.yml"
SEED_PATH = ROOT / "seeds" / "000_e92b42195bf00fd7.txt"

REQUIRED_TERMS = """
中国式现代化 新质生产力 新赛道 概念验证 中试 揭榜挂帅 专利池 产业专利导航 岷山行动 链主
创新联合体 瞪羚企业 独角兽企业 专精特新 规上工业企业 产学研 天府实验室 重大科技基础设施
国家实验室 弯道超车 低空经济 建圈强链 两场两港 适航适铁产业 中欧班列 多式联运 腹舱带货
进口空侧内转 出口多点交运 单一窗口 海关特殊监管区域 进境指定监管场地 进解优促 一带一路
全球创新指数 两院院士
""".split()

LOCAL_TERMS = ["岷山行动", "进解优促", "两场两港"]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(GLOSSARY_PATH)


def _load_cases() -> list:
    cases = yaml.safe_load(CASES_PATH.read_text(encoding="utf-8"))
    params = []
    for case in cases:
        marks = []
        if case.get("known_failure"):
            marks.append(pytest.mark.xfail(reason=case["known_failure"], strict=True))
        params.append(pytest.param(case, id=case["label"], marks=marks))
    return params


CASES = _load_cases()


# ---------------------------------------------------------------- cases


@pytest.mark.parametrize("case", CASES)
def test_case(glossary: Glossary, case: dict) -> None:
    text = case["text"]
    matches = glossary.find(text)
    for m in matches:
        assert text[m.start : m.end] == m.surface
        assert m.surface in m.entry.forms
    assert [m.surface for m in matches] == case["expect"], [
        (v.match.surface, v.kept, v.reason) for v in glossary.explain(text)
    ]


def test_case_file_shape() -> None:
    cases = yaml.safe_load(CASES_PATH.read_text(encoding="utf-8"))
    assert len(cases) >= 40
    labels = [c["label"] for c in cases]
    assert len(labels) == len(set(labels)), "case labels must be unique"
    for c in cases:
        assert set(c) <= {"label", "text", "expect", "known_failure"}, c["label"]
        assert isinstance(c["expect"], list), c["label"]


def test_cases_only_expect_glossary_forms(glossary: Glossary) -> None:
    cases = yaml.safe_load(CASES_PATH.read_text(encoding="utf-8"))
    for c in cases:
        for surface in c["expect"]:
            assert glossary.get(surface) is not None, (c["label"], surface)
            assert surface in c["text"], (c["label"], surface)


# ---------------------------------------------------------------- matching behaviour


def test_matches_are_ordered_and_non_overlapping(glossary: Glossary) -> None:
    text = re.sub(r"\n+", "", SEED_PATH.read_text(encoding="utf-8"))
    matches = glossary.find(text)
    assert matches, "the sample page should contain glossary terms"
    for a, b in zip(matches, matches[1:]):
        assert a.end <= b.start
    assert all(isinstance(m, Match) for m in matches)


def test_sample_page_gets_the_expected_terms(glossary: Glossary) -> None:
    text = re.sub(r"\n+", "", SEED_PATH.read_text(encoding="utf-8"))
    found = {m.entry.term for m in glossary.find(text)}
    for term in ["中试", "链主", "新赛道", "进解优促", "中欧班列", "岷山行动", "两场两港"]:
        assert term in found
    # the sample has 中试 six times (twice inside 中试平台) plus 中试熟化 once, and no trap
    surfaces = [m.surface for m in glossary.find(text)]
    assert surfaces.count("中试") + surfaces.count("中试平台") == 6
    # the longer term wins: 口岸 is never tagged inside 市口岸物流办
    assert surfaces.count("市口岸物流办") == 8


def test_ascii_form_respects_letter_and_digit_edges() -> None:
    g = Glossary([Entry("5G", (), "wǔ G", "第五代移动通信技术。", "5G")])
    assert [m.surface for m in g.find("发展5G网络")] == ["5G"]
    assert g.find("工作在5GHz频段") == []
    assert g.find("共有15G流量") == []


def test_shorter_form_tried_when_longest_is_rejected() -> None:
    g = Glossary(
        [
            Entry("新赛道", (), "xīn sàidào", "d", "e"),
            Entry("赛道", (), "sàidào", "d", "e"),
        ]
    )
    # 全新 crosses 新赛道's left edge; 赛道 itself is a word
    assert [m.surface for m in g.find("开辟全新赛道")] == ["赛道"]
    assert [m.surface for m in g.find("开辟新赛道")] == ["新赛道"]


def test_explain_gives_reasons(glossary: Glossary) -> None:
    verdicts = glossary.explain("开展集中试点，建设中试平台。")
    assert [(v.match.surface, v.kept) for v in verdicts] == [("中试", False), ("中试", True)]
    assert "集中" in verdicts[0].reason and "cost" in verdicts[0].reason


def test_word_cost_separates_traps_from_uses() -> None:
    wc = glossary_module.word_cost
    assert wc("建设中试平台", 2, 4)[0] == 0.0
    assert wc("集中试点", 1, 3)[0] > glossary_module.MARGIN
    assert wc("产业链主要", 2, 4)[0] > glossary_module.MARGIN
    assert wc("中试验证", 0, 2)[0] <= glossary_module.MARGIN


def test_jieba_base_tokenizer_is_not_the_global_one() -> None:
    import jieba

    tok = glossary_module._base_tokenizer()
    assert tok is not jieba.dt
    assert "进解优促" not in tok.FREQ  # never loaded with the glossary


def test_empty_glossary_finds_nothing() -> None:
    assert Glossary([]).find("中试平台") == []


def test_doctests() -> None:
    result = doctest.testmod(glossary_module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


# ---------------------------------------------------------------- data file


def test_required_terms_present(glossary: Glossary) -> None:
    terms = {e.term for e in glossary}
    missing = [t for t in REQUIRED_TERMS if t not in terms]
    assert not missing


def test_entry_count(glossary: Glossary) -> None:
    assert len(glossary) >= 100


# the sample page's jargon that a general reader needs (issue 13)
PAGE_JARGON = """
市口岸物流办 时序进度 三区（四园）两中心 开放口岸 航空口岸 海关智能卡口 运抵 国际货站 整列混编
国家骨干冷链物流基地 供应链金融 运贸一体 四向拓展 泛欧泛亚 智慧口岸 合同物流 专利转化运用专项行动
存量专利盘点 产业创新中心 科技领军企业 国家重点研发计划 大科学工程 原始创新 梯度培育 科技型中小企业 订单式研发
""".split()


def test_page_jargon_is_in_the_glossary_and_tagged_on_the_page(glossary: Glossary) -> None:
    text = re.sub(r"\n+", "", SEED_PATH.read_text(encoding="utf-8"))
    found = {m.entry.term for m in glossary.find(text)}
    assert [t for t in PAGE_JARGON if glossary.get(t) is None] == []
    assert [t for t in PAGE_JARGON if t not in found] == []


def test_named_entries_are_fixed(glossary: Glossary) -> None:
    assert glossary.get("中国式现代化").english == "Chinese modernization"
    assert glossary.get("揭榜挂帅").english.startswith("open competition mechanism to select the best candidates")
    assert "项目或任务" in glossary.get("揭榜挂帅").definition
    assert "中共市委员会" not in glossary.get("市委全会").definition
    assert "our translation" in glossary.get("岷山行动").english
    assert "没有交代" in glossary.get("岷山行动").definition
    assert "推断" in glossary.get("两场两港").definition
    assert not glossary.get("建圈强链").source
    assert glossary.get("清关").form("清关").pinyin == "qīngguān"
    assert glossary.get("中试熟化").form("中试熟化").english != glossary.get("中试").english
    assert glossary.get("适铁产业").form("适铁产业").definition != glossary.get("适航适铁产业").definition


def test_every_entry_is_complete(glossary: Glossary) -> None:
    for e in glossary:
        assert e.definition.strip(), e.term
        assert e.english.strip(), e.term
        assert e.pinyin.strip(), e.term
        assert re.search(r"[\u4e00-\u9fff]", e.definition), e.term
        # pinyin has one syllable group per character at most; just check it is Latin
        assert re.fullmatch(r"[A-Za-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜĀÁǍÀĒÉĚÈŌÓǑÒ' \-()]+", e.pinyin), e.term


def test_local_terms_cite_the_article(glossary: Glossary) -> None:
    for term in LOCAL_TERMS:
        entry = glossary.get(term)
        assert entry is not None
        assert entry.source.startswith("据本报文章"), term


def test_every_form_is_found_alone(glossary: Glossary) -> None:
    for e in glossary:
        for form in e.forms:
            assert [m.surface for m in glossary.find(form)] == [form], form


# ---------------------------------------------------------------- loading


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "g.yml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
- term: 中试
  aliases: [中试熟化]
  pinyin: zhōngshì
  definition: 中间试验。
  english: pilot-scale testing
"""


def test_load_good(tmp_path: Path) -> None:
    g = load_glossary(_write(tmp_path, GOOD))
    (entry,) = g.entries
    assert (entry.term, entry.aliases, entry.pinyin, entry.definition, entry.english) == (
        "中试", ("中试熟化",), "zhōngshì", "中间试验。", "pilot-scale testing")
    assert entry.forms == ("中试", "中试熟化")
    assert g.get("中试熟化") is entry


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("- term: 中试\n  pinyin: zhōngshì\n  english: e\n", "'definition'"),
        ("- term: 中试\n  pinyin: zhōngshì\n  definition: d\n", "'english'"),
        ("- term: 中试\n  definition: d\n  english: e\n", "'pinyin'"),
        ("- pinyin: p\n  definition: d\n  english: e\n", "'term'"),
        ("- term: 中试\n  pinyin: ''\n  definition: d\n  english: e\n", "'pinyin'"),
        (GOOD + GOOD, "duplicate form '中试'"),
        (GOOD + "- term: 中试熟化\n  pinyin: p\n  definition: d\n  english: e\n", "duplicate form '中试熟化'"),
        ("- term: 中试\n  aliases: [中试]\n  pinyin: p\n  definition: d\n  english: e\n", "duplicate form"),
        ("- term: 中试\n  pinyin: p\n  definition: d\n  english: e\n  defintion: x\n", "unknown field"),
        ("- term: 中试\n  aliases: 中试熟化\n  pinyin: p\n  definition: d\n  english: e\n", "'aliases' must be a list"),
        ("- term: 中 试\n  pinyin: p\n  definition: d\n  english: e\n", "must not contain spaces"),
        ("term: 中试\n", "expected a YAML list"),
        ("- just a string\n", "expected a mapping"),
        ("- term: [unclosed\n", "invalid YAML"),
    ],
)
def test_load_errors_name_file_and_entry(tmp_path: Path, text: str, fragment: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    message = str(info.value)
    assert str(path) in message
    assert fragment in message


def test_load_error_names_the_entry(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD + "- term: 链主\n  pinyin: liànzhǔ\n  english: chain leader\n")
    with pytest.raises(GlossaryError, match=r"entry #2 \('链主'\)"):
        load_glossary(path)


def test_glossary_error_is_value_error() -> None:
    assert issubclass(GlossaryError, ValueError)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="nope.yml"):
        load_glossary(tmp_path / "nope.yml")


# ---------------------------------------------------------------- presentation


def test_pinyin_key() -> None:
    assert pinyin_key("Zhōng-Ōu bānliè") == "zhongoubanlie"
    assert pinyin_key("kǒu'àn") == "kouan"
    assert pinyin_key("zhànlüè") == "zhanlue"


def test_sorted_by_pinyin(glossary: Glossary) -> None:
    ordered = glossary.sorted_by_pinyin()
    assert len(ordered) == len(glossary)
    keys = [(sort_key(e.pinyin), e.term) for e in ordered]
    assert keys == sorted(keys)
    terms = [e.term for e in ordered]
    # syllable by syllable: liàn·zhǔ before liǎng·chǎng (not letter by letter)
    assert terms.index("低空经济") < terms.index("链主") < terms.index("两场两港") < terms.index("中试")
    # tones after syllables; capitals do not count
    g = Glossary(
        [
            Entry("乙", (), "Bā", "d", "e"),
            Entry("甲", (), "bà", "d", "e"),
            Entry("丙", (), "ài", "d", "e"),
            Entry("丁", (), "bān", "d", "e"),
        ]
    )
    assert [e.term for e in g.sorted_by_pinyin()] == ["丙", "乙", "甲", "丁"]


def test_tooltip_shows_the_definition_first(glossary: Glossary) -> None:
    entry = glossary.get("中试")
    tip = glossary.tooltip(entry)
    definition, meta = tip.split("\n")
    assert definition == entry.definition
    assert meta.startswith("zhōngshì · pilot-scale testing")
    local = glossary.get("岷山行动")
    assert local.source in glossary.tooltip(local).split("\n")[0]


def test_alias_tooltip_has_its_own_reading(glossary: Glossary) -> None:
    """No alias shows the headword's pinyin: each form has the reading of its own characters."""
    for e in glossary:
        for form in e.aliases:
            tip = glossary.tooltip(e, form)
            f = e.form(form)
            assert f.pinyin and f.pinyin in tip.split("\n")[1], (e.term, form)
            if len(form) != len(e.term) or form[:2] != e.term[:2]:
                assert not tip.split("\n")[1].startswith(e.pinyin + " ·"), (e.term, form)


def test_anchors_are_unique_even_for_punctuation_only_terms() -> None:
    terms = ["——", "—", "“”", "-", "…", "中试", "中-试", "中x2d试", "5G", "5G+"]
    assert len({anchor(t) for t in terms}) == len(terms)
    assert all(re.fullmatch(r"term-[\w\-]+", anchor(t)) for t in terms)


# ---------------------------------------------------------------- suggestions


def test_suggest_terms_finds_quoted_coinage() -> None:
    full = load_glossary(GLOSSARY_PATH)
    without = Glossary([e for e in full if e.term != "进解优促"])
    text = SEED_PATH.read_text(encoding="utf-8")
    texts = [re.sub(r"\n+", "", text)]
    suggestions = suggest_terms(texts, without, limit=30)
    words = [s[0] for s in suggestions]
    assert "进解优促" in words
    score, why = next((s[1], s[2]) for s in suggestions if s[0] == "进解优促")
    assert "quoted" in why
    # quoted coinages come before TF-IDF keywords
    kinds = ["quoted" in s[2] for s in suggestions]
    assert kinds == sorted(kinds, reverse=True)
    assert [s[1] for s in suggestions] == sorted((s[1] for s in suggestions), reverse=True)
    assert len(suggestions) <= 30


def test_suggest_terms_drops_known_forms(glossary: Glossary) -> None:
    text = re.sub(r"\n+", "", SEED_PATH.read_text(encoding="utf-8"))
    words = [s[0] for s in suggest_terms([text], glossary)]
    assert not set(words) & glossary.forms
    assert "进解优促" not in words
    assert any("TF-IDF" in s[2] for s in suggest_terms([text], glossary))


def test_suggest_terms_empty() -> None:
    assert suggest_terms([], Glossary([])) == []


# ---------------------------------------------------------------- cost bound (issue 9.10)


def test_a_megabyte_run_without_punctuation_is_matched_quickly(glossary: Glossary) -> None:
    import time

    run = re.sub(r"[^\u4e00-\u9fff]", "", SEED_PATH.read_text(encoding="utf-8"))
    big = (run * (1_000_000 // len(run) + 1))[:1_000_000]
    t0 = time.perf_counter()
    found = glossary.find(big)
    assert time.perf_counter() - t0 < 10
    # the window changes nothing: the same terms as in the sample's own run
    assert {m.entry.term for m in found} == {m.entry.term for m in glossary.find(run)}


# ---------------------------------------------------------------- glossary check (issue 13.2)

from kanbao.glossary_check import check_glossary  # noqa: E402


def test_check_passes_on_the_shipped_glossary() -> None:
    assert [str(p) for p in check_glossary(GLOSSARY_PATH)] == []


def test_check_cli_exit_status(tmp_path: Path) -> None:
    from kanbao.__main__ import main

    assert main(["glossary", "check", str(GLOSSARY_PATH)]) == 0
    assert main(["glossary", "check", str(_write(tmp_path, "- term: 中试\n  pinyin: zhongshi\n"))]) == 1


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = GLOSSARY_PATH.read_text(encoding="utf-8")
    assert old in text, old
    return _write(tmp_path, text.replace(old, new, 1))


@pytest.mark.parametrize(
    "old, new, entry, fragment",
    [
        ("  pinyin: liànzhǔ\n", "  pinyin: liánzhǔ\n", "('链主')", "链 lián ≠ liàn"),          # a wrong tone
        ("  pinyin: xīn sàidào\n", "  pinyin: xīn sàidǎo\n", "('新赛道')", "道"),
        ("{form: 清关, pinyin: qīngguān}" if False else "      pinyin: qīngguān\n", "      pinyin: tōngguān\n",
         "('通关')", "alias '清关'"),                                                       # headword's reading on an alias
        ("{form: 链主企业, pinyin: liànzhǔ qǐyè}", "链主企业", "('链主')", "no pinyin of its own"),
        ("{form: 瞪羚, pinyin: dènglíng}", "{form: 链主, pinyin: liànzhǔ}", "('瞪羚企业')", "already in"),
        ("带动上下游企业协同发展的龙头企业。", "带动上下游企业协同发展的龙头企业", "('链主')", "end with 。"),
        ("  english: patent pool\n", "", "('专利池')", "'english'"),
        ("  pinyin: hétong wùliú\n  readings: {同: tong}\n", "  pinyin: hétong wùliú\n", "('合同物流')", "同"),
    ],
)
def test_check_names_file_and_entry_on_a_broken_copy(tmp_path: Path, old: str, new: str, entry: str,
                                                      fragment: str) -> None:
    path = _broken(tmp_path, old, new)
    problems = [str(p) for p in check_glossary(path)]
    assert problems, "the broken copy must fail"
    assert any(p.startswith(f"{path}: entry #") and entry in p and fragment in p for p in problems), problems


def test_check_finds_a_repeated_definition(tmp_path: Path) -> None:
    text = GLOSSARY_PATH.read_text(encoding="utf-8")
    d = re.search(r"- term: 专利池\n  pinyin: .*\n  definition: (.*)\n", text).group(1)
    own = re.search(r"- term: 产业链\n  pinyin: .*\n  definition: (.*)\n", text).group(1)
    path = _broken(tmp_path, own, d)
    problems = [str(p) for p in check_glossary(path)]
    assert any("('产业链')" in p and "repeats the definition of entry" in p and "('专利池')" in p
               for p in problems), problems


# ---------------------------------------------------------------- tagging in articles (issue 13.3)

from kanbao.convert import convert_file  # noqa: E402
from kanbao.render import RenderOptions, render_article  # noqa: E402
from kanbao.terms import TERM_OPEN, _TERM_RE  # noqa: E402


def _tagged(glossary: Glossary, mode: str) -> list[tuple[list[int], list]]:
    """Per article: the entry numbers of the tagged occurrences, and the entries in its box."""
    page = convert_file(SEED_PATH)
    opts = RenderOptions(glossary=glossary, tag=mode, deferred_terms=True)
    out = []
    for n, a in enumerate(page.articles, start=1):
        r = render_article(page, a, n, opts)
        out.append(([int(m.group(1)) for m in _TERM_RE.finditer(r.markdown)], r.terms))
    return out


def test_first_use_per_article_is_tagged_and_every_term_is_in_the_box(glossary: Glossary) -> None:
    first, every = _tagged(glossary, "first"), _tagged(glossary, "all")
    for (tags, box), (all_tags, all_box) in zip(first, every):
        assert len(tags) == len(set(tags)), "a term tagged twice in one article"
        assert box == all_box                                 # the box lists every term used
        assert set(tags) == set(all_tags) == {glossary.entries.index(e) for e in box}
    assert sum(len(t) for t, _ in every) > 1.5 * sum(len(t) for t, _ in first)


def test_section_mode_tags_once_per_section(glossary: Glossary) -> None:
    first, section, every = (_tagged(glossary, m) for m in ("first", "section", "all"))
    count = lambda runs: sum(len(t) for t, _ in runs)  # noqa: E731
    assert count(first) < count(section) < count(every)


def test_unknown_tag_mode_is_refused(glossary: Glossary) -> None:
    from kanbao.terms import TermTagger

    with pytest.raises(ValueError, match="first, section, all"):
        TermTagger(glossary, "sometimes")


def test_print_view_has_no_marks_but_the_box(glossary: Glossary) -> None:
    page = convert_file(SEED_PATH)
    r = render_article(page, page.articles[0], 1, RenderOptions(glossary=glossary, deferred_terms=True),
                       print_view=True)
    assert TERM_OPEN not in r.markdown and "kb-terms-slot" in r.markdown


# ---------------------------------------------------------------- glossary page (issue 13.5)

from kanbao.glossary_page import glossary_files, render_glossary_page  # noqa: E402
from kanbao.site import build_site  # noqa: E402
from kanbao.terms import Use, concordance  # noqa: E402


def test_glossary_page_has_a_jump_bar_and_syllable_order(glossary: Glossary) -> None:
    md = render_glossary_page(glossary, {})
    letters = re.findall(r'<a href="#letter-([A-Z#])">', md)
    assert letters == sorted(letters) and "L" in letters and "Z" in letters
    for k in letters:
        assert f'id="letter-{k}"' in md
    ids = re.findall(r'<h3 id="([^"]+)">', md)
    assert ids == [anchor(e) for e in glossary.sorted_by_pinyin()]
    assert len(ids) == len(set(ids)) == len(glossary)
    assert md.index('id="term-链主"') < md.index('id="term-两场两港"')


def test_glossary_page_shows_every_alias_with_its_own_reading(glossary: Glossary) -> None:
    md = render_glossary_page(glossary, {})
    assert "清关 <span class=\"kb-pinyin\">qīngguān</span>" in md
    assert "中试熟化 <span class=\"kb-pinyin\">zhōngshì shúhuà</span>" in md


def test_sample_glossary_page_has_concordance_lines_not_title_runs(glossary: Glossary) -> None:
    site = build_site(SEED_PATH.parent, glossary=glossary, with_home=False)
    md = site.files["glossary.md"]
    kwic = re.findall(r'<span class="kb-kwic">(.*?)</span>', md)
    assert len(kwic) > 80
    assert all("<mark>" in k for k in kwic)
    assert "？，" not in md                         # no titles run together (「…如何发力？，成都…」)
    # each concordance line is one sentence of the article, around the term
    import html as _html
    for k in kwic:
        plain = _html.unescape(re.sub(r"<[^>]+>", "", k))
        assert len(plain) <= 2 * 18 + 20 + 2
        assert not re.search(r"[。！？].", plain.strip("…")), plain


def test_glossary_size_stays_bounded_as_the_archive_grows(glossary: Glossary) -> None:
    from kanbao.glossary_page import PER_PAGE, RECENT

    def uses_of(term: str, n: int) -> list[Use]:
        return [Use(f"文章{i}", f"pages/p{i}/01.md", term, "建设", "平台。", f"2024-01-{i % 28 + 1:02d}")
                for i in range(n)]

    small = glossary_files(glossary, {glossary.get("中试"): uses_of("中试", 1000)})
    uses = {e: uses_of(e.term, 1000) for e in glossary.entries}            # 1,000 articles use every term
    files = glossary_files(glossary, uses)
    main = files["glossary.md"]
    assert main.count('class="kb-use"') == RECENT * len(glossary)
    assert main.count("全部 1000 篇文章") == len(glossary)
    assert len(main) < 2 * len(small["glossary.md"]) + 2000 * len(glossary)   # grows with terms, not with uses
    pages = {p: md for p, md in files.items() if p != "glossary.md"}
    assert all(md.count('class="kb-use"') <= PER_PAGE for md in pages.values())
    assert sum(md.count('class="kb-use"') for md in pages.values()) == 1000 * len(glossary)
    assert len(pages) == -(-1000 * len(glossary) // PER_PAGE)             # pages grow with uses only
    # every "全部 … 篇文章" link points at a uses page that has the term's anchor
    for page, a in re.findall(r"\]\((glossary/uses-\d+\.md)#([^)]+)\)", main):
        assert f'id="{a}"' in files[page]


def test_concordance_stays_in_its_sentence() -> None:
    text = "如何发力？成都推动中试平台建设。下一句"
    assert concordance(text, 9, 11) == ("成都推动", "平台建设。")


def test_no_tooltip_on_the_sample_page_reads_like_another_form(glossary: Glossary) -> None:
    """Every tagged occurrence (all of them) shows the pinyin of the characters it underlines."""
    import html as _html

    from kanbao.glossary_check import _flat, reading
    from kanbao.terms import expand_terms

    page = convert_file(SEED_PATH)
    opts = RenderOptions(glossary=glossary, tag="all", deferred_terms=True)
    seen = 0
    for n, a in enumerate(page.articles, start=1):
        out = expand_terms(render_article(page, a, n, opts).markdown, glossary)
        for title, surface in re.findall(r'<abbr class="kb-term" tabindex="0" title="([^"]*)">([^<]*)</abbr>', out):
            surface = _html.unescape(surface)
            definition, meta = _html.unescape(title).split("\n")
            pinyin = meta.split(" · ")[0]
            entry = glossary.get(surface)
            own = dict(entry.readings) | dict(entry.form(surface).readings)
            assert _flat(pinyin) == "".join(reading(surface, own)), (surface, pinyin)
            assert definition.startswith(entry.form(surface).definition), surface
            seen += 1
    assert seen > 150


@pytest.mark.parametrize("directory_urls", [True, False])
def test_built_glossary_pages_link_to_real_pages(tmp_path: Path, directory_urls: bool) -> None:
    """mkdocs build --strict with 3 copies of the sample: per-term pages exist, every link resolves."""
    import os
    import shutil
    import subprocess
    import urllib.parse

    for name in ("mkdocs.yml", "hooks", "kanbao", "docs", "overrides"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, tmp_path / name)
    (tmp_path / "seeds").mkdir()
    for i in range(3):
        shutil.copy2(SEED_PATH, tmp_path / "seeds" / f"s{i}.txt")
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("use_directory_urls: true",
                   f"use_directory_urls: {str(directory_urls).lower()}"), encoding="utf-8")
    r = subprocess.run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--strict", "-d", str(tmp_path / "site")],
                       cwd=tmp_path, capture_output=True, text=True, timeout=300,
                       env={**os.environ, "KANBAO_NO_SEARCH": "1", "NO_MKDOCS_2_WARNING": "1"})
    assert r.returncode == 0, r.stdout + r.stderr
    site = tmp_path / "site"
    pages = [p for p in (site / "glossary").rglob("*.html")] + ([site / "glossary.html"] if not directory_urls else [])
    assert len(pages) >= 2        # the glossary and at least one uses page
    checked = 0
    for page in pages:
        for href in re.findall(r'<a href="([^"#][^"]*)"', page.read_text(encoding="utf-8")):
            if href.startswith(("http", "mailto")):
                continue
            target = Path(os.path.normpath(page.parent / urllib.parse.unquote(href.split("#")[0])))
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), (page, href)
            checked += 1
    assert checked > 50


def test_hostile_entry_is_text_everywhere_it_is_shown() -> None:
    from kanbao.glossary import Form
    from kanbao.terms import abbr, terms_html

    bad = '<img src=x onerror="alert(1)">'
    e = Entry(f"中试{bad}", (f"熟化{bad}",), f"zhōngshì{bad}", f"定义{bad}。", f"en{bad}", source=f"据{bad}",
              alias_forms=(Form(f"熟化{bad}", f"py{bad}", f"另{bad}。", f"en2{bad}"),))
    g = Glossary([e])
    uses = {e: [Use(f"标题{bad}", "pages/p/01.md", f"中试{bad}", f"前{bad}", f"后{bad}", f"2024{bad}")] * 5}
    outputs = list(glossary_files(g, uses, recent=2).values()) + [terms_html([e]), abbr(g.tooltip(e), "x")]
    for out in outputs:
        assert "<img" not in out and 'onerror="' not in out, out[:200]
