"""Tests for regio/data/municipalities.py: the national municipality list and its loader."""

import collections
import dataclasses
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from regio.data import municipalities as m
from regio.data.municipalities import (
    PROVINCES,
    MunicipalityDataError,
    all_municipalities,
    by_cbs_code,
    by_name,
    current_municipalities,
    former_municipalities,
    name_key,
    parse_current,
    parse_former,
)

# Municipalities per province on 1 January 2025 (CBS, Gemeentelijke indeling 2025).
PROVINCE_COUNTS = {
    "Groningen": 10,
    "Fryslân": 18,
    "Drenthe": 12,
    "Overijssel": 25,
    "Flevoland": 6,
    "Gelderland": 51,
    "Utrecht": 26,
    "Noord-Holland": 44,
    "Zuid-Holland": 50,
    "Zeeland": 13,
    "Noord-Brabant": 56,
    "Limburg": 31,
}

KNOWN_CODES = {
    "Leiden": "GM0546",
    "Leiderdorp": "GM0547",
    "Oegstgeest": "GM0579",
    "Voorschoten": "GM0626",
    "Zoeterwoude": "GM0638",
    "Noordwijk": "GM0575",
    "Alphen aan den Rijn": "GM0484",
    "Kaag en Braassem": "GM1884",
    "Teylingen": "GM1525",
    "Katwijk": "GM0537",
    "Wassenaar": "GM0629",
    "'s-Gravenhage": "GM0518",
    "Vijfheerenlanden": "GM1961",
    "West Betuwe": "GM1960",
    "Voorne aan Zee": "GM1992",
    "Amsterdam": "GM0363",
    "Rotterdam": "GM0599",
    "Dijk en Waard": "GM1980",
    "Land van Cuijk": "GM1982",
    "Maashorst": "GM1991",
    "Eemsdelta": "GM1979",
}

# (name, end date, successor) for former municipalities whose fate is well documented.
KNOWN_FORMER = [
    ("Rijnwoude", "2014-01-01", "Alphen aan den Rijn"),
    ("Boskoop", "2014-01-01", "Alphen aan den Rijn"),
    ("Noordwijkerhout", "2019-01-01", "Noordwijk"),
    ("Vianen", "2019-01-01", "Vijfheerenlanden"),
    ("Leerdam", "2019-01-01", "Vijfheerenlanden"),
    ("Zederik", "2019-01-01", "Vijfheerenlanden"),
    ("Geldermalsen", "2019-01-01", "West Betuwe"),
    ("Haarlemmerliede en Spaarnwoude", "2019-01-01", "Haarlemmermeer"),
    ("Weesp", "2022-03-24", "Amsterdam"),
    ("Beemster", "2022-01-01", "Purmerend"),
    ("Heerhugowaard", "2022-01-01", "Dijk en Waard"),
    ("Uden", "2022-01-01", "Maashorst"),
    ("Boxmeer", "2022-01-01", "Land van Cuijk"),
    ("Delfzijl", "2021-01-01", "Eemsdelta"),
    ("Rozenburg", "2010-03-18", "Rotterdam"),
    ("Brielle", "2023-01-01", "Voorne aan Zee"),
    ("Hellevoetsluis", "2023-01-01", "Voorne aan Zee"),
    ("Westvoorne", "2023-01-01", "Voorne aan Zee"),
]

# Current municipalities that came into being (with a new CBS code) on or after 2010-01-01,
# and former ones created in that period; the rest of both lists existed before 2010.
CREATED = {
    "Oldambt": "2010-01-01", "Peel en Maas": "2010-01-01", "Zuidplas": "2010-01-01",
    "Súdwest-Fryslân": "2011-01-01", "Bodegraven-Reeuwijk": "2011-01-01",
    "Eijsden-Margraten": "2011-01-01", "Stichtse Vecht": "2011-01-01", "Menameradiel": "2011-01-01",
    "Hollands Kroon": "2012-01-01",
    "Goeree-Overflakkee": "2013-01-01", "Molenwaard": "2013-01-01",
    "De Friese Meren": "2014-01-01",
    "Krimpenerwaard": "2015-01-01", "Nissewaard": "2015-01-01", "De Fryske Marren": "2015-01-01",
    "Gooise Meren": "2016-01-01", "Berg en Dal": "2016-01-01",
    "Meierijstad": "2017-01-01",
    "Waadhoeke": "2018-01-01", "Westerwolde": "2018-01-01", "Midden-Groningen": "2018-01-01",
    "Altena": "2019-01-01", "Beekdaelen": "2019-01-01", "West Betuwe": "2019-01-01",
    "Vijfheerenlanden": "2019-01-01", "Hoeksche Waard": "2019-01-01", "Het Hogeland": "2019-01-01",
    "Westerkwartier": "2019-01-01", "Noardeast-Fryslân": "2019-01-01", "Molenlanden": "2019-01-01",
    "Eemsdelta": "2021-01-01",
    "Dijk en Waard": "2022-01-01", "Land van Cuijk": "2022-01-01", "Maashorst": "2022-01-01",
    "Voorne aan Zee": "2023-01-01",
}

