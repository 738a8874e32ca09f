import pytest

from voneinander.municipalities.names import NameIndex, fold, name_keys


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Zweibrücken", "zweibruecken"),
        ("Zweibruecken", "zweibruecken"),
        ("ZWEIBRÜCKEN", "zweibruecken"),
        ("Zweibru\u0308cken", "zweibruecken"),  # decomposed ü
        ("Großkarlbach", "grosskarlbach"),
        ("St. Goar", "sankt goar"),
        ("Sankt Goar", "sankt goar"),
        ("Bad-Kreuznach", "bad kreuznach"),
        ("Bad  Kreuznach", "bad kreuznach"),
    ],
)
def test_fold_variants_agree(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("Eisenberg (Pfalz), Stadt", ("eisenberg pfalz", "eisenberg")),
        ("Frankenthal (Pfalz)", ("frankenthal pfalz", "frankenthal")),
        ("Neustadt/Westerwald", ("neustadt westerwald", "neustadt")),
        ("Bad Kreuznach", ("bad kreuznach", "bad kreuznach")),
    ],
)
def test_name_keys_full_and_base(name, keys):
    assert name_keys(name) == keys


def test_name_index_finds_across_qualifiers():
    index = NameIndex()
    index.add("RP", "Eisenberg (Pfalz)", "registry")
    index.add("RP", "Frankenthal", "place")

    assert index.find("RP", "Eisenberg") == ["registry"]
    assert index.find("RP", "Eisenberg (Pfalz), Stadt") == ["registry"]
    assert index.find("RP", "Frankenthal (Pfalz)") == ["place"]
    assert index.find("TH", "Eisenberg") == []


def test_name_index_different_qualifiers_do_not_match():
    index = NameIndex()
    index.add("RP", "Neustadt (Wied)", "wied")
    index.add("RP", "Neustadt (Westerwald)", "westerwald")

    assert index.find("RP", "Neustadt/Westerwald") == ["westerwald"]
    assert index.find("RP", "Neustadt (Weinstraße)") == []
    assert index.find("RP", "Neustadt") == ["wied", "westerwald"]
    assert index.contains_base("RP", "Neustadt (Weinstraße)") is True
    assert index.contains_base("RP", "Altstadt") is False
