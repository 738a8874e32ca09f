"""Factories for the models that had none yet (used by the registry tests)."""

import secrets

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from tests.events.factories import RegistrationFactory, SessionFactory
from tests.factories import MunicipalityFactory, UserFactory
from tests.knowledge.factories import SolutionFactory
from tests.seminars.factories import EnrolmentFactory as SeminarEnrolmentFactory
from tests.seminars.factories import ModuleFactory
from tests.strategies.factories import MeasureFactory, StrategyFactory
from tests.surveys.factories import QuestionFactory as SurveyQuestionFactory
from tests.surveys.factories import SurveyFactory
from voneinander.audit.models import AuditEvent
from voneinander.events.models import CalendarFeedToken, FeedbackReceipt, ReminderSent
from voneinander.knowledge.models import SolutionRevision
from voneinander.questions.models import NotificationSettings
from voneinander.seminars.models import ModuleFeedback, ModuleProgress
from voneinander.strategies.models import Collaborator, MeasureStatusChange, StrategyChange
from voneinander.surveys.models import Answer, Response


class EmailAddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmailAddress

    user = factory.SubFactory(UserFactory)
    email = factory.Sequence(lambda n: f"zweitadresse{n}@example.org")
    verified = True
    primary = False


class AuthenticatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authenticator

    user = factory.SubFactory(UserFactory)
    type = Authenticator.Type.TOTP
    data = factory.LazyFunction(lambda: {"secret": secrets.token_hex(10)})


class AuditEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEvent

    actor = factory.SubFactory(UserFactory)
    actor_label = factory.LazyAttribute(lambda o: o.actor.email)
    action = "auth.login"


class CalendarFeedTokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarFeedToken

    user = factory.SubFactory(UserFactory)
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))


class ReminderSentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReminderSent

    registration = factory.SubFactory(RegistrationFactory)
    hours = 24


class FeedbackReceiptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackReceipt

    session = factory.SubFactory(SessionFactory)
    user = factory.SubFactory(UserFactory)


class SolutionRevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SolutionRevision

    solution = factory.SubFactory(SolutionFactory)
    author = factory.SubFactory(UserFactory)
    note = "Beschreibung ergänzt"
    changed = factory.LazyFunction(lambda: {"summary": ["alt", "neu"]})


class NotificationSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotificationSettings

    user = factory.SubFactory(UserFactory)


class ResponseFactory(factory.django.DjangoModelFactory):
    """A personal response (the survey's per_municipality is not checked here)."""

    class Meta:
        model = Response

    survey = factory.SubFactory(SurveyFactory)
    per_municipality = False
    municipality = factory.SubFactory(MunicipalityFactory)
    user = factory.SubFactory(UserFactory)


class SurveyAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    question = factory.LazyAttribute(
        lambda o: SurveyQuestionFactory(survey=o.response.survey, kind="text")
    )
    text = "Mehr Austausch zwischen den Verwaltungen"


class EnrolmentFactory(SeminarEnrolmentFactory):
    user = factory.SubFactory(UserFactory)


class ModuleProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModuleProgress

    enrolment = factory.SubFactory(EnrolmentFactory)
    module = factory.LazyAttribute(lambda o: ModuleFactory(programme=o.enrolment.programme))


class ModuleFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModuleFeedback

    module = factory.SubFactory(ModuleFactory)
    user = factory.SubFactory(UserFactory)
    version_label = "2026"
    rating = 4


class CollaboratorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collaborator

    strategy = factory.SubFactory(StrategyFactory)
    user = factory.SubFactory(UserFactory)


class MeasureStatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasureStatusChange

    measure = factory.SubFactory(MeasureFactory, strategy=factory.SubFactory(StrategyFactory))
    status = "planned"
    changed_by = factory.SubFactory(UserFactory)


class StrategyChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategyChange

    strategy = factory.SubFactory(StrategyFactory)
    author = factory.SubFactory(UserFactory)
    summary = "Vision geändert"
