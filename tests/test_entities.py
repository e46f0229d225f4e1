"""Named entities: the seed articles, news traps, counting, and the CLI."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main
from reader.entities import LABELS, count_entities, find_entities
from reader.pipeline import load_article

SOCHI = "wpr-sochi-summit-missile-defense-paywalled.txt"
MOSCOW = "wpr-bmd-moscow-meeting-paywalled.txt"


def pairs(text: str) -> set[tuple[str, str]]:
    """The (text, label) pairs found in ``text``, checking that offsets point at the text."""
    found = find_entities(text)
    for e in found:
        assert text[e.start : e.end] == e.text
        assert e.label in LABELS
    return {(e.text, e.label) for e in found}


def texts(text: str) -> set[str]:
    return {t for t, _ in pairs(text)}


# --- seeds ---------------------------------------------------------------------------------


def seed_pairs(samples: Path) -> set[tuple[str, str]]:
    return pairs(load_article(samples / MOSCOW).body) | pairs(load_article(samples / SOCHI).body)


def test_seed_people(samples: Path) -> None:
    found = seed_pairs(samples)
    for name in (
        "George W. Bush",
        "Vladimir Putin",
        "Sergei Lavrov",
        "Condoleezza Rice",
        "Robert Gates",
        "Anatoly Serdyukov",
        "Lavrov",
        "Rice",
        "Gates",
        "Bush",
    ):
        assert (name, "PERSON") in found, name


def test_seed_places_groups_and_dates(samples: Path) -> None:
    found = seed_pairs(samples)
    expected = {
        ("Sochi", "GPE"),
        ("Moscow", "GPE"),
        ("Washington", "GPE"),
        ("Poland", "GPE"),
        ("Czech Republic", "GPE"),
        ("Alaska", "GPE"),
        ("Russia", "GPE"),
        ("Black Sea", "LOC"),
        ("Russian", "NORP"),
        ("American", "NORP"),
        ("Iranian", "NORP"),
        ("March 26", "DATE"),
        ("April 6", "DATE"),
        ("March 17-18", "DATE"),
    }
    assert expected <= found, expected - found
    labels = dict(found)
    assert labels["Vandenberg Air Force Base"] in ("FAC", "GPE")
    assert labels["Fort Greeley"] in ("FAC", "GPE")
    assert labels["White House"] in ("ORG", "FAC")
    assert labels["Kremlin"] in ("ORG", "FAC")


def test_seed_titles_and_acronyms_are_not_names(samples: Path) -> None:
    found = texts(load_article(samples / MOSCOW).body)
    # Titles stay outside the name; "BMD" is spelled out in lower case, so it is no entity.
    assert not any("Minister" in t or "Secretary" in t or "President" in t for t in found)
    assert "BMD" not in found


def test_nothing_from_removed_boilerplate(samples: Path) -> None:
    for name in (SOCHI, MOSCOW):
        article = load_article(samples / name)
        found = texts(article.body)
        assert "World Politics Review" not in found
        assert "WPR" not in found


# --- traps ---------------------------------------------------------------------------------


def test_sentence_initial_words_are_not_names() -> None:
    found = pairs(
        "Despite the talks, Moscow held firm. Nevertheless, officials met. "
        "Remarking on the vote, the minister left. However, Germany agreed."
    )
    assert found == {("Moscow", "GPE"), ("Germany", "GPE")}


def test_title_case_headline_keeps_only_confirmed_names() -> None:
    text = (
        "Putin Meets Bush in Sochi Amid Missile Defense Row\n\n"
        "Vladimir Putin met George W. Bush in Sochi on Sunday."
    )
    found = find_entities(text)
    headline = {(e.text, e.label) for e in found if e.end <= text.index("\n")}
    assert headline == {("Putin", "PERSON"), ("Bush", "PERSON"), ("Sochi", "GPE")}
    assert ("Sunday", "DATE") in {(e.text, e.label) for e in found}


def test_may_the_month_versus_may_the_name() -> None:
    found = find_entities("Talks began in May. On May 5, Theresa May said Britain would stay.")
    got = [(e.text, e.label) for e in found]
    assert got == [
        ("May", "DATE"),
        ("May 5", "DATE"),
        ("Theresa May", "PERSON"),
        ("Britain", "GPE"),
    ]
    assert texts("May we ask a question? Perhaps.") == set()


def test_all_caps_dateline() -> None:
    found = pairs("WASHINGTON (Reuters) - The Pentagon said on Tuesday that it would wait.")
    assert found == {
        ("WASHINGTON", "GPE"),
        ("Reuters", "ORG"),
        ("Pentagon", "ORG"),
        ("Tuesday", "DATE"),
    }


def test_titles_mark_people_without_the_title() -> None:
    found = pairs(
        "Prime Minister Gordon Brown met Mr. Okonjo and President Obama. "
        "Later, Obama spoke to Gen. Petraeus."
    )
    for name in ("Gordon Brown", "Okonjo", "Obama", "Petraeus"):
        assert (name, "PERSON") in found, name
    assert not any("Minister" in t or "President" in t for t, _ in found)


def test_organisation_and_place_cues() -> None:
    found = pairs(
        "The Russian Foreign Ministry cited the Bank of England and Acme Holdings. "
        "Ships crossed the Strait of Hormuz near Lake Baikal and Fort Bragg."
    )
    assert ("Russian Foreign Ministry", "ORG") in found
    assert ("Bank of England", "ORG") in found
    assert ("Acme Holdings", "ORG") in found
    assert ("Lake Baikal", "LOC") in found
    assert ("Fort Bragg", "FAC") in found
    assert ("Strait of Hormuz", "LOC") in found


def test_acronym_with_capitalised_expansion_takes_its_label() -> None:
    found = pairs(
        "The North Atlantic Treaty Organization (NATO) met. Later NATO said the "
        "intercontinental ballistic missile (ICBM) test failed; the ICBM was old."
    )
    assert ("NATO", "ORG") in found
    assert "ICBM" not in {t for t, _ in found}


def test_hyphenated_groups_and_money() -> None:
    found = pairs("The U.S.-Russian deal costs $5 billion, up 3.5 percent from 2007 levels.")
    assert {("U.S.", "GPE"), ("Russian", "NORP"), ("$5 billion", "MONEY")} <= found
    assert ("3.5 percent", "PERCENT") in found


def test_surname_mentions_resolve_to_the_person() -> None:
    found = find_entities("Angela Merkel arrived late. Merkel said little, and Merkel left.")
    assert [(e.text, e.label) for e in found] == [
        ("Angela Merkel", "PERSON"),
        ("Merkel", "PERSON"),
        ("Merkel", "PERSON"),
    ]


def test_entities_do_not_overlap_and_are_ordered(samples: Path) -> None:
    found = find_entities(load_article(samples / MOSCOW).body)
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


def test_empty_and_lowercase_text() -> None:
    assert find_entities("") == []
    assert find_entities("nothing here is a name, not even paris.") == []


def test_count_entities_groups_text_and_label() -> None:
    found = find_entities("Moscow and Paris. Moscow again, and Moscow.")
    assert count_entities(found)[0] == ("Moscow", "GPE", 3)
    assert ("Paris", "GPE", 1) in count_entities(found)


def test_count_entities_counts_a_surname_for_the_full_name() -> None:
    found = find_entities(
        "George W. Bush met Condoleezza Rice. Later Bush spoke, and Rice listened to Bush."
    )
    counted = count_entities(found)
    assert ("George W. Bush", "PERSON", 3) in counted
    assert ("Condoleezza Rice", "PERSON", 2) in counted
    assert not any(text in ("Bush", "Rice") for text, _, _ in counted)


def test_count_entities_keeps_an_ambiguous_surname_apart() -> None:
    found = find_entities("Susan Rice and Condoleezza Rice met. Rice said nothing.")
    counted = count_entities(found)
    assert ("Rice", "PERSON", 1) in counted
    assert ("Susan Rice", "PERSON", 1) in counted


# --- CLI -----------------------------------------------------------------------------------


def test_show_json_fills_entities(samples: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(samples / MOSCOW), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["entities"]
    body = data["body"]
    for e in data["entities"]:
        assert body[e["start"] : e["end"]] == e["text"]
    assert {"text": "Sergei Lavrov", "label": "PERSON"} in [
        {"text": e["text"], "label": e["label"]} for e in data["entities"]
    ]


def test_entities_command_counts_per_article_and_across(
    samples: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for seed in (SOCHI, MOSCOW):
        shutil.copy(samples / seed, tmp_path / seed)
    assert main(["entities", str(tmp_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["articles"]) == 2
    totals = {(t["text"], t["label"]): t for t in data["totals"]}
    assert totals[("Sochi", "GPE")]["articles"] == 2
    # Sergei Lavrov is named in full in both pieces; the Moscow one calls him Lavrov twice more.
    assert totals[("Sergei Lavrov", "PERSON")]["articles"] == 2
    assert totals[("Sergei Lavrov", "PERSON")]["count"] == 4
    assert ("Lavrov", "PERSON") not in totals
    moscow = next(a for a in data["articles"] if a["path"].endswith(MOSCOW))
    assert {"text": "Condoleezza Rice", "label": "PERSON", "count": 2} in moscow["entities"]


def test_entities_command_plain_output(samples: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["entities", str(samples / SOCHI)]) == 0
    out = capsys.readouterr().out
    assert "Sergei Lavrov" in out and "PERSON" in out
    assert "\x1b" not in out


def test_show_plain_output_has_no_colour_codes(
    samples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", str(samples / SOCHI)]) == 0
    assert "\x1b" not in capsys.readouterr().out


def test_unknown_names_take_their_kind_from_the_words() -> None:
    found = pairs(
        "Fans of the Montreal Canadiens watched the Stanley Cup. Nobel Prize winners met in "
        "West Jersey during World War II."
    )
    assert ("Montreal Canadiens", "ORG") in found
    assert ("Stanley Cup", "EVENT") in found
    assert ("World War II", "EVENT") in found
    assert ("West Jersey", "GPE") in found
    assert not any("Nobel" in t for t, _ in found)


# --- spaCy backend -------------------------------------------------------------------------


def test_missing_spacy_model_is_a_clear_error(
    samples: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_SPACY_MODEL", "reader_test_no_such_pipeline")
    assert main(["show", str(samples / SOCHI), "--json", "--ner", "spacy"]) == 1
    err = capsys.readouterr().err
    assert "--ner spacy" in err and "Traceback" not in err


def test_unknown_backend_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown entity backend"):
        find_entities("Moscow", backend="magic")


def test_spacy_adapter_with_a_blank_pipeline_and_entity_ruler() -> None:
    spacy = pytest.importorskip("spacy")
    from reader.ner.spacy_backend import entities_from

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "Sergei Lavrov"},
            {"label": "GPE", "pattern": "Moscow"},
            {"label": "CARDINAL", "pattern": "two"},
        ]
    )
    text = "In Moscow, Sergei Lavrov met two envoys."
    found = entities_from(nlp, text)
    assert [(e.text, e.label) for e in found] == [("Moscow", "GPE"), ("Sergei Lavrov", "PERSON")]
    assert all(text[e.start : e.end] == e.text for e in found)


def test_place_led_teams_titles_alone_and_time_zones() -> None:
    found = pairs(
        "The Los Angeles Lakers beat Perth Glory at 10:15 EST on Friday. The Mayor said "
        "nothing, and a news anchor read the Daily Mail."
    )
    assert ("Los Angeles Lakers", "ORG") in found
    assert ("Perth Glory", "ORG") in found
    assert ("Daily Mail", "ORG") in found
    assert ("Friday", "DATE") in found
    assert not {"EST", "Mayor"} & {t for t, _ in found}


def test_marking_colours_entities_only_on_a_terminal() -> None:
    from reader.cli.entities import mark_entities

    text = "Vladimir Putin met George Bush in Sochi."
    found = find_entities(text)
    assert mark_entities(text, found, color=False) == text
    marked = mark_entities(text, found, color=True)
    assert marked.count("\x1b[0m") == 3
    assert marked.replace("\x1b[0m", "").replace("\x1b[1;36m", "").replace("\x1b[1;32m", "") == (
        text
    )


# --- places, organisations and person evidence ------------------------------------------------


def test_place_cues_and_place_nouns_are_not_people() -> None:
    found = pairs(
        "The ferry links Port Avery with the island of Kessling, and the shipyard in Larsen Bay "
        "sits below Mount Tarrow. Fishermen from the town of Harlan Crossing sailed across "
        "Lake Morrow to Dunmore County. The grain elevator in Elm Hollow closed."
    )
    assert ("Elm Hollow", "GPE") in found
    assert ("Port Avery", "GPE") in found
    assert ("Kessling", "GPE") in found
    assert ("Larsen Bay", "LOC") in found
    assert ("Mount Tarrow", "LOC") in found
    assert ("Harlan Crossing", "GPE") in found
    assert ("Lake Morrow", "LOC") in found
    assert ("Dunmore County", "GPE") in found
    assert not any(label == "PERSON" for _, label in found)


@pytest.mark.parametrize("prep", ["in", "near", "outside", "across", "throughout"])
def test_an_unknown_name_after_a_place_preposition_is_a_place(prep: str) -> None:
    found = pairs(f"Storms spread {prep} Harlan Crossing on a quiet morning.")
    assert ("Harlan Crossing", "GPE") in found


def test_organisation_heads_win_over_person_guess() -> None:
    found = pairs(
        "Inspectors from the Maritime Safety Board and the Harbour Pilots Authority met staff "
        "of Port Avery General Hospital, officers of the Kessling Police and the Coastal "
        "Workers Party."
    )
    assert ("Maritime Safety Board", "ORG") in found
    assert ("Harbour Pilots Authority", "ORG") in found
    assert ("Port Avery General Hospital", "ORG") in found
    assert ("Kessling Police", "ORG") in found
    assert ("Coastal Workers Party", "ORG") in found
    assert not any(label == "PERSON" for _, label in found)


def test_unknown_two_word_spans_need_person_evidence() -> None:
    found = pairs(
        "Growers planted Winter Banana trees near the old Granite Works. "
        "The crossing was busy, Tavi Okoro said on Monday. Later, Okoro sailed home. "
        "The plan was backed by Ilse Varga, who chairs the board."
    )
    assert ("Tavi Okoro", "PERSON") in found
    assert ("Okoro", "PERSON") in found
    assert ("Ilse Varga", "PERSON") in found
    assert not {"Winter Banana", "Granite Works"} & {t for t, lab in found if lab == "PERSON"}


# --- other languages ---------------------------------------------------------------------------


def test_german_text_keeps_only_gazetteer_places_and_strong_cues() -> None:
    text = (
        "Die Fähre zur Insel Föhr fährt seit Montag wieder. Nach dem Essen fuhr der Sprecher "
        "der Reederei nach Essen, dann weiter nach Berlin. Der Gemeinderat will die Zahlen der "
        "Saison im Oktober prüfen."
    )
    found = pairs(text)
    assert ("Föhr", "LOC") in found
    assert ("Berlin", "GPE") in found
    assert ("Montag", "DATE") in found
    assert ("Oktober", "DATE") in found
    essen = [e for e in find_entities(text) if e.text == "Essen"]
    assert [text[e.start - 5 : e.start].strip() for e in essen] == ["nach"]  # not "dem Essen"
    assert not any(label == "PERSON" for _, label in found)
    assert not {"Sprecher", "Reederei", "Gemeinderat", "Zahlen", "Saison"} & {t for t, _ in found}


def test_french_text_uses_places_and_place_nouns() -> None:
    found = pairs(
        "À Marseille, la fréquentation de la calanque de Sugiton a baissé depuis mars. "
        "Les commerçants du quartier de Luminy s'inquiètent, selon la Mairie Centrale."
    )
    assert ("Marseille", "GPE") in found
    assert ("Sugiton", "LOC") in found
    assert ("Luminy", "GPE") in found
    assert ("mars", "DATE") in found
    assert not any(label == "PERSON" for _, label in found)


def test_declared_language_decides_over_the_words() -> None:
    text = "Officials from the Maritime Safety Board met Tavi Okoro, who said the ferry runs."
    assert ("Tavi Okoro", "PERSON") in {(e.text, e.label) for e in find_entities(text)}
    assert ("Tavi Okoro", "PERSON") in {
        (e.text, e.label) for e in find_entities(text, language="en-GB")
    }
    assert find_entities(text, language="de") == []


def test_entities_command_reads_the_language_of_a_page(
    samples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = samples / "html" / "german-cp1252-complete.html"
    assert main(["entities", "--json", str(page)]) == 0
    data = json.loads(capsys.readouterr().out)
    found = {(e["text"], e["label"]) for e in data["articles"][0]["entities"]}
    assert ("Föhr", "LOC") in found
    assert not any(label == "PERSON" for _, label in found)


def test_known_given_names_are_person_evidence() -> None:
    found = pairs(
        "Gwen Tallis and Jared Okafor opened the bakery; Orchard Lane Bakery opened later."
    )
    assert ("Gwen Tallis", "PERSON") in found
    assert ("Jared Okafor", "PERSON") in found
    assert not any(t.startswith("Orchard") and lab == "PERSON" for t, lab in found)


def test_organisation_suffixes_units_and_bare_names() -> None:
    found = pairs(
        "Kessling Rovers FC signed a striker from Dunmore Athletic, and Saltmarsh Records "
        "released the club song. Soldiers of the 82nd Airborne Division guarded the Port "
        "Avery Brewery, where the League met. Executives from Huawei and Nvidia were "
        "inducted into the Coastal Sailing Hall of Fame."
    )
    assert ("Kessling Rovers FC", "ORG") in found
    assert ("Dunmore Athletic", "ORG") in found
    assert ("Saltmarsh Records", "ORG") in found
    assert ("82nd Airborne Division", "ORG") in found
    assert ("League", "ORG") in found
    assert ("Huawei", "ORG") in found
    assert ("Nvidia", "ORG") in found
    assert ("Coastal Sailing Hall of Fame", "ORG") in found
    assert not any(label == "PERSON" for _, label in found)
