"""Command line: ``python -m kanbao explain|convert|glossary ...``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kanbao", description="Kanbao: newspaper page dumps → reading site")
    sub = ap.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("explain", help="show every decision made on a seed")
    ex.add_argument("seed")
    ex.add_argument("--lines", action="store_true", help="also list each seed line with its width and column")
    ex.add_argument("--width", type=int, default=60, help="characters of each block to show")
    cv = sub.add_parser("convert", help="print the Markdown files made from a seed")
    cv.add_argument("seed")
    gl = sub.add_parser("glossary", help="glossary tools")
    gsub = gl.add_subparsers(dest="gcmd", required=True)
    sg = gsub.add_parser("suggest", help="candidate terms the glossary lacks")
    sg.add_argument("--seeds", default="seeds")
    sg.add_argument("--glossary", default="docs/glossary.yml")
    sg.add_argument("--limit", type=int, default=30)
    ck = gsub.add_parser("check", help="check every entry of the glossary (pinyin, forms, definitions)")
    ck.add_argument("glossary", nargs="?", default="docs/glossary.yml")
    a = ap.parse_args(argv)
    if a.cmd == "glossary" and a.gcmd == "check":
        from .glossary_check import main as check_main
        return check_main(a.glossary)

    from .convert import convert_file
    from .decode import DecodeError
    if a.cmd in ("explain", "convert"):
        seed = Path(a.seed)
        try:
            from .site import sidecar_for
            page = convert_file(seed, sidecar_for(seed))
        except (OSError, DecodeError, ValueError) as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        if a.cmd == "explain":
            from .explain import explain
            print(explain(page, a.width, a.lines))
        else:
            from .render import render_page
            for path, md in render_page(page).items():
                print(f"===== {path}\n{md}")
        return 0
    if a.cmd == "glossary" and a.gcmd == "suggest":
        from .glossary import load_glossary, suggest_terms
        g = load_glossary(a.glossary)
        texts = []
        for seed in sorted(Path(a.seeds).glob("*.txt")):
            try:
                page = convert_file(seed)
            except (DecodeError, ValueError):
                continue
            texts += [b.text for b in page.blocks]
        for term, score, why in suggest_terms(texts, g, a.limit):
            print(f"{term}\t{score:.2f}\t{why}")
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
