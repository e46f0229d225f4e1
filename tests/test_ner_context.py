"""Names no list holds, recognised from how the text uses them, and the span classifier.

Every name here is made up; the sentences are written for these tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.entities import LABELS, find_entities
from reader.ner import tagger
from reader.ner.lexicon import data_file, lexicon, read_data
from reader.ner.rules import recognize
from reader.ner.shapes import Tok
from reader.pipeline import load_article


def pairs(text: str) -> set[tuple[str, str]]:
    """The (text, label) pairs found in ``text``, checking that offsets point at the text."""
    found = find_entities(text)
    for e in found:
        assert text[e.start : e.end] == e.text
        assert e.label in LABELS
    return {(e.text, e.label) for e in found}


# --- a role or a kind of thing right before the name --------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Profits rose, chief executive Mira Okonjo told reporters.", "Mira Okonjo"),
        ("The strike was called by union leader Tomas Veld after talks failed.", "Tomas Veld"),
        ("The plan was drawn up by software engineer Jana Novak last year.", "Jana Novak"),
        ("Climate economist Oskar Lindqvat disagreed with the forecast.", "Oskar Lindqvat"),
        ("The goal came from striker Dario Pelucchi in the last minute.", "Dario Pelucchi"),
    ],
)
def test_a_role_before_an_unknown_name_makes_it_a_person(sentence: str, name: str) -> None:
    assert (name, "PERSON") in pairs(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Its chief executive is Tarvo Lindqvat, the filing shows.",
        "The new coach was Tarvo Lindqvat until the spring.",
    ],
)
def test_a_role_then_is_or_was_before_a_name_makes_it_a_person(sentence: str) -> None:
    rules_only = {(sentence[s:e], label) for s, e, label in recognize(sentence, model=False)}
    assert ("Tarvo Lindqvat", "PERSON") in rules_only


def test_a_surname_after_said_closing_a_quote_is_a_person() -> None:
    assert ("Veld", "PERSON") in pairs('"We will not go back," said Veld.')


def test_a_capitalised_role_stays_outside_the_name() -> None:
    found = pairs("The plan was drafted by Engineer Jana Novak and approved in May.")
    assert ("Jana Novak", "PERSON") in found
    assert not any("Engineer" in text for text, _ in found)


def test_a_role_before_a_surname_alone_makes_it_a_person() -> None:
    assert ("Okonjo", "PERSON") in pairs("The talks stalled, chief executive Okonjo admitted.")


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Orders fell at the shipping group Halvard Line this spring.", "Halvard Line"),
        ("The study appeared in the journal Lumen Quarterly on Tuesday.", "Lumen Quarterly"),
        ("Output was cut by the copper miner Tovaro after the floods.", "Tovaro"),
        ("The Valdoria-based miner Kessra said output would fall.", "Kessra"),
    ],
)
def test_a_kind_of_organisation_before_a_name_makes_it_an_organisation(
    sentence: str, name: str
) -> None:
    assert (name, "ORG") in pairs(sentence)


def test_an_employer_after_a_role_and_at_is_an_organisation() -> None:
    found = pairs("Jana Novak, a software engineer at Nordlys, wrote the patch.")
    assert ("Jana Novak", "PERSON") in found
    assert ("Nordlys", "ORG") in found


def test_ownership_phrases_make_organisations() -> None:
    assert ("Tovaro", "ORG") in pairs("Shares in Tovaro rose sharply on Monday.")
    assert ("Halvard Line", "ORG") in pairs("He bought a stake in Halvard Line last week.")


def test_a_word_then_chief_executive_is_an_organisation() -> None:
    found = pairs("Nordlys chief executive Mira Okonjo resigned on Friday.")
    assert ("Nordlys", "ORG") in found
    assert ("Mira Okonjo", "PERSON") in found


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Kovanic's board approved the merger on Tuesday.", "Kovanic"),
        ("Investors sold Tessaro\u2019s shares after the warning.", "Tessaro"),
        ("Brennholt's chief executive said demand was weak.", "Brennholt"),
        ("Analysts cut their view of Marvelo's share price.", "Marvelo"),
    ],
)
def test_a_firm_s_board_shares_or_chief_executive_make_it_an_organisation(
    sentence: str, name: str
) -> None:
    assert (name, "ORG") in pairs(sentence)


def test_an_apposition_naming_a_firm_s_chief_names_both() -> None:
    found = pairs("Petra Skalde, Brennholt's chief executive, said demand was weak.")
    assert ("Petra Skalde", "PERSON") in found
    assert ("Brennholt", "ORG") in found


def test_a_person_s_shares_stay_the_person_s() -> None:
    found = pairs("Ines Varga sold a stake last year. Varga's shares went to a trust.")
    assert ("Varga", "PERSON") in found


def test_a_plural_name_after_a_capital_the_inside_a_sentence_is_an_organisation() -> None:
    found = pairs("This spring the band is supporting The Harvellers on a long tour.")
    assert ("The Harvellers", "ORG") in found


def test_an_organisation_written_with_the_inside_a_sentence_keeps_it() -> None:
    found = pairs("She has been a member of The Harbour Rowing Association since 2001.")
    assert ("The Harbour Rowing Association", "ORG") in found
    # At the start of a sentence "The" is just the article.
    found = pairs("The Harbour Rowing Association met on Monday.")
    assert ("Harbour Rowing Association", "ORG") in found


# --- appositions and bios after the name ---------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name", "label"),
    [
        ("Halvard Line, the Danish shipping group, said profits fell.", "Halvard Line", "ORG"),
        ("Shares of Ostravia, a Czech media group, fell.", "Ostravia", "ORG"),
        ("Tovaro, the state copper company, cut output.", "Tovaro", "ORG"),
        ("Output at Kessra Varn, the country's biggest miner, fell.", "Kessra Varn", "ORG"),
        ("Mira Okonjo, the company's chief executive, resigned.", "Mira Okonjo", "PERSON"),
        ("The ferry reached Tarnholm, a small port town, at dawn.", "Tarnholm", "GPE"),
    ],
)
def test_the_head_of_an_apposition_gives_the_label(sentence: str, name: str, label: str) -> None:
    assert (name, label) in pairs(sentence)


@pytest.mark.parametrize(
    ("sentence", "name", "label"),
    [
        ("Tovaro, Chile's copper company, cut output.", "Tovaro", "ORG"),
        ("Sales at Marvelo, Norway’s biggest retailer, fell.", "Marvelo", "ORG"),
        ("Lena Ruud, Brennholt's chief executive, resigned.", "Lena Ruud", "PERSON"),
        ("Ferries left Skarvik, the island's only port, at dawn.", "Skarvik", "GPE"),
    ],
)
def test_an_apposition_opened_by_a_possessive_gives_the_label(
    sentence: str, name: str, label: str
) -> None:
    assert (name, label) in pairs(sentence)


def test_an_apposition_in_tokenised_text_gives_the_label() -> None:
    # Corpora such as CoNLL-2003 write a space before each comma.
    found = pairs("Orders fell at Halvorsen Line , the Danish shipping group , in May .")
    assert ("Halvorsen Line", "ORG") in found


def test_an_author_bio_names_a_person_and_an_organisation() -> None:
    found = pairs("Jana Novak is a software engineer at Nordlys. She writes about chips.")
    assert ("Jana Novak", "PERSON") in found
    assert ("Nordlys", "ORG") in found


def test_a_bio_that_opens_a_paragraph_names_its_author() -> None:
    found = pairs("The vote was 5 to 2.\n\nSanna Voll covers the courts for the Tarnholm Courier.")
    assert ("Sanna Voll", "PERSON") in found
    assert ("Tarnholm Courier", "ORG") in found


def test_a_new_clause_after_a_comma_is_no_apposition() -> None:
    # "the company said" starts a clause about someone else; Kessling stays a place.
    assert ("Kessling", "GPE") in pairs("In Kessling, the company said, sales fell.")
    # Only the last name of a list stands next to the apposition.
    found = pairs("Talks with Brennick Varlow, Osk Tamm and Halvard Line, the shipping group.")
    assert ("Halvard Line", "ORG") in found
    assert ("Brennick Varlow", "ORG") not in found


# --- bylines ------------------------------------------------------------------------------


def test_a_byline_names_its_authors() -> None:
    found = pairs("By Jana Novak and Piet Osterhaag\n\nThe chip shortage eased in March.")
    assert ("Jana Novak", "PERSON") in found
    assert ("Piet Osterhaag", "PERSON") in found


def test_a_byline_line_is_not_read_as_a_title_case_headline() -> None:
    found = pairs("Ferry Routes Cut Again\nBy Halvor Brekke\n\nThe last ferry left at dawn.")
    assert ("Halvor Brekke", "PERSON") in found


# --- organisation forms and heads in many languages ----------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Kessra Minerals AG",
        "Varnholt GmbH",
        "Dunmere Holdings NV",
        "Ostrava Bouw B.V.",
        "Lumetti SpA",
        "Saarnio Oyj",
        "Brekke Shipping ASA",
        "Tovaro Copper",
        "Halvard Logistics",
        "Marlow Broadcasting",
    ],
)
def test_company_forms_and_business_heads_make_organisations(name: str) -> None:
    assert (name, "ORG") in pairs(f"The deal with {name} was signed on Monday.")


@pytest.mark.parametrize("name", ["Banco Varnholt", "Groupe Kessra", "Radio Tarnholm"])
def test_organisation_heads_that_lead_the_name(name: str) -> None:
    assert (name, "ORG") in pairs(f"Analysts at {name} expect rates to rise.")


@pytest.mark.parametrize(
    "name",
    [
        "Varnhof Werke",
        "Kesselberg Zeitung",
        "Velmora Kft",
        "Harlen Sdn Bhd",
        "Mitsora Kaisha",
        "Bertmann Stiftung",
        "Caixa Montenova",
        "Banca Velsoria",
        "Istituto Marvetti",
        "Stichting Waterhoud",
        "PJSC Volgakhim",
    ],
)
def test_company_forms_and_heads_in_other_languages(name: str) -> None:
    assert (name, "ORG") in pairs(f"The report by {name} came out on Monday.")


@pytest.mark.parametrize(
    "name",
    ["Annals of Glacial Hydrology", "Proceedings of the Varn Society", "Journal of Coastal Fauna"],
)
def test_a_journal_head_makes_the_whole_title_an_organisation(name: str) -> None:
    assert (name, "ORG") in pairs(f"The findings appear in {name} this week.")


def test_ampersands_join_a_firm_but_not_two_names() -> None:
    assert ("Marlow & Finch", "ORG") in pairs("The law firm Marlow & Finch said it would appeal.")
    found = pairs("A merger of Kessra Mining & Varn Holdings was agreed on Monday.")
    assert {("Kessra Mining", "ORG"), ("Varn Holdings", "ORG")} <= found
    found = pairs("The show was presented by David Kessel & Lee Varno.")
    assert ("David Kessel & Lee Varno", "ORG") not in found


# --- places inside other names -------------------------------------------------------------


def test_a_place_before_based_or_a_lower_case_noun_is_a_place() -> None:
    assert ("Valdoria", "GPE") in pairs("The Valdoria-based carrier cut routes.")
    assert ("Gdansk", "GPE") in pairs("Workers at the Gdansk shipyard walked out.")


@pytest.mark.parametrize(
    ("sentence", "name", "label"),
    [
        ("Freight rates at the Oslo-based Fjordvik rose sharply.", "Fjordvik", "ORG"),
        ("Shares in the London-listed Kessra Varn fell.", "Kessra Varn", "ORG"),
        ("The state-owned Tovalco will build the line.", "Tovalco", "ORG"),
        ("The Lisbon-born Ana Reis Morvel scored twice.", "Ana Reis Morvel", "PERSON"),
    ],
)
def test_a_compound_before_a_name_says_a_firm_or_a_person(
    sentence: str, name: str, label: str
) -> None:
    found = pairs(sentence)
    assert (name, label) in found


@pytest.mark.parametrize(
    "sentence",
    [
        "The squadron left Debrenholt, England, in June 1944.",
        "The plant at Harlan Crossing, Maine, closed in 1910.",
        "The band played Sedvik , Norway , on its last tour .",
    ],
)
def test_a_town_then_its_country_or_state_is_a_place(sentence: str) -> None:
    found = pairs(sentence)
    assert any(
        label == "GPE" and text in ("Debrenholt", "Harlan Crossing", "Sedvik")
        for text, label in found
    )


def test_a_country_s_possessive_after_a_name_is_no_town_and_its_country() -> None:
    found = pairs("Tovaro, Chile's copper company, cut output.")
    assert ("Tovaro", "GPE") not in found


def test_a_plural_place_noun_before_of_names_a_place() -> None:
    assert ("Lougara", "GPE") in pairs("Troops marched on the villages of Lougara and Tenvik.")


def test_a_town_after_a_long_organisation_name_and_of_is_a_place_of_its_own() -> None:
    found = pairs("The cup was won by the Northern Rowing Club of Lyon in 1921.")
    assert {("Northern Rowing Club", "ORG"), ("Lyon", "GPE")} <= found
    # A country names the organisation's reach, and a short name keeps its "of".
    found = pairs("The rules were set by the Amateur Rowing Association of Norway.")
    assert ("Amateur Rowing Association of Norway", "ORG") in found
    assert ("Bank of Lyon", "ORG") in pairs("She worked at the Bank of Lyon for a decade.")


def test_a_known_place_inside_an_organisation_name_keeps_the_organisation_whole() -> None:
    found = pairs("Staff at Kitwe Copper Mines walked out on Monday.")
    assert ("Kitwe Copper Mines", "ORG") in found
    assert ("Kitwe", "GPE") not in found


def test_a_place_that_wins_or_loses_by_a_score_is_a_team() -> None:
    assert ("Tarnholm", "ORG") in pairs("The season ended with a loss to Tarnholm 63-7.")
    assert ("Kessling", "ORG") in pairs("The match in May ended when Kessling won 3-0.")
    assert ("Kessling", "GPE") in pairs("The council vote in Kessling was 63-7 on Monday.")


# --- lists of people ----------------------------------------------------------------------


def test_unknown_names_listed_beside_people_are_people() -> None:
    found = pairs("Guests included the actor Mira Okonjo, Halvor Brekke, Tomas Veld and Ines Kvar.")
    for name in ("Mira Okonjo", "Halvor Brekke", "Tomas Veld", "Ines Kvar"):
        assert (name, "PERSON") in found, name


@pytest.mark.parametrize(
    "sentence",
    ["Rookie Tarvo Lindqvat won the race.", "Sophomore Tarvo Lindqvat scored twice on Friday."],
)
def test_a_sportsman_s_standing_before_an_unknown_name_makes_a_person(sentence: str) -> None:
    assert ("Tarvo Lindqvat", "PERSON") in pairs(sentence)


# --- a firm's short name --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("Shares of Halvard Line rose on Monday after Halvard said profit doubled.", "Halvard"),
        ("Nordvik Shipping cut its fleet. Later, Nordvik said it would sell two ships.", "Nordvik"),
        ("Vellmark Holdings AG reported a loss. Vellmark blamed the weather.", "Vellmark"),
    ],
)
def test_a_firm_named_in_full_keeps_its_label_by_its_first_word(text: str, short: str) -> None:
    found = pairs(text)
    assert (short, "ORG") in found
    assert (short, "PERSON") not in found


def test_a_firm_short_name_leaves_places_and_people_alone() -> None:
    assert ("Boston", "GPE") in pairs("Boston Energy raised prices. Boston said no.")
    found = pairs("The Brenner Group hired Ilse Brenner. Brenner said she was pleased.")
    assert ("Brenner", "PERSON") in found


def test_a_name_s_company_with_its_legal_form_is_one_company() -> None:
    found = pairs("Shares of Brenner's Brewing Co. fell on Monday.")
    assert ("Brenner's Brewing Co.", "ORG") in found
    assert ("Ines Kvar’s Haulage Ltd", "ORG") in pairs("Ines Kvar’s Haulage Ltd was sold.")


def test_a_country_s_company_stays_apart_from_the_country() -> None:
    found = pairs("Britain's Vellmark Holdings Plc said profit rose.")
    assert ("Britain", "GPE") in found
    assert ("Vellmark Holdings Plc", "ORG") in found


# --- a nickname in quotes -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('The trophy went to William "Cowboy" Lindqvat in 1939.', 'William "Cowboy" Lindqvat'),
        ("Coach Maria “Masha” Ivanova said the team was tired.", "Maria “Masha” Ivanova"),
        ('Later William Tarvo " Bud " Kessra scored twice .', 'William Tarvo " Bud " Kessra'),
    ],
)
def test_a_nickname_between_the_names_stays_inside_the_person(text: str, name: str) -> None:
    found = pairs(text)
    assert (name, "PERSON") in found
    assert not any(label == "PERSON" and n != name for n, label in found)


def test_a_quoted_title_before_a_day_is_not_a_nickname() -> None:
    found = pairs('Fans of Maria Lind sang "Blue Moon" Tuesday at the club.')
    assert ("Tuesday", "DATE") in found
    assert not any("Blue" in n for n, _ in found)


# --- the span classifier -------------------------------------------------------------------


def test_the_classifier_finds_a_name_no_rule_decides() -> None:
    sentence = "The band toured with Velvet Harrows and Korvath in 2007."
    rules_only = {sentence[s:e] for s, e, _ in recognize(sentence, model=False)}
    assert "Velvet Harrows" not in rules_only
    assert ("Velvet Harrows", "ORG") in pairs(sentence)


def test_the_classifier_only_adds_to_what_the_rules_found(samples: Path) -> None:
    for path in sorted(samples.glob("wpr-*.txt")):
        body = load_article(path).body
        with_model = set(recognize(body))
        assert set(recognize(body, model=False)) <= with_model, path.name
        assert recognize(body) == recognize(body)  # deterministic


def test_title_words_left_over_are_never_names() -> None:
    found = pairs("He met Foreign Minister Arvo Kesk and Defence Minister Lene Staal.")
    assert not any("Minister" in text for text, _ in found)


def test_the_weights_file_credits_its_data_and_stays_small() -> None:
    raw = data_file(tagger.MODEL_FILE).read_text(encoding="utf-8")
    header = "\n".join(line for line in raw.splitlines() if line.startswith("#"))
    assert "Wikigold" in header and "CC-BY 4.0" in header
    assert len(raw.encode()) < 2_000_000
    weights = tagger.model()
    assert weights and all(len(row) == len(tagger.CLASSES) for row in weights.values())


def test_the_weights_load_only_when_a_text_needs_them() -> None:
    code = (
        "import reader.entities, reader.ner.tagger as t; "
        "print(t.model.cache_info().currsize); "
        "reader.entities.find_entities('The band toured with Velvet Harrows in May.'); "
        "print(t.model.cache_info().currsize)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["0", "1"]


# --- the declared author -------------------------------------------------------------------


def test_the_declared_author_is_a_person_where_the_body_names_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "ferry.md"
    page.write_text(
        "---\ntitle: Ferry routes cut\nauthor: Halvor Brekke Tamm; Ines Kvar\n---\n\n"
        "# Ferry routes cut\n\nThe last ferry left at dawn, the harbour office said.\n\n"
        "Halvor Brekke Tamm spent the night on the quay talking to the crew.\n",
        encoding="utf-8",
    )
    body = load_article(page).body
    assert ("Halvor Brekke Tamm", "PERSON") not in pairs(body)  # the text alone does not say
    assert main(["show", str(page), "--json"]) == 0
    entities = json.loads(capsys.readouterr().out)["entities"]
    found = {(e["text"], e["label"]) for e in entities}
    assert ("Halvor Brekke Tamm", "PERSON") in found
    for e in entities:
        assert body[e["start"] : e["end"]] == e["text"]


# --- organisations from the verb before them, parties, teams and bands ----------------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("He played for Varnholm for six seasons before he retired.", "Varnholm"),
        ("The winger, who has 40 games for Kessling Rovers, was dropped.", "Kessling Rovers"),
        ("Last year she joined Halvard Line as a deck officer.", "Halvard Line"),
        ("The defender signed with Ostrava Dunmore on a free transfer.", "Ostrava Dunmore"),
        ("The plant is run by a unit of Tovaro, the ministry said.", "Tovaro"),
        ("The singer later signed to Deltamoor on a two-album deal.", "Deltamoor"),
        ("The tour was sponsored by Korvalink and two breweries.", "Korvalink"),
        ("The mine was acquired by Andescor Varn in 2011.", "Andescor Varn"),
        ("She has been a member of the Harrow Front since 1999.", "Harrow Front"),
        ("Last year he co-founded Quellbit with two friends.", "Quellbit"),
    ],
)
def test_a_verb_of_playing_or_joining_before_a_name_makes_it_an_organisation(
    sentence: str, name: str
) -> None:
    assert (name, "ORG") in pairs(sentence)


def test_joining_a_person_does_not_make_them_an_organisation() -> None:
    found = pairs("On the last night she joined Anna Varga on stage for one song.")
    assert ("Anna Varga", "ORG") not in found
    found = pairs("The firm was bought by Anna Varga in 2015.")
    assert ("Anna Varga", "PERSON") in found


def test_a_band_named_with_the_after_its_kind_is_an_organisation() -> None:
    found = pairs("It is the third album by the rock band The Vellums, out in May.")
    assert ("The Vellums", "ORG") in found  # a capital "The" inside a sentence is the name's


def test_a_plural_name_after_the_is_a_team_but_a_known_range_stays_a_place() -> None:
    found = pairs("A defensive end for the Ospreys, he later coached the Harriers.")
    assert {("Ospreys", "ORG"), ("Harriers", "ORG")} <= found
    assert ("Rockies", "LOC") in pairs("They drove across the Rockies in a week.")
    found = pairs("It felt like the Olympics here in the States, and the Games went on.")
    assert not any(label == "ORG" for _, label in found)


def test_a_sentence_opener_takes_the_label_the_text_gives_it_later() -> None:
    text = "Ospreys lost again on Sunday. It was the fourth defeat for the Ospreys this year."
    found = find_entities(text)
    assert [e.label for e in found if e.text == "Ospreys"] == ["ORG", "ORG"]


def test_the_party_before_a_member_of_parliament_is_an_organisation() -> None:
    found = pairs("Former Kestrel MP Tomas Veld criticised the plan.")
    assert {("Kestrel", "ORG"), ("Tomas Veld", "PERSON")} <= found
    found = pairs("Mira Okonjo MP said the plan would fail.")
    assert ("Mira Okonjo", "PERSON") in found
    assert not any(label == "ORG" for _, label in found)


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ("She was a United Farmers of Kessland MPP until 1951.", "United Farmers of Kessland"),
        ("He sat as the Varn-Labour MPP for Kenora.", "Varn-Labour"),
    ],
)
def test_a_party_of_several_words_before_a_member_is_an_organisation(
    sentence: str, party: str
) -> None:
    assert (party, "ORG") in pairs(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The plan came from Tarvo Lindqvat , who left in May .",
        "The prize went to Tarvo Lindqvat , 54 , on Friday .",
        "The prize went to Tarvo Lindqvat 's daughter on Friday .",
    ],
)
def test_person_evidence_holds_in_tokenised_text(sentence: str) -> None:
    rules_only = {(sentence[s:e], label) for s, e, label in recognize(sentence, model=False)}
    assert ("Tarvo Lindqvat", "PERSON") in rules_only


def test_the_classifier_sees_appositions_roles_and_employers_as_kinds() -> None:
    from reader.ner.lexicon import lexicon
    from reader.ner.rules import rule_spans

    lex = lexicon()
    text = "Halvard Line, the Danish shipping group, hired Jana Novak, an engineer at Nordlys."
    doc = tagger.Text(text)
    feats: dict[str, list[str]] = {}
    for stretch, initial in rule_spans(text, every_run=True)[1]:
        cand = tagger.candidates(stretch, lex, initial)[0]
        feats[text[cand[0].start : cand[-1].end]] = tagger.features(doc, cand, initial, lex)
    assert "app=ORG" in feats["Halvard Line"]
    assert "app=PERSON" in feats["Jana Novak"]
    assert "p2k=PERSON|at" in feats["Nordlys"]


def test_a_league_for_a_club_is_two_organisations() -> None:
    found = pairs("He spent six years in the Kessland Hockey League for the Oslo Ospreys.")
    assert {("Kessland Hockey League", "ORG"), ("Oslo Ospreys", "ORG")} <= found
    found = pairs("He plays as a midfielder in the Varn Super League for FC Ostrava.")
    assert {("Varn Super League", "ORG"), ("FC Ostrava", "ORG")} <= found
    found = pairs("The Committee for the Protection of Reporters said so on Monday.")
    assert ("Committee for the Protection of Reporters", "ORG") in found


def test_a_name_that_opens_with_a_number_word_is_no_person() -> None:
    text = "We toured with Thirty Varn that year. Later Varn played alone and Varn sold out."
    assert not any(e.label == "PERSON" for e in find_entities(text))


def test_names_in_a_result_without_a_dash_are_teams() -> None:
    found = pairs("Saturday's results: Harlow Town 2 Kessling Rovers 1, Varnholm 0 Ostrava 3.")
    for team in ("Harlow Town", "Kessling Rovers", "Varnholm", "Ostrava"):
        assert (team, "ORG") in found, team


def test_numbers_after_people_or_parts_of_a_book_are_no_results() -> None:
    found = pairs("Mira Okonjo 68 Tomas Veld 70 after the first round.")
    assert ("Mira Okonjo", "ORG") not in found
    assert not any(label == "ORG" for _, label in pairs("Read Chapter 5 Section 3 first."))


@pytest.mark.parametrize(
    "sentence",
    [
        "Long before that, Oskvar Lindqvat resigned from the board.",
        "We learned that Oskvar Lindqvat was born in a small port.",
        "Records show that Oskvar Lindqvat died in 1961, aged 80.",
    ],
)
def test_what_only_people_do_makes_an_unknown_name_a_person(sentence: str) -> None:
    assert ("Oskvar Lindqvat", "PERSON") in pairs(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks failed. Brevkaar resigned on Friday.",
        "Brevkaar had died in 1995, the family said.",
        "Officials said on Monday that Brevkaar testified twice.",
    ],
)
def test_a_lone_name_that_does_what_only_people_do_is_a_person(sentence: str) -> None:
    rules_only = {(sentence[s:e], label) for s, e, label in recognize(sentence, model=False)}
    assert ("Brevkaar", "PERSON") in rules_only


def test_a_headline_in_capitals_holds_words_not_acronyms() -> None:
    text = (
        "HARLOW GET LUCKY WIN OVER VARN . OSLO 1996-12-06 Harlow beat Varn 2-1 on Friday, "
        "and striker Tomas Veld scored. VELD BACK FOR HARLOW AFTER A YEAR ."
    )
    found = find_entities(text)
    shouted = {e.text for e in found if e.text.isupper()}
    assert not shouted & {"GET", "LUCKY", "WIN", "OVER", "BACK", "FOR", "AFTER"}
    assert "OSLO" in shouted  # a known place
    assert ("VELD", "PERSON") in {(e.text, e.label) for e in found}  # named below in small letters


def test_acronyms_in_ordinary_sentences_stay_organisations() -> None:
    found = pairs("The summit of the KVA and the ORMEX said the IMF would meet in May.")
    assert {("KVA", "ORG"), ("ORMEX", "ORG"), ("IMF", "ORG")} <= found


def test_a_country_that_plays_stays_a_place_but_a_town_is_its_club() -> None:
    found = pairs("Japan beat Syria 2-1 on Friday, and Oslo won 3-0 against Bergen.")
    assert {("Japan", "GPE"), ("Syria", "GPE"), ("Oslo", "ORG"), ("Bergen", "ORG")} <= found
    found = pairs("Results: Japan 2 Syria 1, Harlow Town 0 Kessling Rovers 3.")
    assert {("Japan", "GPE"), ("Syria", "GPE"), ("Harlow Town", "ORG")} <= found


def test_a_kind_before_a_name_with_of_holds_for_all_of_it() -> None:
    found = pairs("The results were published in the journal Annals of Harbour Ecology on Tuesday.")
    assert ("Annals of Harbour Ecology", "ORG") in found
    assert ("Friends of the Varn", "ORG") in pairs("The charity Friends of the Varn objected.")


def test_industrial_works_are_organisations() -> None:
    assert ("Kessling Steelworks", "ORG") in pairs("Workers at Kessling Steelworks walked out.")


def test_a_pronoun_after_said_tells_a_firm_from_a_person() -> None:
    found = pairs("Tavanti said on Monday its Kitwe mine would close. Veld said his union agreed.")
    assert {("Tavanti", "ORG"), ("Veld", "PERSON")} <= found
    assert ("Halvard Line", "ORG") in pairs("Later, Halvard Line said its profit fell by half.")


def test_a_role_in_a_firm_before_of_names_the_firm_but_a_mayor_names_a_place() -> None:
    found = pairs("Jana Novak, the chief executive of Nordlys, met the mayor of Harlow.")
    assert {("Nordlys", "ORG"), ("Harlow", "GPE")} <= found


def test_a_reporting_and_editing_credit_line_names_people() -> None:
    found = pairs("Reporting by Ines Kvarme; Editing by Piet Osterhaag")
    assert {("Ines Kvarme", "PERSON"), ("Piet Osterhaag", "PERSON")} <= found


# --- news shapes around a lone or a titled name ------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Brodzinski, 54, joined the dockers' union in 1998.", "Brodzinski"),
        ("Yelvani, who chairs the transport committee, called it a disgrace.", "Yelvani"),
        ("Okwuosa, 31, was among the passengers.", "Okwuosa"),
    ],
)
def test_a_sentence_opener_with_an_age_or_who_is_a_person(sentence: str, name: str) -> None:
    assert (name, "PERSON") in pairs(sentence)


def test_an_opener_followed_by_a_year_or_an_ordinary_word_is_not_made_a_person() -> None:
    assert not any(label == "PERSON" for _, label in pairs("Meanwhile, 12, no 13 ships sank."))
    assert ("Lisbon", "PERSON") not in pairs("Lisbon, 1755, lay in ruins after the quake.")


@pytest.mark.parametrize(
    ("sentence", "firm"),
    [
        ("Qorvane chief Hilde Brekke and her deputy resigned on Friday.", "Qorvane"),
        ("Shares fell after Tavolo founder Anna Ruiz sold her stake.", "Tavolo"),
    ],
)
def test_a_word_before_a_leaders_role_and_a_name_is_what_they_lead(
    sentence: str, firm: str
) -> None:
    found = pairs(sentence)
    assert (firm, "ORG") in found
    assert any(label == "PERSON" and firm not in text for text, label in found)


@pytest.mark.parametrize(
    ("sentence", "person", "place"),
    [
        ("Gov. Helen Marsh of Ohio signed the bill on Tuesday.", "Helen Marsh", "Ohio"),
        ("Sen. Corrine Lake of Vermont voted against it.", "Corrine Lake", "Vermont"),
    ],
)
def test_an_abbreviated_title_names_a_person_even_when_the_surname_ends_place_names(
    sentence: str, person: str, place: str
) -> None:
    found = pairs(sentence)
    assert (person, "PERSON") in found
    assert (place, "GPE") in found


def test_a_spelled_out_title_may_still_begin_a_place() -> None:
    assert ("Prince Edward Island", "LOC") in pairs("They drove on to Prince Edward Island.")


def test_the_body_that_runs_a_port_is_an_organisation_the_port_a_place() -> None:
    assert ("Port of Rotterdam Authority", "ORG") in pairs(
        "The Port of Rotterdam Authority said traffic fell by a tenth."
    )
    assert ("Port of Rotterdam", "FAC") in pairs("The ship sailed into the Port of Rotterdam.")


# --- given names of many countries ----------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["Emeka Obiora", "Astrid Holmqvist", "Mehmet Kayacan", "Tomasz Wierzbno"]
)
def test_a_given_name_of_another_country_makes_an_unknown_pair_a_person(name: str) -> None:
    # "won the relay" says nothing of who won: a team could have. The given name decides.
    assert (name, "PERSON") in pairs(f"Yesterday {name} won the relay in Kessling.")


def test_given_names_leave_out_words_dates_and_places() -> None:
    names = {w for _, line in read_data("given_names.txt") for w in line.split()}
    assert len(names) > 5_000
    assert not names & {"June", "Easter", "Rose", "Will", "Florence", "Paris", "Jordan"}


def test_a_unit_s_number_alone_names_the_unit_later_on() -> None:
    text = (
        "The 212th Coastal Artillery Regiment was raised at Varnholm in 1917. After a month "
        "of drill the 212th sailed for France, and in 1918 the 212th held the line at the "
        "river. It lost a gun in the 212th minute of the barrage, a story the 212th of May "
        "parade still tells. The 40th anniversary passed quietly."
    )
    found = [(e.text, e.label, e.start) for e in find_entities(text)]
    units = [start for name, label, start in found if name == "212th" and label == "ORG"]
    assert units == [text.index("212th sailed"), text.index("212th held")]
    assert not any(name == "40th" for name, _, _ in found)  # no unit names it


def test_a_name_written_after_the_elsewhere_in_the_text_is_a_feature() -> None:
    text = (
        "Tarnvik won again on Sunday. Fans of the Tarnvik sang for an hour, and Mira Holm "
        "spoke. Later Blythe Kessra met Kessra Varn."
    )
    doc, lex = tagger.Text(text), lexicon()

    def feats(name: str, nth: int = 0) -> list[str]:
        start = -1
        for _ in range(nth + 1):
            start = text.index(name, start + 1)
        toks, pos = [], start
        for word in name.split():
            toks.append(Tok(pos, pos + len(word), word, False, False))
            pos += len(word) + 1
        return tagger.features(doc, toks, False, lex)

    assert "dthe" in feats("Tarnvik")  # the opener: "the Tarnvik" comes later
    assert "dthe" not in feats("Tarnvik", 1)  # only its own "the" before it
    assert "dthe" not in feats("Mira Holm")
    assert "dthe" not in feats("Kessra", 1)  # "Blythe Kessra" is no "the"


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        (
            "Men of 16 Coastal Assault Brigade landed at Varnholm at dawn.",
            "16 Coastal Assault Brigade",
        ),
        ("The base was handed to 65 Fighter Wing in 1944.", "65 Fighter Wing"),
        ("It was redesignated 3 Air Division on 1 June 1945.", "3 Air Division"),
    ],
)
def test_a_unit_numbered_without_th_keeps_its_number(sentence: str, unit: str) -> None:
    assert (unit, "ORG") in pairs(sentence)


def test_a_number_before_a_firm_or_a_count_of_units_stays_apart() -> None:
    found = pairs("He sold 40 Kessling Holdings shares to 1,200 Harrow Air Division veterans.")
    assert not any(name[0].isdigit() for name, _ in found)


@pytest.mark.parametrize(
    ("sentence", "names", "label"),
    [
        (
            "He sold software to companies like Vantrex, Orlavia and Kessmark.",
            ["Vantrex", "Orlavia", "Kessmark"],
            "ORG",
        ),
        (
            "The festival booked bands such as Harrowgate, the Velvet Tins and Korvath.",
            ["Harrowgate", "Velvet Tins", "Korvath"],
            "ORG",
        ),
        (
            "The gallery shows painters including Mira Lindqvat and Tomas Veldhaar.",
            ["Mira Lindqvat", "Tomas Veldhaar"],
            "PERSON",
        ),
    ],
)
def test_names_listed_after_a_plural_kind_and_such_as_are_of_that_kind(
    sentence: str, names: list[str], label: str
) -> None:
    found = pairs(sentence)
    for name in names:
        assert (name, label) in found


def test_a_listed_name_the_rules_decided_keeps_its_label() -> None:
    found = pairs("He toured with bands like Vellmark, Japan and Harrowgate.")
    assert ("Vellmark", "ORG") in found
    assert ("Japan", "GPE") in found  # a band's name the lists hold as a place stays one
    found = pairs("Firms such as Norway's Vellmark Holdings agreed.")
    assert ("Norway", "GPE") in found


def test_a_unit_of_a_larger_unit_is_two_names() -> None:
    found = pairs(
        "The regiment joined the VI Corps of the Army of the Varn in 1862, and later the "
        "Second Wing of the Harrow Fleet."
    )
    assert {("VI Corps", "ORG"), ("Army of the Varn", "ORG"), ("Harrow Fleet", "ORG")} <= found
    assert ("Army of the Varn", "ORG") in pairs("Soldiers of the Army of the Varn marched.")
