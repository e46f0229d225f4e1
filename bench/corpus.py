"""Generated libraries of realistic shape for the benchmarks (bench/library.py, bench/search.py).

Articles of 300 to 3,000 words (log-uniform, so most are short, as saved news is), a third of
them paywalled teasers; a mix of plain text, Markdown with front matter and HTML pages with
navigation and footer clutter; words drawn from a Zipf-like vocabulary (common English words
plus made-up rarer ones, so posting lists look like a real library's), capitalised names, and one
piece in twenty in German. Sentences come from a shared pool so that making 100,000 articles
takes seconds rather than minutes.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

COMMON = """
the of and to in a is that for on it with as was said he by at from his an be has have are but not
they this were had which after more their been its who will would also new about two one year
people up than over last first out city government minister council police court health school
energy water budget election vote talks company workers union bank trade border summit agreement
crisis weather storm road market prices week report officials plan years could when there other
into some them what all time may because state public local national country harbour ferry island
village river bridge hospital
""".split()  # noqa: SIM905
SYLLABLES = "ka lo mi ter san vel dor rin ast pel qua zen bro mar tis ond ul ex har pin".split()  # noqa: SIM905
NAMES = """Mira Okonkwo|Jonas Weber|Port Avery|Kessling|Aldermoor|Priya Raman|Tomas Lind|Northgate
Council|Elena Sorova|Baybridge|Harlan Reed|Osei Mensah|Valcourt|Ingrid Holm|Marrow Bay""".replace(
    "\n", " "
).split("|")
GERMAN = """
der die das und ist nicht mit dem den von zu auf für eine sich des Bürgermeister Stadtrat Haushalt
Wahl Straße Brücke Krankenhaus Schule Regierung Gemeinde Woche Jahr Menschen
""".split()  # noqa: SIM905
GATE = (
    "Keep reading for free!\n\nAlready a subscriber? Log in here.\n\nSubscribe now to get "
    "full access."
)
FOOTER = "Sign up for our newsletter to get the week's top stories delivered to your inbox."
POOL = 40_000


def _vocabulary(rng: random.Random, size: int = 30_000) -> list[str]:
    made = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size)}
    return COMMON + sorted(made)


class Corpus:
    """A deterministic article maker (same seed, same library)."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.vocab = _vocabulary(self.rng)
        weights = [1 / (r + 1) ** 1.05 for r in range(len(self.vocab))]
        total = 0.0
        self.cum: list[float] = []
        for w in weights:
            total += w
            self.cum.append(total)
        self.sentences = [self._sentence(self.vocab) for _ in range(POOL)]
        gw = list(range(1, len(GERMAN) + 1))
        self.german = [
            " ".join(self.rng.choices(GERMAN, weights=gw[::-1], k=self.rng.randint(6, 18)))
            .capitalize()
            .rstrip()
            + "."
            for _ in range(2_000)
        ]

    def _sentence(self, vocab: list[str]) -> str:
        words = self.rng.choices(vocab, cum_weights=self.cum, k=self.rng.randint(8, 26))
        if self.rng.random() < 0.3:
            words.insert(self.rng.randrange(len(words)), self.rng.choice(NAMES))
        return " ".join(words).capitalize() + "."

    def body(self, words: int, german: bool) -> list[str]:
        pool = self.german if german else self.sentences
        paras: list[str] = []
        count = 0
        while count < words:
            para = " ".join(self.rng.choice(pool) for _ in range(self.rng.randint(2, 6)))
            paras.append(para)
            count += para.count(" ") + 1
        return paras

    def article(self, i: int) -> tuple[str, str]:
        """(suffix, text) of article ``i``."""
        rng = self.rng
        words = int(math.exp(rng.uniform(math.log(300), math.log(3000))))
        german = i % 20 == 7
        teaser = i % 3 == 0
        paras = self.body(min(words, 220) if teaser else words, german)
        title = f"{rng.choice(NAMES)} {' '.join(rng.choices(self.vocab[:400], k=5))} {i}"
        source = rng.choice(["The Coastal Ledger", "Daily Planet", "Northern Post", "Wire"])
        tail = GATE if teaser else FOOTER
        kind = i % 3 if i % 10 else 2  # a third each, roughly
        if kind == 0:
            return ".txt", f"{title}\n\n" + "\n\n".join(paras) + f"\n\n{tail}\n"
        if kind == 1:
            front = (
                f"---\ntitle: {title}\nsource: {source}\ndate: 2025-0{1 + i % 9}-1{i % 10}\n---\n"
            )
            md = [f"*{p}*" if j == 0 else p for j, p in enumerate(paras)]
            if len(md) > 3:
                md.insert(3, f"## {' '.join(rng.choices(self.vocab[:200], k=4))}")
            return ".md", front + f"\n# {title}\n\n" + "\n\n".join(md) + f"\n\n{tail}\n"
        html_paras = "\n".join(f"<p>{p}</p>" for p in paras)
        gate = "".join(f"<p>{line}</p>" for line in tail.split("\n\n"))
        page = (
            f"<!doctype html><html><head><title>{title} | {source}</title>"
            f'<meta property="og:site_name" content="{source}"></head><body>'
            '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'
            f"<article><h1>{title}</h1>{html_paras}{gate}</article>"
            "<footer><p>© The Publisher. All rights reserved.</p></footer></body></html>\n"
        )
        return ".html", page


def generate(root: Path, n: int, seed: int = 7) -> list[Path]:
    """Write ``n`` articles under ``root`` (500 to a folder); their paths in order."""
    corpus = Corpus(seed)
    paths = []
    for i in range(n):
        folder = root / f"d{i // 500:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        suffix, text = corpus.article(i)
        path = folder / f"a{i:06d}{suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
