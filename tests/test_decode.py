"""Decoding: encodings, newlines, empty and binary seeds, odd file names."""
from __future__ import annotations

import codecs

import pytest

from kanbao.convert import EmptySeed, convert_file, seed_slug
from kanbao.decode import DecodeError, decode_bytes
from kanbao.site import build_site

TEXT = "成都加快建设现代物流体系\n物流是实体经济的“筋络”，连接生产和消费。"

ENCODINGS = [
    ("utf-8", TEXT.encode("utf-8")),
    ("utf-8 with BOM", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
    ("utf-16-le with BOM", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")),
    ("utf-16-be with BOM", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")),
    ("gbk", TEXT.encode("gbk")),
    ("gb18030", TEXT.encode("gb18030")),
    ("crlf", TEXT.replace("\n", "\r\n").encode("utf-8")),
    ("cr", TEXT.replace("\n", "\r").encode("utf-8")),
]


@pytest.mark.parametrize("label,data", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_decodes(label, data):
    assert decode_bytes(data) == TEXT


@pytest.mark.parametrize("data", [b"\x00\x01\x02PK\x03\x04" * 50, bytes(range(256)) * 8, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"])
def test_binary_is_refused_with_the_name(data):
    with pytest.raises(DecodeError, match="bad.txt"):
        decode_bytes(data, "bad.txt")


def test_empty_seed(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"  \n\n")
    with pytest.raises(EmptySeed, match="empty.txt"):
        convert_file(p)


def test_bad_seeds_are_skipped_and_the_rest_builds(tmp_path):
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff\xfe\x00" * 100)
    site = build_site(tmp_path)
    assert [p.seed for p in site.pages] == ["good.txt"]
    assert any(w.startswith("empty.txt") for w in site.warnings)
    assert any("binary.txt" in w for w in site.warnings)


@pytest.mark.parametrize("name,slug", [
    ("第 07 版 (要闻).txt", "第-07-版-要闻"),
    ("page 3 (A).txt", "page-3-a"),
    ("000_e92b42195bf00fd7.txt", "000_e92b42195bf00fd7"),
    ("成都日报（2024）.txt", "成都日报-2024"),
])
def test_slugs_are_stable_and_url_safe(name, slug):
    assert seed_slug(name) == slug == seed_slug(name)
