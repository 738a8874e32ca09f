"""Factories for working groups.

`WorkingGroupFactory(network=..., lead=user)` makes `user` the group's active
lead (default: a new person of a new member municipality of the network).
`GroupMemberFactory(group=..., user=...)` is an active member unless `status=`
says otherwise. `person_in(network)` is a new confirmed member of a network.
"""

import factory
from django.utils import timezone

from tests.factories import MembershipFactory, UserFactory
from voneinander.workinggroups.models import (
    Discussion,
    Document,
    DocumentVersion,
    Folder,
    GroupMember,
    GroupRole,
    MemberStatus,
    Post,
    Result,
    WorkingGroup,
)


def person_in(network, **extra):
    """A person with a confirmed affiliation to a new member municipality of `network`."""
    membership = MembershipFactory(network=network)
    return UserFactory(
        municipality=membership.municipality, municipality_confirmed_at=timezone.now(), **extra
    )


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"AG Digitale Verwaltung {n}")
    slug = factory.Sequence(lambda n: f"ag-{n}")
    network = factory.SubFactory("tests.factories.NetworkFactory")
    description = "Wir tauschen uns über **gute Beispiele** aus."
    is_private = False

    @factory.post_generation
    def lead(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        GroupMemberFactory(
            group=self, user=extracted or person_in(self.network), role=GroupRole.LEAD
        )

    @factory.post_generation
    def shared_with(self, create, extracted, **kwargs):
        if create and extracted:
            self.shared_with.set(extracted)


class GroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMember

    group = factory.SubFactory(WorkingGroupFactory)
    user = factory.LazyAttribute(lambda o: person_in(o.group.network))
    role = GroupRole.MEMBER
    status = MemberStatus.ACTIVE
    joined_at = factory.LazyFunction(timezone.now)


class DiscussionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Discussion

    group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Diskussion {n}")
    last_post_at = factory.LazyFunction(timezone.now)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    discussion = factory.SubFactory(DiscussionFactory)
    text = "Ein Beitrag mit *Markdown*."


class FolderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Folder

    group = factory.SubFactory(WorkingGroupFactory)
    name = factory.Sequence(lambda n: f"Ordner {n}")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Protokoll {n}")


class DocumentVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentVersion

    document = factory.SubFactory(DocumentFactory)
    number = factory.Sequence(lambda n: n + 1)
    file = factory.django.FileField(data=b"Protokoll der Sitzung\n", filename="protokoll.txt")
    original_name = "protokoll.txt"
    content_type = "text/plain; charset=utf-8"
    size = 22
    text = "Protokoll der Sitzung"


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Empfehlung {n}")
    text = "Die Gruppe empfiehlt …"
    published_on = factory.LazyFunction(timezone.localdate)
