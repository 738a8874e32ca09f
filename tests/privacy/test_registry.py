"""The registry of personal data is complete, and the export carries every personal field.

Adding a model or a field without classifying it in `voneinander/accounts/privacy.py`
(personal, with the relation to the person; or not personal, with a reason) fails here.
"""

import io
import json
import zipfile

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, models, transaction
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory
from tests.privacy.registry_support import factories, marker
from voneinander.accounts import privacy
from voneinander.accounts.privacy import (
    ANONYMISE,
    CLEAR,
    DELETE,
    DETACH,
    KEEP,
    REGISTRY,
    THIRD_PARTY,
    collect,
    export_personal_data,
)

pytestmark = [pytest.mark.trust("Data export"), pytest.mark.django_db]

User = get_user_model()


def _project_models():
    return [m for m in apps.get_models() if m.__module__.startswith("voneinander.")]


def _links_to_user(model):
    """Concrete fields and many-to-many links of `model` that point to a person."""
    return [
        f
        for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if f.is_relation and f.related_model is User
    ]


def test_registry_covers_every_project_model_and_nothing_else():
    registered = [entry.model for entry in REGISTRY]
    assert len(registered) == len(set(registered)), "a model is registered twice"
    expected = {m._meta.label for m in _project_models()} | set(THIRD_PARTY)
    assert set(registered) - expected == set(), "registered models that do not exist"
    assert expected - set(registered) == set(), "models missing from privacy.REGISTRY"


def test_every_field_is_classified_as_personal_or_with_a_reason():
    problems = []
    for entry in REGISTRY:
        model = entry.get_model()
        fields = {f.name for f in model._meta.concrete_fields}
        fields |= {f.name for f in _links_to_user(model)}
        personal = set()
        paths = set()
        for relation in entry.relations:
            personal |= set(relation.fields)
            if "__" not in relation.path and relation.path != "pk":
                paths.add(relation.path)
        other = {name for names in entry.other.values() for name in names}
        for reason in entry.other:
            assert reason.strip(), f"{entry.model}: a reason is empty"
        unknown = (personal | other | paths) - fields
        if unknown:
            problems.append(f"{entry.model}: unknown fields {sorted(unknown)}")
        unclassified = fields - personal - other - paths
        if unclassified:
            problems.append(f"{entry.model}: unclassified fields {sorted(unclassified)}")
        for link in _links_to_user(model):
            if link.name not in paths and link.name not in other:
                problems.append(
                    f"{entry.model}.{link.name}: a link to a person must be a relation"
                    " or carry a reason"
                )
    assert problems == []


def test_every_relation_resolves_and_has_a_valid_erase_rule():
    person = UserFactory()
    for entry in REGISTRY:
        model = entry.get_model()
        for relation in entry.relations:
            assert relation.erase in (KEEP, DELETE, CLEAR, DETACH, ANONYMISE), entry.model
            # The lookup is valid (raises FieldError otherwise).
            list(privacy.rows_of(model, relation, person))
            if relation.erase == CLEAR:
                assert relation.clear, f"{entry.model}: CLEAR without fields"
                for name in relation.clear:
                    model._meta.get_field(name)
            if relation.erase == DETACH:
                link = model._meta.get_field(relation.path)
                assert link.many_to_many or link.null, f"{entry.model}.{relation.path}"
            if relation.erase == ANONYMISE:
                assert entry.model == "accounts.User"


def _attach(instance, path: str, person) -> None:
    hops = path.split("__")
    target = instance
    for hop in hops[:-1]:
        target = getattr(target, hop)
    link = target._meta.get_field(hops[-1])
    if link.many_to_many:
        getattr(target, hops[-1]).add(person)
    else:
        type(target)._default_manager.filter(pk=target.pk).update(**{hops[-1]: person})


