"""The statutory terms of a joint arrangement's planning and control cycle, as plain Python.

The rules live in `data/wgr_rules.toml` (one row per rule, with the article and the source it was
checked against); this module reads them and computes, for a document sent on a date, the date the
councils' views are due or the date the board had to send it by. It imports nothing of Django, so
the rules are tested without a database.
"""

from __future__ import annotations

import datetime
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RULES_FILE = Path(__file__).with_name("data") / "wgr_rules.toml"

COUNCIL_TERM = "council_term"
SEND_BY = "send_by"
OVERRIDE_NONE, OVERRIDE_LONGER, OVERRIDE_ANY = "none", "longer_only", "any"


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    article: str
    deadline: str
    valid_from: datetime.date
    valid_until: datetime.date | None
    override: str
    source: str
    checked: str
    weeks: int | None = None
    month: int | None = None
    day: int | None = None
    year_offset: int = 0

    def applies_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    @property
    def term_text(self) -> str:
        """The term in the words of the table in docs/regelingen.md."""
        if self.deadline == COUNCIL_TERM:
            return f"{self.weeks} weken na toezending"
        year = {0: "jaar J", -1: "jaar J-1", 1: "jaar J+1"}.get(self.year_offset, f"jaar J{self.year_offset:+d}")
        return f"vóór {self.day} {_MONTHS[self.month]} {year}"


_MONTHS = {1: "januari", 2: "februari", 3: "maart", 4: "april", 5: "mei", 6: "juni", 7: "juli",
           8: "augustus", 9: "september", 10: "oktober", 11: "november", 12: "december"}


class RuleError(ValueError):
    """A deadline that cannot be computed; `field` names the input at fault, `code` is stable."""

    def __init__(self, message: str, *, field: str, code: str):
        super().__init__(message)
        self.field = field
        self.code = code


@dataclass(frozen=True)
class Deadline:
    """The outcome for one document: which rule, and the date."""

    rule: Rule | None
    date: datetime.date | None
    weeks: int | None = None  # the council term in weeks, when the deadline is one
    own_term: bool = False  # the regeling's own term replaced the statutory one


def load_rules(path: Path = RULES_FILE) -> tuple[Rule, ...]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    rules = []
    for row in data["rule"]:
        rules.append(
            Rule(
                id=row["id"],
                kind=row["kind"],
                article=row["article"],
                deadline=row["deadline"],
                valid_from=row["valid_from"],
                valid_until=row.get("valid_until"),
                override=row["override"],
                source=row["source"],
                checked=row["checked"],
                weeks=row.get("weeks"),
                month=row.get("month"),
                day=row.get("day"),
                year_offset=row.get("year_offset", 0),
            )
        )
    return tuple(rules)


@cache
def rules() -> tuple[Rule, ...]:
    return load_rules()


def rule_for(kind: str, sent_on: datetime.date, *, table: tuple[Rule, ...] | None = None) -> Rule | None:
    """The rule for a document of `kind` sent on `sent_on`, or None when the law sets no term."""
    for rule in table if table is not None else rules():
        if rule.kind == kind and rule.applies_on(sent_on):
            return rule
    return None


def check_own_term(kind: str, sent_on: datetime.date, own_weeks: int, *, table=None) -> None:
    """Refuse a regeling's own council term the law does not allow."""
    if own_weeks < 1:
        raise RuleError("Een eigen termijn is minstens één week.", field="own_term_weeks", code="term_too_short")
    rule = rule_for(kind, sent_on, table=table)
    if rule is None or rule.deadline != COUNCIL_TERM:
        return
    if rule.override == OVERRIDE_NONE:
        raise RuleError(
            f"De wet ({rule.article}) laat geen eigen termijn toe.", field="own_term_weeks", code="no_override"
        )
    if rule.override == OVERRIDE_LONGER and own_weeks < rule.weeks:
        raise RuleError(
            f"De regeling mag de termijn van {rule.weeks} weken ({rule.article}) niet verkorten; "
            f"{own_weeks} weken is te kort.",
            field="own_term_weeks",
            code="shorter_than_law",
        )


def council_deadline(
    kind: str, sent_on: datetime.date, *, own_weeks: int | None = None, table=None
) -> Deadline:
    """The date by which the councils may give their view on a document sent on `sent_on`.

    A regeling's own term replaces the law's where the rule lets it (a longer term, or any term);
    for a document without a statutory council term only an own term gives a deadline.
    """
    rule = rule_for(kind, sent_on, table=table)
    statutory = rule if rule is not None and rule.deadline == COUNCIL_TERM else None
    if own_weeks is not None:
        check_own_term(kind, sent_on, own_weeks, table=table)
        return Deadline(statutory, sent_on + datetime.timedelta(weeks=own_weeks), own_weeks, own_term=True)
    if statutory is None:
        return Deadline(rule, None)
    return Deadline(statutory, sent_on + datetime.timedelta(weeks=statutory.weeks), statutory.weeks)


def send_by(kind: str, year: int, *, sent_on: datetime.date, table=None) -> Deadline:
    """The date before which the board had to send a document of `kind` for `year`."""
    rule = rule_for(kind, sent_on, table=table)
    if rule is None or rule.deadline != SEND_BY:
        return Deadline(rule, None)
    return Deadline(rule, datetime.date(year + rule.year_offset, rule.month, rule.day))


def check_sent_in_time(kind: str, year: int, sent_on: datetime.date, *, table=None) -> None:
    """Refuse a document recorded as sent on or after its statutory date ("vóór" means before)."""
    deadline = send_by(kind, year, sent_on=sent_on, table=table)
    if deadline.date is not None and sent_on >= deadline.date:
        raise RuleError(
            f"Verzonden op {sent_on:%d-%m-%Y}, maar {deadline.rule.article} vraagt verzending vóór "
            f"{deadline.date:%d-%m-%Y}.",
            field="sent_on",
            code="sent_after_deadline",
        )


def days_left(deadline: datetime.date, today: datetime.date) -> int:
    """Days from `today` to `deadline`; negative once it has passed."""
    return (deadline - today).days
