"""Pabulib files: read what pabulib.org publishes, write what pabutools reads back, and name
the line of whatever is wrong; the pb_select command prints the winners of a file."""

import random
import subprocess
import sys
from fractions import Fraction
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tenant_apps.voting.pabulib import (
    PabulibError,
    election_to_pabulib,
    read_pabulib,
)
from tenant_apps.voting.selection import APPROVAL, CUMULATIVE, METHODS, ORDINAL, select
from tenant_apps.voting.tests.generate import random_election

ROOT = Path(__file__).resolve().parents[3]

WARSAW_LIKE = """META
key;value
description;Municipal PB in a district
country;Poland
unit;Warszawa
instance;2023
num_projects;4
num_votes;6
budget;1000000,50
vote_type;approval
rule;greedy
min_length;1
max_length;3
PROJECTS
project_id;cost;votes;name;category
1;600000;4;Green square;environment,public space
2;400000,50;3;Bike lanes;transport
3;300000;2;"Library; evenings";education
4;0;0;Volunteers' map;none
VOTES
voter_id;age;sex;vote
1;34;F;1,2
2;51;M;1,3
3;29;F;1
4;62;M;2,3
5;18;F;1,2
6;40;M;
"""


def pabutools_parse(text: str):
    from pabutools.election.pabulib import parse_pabulib_from_string

    return parse_pabulib_from_string(text)


def test_a_published_file_is_read_with_its_columns_and_decimal_comma():
    data = read_pabulib(WARSAW_LIKE)
    assert data.meta["unit"] == "Warszawa"
    assert data.budget == Fraction("1000000.50")
    assert data.costs == {"1": 600000, "2": Fraction("400000.50"), "3": 300000, "4": 0}
    assert data.projects[2]["name"] == "Library; evenings"
    assert data.vote_type == APPROVAL
    assert data.ballots[0] == ("1", "2") and data.ballots[5] == ()
    assert data.votes[1]["age"] == "51"


@pytest.mark.parametrize("vote_type", [APPROVAL, CUMULATIVE, ORDINAL])
def test_a_written_file_reads_back_the_same_here_and_in_pabutools(vote_type):
    rng = random.Random(vote_type)  # noqa: S311 (generated votes, not secrets)
    election = random_election(rng, vote_type=vote_type, projects=8, voters=30, decimal=0.5)
    text = election_to_pabulib(election, meta={"description": "Paperless city hall"})
    again = read_pabulib(text).election()
    assert again == election
    instance, profile = pabutools_parse(text)
    assert instance.budget_limit == election.budget
    assert {p.name: p.cost for p in instance} == election.costs
    assert len(profile) == len(election.ballots)
    for method, (kind, _) in METHODS.items():
        if kind == vote_type:
            assert select(again, method) == select(election, method)