def _fill_markers(model, pk, names) -> dict:
    """Give every free-text personal field a value of its own; store a file in file fields."""
    updates = {}
    for name in names:
        field = model._meta.get_field(name)
        if name == "id" or field.choices:
            continue
        if isinstance(field, models.FileField):
            stored = default_storage.save(
                f"privacy-test/{model._meta.label_lower}/{pk}-{name}.txt",
                ContentFile(f"file of {model._meta.label} {pk}".encode()),
            )
            updates[name] = stored
        elif isinstance(field, (models.CharField, models.TextField)):
            value = marker()
            updates[name] = value[: field.max_length] if field.max_length else value
        elif isinstance(field, models.JSONField):
            updates[name] = {"note": marker()}
    filled = {}
    for name, value in updates.items():
        # One by one: a constraint may allow only some of them (a file or a link).
        try:
            with transaction.atomic():
                model._default_manager.filter(pk=pk).update(**{name: value})
        except IntegrityError:
            continue
        filled[name] = value
    return filled


def _plant_everything(person) -> list:
    planted = []
    known = factories()
    for entry in REGISTRY:
        model = entry.get_model()
        for relation in entry.relations:
            if relation.path == "pk":
                instance = person
            else:
                assert entry.model in known, f"no factory for {entry.model}"
                instance = known[entry.model]()
                _attach(instance, relation.path, person)
            filled = _fill_markers(model, instance.pk, relation.fields)
            planted.append((entry, relation, instance.pk, filled))
    return planted


def _as_json(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _read_archive(archive) -> tuple[dict, zipfile.ZipFile]:
    with archive:
        zipped = zipfile.ZipFile(io.BytesIO(archive.read()))
    return json.loads(zipped.read("personal-data.json")), zipped


def test_export_carries_every_personal_field_of_every_relation():
    person = UserFactory()
    planted = _plant_everything(person)

    document, zipped = _read_archive(export_personal_data(user=person))

    records = {(r["model"], r["relation"]): r["rows"] for r in document["records"]}
    assert document["missing_files"] == []
    for entry, relation, pk, filled in planted:
        model = entry.get_model()
        stored = model._default_manager.filter(pk=pk).values(*relation.fields).get()
        if relation.redact is not None:
            stored = relation.redact(stored, person)
        stored = _as_json(stored)
        rows = [row for row in records[(entry.model, relation.path)] if row["id"] == pk]
        assert len(rows) == 1, f"{entry.model} via {relation.path}: row {pk} not exported"
        [row] = rows
        assert set(row) == set(stored), (entry.model, relation.path)
        for name in stored:
            field = model._meta.get_field(name)
            if isinstance(field, models.FileField) and name in filled:
                assert row[name]["stored_as"] == stored[name], (entry.model, name)
                content = zipped.read(row[name]["in_archive"]).decode()
                assert content == f"file of {entry.model} {pk}"
            elif isinstance(field, models.FileField):
                assert (row[name] or {}).get("stored_as", "") == stored[name]
            else:
                assert row[name] == stored[name], (entry.model, relation.path, name)
                if name in filled and isinstance(field, (models.CharField, models.TextField)):
                    assert str(stored[name]).startswith("pii"), (entry.model, name)


def test_export_leaves_out_secrets_and_other_peoples_rows():
    from tests.api.factories import ApiTokenFactory
    from tests.events.factories import RegistrationFactory

    person = UserFactory()
    other = UserFactory()
    token = ApiTokenFactory(user=person)
    RegistrationFactory(user=other, answers={"1": "Nur fremde Antwort"})

    document, _zipped = collect(person)
    text = json.dumps(document, cls=DjangoJSONEncoder)

    assert token.key_hash not in text
    assert person.password not in text
    assert "Nur fremde Antwort" not in text
    assert other.email not in text


def _queries_of_export(person) -> int:
    with CaptureQueriesContext(connection) as context:
        collect(person)
    return len(context.captured_queries)


def test_export_query_count_does_not_grow_with_the_rows(django_assert_max_num_queries):
    from tests.events.factories import RegistrationFactory
    from tests.questions.factories import AnswerFactory, QuestionFactory

    one = UserFactory()
    RegistrationFactory(user=one)
    QuestionFactory(author=one)
    AnswerFactory(author=one)
    queries = _queries_of_export(one)

    many = UserFactory()
    for _ in range(4):
        RegistrationFactory(user=many)
        QuestionFactory(author=many)
        AnswerFactory(author=many)
    with django_assert_max_num_queries(queries):
        collect(many)
