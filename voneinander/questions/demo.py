"""Demo data for questions (part of load_demo_data): a few German questions per network.

Idempotent: a question is created only if its network has none with the same
title, together with its answers, follows and notifications; nothing already
there is changed. Rows are written directly (no e-mails), with dates in the past.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from voneinander.accounts.models import User
from voneinander.knowledge.models import Topic
from voneinander.networks.models import Network
from voneinander.questions import mentions
from voneinander.questions.models import Answer, Follow, Notification, Question
from voneinander.questions.notifications import site_path
from voneinander.questions.selectors import network_members

BECKER = "digital@vg-eisenberg.example.org"
HOFFMANN = "buergerservice@vg-eisenberg.example.org"
SCHNEIDER = "digitales@vg-goellheim.example.org"
WEBER = "digitalisierung@vg-betzdorf-gebhardshain.example.org"
KELLER = "koordination@mdi-rlp.example.org"
DEMIR = "smartcity@kaiserslautern.example.org"
WAGNER = "digitalisierung@speyer.example.org"
FISCHER = "smartcity@mainz.example.org"
SCHMITT = "team@andernach.example.org"

QUESTIONS = {
    "digitale-doerfer-rlp": [
        {
            "title": "Welche Mängelmelder-App nutzt ihr, und wie viele Meldungen kommen an?",
            "author": SCHNEIDER,
            "days_ago": 40,
            "topics": ["buergerservice", "kommunikation"],
            "text": (
                "Wir möchten in der VG Göllheim einen **Mängelmelder** einführen "
                "(Schlaglöcher, defekte Straßenlampen, wilder Müll).\n\n"
                "- Welche Lösung nutzt ihr?\n"
                "- Wie viele Meldungen kommen pro Monat an?\n"
                "- Wer bearbeitet sie bei euch?"
            ),
            "answers": [
                {
                    "author": BECKER,
                    "days_ago": 38,
                    "accepted": True,
                    "text": (
                        "Wir nutzen den Mängelmelder der DorfFunk-App. Es kommen etwa "
                        "25 Meldungen im Monat, meist Straßenschäden. Die Meldungen landen "
                        "direkt beim Bauhof; @Sabine.Hoffmann aus dem Bürgerservice kann "
                        "euch zeigen, wie wir die Rückmeldung an die Bürger organisiert haben."
                    ),
                },
                {
                    "author": HOFFMANN,
                    "days_ago": 37,
                    "text": (
                        "Gerne! Wichtig war bei uns: Jede Meldung bekommt innerhalb von "
                        "drei Arbeitstagen eine Antwort, auch wenn die Reparatur länger dauert."
                    ),
                },
            ],
        },
        {
            "title": "Erfahrungen mit digitalen Sitzungsunterlagen im Ortsgemeinderat?",
            "author": WEBER,
            "days_ago": 12,
            "topics": ["verwaltung-intern"],
            "text": (
                "Unsere Ortsgemeinderäte sollen die Unterlagen künftig auf Tablets "
                "bekommen. Wie habt ihr ältere Ratsmitglieder mitgenommen?"
            ),
            "answers": [
                {
                    "author": SCHNEIDER,
                    "days_ago": 10,
                    "text": (
                        "Bei uns hat eine Tablet-Sprechstunde vor der ersten Sitzung viel "
                        "geholfen. Papier gab es noch ein halbes Jahr parallel."
                    ),
                },
            ],
        },
        {
            "title": "Wer hat eine Mitfahrbank mit digitaler Anzeige?",
            "author": HOFFMANN,
            "days_ago": 3,
            "topics": ["mobilitaet"],
            "text": "Wir suchen Kommunen, die Mitfahrbänke mit einer Anzeige kombinieren.",
            "answers": [],
        },
    ],
    "ikone-ds": [
        {
            "title": "Wie veröffentlicht ihr Sensordaten als Open Data?",
            "author": WAGNER,
            "days_ago": 30,
            "topics": ["open-data", "smart-city"],
            "text": (
                "Speyer misst Parkplatzbelegung und Luftqualität. Wir möchten die Daten "
                "offen bereitstellen. Welche Plattform und welche Lizenz nutzt ihr?"
            ),
            "answers": [
                {
                    "author": DEMIR,
                    "days_ago": 29,
                    "accepted": True,
                    "text": (
                        "Kaiserslautern stellt die Daten über eine FROST-Schnittstelle "
                        "bereit, Lizenz **Datenlizenz Deutschland – Namensnennung 2.0**. "
                        "Die Metadaten gehen zusätzlich an das Landesportal. Meldet euch "
                        "gern, wir teilen unsere Checkliste."
                    ),
                },
                {
                    "author": FISCHER,
                    "days_ago": 27,
                    "text": (
                        "Mainz ist gerade in der Ausschreibung. @Aylin.Demir, dürfen wir "
                        "eure Leistungsbeschreibung als Vorlage nutzen?"
                    ),
                },
            ],
        },
        {
            "title": "Terminbuchung im Bürgerbüro: eigene Lösung oder Landesangebot?",
            "author": SCHMITT,
            "days_ago": 6,
            "topics": ["buergerservice"],
            "text": (
                "Andernach überlegt, die Terminbuchung zu erneuern. Hat jemand das "
                "Angebot des Landes im Einsatz?"
            ),
            "answers": [],
        },
    ],
}


def _people() -> dict[str, User]:
    emails = {
        BECKER,
        HOFFMANN,
        SCHNEIDER,
        WEBER,
        KELLER,
        DEMIR,
        WAGNER,
        FISCHER,
        SCHMITT,
    }
    return {user.email: user for user in User.objects.filter(email__in=emails)}


def _mentioned(text: str, network: Network) -> list[User]:
    people, _unmatched = mentions.resolve(text, network_members(network))
    return people


def _create(network: Network, spec: dict, people: dict[str, User], now) -> None:
    author = people.get(spec["author"])
    if author is None:
        return
    asked_at = now - datetime.timedelta(days=spec["days_ago"])
    question = Question.objects.create(
        network=network, author=author, title=spec["title"], text=spec["text"]
    )
    question.topics.set(Topic.objects.filter(slug__in=spec["topics"]))
    question.mentioned.set(_mentioned(spec["text"], network))
    Follow.objects.get_or_create(user=author, question=question)
    url = site_path("questions:detail", pk=question.pk)
    last_activity = asked_at
    accepted = None
    for answer_spec in spec["answers"]:
        answerer = people.get(answer_spec["author"])
        if answerer is None:
            continue
        answered_at = now - datetime.timedelta(days=answer_spec["days_ago"])
        answer = Answer.objects.create(question=question, author=answerer, text=answer_spec["text"])
        Answer.objects.filter(pk=answer.pk).update(created_at=answered_at, updated_at=answered_at)
        mentioned = _mentioned(answer_spec["text"], network)
        answer.mentioned.set(mentioned)
        Follow.objects.get_or_create(user=answerer, question=question)
        last_activity = max(last_activity, answered_at)
        if answer_spec.get("accepted"):
            accepted = answer
        notes = [
            Notification(
                user=person,
                kind="questions.mention",
                text=f"{answerer.display_name} hat Sie in einer Antwort auf "
                f"„{question.title}“ erwähnt."[:300],
                url=f"{url}#antwort-{answer.pk}",
                network=network,
            )
            for person in mentioned
        ]
        if answerer != author:
            notes.append(
                Notification(
                    user=author,
                    kind="questions.answer",
                    text=f"{answerer.display_name} hat „{question.title}“ beantwortet."[:300],
                    url=f"{url}#antwort-{answer.pk}",
                    network=network,
                )
            )
        # Old demo notifications are read and were mailed; the newest stay unread.
        handled = answered_at if answer_spec["days_ago"] > 14 else None
        for note in Notification.objects.bulk_create(notes):
            Notification.objects.filter(pk=note.pk).update(
                created_at=answered_at, read_at=handled, emailed_at=handled
            )
    Question.objects.filter(pk=question.pk).update(
        created_at=asked_at, last_activity_at=last_activity, accepted_answer=accepted
    )


# The ministry's coordinator follows a topic in each network.
TOPIC_FOLLOWS = [
    (KELLER, "digitale-doerfer-rlp", "buergerservice"),
    (KELLER, "ikone-ds", "open-data"),
]


def load(report) -> None:
    """Idempotent."""
    people = _people()
    now = timezone.now().replace(second=0, microsecond=0)
    for slug, specs in QUESTIONS.items():
        network = Network.objects.filter(slug=slug).first()
        if network is None:
            continue
        existing = set(Question.objects.filter(network=network).values_list("title", flat=True))
        for spec in specs:
            if spec["title"] not in existing:
                _create(network, spec, people, now)
    for email, slug, topic_slug in TOPIC_FOLLOWS:
        user, network = people.get(email), Network.objects.filter(slug=slug).first()
        topic = Topic.objects.filter(slug=topic_slug).first()
        if user and network and topic:
            Follow.objects.get_or_create(user=user, network=network, topic=topic)
