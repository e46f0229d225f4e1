"""Finding the pieces that mention an entity, each file version read once."""

from __future__ import annotations

import os
from pathlib import Path

from reader.mentions import Mentions, entity_texts, file_key


def write(path: Path, body: str, mtime_ns: int | None = None) -> str:
    path.write_text(f"---\nsource: Wire\n---\n# A piece\n\n{body}\n", "utf-8")
    if mtime_ns is not None:
        os.utime(path, ns=(mtime_ns, mtime_ns))
    return str(path)


def test_finds_the_files_that_mention_an_entity(tmp_path: Path) -> None:
    one = write(tmp_path / "one.md", "Mayor Ines Duarte met Microsoft in Lisbon.")
    two = write(tmp_path / "two.md", "Heavy rain hit Lisbon again on Sunday night.")
    three = write(tmp_path / "three.md", "Fans in Porto celebrated until the morning.")
    assert "Lisbon" in entity_texts(one)
    assert Mentions().mentioning("Lisbon", [one, two, three]) == {one, two}


def test_each_version_is_read_once_and_an_edit_is_read_again(tmp_path: Path) -> None:
    reads: list[str] = []

    def texts(path: str) -> frozenset[str]:
        reads.append(path)
        return entity_texts(path)

    mentions = Mentions(texts)
    path = write(tmp_path / "a.md", "Fans in Porto celebrated.", mtime_ns=1_000_000_000)
    assert mentions.mentioning("Lisbon", [path]) == set()
    assert mentions.mentioning("Porto", [path]) == {path}
    assert reads == [path]
    write(tmp_path / "a.md", "Fans from Lisbon and Porto sang.", mtime_ns=2_000_000_000)
    assert mentions.mentioning("Lisbon", [path]) == {path}
    assert reads == [path, path]


def test_missing_and_unreadable_files_mention_nothing(tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    gone = str(tmp_path / "gone.md")
    assert file_key(gone) is None
    assert Mentions().mentioning("Lisbon", [gone, str(tmp_path / "binary.txt")]) == set()


def test_a_cancelled_search_says_so(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "Rain in Lisbon.")
    assert Mentions().mentioning("Lisbon", [path], cancelled=lambda: True) is None