@pytest.mark.parametrize(("text", "message"), [
    ("PROJECTS\nproject_id;cost\n", "the section META is missing"),
    ("hello\n", "line 1: expected a section name"),
    ("META\nkey;value\nbudget;100\nPROJECTS\nproject_id;cost\n1;10\nVOTES\nvoter_id;vote\n",
     "META has no vote_type"),
    ("META\nkey;value\nvote_type;approval\nbudget;lots\nPROJECTS\nproject_id;cost\n"
     "VOTES\nvoter_id;vote\n", "the budget 'lots' is not a number"),
    ("META\nkey;value\nvote_type;approval\nbudget;100\nPROJECTS\nproject_id;cost\n1;10\n"
     "1;20\nVOTES\nvoter_id;vote\n", "line 8: the project 1 is listed twice"),
    ("META\nkey;value\nvote_type;approval\nbudget;100\nPROJECTS\nproject_id;cost\n1;ten\n"
     "VOTES\nvoter_id;vote\n", "line 7: the cost 'ten' is not a number"),
    ("META\nkey;value\nvote_type;approval\nbudget;100\nPROJECTS\nproject_id;cost\n1;-5\n"
     "VOTES\nvoter_id;vote\n", "line 7: the cost '-5' is negative"),
    ("META\nkey;value\nvote_type;approval\nbudget;100\nPROJECTS\nproject_id;cost\n1;10\n"
     "VOTES\nvoter_id;vote\nv1;1,2\n", "line 10: the vote names an unknown project '2'"),
    ("META\nkey;value\nvote_type;approval\nbudget;100\nPROJECTS\nproject_id;cost\n1;10\n"
     "VOTES\nvoter_id;vote\nv1;1;extra\n", "line 10: 3 fields where the header"),
    ("META\nkey;value\nvote_type;ordinal\nbudget;100\nPROJECTS\nproject_id;cost\n1;10\n"
     "VOTES\nvoter_id;vote\nv1;1,1\n", "line 10: the vote names a project twice"),
    ("META\nkey;value\nvote_type;cumulative\nbudget;100\nPROJECTS\nproject_id;cost\n1;10\n"
     "2;5\nVOTES\nvoter_id;vote;points\nv1;1,2;3\n", "line 11: 2 projects but 1 points"),
    ("META\nkey;value\nvote_type;quadratic\nbudget;100\nPROJECTS\nproject_id;cost\n"
     "VOTES\nvoter_id;vote\n", "unknown vote_type 'quadratic'"),
    ("META\nkey;value\nvote_type;approval\nbudget;100\nPROJECTS\nid;price\n1;10\n"
     "VOTES\nvoter_id;vote\n", "line 6: PROJECTS needs the columns project_id and cost"),
    ("META\nkey;value\nvote_type;approval\nbudget;100\nPROJECTS\nproject_id;cost\n1;10\n",
     "the section VOTES is missing"),
])
def test_a_malformed_file_is_refused_naming_the_line(text, message):
    with pytest.raises(PabulibError, match=message):
        read_pabulib(text)


def write(tmp_path: Path, text: str, name: str = "vote.pb") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def pb_select(path: Path, method: str) -> list[str]:
    out = StringIO()
    call_command("pb_select", str(path), method=method, stdout=out)
    return out.getvalue().split()


def test_pb_select_prints_the_winners_one_per_line(tmp_path):
    path = write(tmp_path, WARSAW_LIKE)
    # Votes: 1 → 4, 2 → 3, 3 → 2. Greedy by votes takes 1 and 2, which use the budget to the
    # cent; 3 no longer fits; 4 costs nothing.
    assert pb_select(path, "greedy") == ["1", "2", "4"]
    assert set(pb_select(path, "mes_add1_greedy")) >= set(pb_select(path, "mes_add1"))


@pytest.mark.parametrize("vote_type", [APPROVAL, CUMULATIVE, ORDINAL])
def test_pb_select_gives_pabutools_outcome_for_every_method(tmp_path, vote_type):
    from tenant_apps.voting.tests.generate import pabutools_select

    rng = random.Random(f"cli-{vote_type}")  # noqa: S311 (generated votes, not secrets)
    election = random_election(rng, vote_type=vote_type, projects=9, voters=40)
    path = write(tmp_path, election_to_pabulib(election))
    for method, (kind, _) in METHODS.items():
        if kind == vote_type:
            assert sorted(pb_select(path, method)) == sorted(pabutools_select(election, method))


def test_pb_select_refuses_a_method_for_another_ballot_type(tmp_path):
    path = write(tmp_path, WARSAW_LIKE)
    with pytest.raises(CommandError, match="mes_borda needs ordinal ballots"):
        pb_select(path, "mes_borda")


def test_pb_select_names_the_bad_line_and_exits_non_zero(tmp_path):
    bad = write(tmp_path, WARSAW_LIKE.replace("2;400000,50;3", "2;four hundred;3"))
    result = subprocess.run(
        [sys.executable, "manage.py", "pb_select", str(bad), "--method", "greedy"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode != 0
    assert "line 17: the cost 'four hundred' is not a number" in result.stderr
    assert result.stdout == ""
    result = subprocess.run(
        [sys.executable, "manage.py", "pb_select", str(write(tmp_path, WARSAW_LIKE)),
         "--method", "greedy_borda"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode != 0
    assert "greedy_borda needs ordinal ballots" in result.stderr
    with pytest.raises(CommandError, match="no such file"):
        pb_select(tmp_path / "missing.pb", "greedy")
