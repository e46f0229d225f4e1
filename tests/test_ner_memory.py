"""Institutions named by their building, and sentence openers the text names elsewhere."""

from __future__ import annotations

import pytest

from reader.entities import find_entities


def pairs(text: str) -> set[tuple[str, str]]:
    """The (text, label) pairs found in ``text``, checking that offsets point at the text."""
    found = find_entities(text)
    for e in found:
        assert text[e.start : e.end] == e.text
    return {(e.text, e.label) for e in found}


@pytest.mark.parametrize(
    "name",
    [
        "Marrow Bay General Hospital",
        "Tessel Grand Hotel",
        "Okonjo Family Clinic",
        "Varn County Library",
        "Halden Maritime Museum",
        "Kessling Civic Theatre",
    ],
)
def test_an_institution_named_by_its_building_is_an_organisation(name: str) -> None:
    found = pairs(f"Nurses and staff of the {name} met the regional board on Tuesday.")
    assert (name, "ORG") in found


@pytest.mark.parametrize("name", ["Harlan Street", "Osterhaag Bridge", "Pellworth Stadium"])
def test_streets_bridges_and_stadiums_stay_places(name: str) -> None:
    found = pairs(f"Traffic stopped on {name} after the parade on Sunday.")
    assert (name, "FAC") in found


def test_a_sentence_opener_named_in_full_elsewhere_keeps_its_first_word() -> None:
    text = (
        "The rebels were led by Dou Jiande and Wang Shichong. Dou Jiande was later "
        "executed, and the city surrendered."
    )
    found = find_entities(text)
    spans = {(e.start, e.end, e.label) for e in found}
    second = text.index("Dou Jiande was")
    assert (second, second + len("Dou Jiande"), "PERSON") in spans
    assert not any(e.text == "Jiande" for e in found)


def test_an_unknown_sentence_opener_is_still_a_plain_word() -> None:
    found = pairs("Harbour crews worked overnight. Unlike Kessling, the port of Varn stayed open.")
    assert not any(text.startswith("Unlike") for text, _ in found)
