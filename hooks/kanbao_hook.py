"""MkDocs adapter for the Kanbao pipeline: seeds/*.txt → generated pages.

Thin on purpose (MkDocs 2.0 drops plugins): it only calls ``kanbao.site`` and
hands the result to MkDocs.  Nothing is written into docs/.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kanbao.render import expand_terms  # noqa: E402
from kanbao.site import build_site  # noqa: E402

log = logging.getLogger("mkdocs.hooks.kanbao")
_cfg: dict = {}


def _paths(config) -> tuple[Path, Path]:
    base = Path(config.config_file_path).parent
    extra = config.get("extra", {}).get("kanbao", {}) or {}
    return base / extra.get("seeds", "seeds"), Path(config.docs_dir) / extra.get("glossary", "glossary.yml")


def on_config(config):
    _cfg["first_only"] = bool((config.get("extra", {}).get("kanbao", {}) or {}).get("glossary_first_only", False))
    _cfg["user_nav"] = bool(config.get("nav"))   # a nav written in mkdocs.yml is left alone
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
    site = build_site(seeds, glossary=glossary, first_only=_cfg.get("first_only", False),
                      with_home=files.get_file_from_path("index.md") is None, deferred_terms=True)
    _cfg["glossary"] = glossary
    for line in site.log:
        log.info("kanbao: %s", line)
    for w in site.warnings:
        log.warning("kanbao: %s", w)
    for path, md in site.files.items():
        if files.get_file_from_path(path) is None:
            files.append(File.generated(config, path, content=md))
    if not _cfg.get("user_nav"):
        # generated pages by newspaper page, then any hand-written pages in docs/
        config["nav"] = [{"首页": "index.md"}] + site.nav + sorted(
            f.src_uri for f in files.documentation_pages() if f.src_uri != "index.md" and f.src_uri not in site.files)
    return files


def on_page_content(html, page, config, files):
    """Glossary terms were marked in the Markdown; they become <abbr> tooltips here."""
    glossary = _cfg.get("glossary")
    if glossary is None or ("\ue000" not in html and "kb-terms-slot" not in html):
        return html
    return expand_terms(html, glossary)


def on_serve(server, config, builder):
    seeds, gloss_path = _paths(config)
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
    spec.loader.exec_module(search)
    log.info("kanbao: %s", search.write_search_assets(config.site_dir, str(ROOT), _paths(config)[1]))
    log.info("kanbao: %s", search.run_pagefind(config.site_dir, str(ROOT)))
