from io import StringIO
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from voneinander.accounts.models import User
from voneinander.municipalities.demo import KREISFREIE_STAEDTE, LANDKREISE, PLACES
from voneinander.municipalities.models import Municipality
from voneinander.municipalities.models import MunicipalityKind as Kind
from voneinander.municipalities.services import import_gv100ad
from voneinander.networks.models import ContactPerson, Membership, Network

SAMPLE = Path(__file__).parents[1] / "municipalities" / "data" / "gv100ad-sample.txt"


def _load(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (User, Municipality, Network, Membership, ContactPerson)
    }


@pytest.mark.django_db
def test_demo_data_builds_both_networks(settings, tmp_path):
    _load(settings, tmp_path)
    dd = Network.objects.get(slug="digitale-doerfer-rlp")
    ikone = Network.objects.get(slug="ikone-ds")
    transfer = set(
        dd.memberships.filter(role="transfer").values_list("municipality__name", flat=True)
    )
    assert transfer == {"Eisenberg (Pfalz)", "Göllheim", "Betzdorf-Gebhardshain"}
    assert ikone.memberships.get(role="mentor").municipality.name == "Kaiserslautern"
    assert set(ikone.memberships.values_list("municipality__name", flat=True)) >= {
        "Andernach",
        "Speyer",
        "Wörth am Rhein",
        "Zweibrücken",
        "Bad Kreuznach",
        "Katzenelnbogen",
    }
    assert ikone in dd.sister_networks.all()
    goellheim = Municipality.objects.get(name="Göllheim", kind=Kind.VERBANDSGEMEINDE)
    assert goellheim.parent.name == "Donnersbergkreis"
    assert Municipality.objects.get(name="Speyer").population > 40000
    # Every membership with contact persons has exactly one primary contact.
    represented = Membership.objects.filter(contact_persons__isnull=False).distinct()
    assert ContactPerson.objects.filter(is_primary=True).count() == represented.count() == 6


@pytest.mark.django_db
def test_demo_data_is_idempotent_and_prints_passwords_once(settings, tmp_path):
    first = _load(settings, tmp_path)
    counts = _counts()
    second = _load(settings, tmp_path)
    assert _counts() == counts
    assert "koordination@mdi-rlp.example.org" in first
    assert "koordination@mdi-rlp.example.org" not in second
    credentials = (tmp_path / "demo-accounts.txt").read_text().splitlines()
    assert len(credentials) == User.objects.count()
    assert oct((tmp_path / "demo-accounts.txt").stat().st_mode & 0o777) == "0o600"
    for line in credentials:
        email, password, _role = line.split("\t")
        assert User.objects.get(email=email).check_password(password)
        assert EmailAddress.objects.get(email=email).verified


@pytest.mark.django_db
def test_demo_registry_holds_every_place_kreis_and_kreisfreie_stadt_of_rlp(settings, tmp_path):
    _load(settings, tmp_path)
    places = len(PLACES.read_text(encoding="utf-8").splitlines()) - 1
    assert places == 2250
    assert Municipality.objects.exclude(geonames_id=None).count() == places
    land = Municipality.objects.get(kind=Kind.LAND)
    assert (land.name, land.ags, land.ars) == ("Rheinland-Pfalz", "07", "07")
    kreise = Municipality.objects.filter(kind=Kind.LANDKREIS)
    assert sorted(kreise.values_list("ags", flat=True)) == sorted(k for k, _n, _s in LANDKREISE)
    assert len(LANDKREISE) == 24
    assert all(kreis.ags == kreis.ars and kreis.parent == land for kreis in kreise)
    assert Municipality.objects.get(ags="07232").name == "Eifelkreis Bitburg-Prüm"
    cities = Municipality.objects.filter(kind=Kind.KREISFREIE_STADT)
    assert {(c.ags, c.name) for c in cities} == set(KREISFREIE_STAEDTE)
    assert len(KREISFREIE_STAEDTE) == 12
    mainz = cities.get(ags="07315000")
    assert (mainz.ars, mainz.parent, mainz.population) == ("073150000000", land, 222889)
    # GeoNames writes "Frankenthal": the place is the city, not a second municipality.
    assert Municipality.objects.get(geonames_id=2925550).ags == "07311000"
    # Gemeinden and Verbandsgemeinden get no invented keys.
    assert not Municipality.objects.filter(
        kind__in=[Kind.VERBANDSGEMEINDE, Kind.ORTSGEMEINDE], ags__isnull=False
    ).exists()


