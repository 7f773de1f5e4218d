"""`regio notify` sends what is due to the people it concerns, once, through a real SMTP server; the
unsubscribe link works and cannot be forged; each user's choices hold."""

from __future__ import annotations

import datetime
import mailbox
import re
import socket
import subprocess
import sys
import time
from email.header import decode_header, make_header

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from freezegun import freeze_time

from regio.commitments.tests.factories import CommitmentFactory
from regio.meetings.models import Organ
from regio.meetings.tests.agreement_factories import AgreementFactory, DecisionFactory
from regio.notifications.models import NotificationPreference, SentNotification
from regio.notifications.selectors import reminder_stage
from regio.notifications.services import notify_run
from regio.notifications.tokens import make_token
from regio.topics.tests.factories import TopicFactory

TODAY = datetime.date(2026, 12, 2)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(tmp_path, settings):
    """A real SMTP server (aiosmtpd) in its own process on 127.0.0.1, delivering into a Maildir."""
    maildir = tmp_path / "Maildir"
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Mailbox",
            str(maildir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"the SMTP server did not start: {process.stderr.read().decode()[-500:]}")
            time.sleep(0.1)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "Regio <regio@example.org>"
    settings.REGIO_SITE_URL = "https://regio.example.org"

    class Server:
        def messages(self):
            if not maildir.exists():
                return []
            return [
                mailbox.Maildir(str(maildir), create=False)[key]
                for key in mailbox.Maildir(str(maildir), create=False).keys()
            ]

        def stop(self):
            process.terminate()
            process.wait(timeout=10)

    server = Server()
    yield server
    if process.poll() is None:
        server.stop()


