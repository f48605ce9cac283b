"""One seed, every step inside one guard: read → decode → sidecar → convert → render.

Nothing a seed or its sidecar holds can raise out of :func:`build_seed`: a seed
that cannot be read or decoded gives no page and a warning naming it; a
sidecar that is invalid or does not fit the page is reported (file and entry)
and the seed is built without it; a converter bug costs only this seed.

>>> import tempfile, pathlib
>>> from kanbao.discover import discover
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "p.txt").write_text("07\\n标题\\n\\n正文第一段，很长的一句话。", encoding="utf-8")
>>> _ = (d / "p.yml").write_text("blocks: {b4: {kind: question, label: 12345}}", encoding="utf-8")
>>> out = build_seed(discover(d).seeds[0], RenderOptions())
>>> sorted(out.files), out.warnings
(['pages/p/1.md', 'pages/p/index.md', 'pages/p/print.md'], ['p.yml: blocks.b4.label: must be text, got 12345 (put it in quotes); p.txt built without its corrections'])
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .convert import EmptySeed, convert_text
from .corrections import CorrectionError
from .decode import DecodeError, decode_seed
from .discover import WARN_BYTES, SeedFile, read_limited
from .model import Page
from .render import RenderOptions, render_page
from .sidecar import load_sidecar

Describe = Callable[[Page, list], None]   # fills in page metadata before rendering; may add warnings


@dataclass
class SeedOutcome:
    """What one seed gave: its page and files, or why it gave none."""

    page: Page | None = None
    files: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)    # for the log line only


def _convert_and_render(text: str, sf: SeedFile, corrections: dict | None, opts: RenderOptions,
                        describe: Describe | None, warnings: list[str]) -> tuple[Page, dict]:
    page = convert_text(text, sf.rel, corrections)
    page.seed, page.slug = sf.rel, sf.slug
    if describe is not None:
        describe(page, warnings)
    return page, render_page(page, opts)


def build_seed(sf: SeedFile, opts: RenderOptions, describe: Describe | None = None) -> SeedOutcome:
    """Read, decode, convert and render one seed; every step inside one guard.

    A bad sidecar is reported (file and entry) and the seed is built without
    it; a seed that cannot be read or decoded is reported and skipped; a
    converter bug skips only this seed.  ``describe(page, warnings)`` runs
    between conversion and rendering (issue metadata), inside the guard too.
    """
    res = SeedOutcome()
    try:
        data = read_limited(sf.path, name=sf.rel)
        decoded = decode_seed(data, sf.rel)
        if not decoded.text.strip():
            raise EmptySeed(f"{sf.rel}: empty seed (only white space), no page made")
    except (DecodeError, OSError) as e:
        res.warnings.append(str(e) if isinstance(e, DecodeError) else f"{sf.rel}: cannot be read ({e.strerror})")
        return res
    res.notes += [n.split(": ", 1)[-1] for n in decoded.notes]
    if decoded.encoding not in ("utf-8", "utf-8-sig"):
        res.notes.append(f"read as {decoded.encoding}")
    if len(data) > WARN_BYTES:
        res.warnings.append(f"{sf.rel}: {len(data) // 1000} KB, far more than a newspaper page (10–50 KB of text); "
                            f"built, but check that it is one page")
    corrections = None
    if sf.sidecar is not None:
        try:
            corrections = load_sidecar(sf.sidecar, sf.sidecar_rel)
        except CorrectionError as e:
            res.warnings.append(f"{_clip(str(e))}; {sf.rel} built without its corrections")
    try:
        if corrections:
            try:
                res.page, res.files = _convert_and_render(decoded.text, sf, corrections, opts, describe, res.warnings)
            except Exception as e:   # an entry that does not fit this page: build it as it comes
                why = str(e) if isinstance(e, CorrectionError) else f"{sf.sidecar_rel}: cannot be applied ({type(e).__name__}: {e})"
                res.warnings.append(f"{_clip(why)}; {sf.rel} built without its corrections")
        if res.page is None:
            res.page, res.files = _convert_and_render(decoded.text, sf, None, opts, describe, res.warnings)
    except Exception as e:  # a converter bug must not take the other seeds (or `mkdocs serve`) down
        res.warnings.append(_clip(f"{sf.rel}: conversion failed ({type(e).__name__}: {e}); page skipped — "
                                  f"please report it"))
        res.page, res.files = None, {}
    return res


def _clip(msg: str, n: int = 400) -> str:
    return msg if len(msg) <= n else msg[:n] + "…"


