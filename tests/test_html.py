"""Saved web pages: extraction, metadata, robustness and paywall verdicts on the HTML samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.formats import LoadError
from reader.formats.html import declared_encoding
from reader.library import Skipped, entry_for
from reader.pipeline import load_article

HTML = Path(__file__).resolve().parent.parent / "sample_articles" / "html"
LEAKS = ("MUST NOT LEAK", "We use cookies", "Related stories", "Sign up", "©", "Share this")


def test_complete_page_keeps_article_and_drops_clutter() -> None:
    a = load_article(HTML / "complete-with-clutter.html")
    assert a.format == "html"
    assert a.title == "Night ferries return to the outer islands after a two-year pause"
    assert a.source == "The Harbour Ledger"
    assert a.url == "https://harbourledger.example/transport/night-ferries-return"
    assert a.metadata["author"] == "Mara Lindqvist"
    assert a.metadata["date"] == "2024-03-14"
    assert a.metadata["language"] == "en"
    assert a.paragraphs[0].startswith("The last boat to the outer islands")
    assert a.paragraphs[-1].endswith("every passenger who steps aboard.")
    for leak in LEAKS:
        assert leak not in a.body
    assert a.title not in a.body
    items = [p for p, k in zip(a.paragraphs, a.kinds, strict=True) if k == "list_item"]
    assert items[0].startswith("Weekday departures at 22:40")
    assert len(items) == 3
    quotes = [p for p, k in zip(a.paragraphs, a.kinds, strict=True) if k == "quote"]
    assert quotes == [
        "We are not asking for a luxury. We are asking to be able to see a film in town "
        "and still sleep in our own beds."
    ]
    # "free trial week" in the article's own prose is not a paywall.
    assert "free trial week" in a.body
    assert not a.paywall.truncated
    assert a.paywall.reasons == ()


def test_metered_site_with_full_text_is_not_truncated() -> None:
    a = load_article(HTML / "metered-site-complete.html")
    assert a.title == "The quiet return of the town orchard"
    assert a.source == "The Evening Courier"
    assert a.metadata["author"] == "Priya Ramaswamy"
    assert a.metadata["date"] == "2023-10-02"
    assert a.url.endswith("/food/town-orchards.html")
    assert "Some readers who subscribe to the county's gardening bulletin" in a.body
    assert a.paragraphs[-1].endswith("for the Winter Banana.")
    assert "Subscribe today" not in a.body and "More from" not in a.body
    assert not a.paywall.truncated
    reasons = " | ".join(a.paywall.reasons)
    assert '"isAccessibleForFree": false' in reasons
    assert '".meteredContent" (JSON-LD hasPart) is in this copy' in reasons
    assert "Piano/Tinypass" in reasons


def test_snippet_page_is_truncated_by_its_gate_markup() -> None:
    a = load_article(HTML / "snippet-truncated.html")
    assert a.title == "Inside the fight over the county's last grain elevator"
    assert a.source == "Plains Business Journal"
    assert a.metadata["author"] == "Caleb Okafor"
    assert a.metadata["date"] == "2024-06-21"
    assert len(a.paragraphs) == 1 and a.paragraphs[0].endswith("decide whether …")
    assert "To Read the Full Story" not in a.body
    v = a.paywall
    assert v.truncated and v.confidence >= 0.9
    assert v.visible_words == a.words
    reasons = " | ".join(v.reasons)
    assert '"To Read the Full Story Subscribe | Sign In"' in reasons
    assert '".paywalled-body" (JSON-LD hasPart) is missing' in reasons
    assert "breaks off with an ellipsis" in reasons


def test_amp_page_with_content_not_granted_is_truncated() -> None:
    a = load_article(HTML / "amp-content-not-granted.html")
    assert a.title == "Why the river pilots are striking"
    assert a.source == "Delta Dispatch"
    assert a.metadata["author"] == "Lucía Herrera"
    assert a.url == "https://deltadispatch.example/news/river-pilots-strike"
    assert a.paragraphs[0].startswith("The forty pilots")
    assert "This story is for subscribers. Subscribe to continue reading." in a.removed
    assert "subscribers" not in a.body and "AMP STYLE" not in a.body
    assert a.paywall.truncated and a.paywall.confidence >= 0.9
    assert any('subscriptions-section="content-not-granted"' in r for r in a.paywall.reasons)


def test_member_only_preview_is_truncated() -> None:
    a = load_article(HTML / "member-only-preview.html")
    assert a.title == "I Stopped Using Folders for a Year. Here Is What Happened."
    assert a.source == "Medium"
    assert a.metadata["author"] == "Jonah Whitfield"
    assert a.paragraphs[-1].endswith("and I did not miss")
    assert "Member-only" not in a.body and "Create an account" not in a.body
    assert a.paywall.truncated
    reasons = " | ".join(a.paywall.reasons)
    assert 'member-only marker "Member-only story"' in reasons
    assert "Create an account to read the full story" in reasons
    assert "ends mid-sentence" in reasons


def test_non_utf8_page_decodes_from_its_meta_charset() -> None:
    data = (HTML / "german-cp1252-complete.html").read_bytes()
    assert declared_encoding(data) == "windows-1252"
    a = load_article(HTML / "german-cp1252-complete.html")
    assert a.title == "Die Fähre nach Föhr fährt wieder nach Fahrplan"
    assert a.source == "Nordsee-Anzeiger"
    assert a.metadata["language"] == "de"
    assert a.metadata["author"] == "Jörg Hansen"
    assert "„Wir wissen, dass wir den Insulanern viel zugemutet haben“" in a.body
    assert "Von Jörg Hansen" in a.removed and "Von Jörg Hansen" not in a.body
    assert "abonnieren" not in a.body and "Mehr zum Thema" not in a.body
    assert not a.paywall.truncated


def test_declared_encoding_forms() -> None:
    assert declared_encoding(b'<html><head><meta charset="ISO-8859-2">') == "iso-8859-2"
    assert (
        declared_encoding(b"<meta http-equiv='Content-Type' content='text/html; charset=koi8-r'>")
        == "koi8-r"
    )
    assert declared_encoding(b"<html><p>nothing declared</p>") is None


def _page(body: str, head: str = "<title>A page</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


PROSE = (
    "The council met on Tuesday to discuss the harbour wall, which has cracked in two places "
    "since the winter storms and now lets the sea into the car park at every spring tide. "
)


def test_bom_utf8_page(tmp_path: Path) -> None:
    page = _page(f"<article><h1>Café crème</h1><p>{PROSE * 3}Le café était fermé.</p></article>")
    path = tmp_path / "bom.html"
    path.write_bytes(b"\xef\xbb\xbf" + page.encode("utf-8"))
    a = load_article(path)
    assert "Le café était fermé." in a.body


def test_script_style_hidden_and_malformed_markup(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Wall cracks</title><style>p{color:red} /* STYLELEAK */</style>"
        "<script>var x = 'SCRIPTLEAK';</script></head><body><article><p>" + PROSE * 2 + "<b>bold"
        "<p>Second paragraph, left open " + PROSE + "<div aria-hidden=true hidden>HIDDENLEAK</div>"
        "<template>TEMPLATELEAK</template><p>Closing sentence of the piece.</article></body>"
    )
    path = tmp_path / "malformed.htm"
    path.write_text(page, encoding="utf-8")
    a = load_article(path)
    assert a.paragraphs[0].startswith("The council met on Tuesday")
    for leak in ("STYLELEAK", "SCRIPTLEAK", "HIDDENLEAK", "TEMPLATELEAK"):
        assert leak not in a.body
    assert "Closing sentence of the piece." in a.body


def test_deeply_nested_page_does_not_crash(tmp_path: Path) -> None:
    depth = 3000
    page = _page("<div>" * depth + f"<p>{PROSE * 3}</p>" + "</div>" * depth)
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    try:
        a = load_article(path)
    except LoadError as exc:  # refusing with a reason is fine; crashing is not
        assert str(exc) == "no article text found"
    else:
        assert "harbour wall" in a.body


@pytest.mark.parametrize(
    "body",
    [
        "",
        "<nav><ul>"
        + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(30))
        + "</ul></nav>",
        "<div id='app'></div><script>render()</script>",
    ],
)
def test_pages_without_an_article_are_skipped_with_a_reason(tmp_path: Path, body: str) -> None:
    path = tmp_path / "index.html"
    path.write_text(_page(body), encoding="utf-8")
    entry = entry_for(path)
    assert isinstance(entry, Skipped)
    assert entry.reason == "no article text found"


def test_gate_template_on_a_long_complete_page_is_only_a_note(tmp_path: Path) -> None:
    gate = '<div class="paywall-modal" style="display:none">Subscribe to continue reading</div>'
    paras = "".join(f"<p>{PROSE}Paragraph {i} ends here.</p>" for i in range(12))
    path = tmp_path / "long.html"
    path.write_text(_page(f"<article>{paras}</article>{gate}"), encoding="utf-8")
    a = load_article(path)
    assert not a.paywall.truncated
    assert any("but the text" in r and "ends normally" in r for r in a.paywall.reasons)
