"""The risk profile of a verbonden partij: a configurable questionnaire with weights → class 1–3.

Plain Python: the questionnaire is a data file (`data/risk_questionnaire.toml` by default); the
answers are a mapping of question code to option code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DEFAULT_FILE = Path(__file__).with_name("data") / "risk_questionnaire.toml"


@dataclass(frozen=True)
class Question:
    code: str
    text: str
    weight: int
    options: dict[str, int]  # option code -> score 0..2


@dataclass(frozen=True)
class Questionnaire:
    questions: tuple[Question, ...]
    class_2_from: float
    class_3_from: float

    @property
    def max_score(self) -> int:
        return sum(q.weight * max(q.options.values()) for q in self.questions)


class AnswerError(ValueError):
    def __init__(self, message: str, *, question: str):
        super().__init__(message)
        self.question = question


def load_questionnaire(path: Path = DEFAULT_FILE) -> Questionnaire:
    with Path(path).open("rb") as handle:
        data = tomllib.load(handle)
    questions = tuple(
        Question(code=q["code"], text=q["text"], weight=int(q["weight"]),
                 options={code: int(score) for code, score in q["options"]})
        for q in data["question"]
    )
    return Questionnaire(questions=questions, class_2_from=float(data["class_2_from"]),
                         class_3_from=float(data["class_3_from"]))


@cache
def default_questionnaire() -> Questionnaire:
    return load_questionnaire()


def check_answers(answers: dict[str, str], questionnaire: Questionnaire) -> None:
    """Refuse an unknown question, an unknown option or a question left unanswered."""
    known = {q.code: q for q in questionnaire.questions}
    for code, option in answers.items():
        if code not in known:
            raise AnswerError(f"Onbekende vraag: {code}.", question=code)
        if option not in known[code].options:
            raise AnswerError(
                f"Onbekend antwoord {option!r} op {code}; kies uit: {', '.join(known[code].options)}.", question=code
            )
    for code in known:
        if code not in answers:
            raise AnswerError(f"Vraag {code} is niet beantwoord.", question=code)


def risk_score(answers: dict[str, str], questionnaire: Questionnaire) -> float:
    """The weighted score as a share (0..1) of the maximum."""
    check_answers(answers, questionnaire)
    total = sum(q.weight * q.options[answers[q.code]] for q in questionnaire.questions)
    return total / questionnaire.max_score if questionnaire.max_score else 0.0


def risk_class(answers: dict[str, str], questionnaire: Questionnaire) -> int:
    share = risk_score(answers, questionnaire)
    if share >= questionnaire.class_3_from:
        return 3
    if share >= questionnaire.class_2_from:
        return 2
    return 1
