"""Pabulib `.pb` files (pabulib.org), the exchange format of participatory-budgeting data.

A file has three sections, each a semicolon-separated table after a line naming it:
META (key;value rows: vote_type, budget, ...), PROJECTS (a header with project_id and cost,
then one row per project) and VOTES (a header with voter_id and vote, plus points for
cumulative ballots, then one row per voter). Costs and budgets may have decimals. Pure
Python, no Django: `read_pabulib` turns text into a `PabulibFile` (errors name the line),
`write_pabulib` does the reverse.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from fractions import Fraction

from tenant_apps.voting.selection import APPROVAL, CUMULATIVE, ORDINAL, Election

SECTIONS = ("meta", "projects", "votes")
# Pabulib's vote types, and the kind of ballot each one is for the selection rules.
VOTE_TYPES = {"approval": APPROVAL, "choose-1": APPROVAL, "cumulative": CUMULATIVE,
              "scoring": CUMULATIVE, "ordinal": ORDINAL}


class PabulibError(ValueError):
    """A malformed file; the message names the line."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass
class PabulibFile:
    """The content of a `.pb` file: every column is kept, as text, besides the parsed
    budget, costs and ballots."""

    meta: dict[str, str] = field(default_factory=dict)
    projects: list[dict[str, str]] = field(default_factory=list)
    votes: list[dict[str, str]] = field(default_factory=list)
    budget: Fraction = Fraction(0)
    costs: dict[str, Fraction] = field(default_factory=dict)
    vote_type: str = APPROVAL
    ballots: list[tuple] = field(default_factory=list)

    def election(self) -> Election:
        return Election(budget=self.budget, costs=dict(self.costs), vote_type=self.vote_type,
                        ballots=list(self.ballots))


def parse_amount(text: str, what: str, line: int | None = None, *,
                 allow_negative: bool = False) -> Fraction:
    """A cost, budget or number of points: an integer or a decimal, with a dot or a comma."""
    cleaned = text.strip().replace(",", ".")
    try:
        if not cleaned or cleaned.lower() in {"nan", "inf", "-inf", "infinity"}:
            raise ValueError
        value = Fraction(cleaned)
    except (ValueError, ZeroDivisionError):
        raise PabulibError(f"{what} {text.strip()!r} is not a number", line) from None
    if value < 0 and not allow_negative:
        raise PabulibError(f"{what} {text.strip()!r} is negative", line)
    return value


def _ids(text: str) -> list[str]:
    if not text.strip() or text.strip().lower() == "none":
        return []
    return [part.strip() for part in text.split(",")]


def read_pabulib(text: str) -> PabulibFile:
    """Parses a `.pb` file's text. Raises PabulibError naming the line of the first problem."""
    result = PabulibFile()
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter=";")
    section = None
    header: list[str] = []
    header_line = 0
    seen: set[str] = set()
    rows: dict[str, list[tuple[int, dict]]] = {"projects": [], "votes": []}
    try:
        for row in reader:
            line = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            name = row[0].strip().lower()
            if name in SECTIONS and len([c for c in row if c.strip()]) == 1:
                if name in seen:
                    raise PabulibError(f"the section {name.upper()} appears twice", line)
                seen.add(name)
                section = name
                header = []
                if section != "meta":
                    header_row = next(reader, None)
                    header_line = reader.line_num
                    if header_row is None:
                        raise PabulibError(f"the section {name.upper()} has no header line",
                                           line)
                    header = [cell.strip() for cell in header_row]
                    if len(set(header)) != len(header):
                        raise PabulibError("a column name appears twice", header_line)
                else:
                    # META's first row may be a "key;value" header.
                    pass
                continue
            if section is None:
                raise PabulibError("expected a section name (META, PROJECTS or VOTES)", line)
            if section == "meta":
                if len(row) < 2:
                    raise PabulibError("a META line needs a key and a value", line)
                key, value = row[0].strip(), row[1].strip()
                if (key, value) == ("key", "value"):
                    continue
                result.meta[key] = value
                continue
            if len(row) != len(header):
                raise PabulibError(
                    f"{len(row)} fields where the header (line {header_line}) has "
                    f"{len(header)}", line)
            rows[section].append((line, {k: v.strip() for k, v in zip(header, row,
                                                                      strict=True)}))
    except csv.Error as error:
        raise PabulibError(f"unreadable CSV: {error}", reader.line_num) from None

    for name in SECTIONS:
        if name not in seen:
            raise PabulibError(f"the section {name.upper()} is missing")
    meta = result.meta
    if "vote_type" not in meta:
        raise PabulibError("META has no vote_type")
    vote_type = meta["vote_type"].strip().lower()
    if vote_type not in VOTE_TYPES:
        raise PabulibError(f"unknown vote_type {meta['vote_type']!r}; expected one of "
                           f"{', '.join(VOTE_TYPES)}")
    result.vote_type = VOTE_TYPES[vote_type]
    if "budget" not in meta:
        raise PabulibError("META has no budget")
    result.budget = parse_amount(meta["budget"], "the budget")

    for line, project in rows["projects"]:
        if "project_id" not in project or "cost" not in project:
            raise PabulibError("PROJECTS needs the columns project_id and cost", line - 1)
        project_id = project["project_id"]
        if not project_id or "," in project_id:
            raise PabulibError(f"invalid project id {project_id!r}", line)
        if project_id in result.costs:
            raise PabulibError(f"the project {project_id} is listed twice", line)
        result.costs[project_id] = parse_amount(project["cost"], "the cost", line)
        result.projects.append(project)

    for line, vote in rows["votes"]:
        if "vote" not in vote:
            raise PabulibError("VOTES needs the column vote", line - 1)
        chosen = _ids(vote["vote"])
        for project_id in chosen:
            if project_id not in result.costs:
                raise PabulibError(f"the vote names an unknown project {project_id!r}", line)
        if len(set(chosen)) != len(chosen):
            raise PabulibError("the vote names a project twice", line)
        if vote_type == "choose-1" and len(chosen) > 1:
            raise PabulibError("a choose-1 vote names more than one project", line)
        if result.vote_type == CUMULATIVE:
            points_text = vote.get("points", "")
            points = _ids(points_text)
            if len(points) != len(chosen):
                raise PabulibError(f"{len(chosen)} projects but {len(points)} points", line)
            ballot = tuple((p, _points(value, line)) for p, value in zip(chosen, points,
                                                                           strict=True))
        else:
            ballot = tuple(chosen)
        result.votes.append(vote)
        result.ballots.append(ballot)
    return result


