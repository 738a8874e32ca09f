import datetime

import factory
from allauth.account.models import EmailAddress

from voneinander.accounts.models import User
from voneinander.municipalities.models import Municipality, MunicipalityKind
from voneinander.networks.models import ContactPerson, Membership, Network, NetworkCoordinator

PASSWORD = "ein-sicheres-Passwort-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        self.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Musterstadt {n}")
    kind = MunicipalityKind.STADT
    population = 12000


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Netzwerk {n}")
    short_name = factory.Sequence(lambda n: f"NW{n}")
    slug = factory.Sequence(lambda n: f"netzwerk-{n}")
    operator = "Ministerium des Innern und für Sport Rheinland-Pfalz"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    network = factory.SubFactory(NetworkFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    member_since = datetime.date(2020, 1, 1)


class CoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkCoordinator

    network = factory.SubFactory(NetworkFactory)
    user = factory.SubFactory(UserFactory)


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    membership = factory.SubFactory(MembershipFactory)
    user = factory.SubFactory(UserFactory)
    is_primary = True