@pytest.mark.django_db
def test_demo_verbandsgemeinden_are_wired_to_their_gemeinden(settings, tmp_path):
    _load(settings, tmp_path)
    goellheim = Municipality.objects.get(name="Göllheim", kind=Kind.VERBANDSGEMEINDE)
    assert goellheim.parent.ags == "07333"
    assert sorted(goellheim.children.values_list("name", flat=True)) == [
        "Albisheim (Pfrimm)",
        "Biedesheim",
        "Bubenheim",
        "Dreisen",
        "Einselthum",
        "Göllheim",
        "Immesheim",
        "Lautersheim",
        "Ottersheim",
        "Rüssingen",
        "Standenbühl",
        "Weitersweiler",
        "Zellertal",
    ]
    # Of two places with one name, the one in the Donnersbergkreis.
    assert goellheim.children.get(name="Ottersheim").geonames_id == 2855999
    assert Municipality.objects.get(geonames_id=2856000, parent=None).name == "Ottersheim"
    eisenberg = Municipality.objects.get(name="Eisenberg (Pfalz)", kind=Kind.VERBANDSGEMEINDE)
    assert {(m.name, m.kind) for m in eisenberg.children.all()} == {
        ("Eisenberg (Pfalz)", Kind.STADT),
        ("Kerzenheim", Kind.ORTSGEMEINDE),
        ("Ramsen", Kind.ORTSGEMEINDE),
    }
    # The GeoNames place "Eisenberg" became the Stadt; it was not created twice.
    assert not Municipality.objects.filter(name="Eisenberg").exists()
    verbandsgemeinden = Municipality.objects.filter(kind=Kind.VERBANDSGEMEINDE)
    assert {vg.parent.kind for vg in verbandsgemeinden} == {Kind.LANDKREIS}
    memberships = Membership.objects.select_related("municipality__parent")
    assert all(m.municipality.parent is not None for m in memberships)


@pytest.mark.django_db
def test_demo_data_after_a_gv100ad_import_creates_no_duplicates(settings, tmp_path):
    import_gv100ad(lines=SAMPLE.read_text(encoding="utf-8").splitlines(), source="sample")
    imported = {m.ars: m.pk for m in Municipality.objects.all()}
    _load(settings, tmp_path)
    counts = _counts()
    _load(settings, tmp_path)
    assert _counts() == counts
    for ars, pk in imported.items():
        assert Municipality.objects.get(ars=ars).pk == pk
    for name, kind in [
        ("Göllheim", Kind.VERBANDSGEMEINDE),
        ("Göllheim", Kind.ORTSGEMEINDE),
        ("Dreisen", Kind.ORTSGEMEINDE),
        ("Eisenberg (Pfalz)", Kind.STADT),
        ("Eisenberg (Pfalz)", Kind.VERBANDSGEMEINDE),
        ("Kaiserslautern", Kind.KREISFREIE_STADT),
        ("Donnersbergkreis", Kind.LANDKREIS),
        ("Rheinland-Pfalz", Kind.LAND),
    ]:
        assert Municipality.objects.filter(name=name, kind=kind).count() == 1, name
    dreisen = Municipality.objects.get(name="Dreisen")
    assert (dreisen.ags, dreisen.parent.ars) == ("07333014", "073335002")
    assert dreisen.geonames_id == 2935095  # the place import linked it
    goellheim = Municipality.objects.get(ars="073335002")
    assert goellheim.children.count() == 13


@pytest.mark.django_db
def test_demo_data_gives_keys_to_an_older_demo_registry(settings, tmp_path):
    land = Municipality.objects.create(name="Rheinland-Pfalz", kind=Kind.LAND)
    kreis = Municipality.objects.create(name="Donnersbergkreis", kind=Kind.LANDKREIS, parent=land)
    vg = Municipality.objects.create(name="Göllheim", kind=Kind.VERBANDSGEMEINDE, parent=kreis)
    _load(settings, tmp_path)
    kreis.refresh_from_db()
    assert kreis.ags == "07333"
    assert Municipality.objects.get(name="Göllheim", kind=Kind.VERBANDSGEMEINDE) == vg
    assert Municipality.objects.filter(kind=Kind.LAND).get() == land


@pytest.mark.django_db
def test_demo_members_have_a_history_one_left_and_one_claim_waits(settings, tmp_path):
    _load(settings, tmp_path)
    memberships = Membership.objects.all()
    assert memberships.count() >= 40
    assert {m.member_since.year for m in memberships} == set(range(2019, 2027))
    left = memberships.get(status="left")
    assert (left.municipality.name, left.left_on.isoformat()) == ("Pirmasens", "2024-06-30")
    for membership in memberships.select_related("network"):
        assert set(membership.topic_focuses) <= set(membership.network.topics)
        assert membership.network.accepts(membership.municipality.kind)
    # One claim waits for a contact person of a member municipality (VG Göllheim).
    claims = User.objects.filter(
        municipality__memberships__status="active", municipality_confirmed_at=None
    ).distinct()
    assert [(u.email, u.municipality.name) for u in claims] == [
        ("neu@vg-goellheim.example.org", "Göllheim")
    ]
    visibilities = set(
        ContactPerson.objects.values_list("user__contact_visibility", flat=True).distinct()
    )
    assert visibilities == {"public", "network", "nobody"}


@pytest.mark.django_db
def test_demo_passwords_are_random(settings, tmp_path):
    _load(settings, tmp_path)
    first = (tmp_path / "demo-accounts.txt").read_text()
    User.objects.all().delete()
    (tmp_path / "demo-accounts.txt").unlink()
    _load(settings, tmp_path)
    assert (tmp_path / "demo-accounts.txt").read_text() != first


@pytest.mark.django_db
def test_ensure_superuser_from_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "Chefin@Example.org")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "ein-langes-Passwort-9")
    first, second = StringIO(), StringIO()
    call_command("ensure_superuser", stdout=first)
    call_command("ensure_superuser", stdout=second)  # a second run changes nothing
    assert first.getvalue() == "Admin chefin@example.org created.\n"
    assert second.getvalue() == ""
    admin = User.objects.get()
    assert (admin.email, admin.is_superuser, admin.is_staff) == ("chefin@example.org", True, True)
    assert admin.check_password("ein-langes-Passwort-9")
