"""General name shapes: institutions named by their building, sentence openers the text names
elsewhere, quoted titles, battles and sieges."""

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


@pytest.mark.parametrize(
    "text",
    [
        'The band opened with "Harbour Lights" and closed with "Marrow Bay."',
        "Her second novel, \u201cKessling Winter\u201d, sold well.",
        "The army called the push 'Operation Tessel' in its orders.",
    ],
)
def test_a_name_that_fills_a_quotation_is_a_title_not_a_name(text: str) -> None:
    found = pairs(text)
    assert not any(label in ("PERSON", "ORG", "GPE", "LOC", "FAC") for _, label in found)


def test_a_quoted_name_the_text_also_names_plainly_stays_a_name() -> None:
    text = 'Officials said "Varn Holdings" would pay. Varn Holdings declined to comment.'
    found = [e for e in find_entities(text) if e.text == "Varn Holdings"]
    assert len(found) == 2
    assert {e.label for e in found} == {"ORG"}


def test_speech_in_quotes_keeps_its_names() -> None:
    found = pairs('"We will rebuild Oslo," said Mira Okonjo, the mayor.')
    assert ("Mira Okonjo", "PERSON") in found
    assert ("Oslo", "GPE") in found


@pytest.mark.parametrize("head", ["Battle", "Siege"])
def test_a_battle_or_siege_of_a_place_is_an_event(head: str) -> None:
    found = pairs(f"The regiment fought at the {head} of Harlan Crossing in 1863.")
    assert (f"{head} of Harlan Crossing", "EVENT") in found


@pytest.mark.parametrize("name", ["Western Australia", "Southern California", "North Oslo"])
def test_a_direction_before_a_known_place_is_one_place(name: str) -> None:
    found = pairs(f"Storm warnings went out across {name} on Monday.")
    assert (name, "GPE") in found


def test_a_direction_at_a_sentence_start_stays_with_its_place() -> None:
    found = pairs("Flights were cancelled. Northern Oslo lost power for an hour.")
    assert ("Northern Oslo", "GPE") in found


@pytest.mark.parametrize("word", ["Queenslander", "Democrat"])
def test_a_word_before_a_given_name_stays_outside_the_person(word: str) -> None:
    found = pairs(f"The crowd cheered when {word} Mitchell Rawlins reached the final.")
    assert ("Mitchell Rawlins", "PERSON") in found
    assert not any(text.startswith(word + " ") for text, _ in found)


def test_a_full_name_that_starts_with_two_given_names_is_kept_whole() -> None:
    found = pairs("Mary Ann Evans wrote under another name.")
    assert ("Mary Ann Evans", "PERSON") in found


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("The farm lies 40 km south-east of Tarnholm.", "Tarnholm"),
        ("The camp was set up just north of Harlan Crossing.", "Harlan Crossing"),
        ("She was elected MP for Kessling in 2010.", "Kessling"),
    ],
)
def test_a_name_after_a_direction_or_a_seat_is_a_place(text: str, place: str) -> None:
    found = pairs(text)
    assert (place, "GPE") in found
    assert not any(label == "ORG" for _, label in found)


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Lincoln Reservoir", "LOC"),
        ("Victoria Rink", "FAC"),
        ("Ottoman Empire", "GPE"),
        ("Marlow Brothers", "ORG"),
        ("Kessra Instruments", "ORG"),
    ],
)
def test_a_head_word_decides_even_after_a_given_name(name: str, label: str) -> None:
    found = pairs(f"Reports about the {name} appeared in the local paper on Monday.")
    assert (name, label) in found


def test_a_model_or_strain_code_is_no_organisation() -> None:
    found = pairs("Cases of COVID-19 rose as the CH-53 fleet was grounded, the WHO said.")
    assert ("WHO", "ORG") in found
    assert not any(text in ("COVID", "CH") for text, _ in found)


def test_a_run_that_runs_into_the_next_sentence_ends_before_its_first_word() -> None:
    found = pairs("Coverage moves to the Kessra Mining Group From next season the games are free.")
    assert ("Kessra Mining Group", "ORG") in found


def test_a_relative_or_a_who_clause_makes_a_lone_name_a_person() -> None:
    found = pairs("She had one brother, Konstanty, who died young. Her daughter Stanislawa ruled.")
    assert ("Konstanty", "PERSON") in found
    assert ("Stanislawa", "PERSON") in found


def test_a_family_name_that_is_also_a_firm_is_the_firm_where_the_text_says_so() -> None:
    text = "Guido Caloi opened a workshop. Caloi was founded in 1898 and Caloi was acquired later."
    found = find_entities(text)
    assert ("Guido Caloi", "PERSON") in {(e.text, e.label) for e in found}
    lone = [e.label for e in found if e.text == "Caloi"]
    assert lone == ["ORG", "ORG"]