# Number of municipalities on 1 January of each year, as CBS published it.
CBS_TOTALS = {
    2010: 431, 2011: 418, 2012: 415, 2013: 408, 2014: 403, 2015: 393, 2016: 390, 2017: 388,
    2018: 380, 2019: 355, 2020: 355, 2021: 352, 2022: 345, 2023: 342, 2024: 342, 2025: 342,
}


def current_by_name():
    return {record.name: record for record in current_municipalities()}


def former_by_name():
    return {record.name: record for record in former_municipalities()}


# ------------------------------------------------------------------ the current list


def test_there_are_exactly_342_current_municipalities():
    assert len(current_municipalities()) == 342
    assert all(record.is_current for record in current_municipalities())


def test_codes_and_names_are_unique_across_the_whole_list():
    codes = [record.cbs_code for record in all_municipalities()]
    assert len(codes) == len(set(codes))
    names = [record.name for record in all_municipalities()]
    assert len(names) == len(set(names))


def test_codes_are_gm_and_four_digits():
    assert all(re.fullmatch(r"GM\d{4}", record.cbs_code) for record in all_municipalities())


def test_twelve_provinces_with_their_counts():
    assert len(PROVINCES) == 12
    counts = collections.Counter(record.province for record in current_municipalities())
    assert dict(counts) == PROVINCE_COUNTS
    assert sum(counts.values()) == 342


@pytest.mark.parametrize(("name", "code"), sorted(KNOWN_CODES.items()))
def test_known_codes(name, code):
    record = by_cbs_code(code)
    assert record is not None and record.name == name and record.is_current


def test_leidse_regio_is_in_zuid_holland():
    for name in ("Leiden", "Leiderdorp", "Oegstgeest", "Voorschoten", "Zoeterwoude"):
        assert current_by_name()[name].province == "Zuid-Holland"


def test_cbs_spellings():
    names = current_by_name()
    for name in ("'s-Gravenhage", "'s-Hertogenbosch", "Bergen (NH.)", "Bergen (L.)", "Súdwest-Fryslân",
                 "Noardeast-Fryslân", "De Fryske Marren", "Nuenen, Gerwen en Nederwetten"):
        assert name in names
    assert names["Bergen (NH.)"].province == "Noord-Holland"
    assert names["Bergen (L.)"].province == "Limburg"
    assert names["Vijfheerenlanden"].province == "Utrecht"


def test_voorne_aan_zee_replaced_its_three_predecessors():
    assert by_cbs_code("GM1992").name == "Voorne aan Zee"
    current = current_by_name()
    former = former_by_name()
    for name in ("Brielle", "Hellevoetsluis", "Westvoorne"):
        assert name not in current
        assert former[name].successor == "Voorne aan Zee"
        assert former[name].end_date == date(2023, 1, 1)
        assert former[name].province == "Zuid-Holland"


def test_variants_never_repeat_the_official_name_and_all_keys_are_unambiguous():
    owners = collections.defaultdict(set)
    for record in current_municipalities():
        assert record.name not in record.variants
        for name in record.names:
            owners[name_key(name)].add(record.cbs_code)
    assert {key: codes for key, codes in owners.items() if len(codes) > 1} == {}


# ------------------------------------------------------------------ the former list


def test_former_list_covers_2006_to_2025():
    former = former_municipalities()
    assert len(former) >= 120
    assert all(not record.is_current for record in former)
    assert all(date(2006, 1, 1) <= record.end_date <= date(2025, 1, 1) for record in former)
    assert [record.end_date for record in former] == sorted(record.end_date for record in former)


