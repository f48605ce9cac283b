"""Find the seeds under ``seeds/`` and give each a unique, stable URL slug.

Seeds are the regular files ending in ``.txt`` (any case) anywhere under the
seeds folder; a sidecar ``X.yml`` (or ``X.yaml``) next to ``X.txt`` holds its
corrections.  Nothing outside the folder is ever read: a symbolic link that
leaves it, a link to a folder, a FIFO, a device or a socket is refused with a
warning naming it.  A seed's slug is its path relative to the folder, each
part made URL-safe (``成都日报/2024-12-05/07.txt`` → ``成都日报/2024-12-05/07``);
names that would give the same URL (``A.txt``/``a.txt``, ``a b.txt``/``a-b.txt``)
are told apart by a short hash of the file's own path, deterministically, and
reported.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> for n in ("a.txt", "A.txt", "x/07.TXT", "x/07.yml", "orphan.yml", "notes.md"):
...     (d / n).parent.mkdir(exist_ok=True); _ = (d / n).write_text("07正文。", encoding="utf-8")
>>> found = discover(d)
>>> [(s.rel, s.slug, s.sidecar is not None) for s in found.seeds]
[('A.txt', 'a-340fd52f', False), ('a.txt', 'a', False), ('x/07.TXT', 'x/07', True)]
>>> [w.split(":")[0] for w in found.warnings]
['A.txt', 'orphan.yml']
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .decode import DecodeError, clean_name

WARN_BYTES = 200_000          # a newspaper page is 10–50 KB of text
MAX_BYTES = 64 * 1024 * 1024  # refused above this
SIDECAR_SUFFIXES = (".yml", ".yaml")
NOT_SIDECARS = {"meta.yml", "meta.yaml"}   # issue metadata files, not corrections


class SeedError(DecodeError):
    """A seed path that is not read: a link out of seeds/, not a regular file, too big."""


@dataclass
class SeedFile:
    """One seed found under the seeds folder."""

    path: Path                   # the path as found (inside the seeds folder)
    rel: str                     # path relative to the folder, '/'-separated, as shown to readers
    slug: str                    # unique URL slug, '/'-separated
    sidecar: Path | None = None  # its corrections file, if any

    @property
    def sidecar_rel(self) -> str:
        return Path(self.rel).with_name(clean_name(self.sidecar.name)).as_posix() if self.sidecar else ""


@dataclass
class Discovery:
    seeds: list[SeedFile] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def slug_part(name: str, fallback: str = "seed") -> str:
    """One path part made URL-safe: NFC, lower case, runs of other characters → ``-``.

    >>> slug_part("第 07 版(要闻)"), slug_part("000_e92b"), slug_part("(1)"), slug_part("."), slug_part("A")
    ('第-07-版-要闻', '000_e92b', '1', 'seed', 'a')
    """
    s = unicodedata.normalize("NFC", name)
    s = re.sub(r"[^\w-]+", "-", s, flags=re.UNICODE).strip("-_").lower()
    return s[:80].strip("-_") or fallback


def _stem(name: str) -> str:
    return name[:-4] if name.lower().endswith(".txt") else name


def path_slug(rel: str) -> str:
    """The slug of a seed's relative path: every folder kept, the file's ``.txt`` dropped.

    >>> path_slug("成都日报/2024-12-05/07.txt"), path_slug("..txt")
    ('成都日报/2024-12-05/07', 'seed')
    """
    parts = rel.split("/")
    return "/".join([slug_part(p, "folder") for p in parts[:-1]] + [slug_part(_stem(parts[-1]))])


def _hash(rel: str, n: int = 8) -> str:
    return hashlib.sha1(rel.encode("utf-8", "surrogateescape")).hexdigest()[:n]


def _is_canonical(rel: str, slug: str) -> bool:
    """A seed whose name already is its slug keeps the plain URL when names collide."""
    return _stem(rel) == slug and rel.endswith(".txt")


def assign_slugs(rels: list[str]) -> tuple[dict[str, str], list[str]]:
    """Unique slugs for relative seed paths, and one warning per seed that had to be renamed.

    Seeds whose slugs are equal keep it only for the one whose name is already
    the slug (else the first in sorted order); the others get ``-`` and 8 hex
    digits of their path's SHA-1.  A seed whose slug is also a folder of other
    seeds (``x.txt`` next to ``x/``) is renamed the same way.

    >>> slugs, warns = assign_slugs(["(1).txt", "..txt", "seed.txt", "x.txt", "x/1.txt"])
    >>> slugs["seed.txt"], slugs["..txt"], slugs["(1).txt"], slugs["x.txt"]
    ('seed', 'seed-2f22c905', '1', 'x-47ddfe38')
    >>> len(warns)
    2
    """
    base = {r: path_slug(r) for r in rels}
    out: dict[str, str] = {}
    warnings: list[str] = []
    groups: dict[str, list[str]] = {}
    for r in sorted(rels):
        groups.setdefault(base[r], []).append(r)
    folders = {s.rsplit("/", k)[0] for s in base.values() for k in range(1, s.count("/") + 1)}
    taken: set[str] = set()
    for slug, members in sorted(groups.items()):
        members = sorted(members, key=lambda r: (not _is_canonical(r, slug), r))
        for i, r in enumerate(members):
            if i == 0 and slug not in folders:
                out[r] = slug
                continue
            out[r] = ""
    for r in sorted(rels):   # renamed seeds: slug + hash, never equal to a taken one
        if out[r]:
            taken.add(out[r])
    for r in sorted(rels):
        if out[r]:
            continue
        n = 8
        new = f"{base[r]}-{_hash(r, n)}"
        while new in taken or new in folders:
            n += 4
            new = f"{base[r]}-{_hash(r, n)}"
        out[r] = new
        taken.add(new)
        others = [o for o in groups[base[r]] if o != r]
        why = (f"same URL as {', '.join(others)}" if others else f"its URL is a folder of other seeds")
        warnings.append(f"{r}: {why}; published at pages/{new}/ instead of pages/{base[r]}/")
    return out, warnings


def _check_file(p: Path, root: Path) -> str:
    """'' if ``p`` may be read as a seed, else why not."""
    try:
        st = os.lstat(p)
    except OSError as e:
        return f"cannot be read ({e.strerror})"
    if stat.S_ISLNK(st.st_mode):
        try:
            target = p.resolve(strict=True)
        except (OSError, RuntimeError):
            return "is a broken symbolic link; skipped"
        if not target.is_relative_to(root):
            return "is a symbolic link to a file outside the seeds folder; refused"
        st = os.stat(target)
    if not stat.S_ISREG(st.st_mode):
        kind = ("a FIFO" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode)
                else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "not a regular file")
        return f"is {kind}, not a regular file; refused"
    return ""


def discover(seeds_dir: str | Path) -> Discovery:
    """Every seed under ``seeds_dir`` in sorted order, with unique slugs and sidecars."""
    root_in = Path(seeds_dir)
    found = Discovery()
    if not root_in.is_dir():
        found.warnings.append(f"{root_in}: seeds folder not found; no newspaper pages built")
        return found
    root = root_in.resolve()
    rels: dict[str, Path] = {}
    sidecars: dict[str, Path] = {}   # rel of the sidecar without suffix → path
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        keep = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            if (here / d).is_symlink():
                found.warnings.append(f"{(here / d).relative_to(root).as_posix()}: symbolic link to a folder; not followed")
                continue
            keep.append(d)
        dirnames[:] = keep
        for f in sorted(filenames):
            p = here / f
            rel = p.relative_to(root).as_posix()
            low = f.lower()
            if low.endswith(".txt"):
                why = _check_file(p, root)
                if not why and clean_name(rel) != rel and "\ufffd" in clean_name(rel):
                    found.warnings.append(f"{clean_name(rel)}: file name is not UTF-8 (shown with �); rename it")
                if why:
                    found.warnings.append(f"{clean_name(rel)}: {why}")
                    continue
                rels[rel] = p
            elif low.endswith(SIDECAR_SUFFIXES) and low not in NOT_SIDECARS:
                sidecars[rel.rsplit(".", 1)[0]] = p
    slugs, warns = assign_slugs(list(rels))
    used: set[str] = set()
    for rel in sorted(rels):
        key = rel[:-4]
        side = sidecars.get(key)
        if side is not None:
            used.add(key)
            why = _check_file(side, root)
            if why:
                found.warnings.append(f"{clean_name(side.relative_to(root).as_posix())}: {why}")
                side = None
        found.seeds.append(SeedFile(path=rels[rel], rel=clean_name(rel), slug=slugs[rel], sidecar=side))
    found.warnings += [clean_name(w) for w in warns]
    for key, side in sorted(sidecars.items()):
        if key not in used:
            found.warnings.append(f"{clean_name(side.relative_to(root).as_posix())}: no seed {clean_name(key)}.txt next to it; "
                                  f"these corrections are not used")
    return found


def read_limited(path: Path, max_bytes: int = MAX_BYTES, what: str = "seed", name: str = "") -> bytes:
    """Read a regular file without blocking on FIFOs and without reading more than ``max_bytes``.

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "s.txt"; _ = p.write_bytes(b"abc")
    >>> read_limited(p)
    b'abc'
    """
    name = name or clean_name(Path(path).name)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise SeedError(f"{name}: not a regular file; refused")
        if st.st_size > max_bytes:
            raise SeedError(f"{name}: {st.st_size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB "
                            f"limit for a {what}; refused")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise SeedError(f"{name}: over the {max_bytes / 1e6:.0f} MB limit for a {what}; refused")
    return data
