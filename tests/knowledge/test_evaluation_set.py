"""The matching evaluation set (bench/data/matching_evaluation.json) fits the demo catalogue."""

import json
import re
from pathlib import Path

import pytest

from voneinander.knowledge.demo_catalogue import SOLUTIONS
from voneinander.municipalities.demo import KREISFREIE_STAEDTE
from voneinander.networks import demo as networks_demo

EVALUATION = Path(__file__).parents[2] / "bench" / "data" / "matching_evaluation.json"


@pytest.fixture(scope="module")
def evaluation():
    return json.loads(EVALUATION.read_text(encoding="utf-8"))


def test_evaluation_set_parses_with_description_and_judge(evaluation):
    assert set(evaluation) == {"description", "judged_by", "items"}
    assert evaluation["description"].strip()
    assert evaluation["judged_by"].strip()
    assert len(evaluation["items"]) >= 40


def test_evaluation_set_ids_are_unique(evaluation):
    ids = [item["id"] for item in evaluation["items"]]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"c\d{2}", item_id) for item_id in ids)


def test_evaluation_set_relevant_solutions_exist_in_the_demo_catalogue(evaluation):
    slugs = {spec["slug"] for spec in SOLUTIONS}
    for item in evaluation["items"]:
        relevant = item["relevant"]
        assert 1 <= len(relevant) <= 5, item["id"]
        assert len(set(relevant)) == len(relevant), item["id"]
        assert set(relevant) <= slugs, item["id"]


def test_evaluation_set_challenges_are_short_and_do_not_repeat_titles(evaluation):
    titles = {spec["slug"]: spec["title"].lower() for spec in SOLUTIONS}
    for item in evaluation["items"]:
        challenge = item["challenge"]
        sentences = re.findall(r"[.?!](?:\s|$)", challenge)
        assert 1 <= len(sentences) <= 4, item["id"]
        for slug in item["relevant"]:
            assert titles[slug] not in challenge.lower(), item["id"]
        assert set(item) <= {"id", "challenge", "relevant", "municipality", "note"}


def test_evaluation_set_askers_are_demo_members(evaluation):
    members = {
        (member.name, member.kind) for spec in networks_demo.NETWORKS for member in spec["members"]
    }
    keys = {name: ags for ags, name in KREISFREIE_STAEDTE}
    owners = {spec["slug"]: spec["owner"] for spec in SOLUTIONS}
    asking = [item for item in evaluation["items"] if "municipality" in item]
    assert len(asking) >= 30
    for item in asking:
        municipality = item["municipality"]
        assert (municipality["name"], municipality["kind"]) in members, item["id"]
        assert municipality["ags"] == keys.get(municipality["name"]), item["id"]
        # Nobody asks for what they run themselves.
        assert all(owners[slug] != municipality["name"] for slug in item["relevant"]), item["id"]
