from io import StringIO

import pytest
from django.core.management import call_command

from voneinander.questions.models import Answer, Follow, Notification, Question


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo_data", stdout=StringIO())


def _counts():
    return [
        Question.objects.count(),
        Answer.objects.count(),
        Follow.objects.count(),
        Notification.objects.count(),
    ]


def test_demo_has_questions_with_an_accepted_answer_in_both_networks(demo):
    for slug in ["digitale-doerfer-rlp", "ikone-ds"]:
        questions = Question.objects.filter(network__slug=slug)
        assert questions.count() >= 2
        assert questions.filter(accepted_answer__isnull=False).count() == 1
        assert questions.filter(answers__isnull=True).exists()
    solved = Question.objects.get(title__startswith="Welche Mängelmelder-App")
    assert solved.accepted_answer.author.email == "digital@vg-eisenberg.example.org"
    mentioned = solved.accepted_answer.mentioned.get()
    assert mentioned.email == "buergerservice@vg-eisenberg.example.org"
    assert Notification.objects.filter(user=mentioned, kind="questions.mention").exists()


def test_demo_is_idempotent(demo):
    before = _counts()

    call_command("load_demo_data", stdout=StringIO())

    assert _counts() == before
