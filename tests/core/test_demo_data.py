from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from voneinander.accounts.models import User
from voneinander.municipalities.models import Municipality
from voneinander.networks.models import ContactPerson, Membership, Network


def _load(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


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
    assert Municipality.objects.get(name="Göllheim").parent.name == "Donnersbergkreis"
    assert Municipality.objects.get(name="Speyer").population > 40000
    assert ContactPerson.objects.filter(is_primary=True).count() == 3


@pytest.mark.django_db
def test_demo_data_is_idempotent_and_prints_passwords_once(settings, tmp_path):
    first = _load(settings, tmp_path)
    counts = (User.objects.count(), Membership.objects.count(), Municipality.objects.count())
    second = _load(settings, tmp_path)
    assert counts == (
        User.objects.count(),
        Membership.objects.count(),
        Municipality.objects.count(),
    )
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
