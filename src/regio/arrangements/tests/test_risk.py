"""The risk questionnaire: weights and scores to class 1–3 (pure Python)."""

import pytest

from regio.arrangements.risk import AnswerError, Question, Questionnaire, default_questionnaire, risk_class, risk_score

# Two questions, weights 3 and 1; max score 3*2 + 1*2 = 8.
SMALL = Questionnaire(
    questions=(
        Question("geld", "Hoeveel geld?", 3, {"weinig": 0, "middel": 1, "veel": 2}),
        Question("invloed", "Hoeveel invloed?", 1, {"veel": 0, "weinig": 2}),
    ),
    class_2_from=0.34,
    class_3_from=0.67,
)


@pytest.mark.parametrize(
    ("answers", "score", "klass"),
    [
        ({"geld": "weinig", "invloed": "veel"}, 0 / 8, 1),
        ({"geld": "weinig", "invloed": "weinig"}, 2 / 8, 1),
        ({"geld": "middel", "invloed": "veel"}, 3 / 8, 2),
        ({"geld": "middel", "invloed": "weinig"}, 5 / 8, 2),
        ({"geld": "veel", "invloed": "veel"}, 6 / 8, 3),
        ({"geld": "veel", "invloed": "weinig"}, 8 / 8, 3),
    ],
)
def test_weights_give_the_class(answers, score, klass):
    assert risk_score(answers, SMALL) == pytest.approx(score)
    assert risk_class(answers, SMALL) == klass


@pytest.mark.parametrize(
    ("answers", "question"),
    [({"geld": "veel"}, "invloed"), ({"geld": "enorm", "invloed": "veel"}, "geld"),
     ({"geld": "veel", "invloed": "veel", "kleur": "rood"}, "kleur")],
)
def test_incomplete_or_unknown_answers_are_refused(answers, question):
    with pytest.raises(AnswerError) as caught:
        risk_class(answers, SMALL)
    assert caught.value.question == question


def test_the_shipped_questionnaire_loads_and_spans_the_three_classes():
    questionnaire = default_questionnaire()
    low = {q.code: min(q.options, key=q.options.get) for q in questionnaire.questions}
    high = {q.code: max(q.options, key=q.options.get) for q in questionnaire.questions}
    assert (risk_class(low, questionnaire), risk_class(high, questionnaire)) == (1, 3)