def _points(text: str, line: int):
    value = parse_amount(text, "the points", line, allow_negative=True)
    return value.numerator if value.denominator == 1 else value


def format_amount(value) -> str:
    """An exact decimal: 1500, 12.5; a fraction without a finite decimal is refused."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    rest, twos, fives = value.denominator, 0, 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        raise ValueError(f"{value} has no finite decimal form")
    digits = max(twos, fives)
    scaled = value * 10 ** digits
    sign = "-" if scaled < 0 else ""
    text = str(abs(scaled.numerator)).rjust(digits + 1, "0")
    return f"{sign}{text[:-digits]}.{text[-digits:]}"


def write_pabulib(*, meta: dict[str, str], projects: list[dict[str, object]],
                  votes: list[dict[str, object]]) -> str:
    """A `.pb` file's text. Each project row has project_id and cost; each vote row voter_id
    and vote (a list of ids) and, for cumulative ballots, points (a list). The other keys of
    the first row become further columns."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    for key, value in meta.items():
        writer.writerow([key, value])
    for name, rows, first in (("PROJECTS", projects, ["project_id", "cost"]),
                              ("VOTES", votes, ["voter_id", "vote"])):
        writer.writerow([name])
        columns = first + [k for k in (rows[0] if rows else {}) if k not in first]
        if name == "VOTES" and meta.get("vote_type") in {"cumulative", "scoring"} \
                and "points" not in columns:
            columns.append("points")
        writer.writerow(columns)
        for row in rows:
            cells = []
            for column in columns:
                value = row.get(column, "")
                if column == "cost":
                    value = format_amount(value)
                elif column in {"vote", "points"} and not isinstance(value, str):
                    value = ",".join(
                        format_amount(v) if column == "points" else str(v) for v in value)
                cells.append(value)
            writer.writerow(cells)
    return out.getvalue()


def election_to_pabulib(election: Election, *, meta: dict[str, str] | None = None,
                        names: dict[str, str] | None = None) -> str:
    """An election as a `.pb` file, voters numbered from 1; projects with their `names`
    (by project id) where given."""
    vote_type = {APPROVAL: "approval", CUMULATIVE: "cumulative",
                 ORDINAL: "ordinal"}[election.vote_type]
    full_meta = {"description": "", "num_projects": str(len(election.costs)),
                 "num_votes": str(len(election.ballots)),
                 "budget": format_amount(election.budget), "vote_type": vote_type}
    full_meta.update(meta or {})
    full_meta["vote_type"] = vote_type
    projects = [{"project_id": p, "cost": cost} for p, cost in election.costs.items()]
    if names:
        for project in projects:
            project["name"] = names.get(project["project_id"], "")
    votes = []
    for number, ballot in enumerate(election.ballots, start=1):
        if election.vote_type == CUMULATIVE:
            # An empty cumulative ballot has no points: "none", as pabutools reads it.
            votes.append({"voter_id": str(number), "vote": [p for p, _ in ballot],
                          "points": [points for _, points in ballot] or "none"})
        else:
            votes.append({"voter_id": str(number), "vote": list(ballot)})
    return write_pabulib(meta=full_meta, projects=projects, votes=votes)