@pytest.mark.parametrize(("name", "end", "successor"), KNOWN_FORMER)
def test_known_former_municipalities(name, end, successor):
    record = former_by_name()[name]
    assert record.end_date == date.fromisoformat(end)
    assert record.successor == successor


def test_mergers_of_2006_to_2009_are_listed():
    # Texts from 2008 on name the municipalities of their day (issue #14: "Alkemade" in a 2008 text).
    # CBS, "458 gemeenten in 2006" and "443 gemeenten in 2007"; Kaag en Braassem since 1 January 2009.
    expected = {
        "Alkemade": ("GM0483", date(2009, 1, 1), "Kaag en Braassem"),
        "Jacobswoude": ("GM0645", date(2009, 1, 1), "Kaag en Braassem"),
        "Bennebroek": ("GM0372", date(2009, 1, 1), "Bloemendaal"),
        "Sassenheim": ("GM0604", date(2006, 1, 1), "Teylingen"),
        "Valkenburg (ZH.)": ("GM0619", date(2006, 1, 1), "Katwijk"),
        "Driebergen-Rijsenburg": ("GM0316", date(2006, 1, 1), "Utrechtse Heuvelrug"),
        "Bleiswijk": ("GM0495", date(2007, 1, 1), "Lansingerland"),
        "'s-Gravendeel": ("GM0517", date(2007, 1, 1), "Hoeksche Waard"),
    }
    former = former_by_name()
    found = {name: (former[name].cbs_code, former[name].end_date, former[name].successor) for name in expected}
    assert found == expected


def test_mergers_before_2006_are_not_listed():
    # Bathmen went to Deventer on 1 January 2005.
    assert "Bathmen" not in former_by_name()


def test_every_successor_is_a_current_municipality():
    current = current_by_name()
    assert all(record.successor in current for record in former_municipalities())


def test_no_former_name_is_also_current():
    # Municipalities re-founded under their old name (Leeuwarden, Groningen, Noordwijk,
    # Alphen aan den Rijn ...) kept their CBS code and so appear once, as current.
    assert set(former_by_name()) & set(current_by_name()) == set()
    current_keys = {name_key(name) for record in current_municipalities() for name in record.names}
    assert [r.name for r in former_municipalities() if name_key(r.name) in current_keys] == []


def test_former_province_is_the_one_it_lay_in():
    former = former_by_name()
    assert former["Leerdam"].province == "Zuid-Holland"  # Vijfheerenlanden is in Utrecht
    assert former["Vianen"].province == "Utrecht"
    assert former["Weesp"].province == "Noord-Holland"


@pytest.mark.parametrize("year", sorted(CBS_TOTALS))
def test_list_reproduces_the_number_of_municipalities_cbs_published_per_year(year):
    day = date(year, 1, 1)

    def existed(record):
        created = date.fromisoformat(CREATED.get(record.name, "1900-01-01"))
        return created <= day and (record.end_date is None or record.end_date > day)

    assert set(CREATED) <= {record.name for record in all_municipalities()}
    assert sum(existed(record) for record in all_municipalities()) == CBS_TOTALS[year]


# ------------------------------------------------------------------ look-ups


def test_by_name_finds_variants_case_insensitively():
    assert by_name("Den Haag").name == "'s-Gravenhage"
    assert by_name("den haag").name == "'s-Gravenhage"
    assert by_name("DEN BOSCH").name == "'s-Hertogenbosch"
    assert by_name("’s-Hertogenbosch").name == "'s-Hertogenbosch"
    assert by_name("Súdwest Fryslân").name == "Súdwest-Fryslân"
    assert by_name("sudwest-fryslan").name == "Súdwest-Fryslân"
    assert by_name("Bergen (NH)").name == "Bergen (NH.)"
    assert by_name("Bergen (L)").name == "Bergen (L.)"
    assert by_name("  Leiden ").name == "Leiden"


def test_by_name_finds_former_municipalities():
    record = by_name("Rijnwoude")
    assert record.cbs_code == "GM1672" and not record.is_current
    assert record.successor == "Alphen aan den Rijn"
    assert by_name("Het Bildt").name == "het Bildt"


def test_by_name_prefers_a_current_municipality(monkeypatch):
    leiden = current_by_name()["Leiden"]
    former = (m.MunicipalityRecord("GM9001", "Leiden", "Zuid-Holland", (), date(2011, 1, 1), "Leiden"),)
    m._by_name_key.cache_clear()
    monkeypatch.setattr(m, "former_municipalities", lambda: former)
    try:
        assert by_name("Leiden") == leiden
    finally:
        m._by_name_key.cache_clear()


