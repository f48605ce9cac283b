"""Fuzz: random seed text, file names and sidecars never stop the build, never
cost another seed its page, never lose text, and never break the front matter."""
from __future__ import annotations

import html
import re
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from mkdocs.utils import meta as mkdocs_meta

from kanbao.decode import decode_bytes
from kanbao.site import build_site

GOOD = "07\n好的标题\n\n这一版的正文写得好好的，不应该受到隔壁文件的任何影响。\n"

# characters that have broken something before: markup, YAML, controls, CJK, full-width space
HOSTILE = "<>&\"'`*_[]()!#|{}:-.\\/\n\r\t\f\x00\x7f\x85\x9b\u2028\u3000\ufeff\u202e中试平台报。，“”"
text_st = st.text(alphabet=st.sampled_from(HOSTILE) | st.characters(codec="utf-8"), max_size=1000)
name_st = st.text(alphabet=st.sampled_from("<>&\"' ().-_aA中\x7f\x85\u3000") | st.characters(
    codec="utf-8", exclude_characters="/\x00"), min_size=1, max_size=40)
ident = st.sampled_from(["b1", "b2", "b4", "b99", "a1", "a2", "x", 12345, None, ""])
scalar = st.one_of(ident, st.integers(), st.text(alphabet=HOSTILE, max_size=20), st.none())
sidecar_st = st.one_of(
    st.text(alphabet=HOSTILE + "&*: \n", max_size=200),   # raw text, mostly not YAML
    st.builds(lambda d: yaml.safe_dump(d, allow_unicode=True), st.fixed_dictionaries({}, optional={
        "blocks": st.dictionaries(ident, st.one_of(scalar, st.fixed_dictionaries(
            {"kind": st.sampled_from(["heading", "question", "para", "nonsense", 3])},
            optional={"label": scalar})), max_size=3),
        "articles": st.dictionaries(ident, st.fixed_dictionaries({}, optional={"title": scalar}), max_size=2),
        "move": st.lists(st.fixed_dictionaries({"block": ident, "to": ident}), max_size=2),
        "split": st.lists(ident, max_size=2),
        "merge": st.lists(st.lists(ident, max_size=3), max_size=2),
    })),
)


def canon(s: str) -> Counter:
    return Counter(re.sub(r"\s+", "", unicodedata.normalize("NFKC", s)))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=text_st, name=name_st, sidecar=st.none() | sidecar_st, encoding=st.sampled_from(["utf-8", "gb18030"]))
def test_random_seed_never_takes_the_site_down(text, name, sidecar, encoding):
    stem = name.replace("/", "_")
    if stem in (".", "..") or len(stem.encode()) > 200:
        stem = "x" + stem[:20]
    with tempfile.TemporaryDirectory() as d:
        seeds = Path(d)
        (seeds / "good.txt").write_text(GOOD, encoding="utf-8")
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            data = text.encode("utf-8")
        (seeds / f"{stem}.txt").write_bytes(data)
        if sidecar is not None:
            (seeds / f"{stem}.yml").write_text(sidecar, encoding="utf-8")
        site = build_site(seeds)

        good = [p for p in site.pages if p.seed == "good.txt"]
        assert good and "不应该受到隔壁文件的任何影响" in "".join(site.files.values())
        other = [p for p in site.pages if p.seed != "good.txt"]
        event("refused" if not other else "built")
        event("sidecar warned" if sidecar is not None and any(".yml" in w for w in site.warnings) else "sidecar ok/none")
        if not other:   # refused: a warning says which file (a collision may rename good.txt's URL, never drop it)
            assert site.warnings, "seed dropped without a warning"
            return
        page = other[0]
        assert not [w for w in site.warnings if "text lost" in w], site.warnings
        # conservation, checked here again on the Markdown the site will show
        source = decode_bytes(data, "x")
        shown = html.unescape(re.sub(r"<[^>]+>", "", "".join(
            md for path, md in site.files.items() if path.startswith(f"pages/{page.slug}/"))))
        lacking = canon(source) - canon(shown) - canon("".join(page.removed))
        assert not lacking, lacking
        # front matter of every generated page parses, and the title survives it
        for path, md in site.files.items():
            body, meta = mkdocs_meta.get_data(md)
            assert md.startswith("---") == bool(meta), path
            assert not body.lstrip().startswith("---"), path
