"""A per-seed cache of converted and rendered pages (``.cache/kanbao/``).

An entry is keyed by the SHA-256 of everything the result depends on: the
seed's bytes, its sidecar, the ``meta.yml`` files above it, its path, the
glossary, the render options and the converter's own source code (so an
edit to ``kanbao/`` invalidates every entry).  The folder is safe to delete
at any time; an unreadable entry is treated as a miss.

>>> import tempfile
>>> c = SeedCache(Path(tempfile.mkdtemp()) / "c")
>>> k = c.key(b"seed bytes", b"", "a.txt")
>>> c.get(k) is None
True
>>> c.put(k, {"x": 1}); c.get(k)
{'x': 1}
>>> c.key(b"seed bytes", b"", "a.txt") == k, c.key(b"seed bytes!", b"", "a.txt") == k
(True, False)
"""
from __future__ import annotations

import hashlib
import os
import pickle
import time
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
MAX_AGE_DAYS = 14


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the pipeline's source files and data (``data/``, the character model's
    counts): a new converter never reads old entries."""
    h = hashlib.sha256()
    for p in sorted(PACKAGE.glob("*.py")) + sorted((PACKAGE / "data").glob("*")):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]


class SeedCache:
    """Pickled per-seed results in one folder, one file per key."""

    def __init__(self, folder: Path, salt: str = ""):
        self.folder = Path(folder)
        self.salt = salt            # glossary + options fingerprint, shared by every seed
        self.hits = self.misses = 0

    def key(self, *parts: bytes | str) -> str:
        h = hashlib.sha256(code_version().encode() + b"\0" + self.salt.encode())
        for part in parts:
            b = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
            h.update(len(b).to_bytes(8, "big") + b)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pkl"

    def get(self, key: str):
        p = self._path(key)
        try:
            with p.open("rb") as f:
                value = pickle.load(f)
        except Exception:           # missing, partial or from another Python: a miss
            self.misses += 1
            return None
        try:
            os.utime(p)             # recently used entries survive pruning
        except OSError:
            pass
        self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        p = self._path(key)
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            tmp = p.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, p)      # readers never see half an entry
        except OSError:
            pass                    # a read-only or full disk only costs speed

    def prune(self, max_age_days: float = MAX_AGE_DAYS) -> int:
        """Delete entries unused for ``max_age_days``; return how many."""
        limit = time.time() - max_age_days * 86400
        n = 0
        for p in self.folder.glob("*/*.pkl"):
            try:
                if p.stat().st_mtime < limit:
                    p.unlink()
                    n += 1
            except OSError:
                pass
        return n


def fingerprint(*objs: object) -> str:
    """A stable digest of plain data (``repr`` of dataclasses, strings, numbers).

    >>> fingerprint([1, "a"]) == fingerprint([1, "a"]), fingerprint(1) == fingerprint(2)
    (True, False)
    """
    return hashlib.sha256(repr(objs).encode("utf-8", "surrogatepass")).hexdigest()[:16]
