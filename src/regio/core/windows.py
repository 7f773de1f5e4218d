"""Windows of days (``regio.extraction.dates.Window``) in the words of the page's language.

The reader and the letters to the councils write windows in Dutch (``describe_window``); pages show them in
the language the visitor reads the site in, so an English page says "first quarter of 2027", not "eerste
kwartaal 2027". Languages without a phrase book here fall back to Dutch, the language of the texts.
"""

from __future__ import annotations

from django.utils import translation

from regio.extraction.dates import DUTCH_PHRASES, Window, WindowPhrases, describe_window

ENGLISH_PHRASES = WindowPhrases(
    months=(
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    until="until {day}",
    quarters=("first quarter of {year}", "second quarter of {year}", "third quarter of {year}"),
    seasons={"voorjaar": "spring {year}", "zomer": "summer {year}", "najaar": "autumn {year}",
             "winter": "winter {year}"},
    mid_year="mid-{year}",
    end_of_year="end of {year}",
    parts_of_month={"begin": "early {month} {year}", "medio": "mid-{month} {year}", "eind": "late {month} {year}"},
)

_PHRASES = {"nl": DUTCH_PHRASES, "en": ENGLISH_PHRASES}


def window_label(window: Window) -> str:
    """The window as the active language writes it (Dutch when no language is active)."""
    language = (translation.get_language() or "nl").split("-")[0]
    return describe_window(window, _PHRASES.get(language, DUTCH_PHRASES))


def day_label(day) -> str:
    """One day as the active language writes it ("3 maart 2027", "3 March 2027")."""
    return window_label(Window(day, day))
