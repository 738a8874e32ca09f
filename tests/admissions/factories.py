import factory

from tests.admissions.pdfs import letter_pdf
from tests.factories import MunicipalityFactory, NetworkFactory, UserFactory
from voneinander.admissions.models import Application


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    network = factory.SubFactory(NetworkFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    applicant = factory.SubFactory(UserFactory)
    letter = factory.django.FileField(filename="brief.pdf", data=letter_pdf())
    letter_name = "brief.pdf"
