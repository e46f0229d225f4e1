"""Build ``reader/ner/data/given_names.txt``: given names of many countries, for the recognizer.

Run: ``python tools/given_names.py`` (needs ``node`` and ``npm`` and the npm registry; the
result is committed, so neither the app nor its tests need them).

Source: the person-name tables of the ``@faker-js/faker`` package (MIT licence), which lists
given names for some sixty locales; names are facts, and only the names are kept. Kept: names
in the Latin alphabet (our tokens), of three letters or more, that are not English words in
lower case (``/usr/share/dict/words``, Debian's ``wamerican``: "Rose", "May", "Will"), nor a
place, an organisation, a nationality, a title or a cue word of our own lists (a given name
that is also a city, "Florence", stays a city). Names already in ``first_names.txt`` are left
out, so the file holds only what it adds.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.ner.lexicon import read_data  # noqa: E402

FAKER = "@faker-js/faker@10.6.0"
OUT = ROOT / "reader" / "ner" / "data" / "given_names.txt"
WORDS = Path("/usr/share/dict/words")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")
MONTHS += ("September", "October", "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NOT_GIVEN = frozenset((*MONTHS, *DAYS, "Easter", "Christ"))
"""Names some tables hold that news text uses as dates and feasts far more often."""

DUMP = """
import { allLocales } from '%s';
const out = {};
for (const [code, def] of Object.entries(allLocales)) {
  const first = def.person && def.person.first_name;
  if (!first) continue;
  const names = new Set();
  for (const kind of ['generic', 'female', 'male'])
    for (const n of (first[kind] || [])) names.add(n);
  out[code] = [...names];
}
console.log(JSON.stringify(out));
"""


def faker_names() -> dict[str, list[str]]:
    """Each locale's given names, as the faker package lists them."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", "-q", FAKER], cwd=tmp, check=True, capture_output=True)
        tarball = next(Path(tmp).glob("*.tgz"))
        subprocess.run(["tar", "xzf", tarball.name], cwd=tmp, check=True)
        script = Path(tmp) / "dump.mjs"
        script.write_text(DUMP % (Path(tmp) / "package" / "dist" / "index.js").as_posix())
        done = subprocess.run(["node", str(script)], check=True, capture_output=True, text=True)
    loaded: dict[str, list[str]] = json.loads(done.stdout)
    return loaded


def latin_name(name: str) -> bool:
    """A capitalised word of three letters or more, all of them Latin."""
    if len(name) < 3 or not name[0].isupper() or not name[1:].islower() or not name.isalpha():
        return False
    return all("LATIN" in unicodedata.name(ch, "") for ch in name)


def ours() -> set[str]:
    """Every word our own lists already give a meaning."""
    taken: set[str] = set()
    for data in ("first_names.txt", "common_words.txt", "titles.txt", "demonyms.txt"):
        for _, line in read_data(data):
            taken.update(line.split())
    for data in ("places.txt", "cities.txt", "orgs.txt", "cues.txt", "other_languages.txt"):
        for _, line in read_data(data):
            taken.update(line.replace("\t", " ").split())
    return taken


def main() -> int:
    words = {w.strip() for w in WORDS.read_text(encoding="utf-8").splitlines()}
    lower = {w for w in words if w.islower()}
    taken = ours()
    by_locale = faker_names()
    kept: set[str] = set()
    for names in by_locale.values():
        for name in names:
            if (
                latin_name(name)
                and name.lower() not in lower
                and name not in taken
                and name not in NOT_GIVEN
            ):
                kept.add(name)
    lines = [
        "# Given names of many countries, added to first_names.txt: built by",
        "# tools/given_names.py from the person-name tables of the @faker-js/faker package",
        f"# ({FAKER}, MIT licence), Latin-script names only, English words and names our other",
        "# lists hold left out. Names are facts. Do not edit by hand: run the script.",
    ]
    row: list[str] = []
    for name in sorted(kept):
        if sum(len(n) + 1 for n in row) + len(name) > 95:
            lines.append(" ".join(row))
            row = []
        row.append(name)
    if row:
        lines.append(" ".join(row))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(kept):,} names from {len(by_locale)} locales -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