def test_by_name_never_guesses_between_namesakes():
    # Two municipalities are called Bergen; only the suffixed forms identify one.
    assert by_name("Bergen") is None
    assert {by_name("Bergen (NH.)").province, by_name("Bergen (L.)").province} == {"Noord-Holland", "Limburg"}


def test_by_name_returns_none_for_unknown_names():
    assert by_name("Leidse regio") is None
    assert by_name("") is None
    assert by_name("Utrecht (provincie)") is None


def test_by_cbs_code_accepts_common_spellings():
    assert by_cbs_code("GM0546").name == "Leiden"
    assert by_cbs_code("gm0546").name == "Leiden"
    assert by_cbs_code("0546").name == "Leiden"
    assert by_cbs_code("546").name == "Leiden"
    assert by_cbs_code("GM0457").name == "Weesp"
    assert by_cbs_code("GM9999") is None
    assert by_cbs_code("Leiden") is None
    assert by_cbs_code("") is None


def test_records_are_frozen_and_lists_cached():
    record = by_cbs_code("GM0546")
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.name = "Lugdunum"
    assert current_municipalities() is current_municipalities()
    assert all_municipalities() == current_municipalities() + former_municipalities()


def test_the_module_imports_nothing_of_django():
    src = Path(m.__file__).resolve().parents[2]
    probe = (
        "import sys; import regio.data.municipalities as m; m.all_municipalities(); "
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True,
        env={"PYTHONPATH": str(src), "PATH": ""},
    )
    assert result.stdout.strip() == "[]"


# ------------------------------------------------------------------ the loader's checks

HEADER = "cbs_code,name,province,variants\n"
FORMER_HEADER = "cbs_code,name,province,end_date,successor\n"


def small_current():
    return parse_current(HEADER + "GM0546,Leiden,Zuid-Holland,\nGM0547,Leiderdorp,Zuid-Holland,Leiderdorp (ZH)\n")


def test_parser_reads_variants():
    assert small_current()[1].variants == ("Leiderdorp (ZH)",)
    assert small_current()[0].variants == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("cbs_code,name,province\nGM0546,Leiden,Zuid-Holland\n", "header"),
        (HEADER + "0546,Leiden,Zuid-Holland,\n", "four digits"),
        (HEADER + "GM546,Leiden,Zuid-Holland,\n", "four digits"),
        (HEADER + "GM0546,Leiden,Zuid Holland,\n", "provinces"),
        (HEADER + "GM0546,,Zuid-Holland,\n", "no name"),
        (HEADER + "GM0546,Leiden,Zuid-Holland,Leyden||\n", "empty variant"),
        (HEADER + "GM0546,Leiden,Zuid-Holland,\nGM0546,Leiderdorp,Zuid-Holland,\n", "duplicate codes"),
        (HEADER + "GM0546,Leiden,Zuid-Holland,\nGM0547,Leiden,Zuid-Holland,\n", "duplicate names"),
        (HEADER + "GM0546,Leiden,Zuid-Holland\n", "fields"),
    ],
)
def test_parser_rejects_broken_current_lists(text, message):
    with pytest.raises(MunicipalityDataError, match=message):
        parse_current(text)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("GM0645,Jacobswoude,Zuid-Holland,2005-01-01,Leiden", "outside"),
        ("GM0645,Jacobswoude,Zuid-Holland,1-1-2009,Leiden", "YYYY-MM-DD"),
        ("GM0645,Jacobswoude,Zuid-Holland,2012-01-01,Kaag en Braassem", "not a current municipality"),
        ("GM0546,Lugdunum,Zuid-Holland,2012-01-01,Leiden", "still in use"),
    ],
)
def test_parser_rejects_broken_former_lists(row, message):
    with pytest.raises(MunicipalityDataError, match=message):
        parse_former(FORMER_HEADER + row + "\n", current=small_current())


def test_parser_accepts_a_valid_former_row():
    (record,) = parse_former(
        FORMER_HEADER + "GM0645,Jacobswoude,Zuid-Holland,2012-01-01,Leiden\n", current=small_current()
    )
    assert record.end_date == date(2012, 1, 1) and record.successor == "Leiden" and not record.is_current
