"""Seed text never becomes markup: render through the site's own Markdown setup."""
from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from kanbao.convert import convert_text
from kanbao.render import render_page

ROOT = Path(__file__).resolve().parent.parent

NASTY = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[点我](javascript:alert(1))",
    '--8<-- "mkdocs.yml"',
    "*[中试]: 中间试验",
    "{: .danger #x }",
    "!!! note \"标题\"",
    "# 不是标题",
    "1. 不是列表",
    "| a | b |",
    "$$x^2$$",
    "`代码` ``两个``",
    "*斜体* _下划线_ **粗体**",
    "~~删除~~ ==高亮== ^^上标^^",
    "&amp; &lt;b&gt; &#60;",
    "<!-- 注释 -->",
    "\\*反斜杠\\*",
    "[^1]: 脚注",
    "  - 缩进列表",
    "> 引用",
]


def _extensions():
    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    exts, configs = [], {}
    for e in cfg.get("markdown_extensions", []):
        if isinstance(e, dict):
            (name, conf), = e.items()
            exts.append(name)
            configs[name] = conf or {}
        else:
            exts.append(e)
    # the most dangerous extensions a user might add must not see seed syntax either
    for extra in ("abbr", "attr_list", "admonition", "footnotes", "pymdownx.snippets", "pymdownx.arithmatex",
                  "pymdownx.mark", "pymdownx.caret", "pymdownx.tilde"):
        if extra not in exts:
            exts.append(extra)
    configs.setdefault("pymdownx.snippets", {"base_path": [str(ROOT)], "check_paths": False})
    return exts, configs


@pytest.mark.parametrize("nasty", NASTY)
def test_seed_text_stays_literal(nasty):
    seed = "07" + "这是一段很长的正文，其中引用了一段文字：\n" + nasty + "\n这是正文的结尾部分。"
    page = convert_text(seed, "x.txt")
    exts, configs = _extensions()
    files = render_page(page)
    compact = lambda s: "".join(s.split())
    for path, md in files.items():
        if path.endswith("/index.md"):
            continue
        html = markdown.markdown(md.split("---\n", 2)[2], extensions=exts, extension_configs=configs)
        soup = BeautifulSoup(html, "lxml")
        text = soup.get_text("")
        for ours in soup.select("nav.kb-pager, .kb-source, .kb-print-no"):   # our links and spans around escaped text
            assert {t.name for t in ours.find_all(True)} <= {"p", "span", "a"}, (path, html)
            ours.decompose()
        allowed = {"p", "h1", "h2", "section", "div"} if path.endswith("print.md") else {"p", "h1"}
        assert {t.name for t in soup.find_all(True)} - {"html", "body"} <= allowed, (path, html)
        assert "site_name" not in html          # the snippet was not included
        assert compact(nasty) in compact(text), path


# --- metadata and titles (issue 9.1, 9.4) ----------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from mkdocs.utils import meta as mkdocs_meta  # noqa: E402

from kanbao.render import _fm  # noqa: E402


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("\x7f\x85\x9b\u2028\ufeff\"'\\:#-\n")))
def test_front_matter_always_parses_back(title):
    """Whatever a headline holds, MkDocs reads the same title back (never a visible `---` block)."""
    body, meta = mkdocs_meta.get_data(_fm(title=title + "x", kanbao_seed=title + ".txt") + "# 正文\n")
    assert meta == {"title": title + "x", "kanbao_seed": title + ".txt"}
    assert body.strip() == "# 正文"


def _hook():
    import importlib.util
    spec = importlib.util.spec_from_file_location("kanbao_hook_t", ROOT / "hooks" / "kanbao_hook.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_nav_labels_are_escaped(tmp_path):
    """Material prints nav titles as HTML: every label built from a headline or a file name is escaped."""
    from kanbao.site import build_site
    (tmp_path / "<img src=x onerror=alert(1)>.txt").write_text("正文第一段，内容很长的一句话。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("07\n</title><script>alert(2)</script>\n\n正文第一段，内容很长的一句话。", encoding="utf-8")
    labels = []

    def walk(nav):
        for item in nav if isinstance(nav, list) else []:
            if isinstance(item, dict):
                for k, v in item.items():
                    labels.append(k)
                    walk(v)
    walk(build_site(tmp_path).nav)
    assert "&lt;img src=x onerror=alert(1)&gt;" in labels
    assert any("&lt;/title&gt;&lt;script&gt;" in k for k in labels)
    assert not any("<" in k or ">" in k for k in labels)


def test_generated_page_titles_are_escaped_hand_written_ones_are_not():
    hook = _hook()

    class P:
        def __init__(self, uri, title):
            self.file = type("F", (), {"src_uri": uri})()
            self.meta = {"title": title}
    hook._cfg["generated"] = {"pages/a/1.md"}
    gen, own = P("pages/a/1.md", "<b>x</b>"), P("about.md", "<b>x</b>")
    hook.on_page_markdown("", gen, {}, None)
    hook.on_page_markdown("", own, {}, None)
    assert gen.meta["title"] == "&lt;b&gt;x&lt;/b&gt;" and own.meta["title"] == "<b>x</b>"
