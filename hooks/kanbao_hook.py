"""MkDocs adapter for the Kanbao pipeline: seeds/*.txt → generated pages.

Thin on purpose (MkDocs 2.0 drops plugins): it only calls ``kanbao.site`` and
hands the result to MkDocs.  Nothing is written into docs/.
"""
from __future__ import annotations

import logging
import os
import sys
import threading
from pathlib import Path

from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kanbao.render import expand_terms  # noqa: E402
from kanbao.site import build_site  # noqa: E402

from html import escape as _esc  # noqa: E402

log = logging.getLogger("mkdocs.hooks.kanbao")
_cfg: dict = {}
_last: dict[str, int] = {}          # generated page -> hash of its Markdown at the previous build (serve)
_search_lock = threading.Lock()


def on_startup(command, dirty):
    _cfg["serve"] = command == "serve"


def _paths(config) -> tuple[Path, Path]:
    base = Path(config.config_file_path).parent
    extra = config.get("extra", {}).get("kanbao", {}) or {}
    return base / extra.get("seeds", "seeds"), Path(config.docs_dir) / extra.get("glossary", "glossary.yml")


def _extra(config) -> dict:
    return config.get("extra", {}).get("kanbao", {}) or {}


def on_config(config):
    from kanbao.terms import TAG_MODES
    tag = str((config.get("extra", {}).get("kanbao", {}) or {}).get("glossary_tag", "first"))
    if tag not in TAG_MODES:
        log.warning("kanbao: glossary_tag %r is not one of %s; using 'first'", tag, ", ".join(TAG_MODES))
        tag = "first"
    _cfg["glossary_tag"] = tag
    _cfg["user_nav"] = bool(config.get("nav"))   # a nav written in mkdocs.yml is left alone
    # heading anchors keep the Chinese words (#成都加快…, not #_1); set here so that
    # mkdocs.yml stays plain YAML (no !!python tags)
    toc = config.mdx_configs.setdefault("toc", {})
    if "slugify" not in toc:
        from pymdownx.slugs import slugify
        toc["slugify"] = slugify(case="lower")
    return config


def on_files(files, config):
    seeds, gloss_path = _paths(config)
    glossary = None
    if gloss_path.exists():
        try:
            from kanbao.glossary import load_glossary
            glossary = load_glossary(gloss_path)
        except Exception as e:  # a broken glossary must not stop the site
            log.warning("glossary %s not used: %s", gloss_path.name, e)
    site = build_site(seeds, glossary=glossary, glossary_tag=_cfg.get("glossary_tag", "first"),
                      with_home=files.get_file_from_path("index.md") is None, deferred_terms=True,
                      directory_urls=bool(config.get("use_directory_urls", True)),
                      cache_dir=Path(config.config_file_path).parent / ".cache" / "kanbao",
                      year=str(_extra(config).get("year") or os.environ.get("KANBAO_YEAR") or "") or None)
    log.info("kanbao: %d seeds from the cache, %d converted (.cache/kanbao, safe to delete)", *site.cache_stats)
    _cfg["glossary"] = glossary
    _cfg["slots"] = site.slots
    for line in site.log:
        log.info("kanbao: %s", line)
    for w in site.warnings:
        log.warning("kanbao: %s", w)
    _cfg["generated"] = set()
    for path, md in site.files.items():
        if files.get_file_from_path(path) is None:
            f = File.generated(config, path, content=md)
            digest = hash(md)
            if _last.get(path) == digest:   # unchanged since the last build: `mkdocs serve --dirty` skips it
                f.is_modified = lambda: False
            _last[path] = digest
            files.append(f)
            _cfg["generated"].add(path)
    if not _cfg.get("user_nav"):
        # generated pages by newspaper page, then any hand-written pages in docs/
        config["nav"] = [{"首页": "index.md"}] + site.nav + sorted(   # site.nav labels come escaped
            f.src_uri for f in files.documentation_pages() if f.src_uri != "index.md" and f.src_uri not in site.files)
    return files


def on_page_markdown(markdown, page, config, files):
    """A generated page's title is seed text; MkDocs' Jinja does not autoescape and
    Material prints ``page.meta.title`` as HTML (``<title>``, header), so escape it."""
    if page.file.src_uri in _cfg.get("generated", ()) and isinstance(page.meta.get("title"), str):
        page.meta["title"] = _esc(page.meta["title"])
    return markdown


def on_page_content(html, page, config, files):
    """Glossary terms were marked in the Markdown; they become <abbr> tooltips here."""
    glossary = _cfg.get("glossary")
    if glossary is None:
        return html
    if "kb-slot" in html:   # the glossary pages' use lists, kept out of Markdown
        from kanbao.glossary_page import fill_slots
        html = fill_slots(html, _cfg.get("slots") or {})
    if "\ue000" not in html and "kb-terms-slot" not in html:
        return html
    return expand_terms(html, glossary)


def on_serve(server, config, builder):
    seeds, gloss_path = _paths(config)
    if seeds.is_dir():   # a missing folder is reported by the build, not a crash here
        server.watch(str(seeds))
    return server


def on_post_build(config):
    """Build the Pagefind index into site_dir/pagefind (needs `npm ci`).

    ``KANBAO_NO_SEARCH=1`` skips it (scoring and benchmarks that do not search)."""
    if os.environ.get("KANBAO_NO_SEARCH") == "1":
        log.info("kanbao: search index skipped (KANBAO_NO_SEARCH=1)")
        return
    import importlib.util
    spec = importlib.util.spec_from_file_location("kanbao_search", Path(__file__).resolve().parent / "search.py")
    search = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = search   # its dataclasses look their module up there
    spec.loader.exec_module(search)
    try:
        log.info("kanbao: %s", search.write_search_assets(config.site_dir, str(ROOT), _paths(config)[1]))
    except Exception as e:   # glossary keys and OpenCC for the search box; search still works without them
        log.warning("kanbao: search assets not written: %s", e)
    if not _cfg.get("serve"):
        try:
            log.info("kanbao: %s", search.run_pagefind(config.site_dir, str(ROOT)))
        except RuntimeError as e:   # one clear line, no traceback
            from mkdocs.exceptions import PluginError
            raise PluginError(f"kanbao: search index not built: {e}") from None
        return

    def index() -> None:   # `mkdocs serve`: the edited page is served at once, search follows
        with _search_lock:
            try:
                log.info("kanbao: %s", search.run_pagefind(config.site_dir, str(ROOT)))
            except Exception as e:
                log.warning("kanbao: search index not rebuilt: %s", e)
    threading.Thread(target=index, daemon=True).start()
