"""The comparison of views: three councils, one joint draft, different amendments (pure Python)."""

from regio.arrangements.comparison import AMENDED, LEFT_OUT, SAME, compare, paragraphs, word_diff

DRAFT = """De raad stemt in met de ontwerpbegroting 2027.

De raad vraagt de indexering te beperken tot twee procent.

De raad wil halfjaarlijks worden geïnformeerd over de wachtlijsten."""

# A: the draft as it is. B: an amended second paragraph and an own fourth one. C: leaves the
# third paragraph out and amends the first.
TEXTS = {
    "Alphen": DRAFT,
    "Bergen": """De raad stemt in met de ontwerpbegroting 2027.

De raad vraagt de indexering te beperken tot anderhalf procent.

De raad wil halfjaarlijks worden geïnformeerd over de wachtlijsten.

De raad vraagt een plan voor de huisvesting.""",
    "Capelle": """De raad stemt niet in met de ontwerpbegroting 2027.

De raad vraagt de indexering te beperken tot twee procent.""",
}


def test_paragraphs_are_blocks_between_empty_lines():
    assert paragraphs("Een  twee\ndrie.\n\n\n Vier. \n") == ["Een twee drie.", "Vier."]


def test_word_diff_marks_what_was_deleted_and_inserted():
    assert word_diff("tot twee procent", "tot anderhalf procent") == [
        ("equal", "tot"), ("delete", "twee"), ("insert", "anderhalf"), ("equal", "procent"),
    ]


def test_each_paragraph_per_council():
    comparison = compare(TEXTS, draft=DRAFT)
    table = [[(r.council, r.status) for r in row.readings] for row in comparison.rows]
    assert table == [
        [("Alphen", SAME), ("Bergen", SAME), ("Capelle", AMENDED)],
        [("Alphen", SAME), ("Bergen", AMENDED), ("Capelle", SAME)],
        [("Alphen", SAME), ("Bergen", SAME), ("Capelle", LEFT_OUT)],
    ]
    assert comparison.rows[0].readings[2].diff == [
        ("equal", "De raad stemt"), ("insert", "niet"), ("equal", "in met de ontwerpbegroting 2027."),
    ]
    assert comparison.added == {"Bergen": ["De raad vraagt een plan voor de huisvesting."]}


def test_points_shared_by_all_and_by_most():
    comparison = compare(TEXTS, draft=DRAFT)
    assert comparison.shared_by_all() == [
        "De raad stemt in met de ontwerpbegroting 2027.",
        "De raad vraagt de indexering te beperken tot twee procent.",
    ]
    assert comparison.shared_by_most() == ["De raad wil halfjaarlijks worden geïnformeerd over de wachtlijsten."]


def test_without_a_joint_draft_the_first_councils_text_is_the_base():
    comparison = compare({"Bergen": TEXTS["Bergen"], "Capelle": TEXTS["Capelle"]})
    assert len(comparison.rows) == 4
    assert [r.status for r in comparison.rows[3].readings] == [SAME, LEFT_OUT]


def test_an_unrelated_text_keeps_nothing():
    comparison = compare({"Alphen": "Geheel andere woorden hier."}, draft=DRAFT)
    assert comparison.shared_by_all() == []
    assert comparison.added == {"Alphen": ["Geheel andere woorden hier."]}
