"""Hostile inputs (tests/hostile/cases.yml) built with `mkdocs build` and opened in Chromium.

Every case that cannot take a site down goes into one shared site; the others
(``alone: true``) get a site each, so that on a version where one of them does
take the site down, only its own test fails.  ``KANBAO_ROOT=/path/to/checkout``
runs the same cases against another checkout (to see them fail on an old one).
"""
from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from .chromium import visit_all, with_chromium

HERE = Path(__file__).resolve().parent
TESTED = Path(__file__).resolve().parents[2]
ROOT = Path(os.environ.get("KANBAO_ROOT", TESTED))
MKDOCS = TESTED / ".venv" / "bin" / "mkdocs"
CASES = yaml.safe_load((HERE / "cases.yml").read_text(encoding="utf-8"))
TIMEOUT = 120


@dataclass
class Built:
    rc: int | None                 # None: did not finish in TIMEOUT seconds
    log: str
    site: Path
    seconds: float
    pages: list[dict] = field(default_factory=list)   # {path, title, text, article}

    @property
    def warnings(self) -> list[str]:
        return [w for w in re.split(r"\n(?=[A-Z]+ +-  )", self.log) if w.startswith("WARNING")]


def _write(seeds: Path, spec: dict, outside: Path) -> None:
    # raw_name: the path's code points < 256 are its bytes (file names that are not UTF-8)
    p = seeds / (os.fsdecode(spec["path"].encode("latin-1")) if spec.get("raw_name") else spec["path"])
    p.parent.mkdir(parents=True, exist_ok=True)
    if "symlink" in spec:
        p.symlink_to(spec["symlink"].replace("{outside}", str(outside)))
    elif spec.get("fifo"):
        os.mkfifo(p)
    elif "copy" in spec:
        shutil.copy2(TESTED / spec["copy"], p)
    else:
        text = spec["text"] * spec.get("repeat", 1)
        p.write_bytes(text.encode(spec.get("encoding", "utf-8")))


def _build(proj: Path, cases: list[dict], outside: Path, strict: bool = False) -> Built:
    for name in ("mkdocs.yml", "hooks", "kanbao", "docs", "overrides"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, proj / name)
    if not any(c.get("no_seeds_dir") for c in cases):
        (proj / "seeds").mkdir()
    for case in cases:
        for spec in case["files"]:
            _write(proj / "seeds", spec, outside)
    cmd = [str(MKDOCS), "build", "-d", str(proj / "site")] + (["--strict"] if strict else [])
    env = dict(os.environ, KANBAO_NO_SEARCH="1", NO_MKDOCS_2_WARNING="1")
    t0 = time.perf_counter()
    try:
        r = subprocess.run(cmd, cwd=proj, capture_output=True, timeout=TIMEOUT, env=env)
        rc, log = r.returncode, (r.stdout + r.stderr).decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        rc, log = None, ((e.stdout or b"") + (e.stderr or b"")).decode("utf-8", "replace")
    built = Built(rc, log, proj / "site", time.perf_counter() - t0)
    for html in sorted(built.site.rglob("*.html")) if built.site.exists() else []:
        soup = BeautifulSoup(html.read_text(encoding="utf-8", errors="replace"), "lxml")
        art = soup.select_one("article.md-content__inner")
        built.pages.append({"path": html.relative_to(built.site).as_posix(),
                            "title": soup.title.get_text() if soup.title else "",
                            "text": art.get_text("") if art else "",
                            "article": bool(soup.select_one("article.kb-article")),
                            "index": bool(soup.select_one("article.kb-page-index"))})
    return built


@pytest.fixture(scope="session")
def outside(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("outside")
    (d / "secret.txt").write_text("KBSECRET 这是不该发布的文件内容，在种子目录之外。\n", encoding="utf-8")
    return d


@pytest.fixture(scope="session")
def shared(tmp_path_factory, outside) -> Built:
    return _build(tmp_path_factory.mktemp("hostile"), [c for c in CASES if not c.get("alone")], outside)


@pytest.fixture(scope="session")
def alone(tmp_path_factory, outside):
    @functools.cache
    def get(label: str) -> Built:
        case = next(c for c in CASES if c["label"] == label)
        return _build(tmp_path_factory.mktemp(label), [case], outside, strict=case.get("strict", False))
    return get


@pytest.fixture(scope="session")
def browser_report(shared) -> dict[str, list[str]]:
    return with_chromium(lambda b: visit_all(shared.site, b))


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_hostile_case(case, shared, alone, request):
    b = alone(case["label"]) if case.get("alone") else shared
    assert b.rc is not None, f"build did not finish in {TIMEOUT} s"
    assert b.rc == 0, b.log[-2000:]
    for seed in case.get("built", []):
        assert re.search(rf"kanbao: {re.escape(seed)}: page", b.log), f"{seed} not built"
    for seed, why in (case.get("refused") or {}).items():
        assert any(seed in w and why in w for w in b.warnings), f"no warning naming {seed} ({why})"
        assert not re.search(rf"kanbao: {re.escape(seed)}: page", b.log), f"{seed} was published"
    for words in case.get("warns", []):
        assert any(all(x in w for x in words) for w in b.warnings), f"no warning with {words}"
    for text in case.get("shown", []):
        assert any(text in p["text"] for p in b.pages), f"「{text}」 is on no page"
    for text in case.get("in_title", []):
        assert any(text in p["title"] for p in b.pages), f"「{text}」 is in no <title>"
    for text in case.get("absent", []):
        hits = [f.relative_to(b.site).as_posix() for f in b.site.rglob("*") if f.is_file()
                and text.encode() in f.read_bytes()]
        assert not hits, f"「{text}」 published in {hits[:3]}"
    for kind in ("article", "index") if case.get("distinct") else ():   # its own article and its own page index
        where = {t: {p["path"] for p in b.pages if p[kind] and t in p["text"]} for t in case["distinct"]}
        for t, paths in where.items():
            assert paths, f"「{t}」 is on no {kind} page (lost)"
        all_paths = [p for paths in where.values() for p in paths]
        assert len(all_paths) == len(set(all_paths)), f"texts share a URL: {where}"
    for url in case.get("urls", []):
        assert (b.site / url).exists(), f"{url} not built"
    if "max_log_bytes" in case:
        assert len(b.log) <= case["max_log_bytes"], f"build log is {len(b.log)} bytes"
    if case.get("xss"):
        report = request.getfixturevalue("browser_report")
        for marker in case["xss"]:
            hits = {page: [x for x in found if marker in x] for page, found in report.items()}
            hits = {k: v for k, v in hits.items() if v}
            assert not hits, f"{marker}: script ran or element injected on {len(hits)} pages, e.g. {list(hits.items())[:2]}"


def test_no_script_runs_and_nothing_is_injected_anywhere(browser_report):
    assert browser_report == {}


def test_each_warning_names_a_file(shared):
    """A warning a user cannot act on is useless: each starts with the file it is about."""
    for w in shared.warnings:
        msg = w.split("kanbao: ", 1)[-1]
        assert re.match(r"[^:]+\.(txt|TXT|yml|yaml)\b|[^:]*seeds|linked", msg), w