def subject_of(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def text_of(message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    raise AssertionError("no plain-text part")


def html_of(message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/html":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    raise AssertionError("no HTML part")


@pytest.fixture
def scene(world):
    """On 2 December 2026: an agreement put to Leiden and Leiderdorp today, a promise of Leiden due in
    10 days, a topic added today."""
    with freeze_time("2026-12-02 08:00:00"):
        agreement = AgreementFactory(
            region=world.region,
            title="Gezamenlijke inkoop jeugdhulp",
            made_on=TODAY,
            participants=[world.own, world.other],
        )
        commitment = CommitmentFactory(
            region=world.region,
            title="Evaluatie warmtenet naar de raden",
            due_date=TODAY + datetime.timedelta(days=10),
            promised_by_municipalities=[world.own],
        )
        topic = TopicFactory(region=world.region, title="Fietsroute langs de Oude Rijn")
    for role, address in [
        ("editor_own", "leiden@example.org"),
        ("editor_other", "leiderdorp@example.org"),
        ("coordinator", "coordinator@example.org"),
        ("reader", "griffier@example.org"),
    ]:
        user = world.user(role)
        user.email = address
        user.save()
    return agreement, commitment, topic


def by_recipient(messages) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for message in messages:
        found.setdefault(message["To"], []).append(subject_of(message))
    return {to: sorted(subjects) for to, subjects in found.items()}


@pytest.mark.django_db
def test_regio_notify_sends_what_is_due_once_through_a_real_smtp_server(scene, smtp_server, capsys):
    with freeze_time("2026-12-02 18:00:00"):
        call_command("notify", "--today", "2026-12-02")
    assert by_recipient(smtp_server.messages()) == {
        "leiden@example.org": [
            "Besluit gevraagd: Gezamenlijke inkoop jeugdhulp",
            "Herinnering: Evaluatie warmtenet naar de raden",
            "Regio: nieuw voor u op 2 december 2026",
        ],
        "leiderdorp@example.org": [
            "Besluit gevraagd: Gezamenlijke inkoop jeugdhulp",
            "Regio: nieuw voor u op 2 december 2026",
        ],
        "coordinator@example.org": [
            "Herinnering: Evaluatie warmtenet naar de raden",
            "Regio: nieuw voor u op 2 december 2026",
        ],
        # The griffier follows the promises to the councils; this one is to nobody's council.
        "griffier@example.org": ["Regio: nieuw voor u op 2 december 2026"],
    }
    assert "8 e-mail(s) sent" in capsys.readouterr().out

    with freeze_time("2026-12-02 19:00:00"):
        call_command("notify", "--today", "2026-12-02")
    assert len(smtp_server.messages()) == 8, "a second run the same day sends nothing"
    with freeze_time("2026-12-03 07:00:00"):
        call_command("notify", "--today", "2026-12-03")
    assert len(smtp_server.messages()) == 8, "nothing new the next day: no digest, no second reminder"


@pytest.mark.django_db
def test_each_mail_is_dutch_plain_text_and_html_with_working_links(scene, smtp_server):
    with freeze_time("2026-12-02 18:00:00"):
        notify_run(today=TODAY)
    reminder = next(
        m for m in smtp_server.messages() if m["To"] == "leiden@example.org" and subject_of(m).startswith("Herinnering")
    )
    text, html = text_of(reminder), html_of(reminder)
    commitment = scene[1]
    assert "Evaluatie warmtenet naar de raden — uiterlijk 12 december 2026, over 10 dagen (Proefregio)" in text
    assert f"https://regio.example.org{commitment.get_absolute_url()}" in text
    assert f'href="https://regio.example.org{commitment.get_absolute_url()}"' in html
    assert reminder["From"] == "Regio <regio@example.org>"
    assert reminder["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(
        r"<https://regio\.example\.org/meldingen/afmelden/[^/>]+/>", "".join(reminder["List-Unsubscribe"].split())
    )  # a long header is folded
    request = next(
        m for m in smtp_server.messages() if m["To"] == "leiderdorp@example.org" and subject_of(m).startswith("Besluit")
    )
    assert "Gezamenlijke inkoop jeugdhulp — gevraagd aan het college van Leiderdorp (Proefregio)" in text_of(request)
    digest = next(
        m for m in smtp_server.messages() if m["To"] == "leiderdorp@example.org" and subject_of(m).startswith("Regio:")
    )
    assert "Fietsroute langs de Oude Rijn (Proefregio) — uw gemeente heeft nog niet gekozen of zij meedoet" in text_of(
        digest
    )


@pytest.mark.django_db
def test_the_unsubscribe_link_in_a_mail_turns_off_that_kind_only(scene, smtp_server, client):
    with freeze_time("2026-12-02 18:00:00"):
        notify_run(today=TODAY)
    reminder = next(
        m for m in smtp_server.messages() if m["To"] == "leiden@example.org" and subject_of(m).startswith("Herinnering")
    )
    link = re.search(r"https://regio\.example\.org(/meldingen/afmelden/\S+/)", text_of(reminder)).group(1)

    page = client.get(link)  # a mail program fetching the link changes nothing
    assert page.status_code == 200
    assert "Niet meer ontvangen: herinnering aan toezegging?" in page.content.decode()
    assert not NotificationPreference.objects.filter(user__email="leiden@example.org").exists()

    done = client.post(link)
    assert done.status_code == 200
    assert "U ontvangt niet meer: herinnering aan toezegging." in done.content.decode()
    preference = NotificationPreference.objects.get(user__email="leiden@example.org")
    assert (preference.commitment_reminders, preference.decision_requests, preference.daily_digest) == (
        False,
        True,
        True,
    )

    with freeze_time("2026-12-12 08:00:00"):  # due today: would be a reminder
        notify_run(today=TODAY + datetime.timedelta(days=10))
    later = [subject_of(m) for m in smtp_server.messages() if m["To"] == "leiden@example.org"]
    assert "Herinnering: Evaluatie warmtenet naar de raden" in later  # the one sent before unsubscribing
    assert later.count("Herinnering: Evaluatie warmtenet naar de raden") == 1


@pytest.mark.django_db
def test_a_forged_or_expired_unsubscribe_link_says_so_and_changes_nothing(world, client):
    user = world.user("editor_own")
    token = make_token(user_id=user.pk, kind="digest")
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for method in (client.get, client.post):
        response = method(reverse("notifications:unsubscribe", kwargs={"token": forged}))
        assert response.status_code == 400
        assert "Deze afmeldlink is niet geldig" in response.content.decode()
    other_user = make_token(user_id=999_999, kind="digest")
    assert client.post(reverse("notifications:unsubscribe", kwargs={"token": other_user})).status_code == 400
    with freeze_time(datetime.datetime.now() + datetime.timedelta(days=181)):
        response = client.post(reverse("notifications:unsubscribe", kwargs={"token": token}))
    assert response.status_code == 400
    assert "Deze afmeldlink is verlopen" in response.content.decode()
    assert not NotificationPreference.objects.filter(user=user).exists()


# (due date, today) -> (stage, days) or None; written out, not derived.
REMINDER_TABLE = [
    (datetime.date(2027, 1, 31), datetime.date(2027, 1, 16), None),  # 15 days ahead: not yet
    (datetime.date(2027, 1, 31), datetime.date(2027, 1, 17), ("due_soon", 14)),
    (datetime.date(2027, 1, 31), datetime.date(2027, 1, 30), ("due_soon", 1)),
    (datetime.date(2027, 1, 31), datetime.date(2027, 1, 31), ("due_today", 0)),
    (datetime.date(2027, 1, 31), datetime.date(2027, 2, 1), ("overdue", 1)),
    (datetime.date(2027, 1, 31), datetime.date(2027, 2, 7), ("overdue", 7)),
    (datetime.date(2027, 1, 31), datetime.date(2027, 2, 8), ("overdue", 8)),
    (datetime.date(2026, 12, 31), datetime.date(2027, 1, 1), ("overdue", 1)),  # across the year end
]


@pytest.mark.parametrize(("due", "today", "expected"), REMINDER_TABLE)
def test_reminder_stages(due, today, expected):
    stage = reminder_stage(due_date=due, today=today)
    assert (stage[:2] if stage else None) == expected


@pytest.mark.django_db
def test_overdue_promises_are_reminded_weekly(world, mailoutbox):
    user = world.user("coordinator")
    user.email = "coordinator@example.org"
    user.save()
    with freeze_time("2026-11-01"):
        CommitmentFactory(region=world.region, title="Plan van aanpak", due_date=datetime.date(2026, 11, 20))
    sent_on = []
    for day in range(20, 31):  # 20 .. 30 November
        today = datetime.date(2026, 11, day)
        with freeze_time(f"2026-11-{day:02d} 07:00:00"):
            before = len(mailoutbox)
            notify_run(today=today)
        reminders = [m for m in mailoutbox[before:] if m.subject.startswith("Herinnering")]
        if reminders:
            sent_on.append(day)
    assert sent_on == [20, 21, 28]  # on the due date, the day after, a week later


@pytest.mark.django_db
def test_a_council_is_asked_once_its_college_has_adopted(world, mailoutbox):
    for role in ("editor_other", "coordinator", "reader"):
        world.user(role).email = ""
        world.user(role).save()
    editor = world.user("editor_own")
    editor.email = "leiden@example.org"
    editor.save()
    NotificationPreference.objects.create(user=editor, daily_digest=False, commitment_reminders=False)
    with freeze_time("2026-11-02"):
        agreement = AgreementFactory(
            region=world.region,
            title="Regionale woonvisie",
            made_on=datetime.date(2026, 11, 2),
            participants=[world.own],
            with_councils=True,
        )
    with freeze_time("2026-11-03"):
        notify_run(today=datetime.date(2026, 11, 3))
    assert [m.subject for m in mailoutbox] == ["Besluit gevraagd: Regionale woonvisie"]
    assert "gevraagd aan het college van Leiden" in mailoutbox[0].body
    with freeze_time("2026-11-30"):
        DecisionFactory(
            agreement=agreement, municipality=world.own, organ=Organ.COLLEGE, decided_on=datetime.date(2026, 11, 30)
        )
        notify_run(today=datetime.date(2026, 11, 30))
    assert len(mailoutbox) == 2
    assert "gevraagd aan de gemeenteraad van Leiden" in mailoutbox[1].body
    with freeze_time("2026-12-01"):
        notify_run(today=datetime.date(2026, 12, 1))
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_old_requests_are_not_mailed_on_a_first_run(world, mailoutbox):
    editor = world.user("editor_own")
    editor.email = "leiden@example.org"
    editor.save()
    with freeze_time("2019-03-14"):
        AgreementFactory(region=world.region, made_on=datetime.date(2019, 3, 14), participants=[world.own])
    with freeze_time("2026-12-02 07:00:00"):
        notify_run(today=TODAY)
    assert mailoutbox == []


@pytest.mark.django_db
def test_choices_are_respected_and_users_without_address_or_inactive_get_nothing(scene, world, mailoutbox):
    leiden = world.user("editor_own")
    NotificationPreference.objects.create(
        user=leiden, daily_digest=False, decision_requests=False, commitment_reminders=True
    )
    coordinator = world.user("coordinator")
    coordinator.email = ""
    coordinator.save()
    reader = world.user("reader")
    reader.is_active = False
    reader.save()
    with freeze_time("2026-12-02 18:00:00"):
        notify_run(today=TODAY)
    assert sorted((m.to[0], m.subject) for m in mailoutbox) == [
        ("leiden@example.org", "Herinnering: Evaluatie warmtenet naar de raden"),
        ("leiderdorp@example.org", "Besluit gevraagd: Gezamenlijke inkoop jeugdhulp"),
        ("leiderdorp@example.org", "Regio: nieuw voor u op 2 december 2026"),
    ]


@pytest.mark.django_db
def test_no_digest_when_nothing_is_new(world, mailoutbox):
    user = world.user("reader")
    user.email = "griffier@example.org"
    user.save()
    with freeze_time("2026-12-02 18:00:00"):
        notify_run(today=TODAY)
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_failed_send_is_tried_again_on_the_next_run(scene, smtp_server, capsys):
    smtp_server.stop()
    with freeze_time("2026-12-02 18:00:00"), pytest.raises(CommandError, match="could not be sent"):
        call_command("notify", "--today", "2026-12-02")
    assert SentNotification.objects.count() == 0, "nothing is logged as sent when sending failed"


def test_a_wrong_day_is_refused_in_dutch(db):
    with pytest.raises(CommandError, match=r"--today: '2-12-2026' is geen datum; schrijf die als JJJJ-MM-DD"):
        call_command("notify", "--today", "2-12-2026")


@pytest.mark.django_db
def test_a_dry_run_lists_and_sends_nothing(scene, mailoutbox, capsys):
    with freeze_time("2026-12-02 18:00:00"):
        call_command("notify", "--today", "2026-12-02", "--dry-run")
    assert mailoutbox == []
    assert SentNotification.objects.count() == 0
    out = capsys.readouterr().out
    assert "leiden\tbesluit gevraagd\tBesluit gevraagd: Gezamenlijke inkoop jeugdhulp" in out
    assert "8 e-mail(s) would be sent." in out


@pytest.mark.django_db
def test_the_preferences_page(world, client_for):
    user = world.user("editor_own")
    client = client_for(user)
    url = reverse("notifications:preferences")
    page = client.get(url)
    assert page.status_code == 200
    assert "Dagelijks overzicht" in page.content.decode()

    bad = client.post(url, {"email": "geen-adres", "daily_digest": "on"})
    assert bad.status_code == 200
    assert "Voer een geldig e-mailadres in." in bad.content.decode()
    assert not NotificationPreference.objects.filter(user=user).exists()

    saved = client.post(url, {"email": "nieuw@example.org", "decision_requests": "on"})
    assert saved.status_code == 302
    preference = NotificationPreference.objects.get(user=user)
    assert (preference.daily_digest, preference.decision_requests, preference.commitment_reminders) == (
        False,
        True,
        False,
    )
    user.refresh_from_db()
    assert user.email == "nieuw@example.org"

    client_for(world.user("anonymous"))
    assert client.get(url).status_code == 302


@pytest.mark.django_db
def test_the_scheduler_sends_the_daily_notifications_at_seven(scene, mailoutbox):
    from celery.schedules import crontab

    from regio.jobs.celery import BEAT_SCHEDULE, daily_notifications

    entry = BEAT_SCHEDULE["daily-notifications"]
    assert entry["task"] == "regio.jobs.daily_notifications"
    assert entry["schedule"] == crontab(hour=7, minute=0)
    with freeze_time("2026-12-02 07:00:00"):
        daily_notifications()
        daily_notifications()  # a beat that fires twice sends nothing more
    assert len(mailoutbox) == 8
