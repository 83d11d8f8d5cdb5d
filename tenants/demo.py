"""The demo partner network: the hub, its cities, their departments and demo users, and in
every city four calls at the stages a visitor wants to see: a past call whose selected
proposals are implemented with their savings, a call whose employees are voting within its
budget, a call in evaluation and a call open for proposals. What they say lives in the
data files of tenants/demo_data/ (read by tenants/demo_files.py); this module only builds.

History is written through the services, run "as of" the day each step happened (see
`_as_of`), so statuses, decisions, scorecards, savings, the audit trail and notifications
agree with each other and carry believable dates.
"""

import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from time import monotonic

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.test.utils import override_settings
from django.utils import timezone, translation
from django.utils.text import slugify
from django_tenants.utils import tenant_context

from innovato.errors import ActionRefused
from shared_apps.accounts.models import Role, User
from shared_apps.accounts.services import user_create
from tenant_apps.calls.models import Call, Phase, Theme
from tenant_apps.calls.services import call_create, call_move_phase, theme_create
from tenant_apps.evaluation.models import Assignment, Decision
from tenant_apps.evaluation.services import (
    assignments_auto,
    committee_add,
    decision_record,
    eligibility_set,
    scorecard_save,
    shortlist_set,
)
from tenant_apps.implementation.models import Implementation, Milestone
from tenant_apps.implementation.services import (
    implementation_finish,
    implementation_set_progress,
    implementation_start,
    milestone_add,
    milestone_update,
    savings_record,
    update_post,
)
from tenant_apps.notifications.models import Notification
from tenant_apps.people.models import Department
from tenant_apps.people.services import department_create, profile_set_department
from tenant_apps.proposals.models import Proposal, Status
from tenant_apps.proposals.services import (
    coauthor_answer,
    coauthor_invite,
    comment_add,
    proposal_create,
    proposal_submit,
    support_add,
)
from tenant_apps.voting.models import BallotType
from tenant_apps.voting.services import ballot_cast, voting_setup_save
from tenants.demo_files import (
    DEMO_DATA_DIR,
    DemoCity,
    DemoContent,
    DemoDataError,
    Hub,
    demo_content_load,
)
from tenants.models import City
from tenants.services import city_create

DEMO_PASSWORD = "innovato-demo"  # noqa: S105 (published in the README, demo only)


CITY_USERS = [
    # username, first name, last name, roles, department code
    ("employee", "Ana", "Employee", [Role.EMPLOYEE], "digital"),
    ("evaluator", "Eva", "Evaluator", [Role.EMPLOYEE, Role.EVALUATOR], "finance"),
    ("cityadmin", "Carl", "Admin", [Role.EMPLOYEE, Role.CITY_ADMIN], "human-resources"),
]
HUB_USERS = [
    ("coordinator", "Nora", "Coordinator", [Role.COORDINATOR]),
    ("partneradmin", "Paul", "Partner", [Role.PARTNER_ADMIN]),
]

# What became of the past call's proposals, by position (4 to 6 proposals).
PAST_OUTCOMES = [Status.IMPLEMENTED, Status.IMPLEMENTED, Status.IMPLEMENTING,
                 Status.NOT_SELECTED, Status.NOT_SELECTED, Status.INELIGIBLE]
SELECTED_OUTCOMES = (Status.IMPLEMENTED, Status.IMPLEMENTING)
# How good the committee found the proposals of the call in evaluation, by position (0–10).
EVALUATION_STRENGTHS = [8, 6, 7, 5, 7, 6]
# Realised savings as a share of the projection, month after month.
RAMP_IMPLEMENTED = ["0.6", "0.85", "0.95", "1.05", "1.1", "1.0", "0.97", "1.04"]
RAMP_IMPLEMENTING = ["0.4", "0.55", "0.7", "0.8", "0.85"]


def demo_network_exists() -> bool:
    return City.objects.exists()


@contextmanager
def _as_of(moment: datetime) -> Iterator[None]:
    """Run the services as if it were `moment`.

    Everything that reads Django's clock (auto_now fields, submission and decision times,
    milestone completion, the audit trail, notifications) then records the day the step
    happened, so history needs no hand-written dates. The seed runs alone in its process
    (or in a test), so swapping the clock for a moment is safe.
    """
    real_now = timezone.now
    timezone.now = lambda: moment
    try:
        yield
    finally:
        timezone.now = real_now


def _username(first: str, last: str) -> str:
    return f"{slugify(first)}.{slugify(last)}"


def _demo_user(*, slug: str, username: str, first: str, last: str, roles: list[str],
               department: Department, password_hash: str) -> User:
    """A city user with the demo password, hashed once for the whole network (hashing it
    per user would take most of the seed's time)."""
    user = user_create(username=username, email=f"{username}@{slug}.example.eu", roles=roles,
                       first_name=first, last_name=last)
    user.password = password_hash
    user.save(update_fields=["password"])
    profile_set_department(user=user, department=department)
    return user


@dataclass
class _Cast:
    admin: User
    employee: User  # the demo employee
    evaluators: list[User]  # the demo evaluator first, then evaluator2, evaluator3
    colleagues: list[User]  # extra employees: authors, supporters, commenters
    department_of: dict[int, Department]


class _CityStory:
    """One demo city's people, themes and four calls, built in its schema and language."""

    cast: _Cast  # set by build()
    theme: dict[str, Theme]  # by code, set by build()

    def __init__(self, city: City, *, content: DemoContent, variant: int, password_hash: str,
                 now: datetime) -> None:
        self.city = city
        self.content = content
        languages = content.languages
        self.language = city.default_language if city.default_language in languages else "en"
        self.local = languages[self.language]
        self.english = languages["en"]
        self.own = self.local.untranslated
        # The content's savings are in euros; amounts are in the city's currency, roughly.
        self.per_euro = content.currency_per_euro.get(city.currency, 1)
        self.variant = variant
        self.password_hash = password_hash
        self.midnight = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        self.turns: Counter[str] = Counter()

    # --- Time and money --------------------------------------------------------------------

    def day(self, days: int, hour: int = 9) -> datetime:
        """`days` from today (negative: in the past), at `hour` UTC."""
        return self.midnight + timedelta(days=days, hours=hour)

    def at(self, days: int, hour: int = 9):
        return _as_of(self.day(days, hour))

    def money(self, euros: int | Decimal) -> Decimal:
        return (Decimal(euros) * self.per_euro).quantize(Decimal(1))

    # --- People and themes -------------------------------------------------------------------

    def departments(self) -> dict[str, Department]:
        return {
            code: department_create(names={"en": self.english.departments[code],
                                           self.language: self.local.departments[code]},
                                    code=code)
            for code in self.content.departments
        }

    def people(self, departments: dict[str, Department]) -> _Cast:
        slug, hashed = self.city.slug, self.password_hash
        department_of: dict[int, Department] = {}

        def make(username, first, last, roles, department) -> User:
            user = _demo_user(slug=slug, username=username, first=first, last=last,
                              roles=roles, department=departments[department],
                              password_hash=hashed)
            department_of[user.pk] = departments[department]
            return user

        demo = {username: make(username, first, last, roles, department)
                for username, first, last, roles, department in CITY_USERS}
        evaluators = [demo["evaluator"]] + [
            make(f"evaluator{number}", first, last, [Role.EMPLOYEE, Role.EVALUATOR], department)
            for number, (first, last, department) in enumerate(self.own.evaluators, start=2)
        ]
        colleagues = [make(_username(first, last), first, last, [Role.EMPLOYEE], department)
                      for first, last, department in self.own.people]
        return _Cast(admin=demo["cityadmin"], employee=demo["employee"], evaluators=evaluators,
                     colleagues=colleagues, department_of=department_of)

    def themes(self) -> dict[str, Theme]:
        return {
            code: theme_create(names={self.language: self.local.themes[code],
                                      "en": self.english.themes[code]}, code=code)
            for code in self.content.themes
        }

    # --- Building blocks ---------------------------------------------------------------------

    def call(self, kind: str, *, created: int, dates: dict[str, int], themes: list[str],
             budget: int, **options) -> Call:
        """A call in draft, texts in the city's language with English translations."""
        local, english = self.local.calls[kind], self.english.calls[kind]
        criteria = [{"name": name, "description": description, "weight": weight}
                    for (name, description), weight in zip(
                        self.local.criteria, self.content.criteria_weights, strict=True)]
        with self.at(created):
            call = call_create(
                by=self.cast.admin, title=local.title, challenge=local.challenge,
                eligibility_rules=local.eligibility_rules, criteria=criteria,
                themes=[self.theme[code] for code in themes], budget=self.money(budget),
                **{name: self.day(days) for name, days in dates.items()}, **options,
            )
        Call.objects.filter(pk=call.pk).update(
            title_en=english.title, challenge_en=english.challenge,
            eligibility_rules_en=english.eligibility_rules)
        for criterion, (name, description) in zip(call.criteria.order_by("position"),
                                                  self.english.criteria, strict=True):
            criterion.name_en, criterion.description_en = name, description
            criterion.save(update_fields=["name_en", "description_en"])
        call.refresh_from_db()
        return call

    def move(self, call: Call, phase: str, days: int) -> Call:
        with self.at(days):
            return call_move_phase(call=call, to_phase=phase, by=self.cast.admin)

    def committee(self, call: Call, members: list[User], days: int) -> None:
        with self.at(days):
            for member in members:
                committee_add(call=call, user=member, by=self.cast.admin)

    def pick(self, kind: str, count: int) -> list[str]:
        """`count` ideas of the call's pool, starting at a different one in each city."""
        pool = self.content.calls[kind]
        start = (self.variant * 3) % len(pool)
        return (pool[start:] + pool[:start])[:count]

    def author_for(self, code: str) -> User:
        """A colleague of the idea's department, taking turns."""
        department = self.content.ideas[code].department
        candidates = [user for user in self.cast.colleagues
                      if self.cast.department_of[user.pk].code == department]
        candidates = candidates or self.cast.colleagues
        turn = self.turns[department]
        self.turns[department] += 1
        return candidates[(turn + self.variant) % len(candidates)]

    def colleague_of(self, user: User) -> User:
        """Someone else from `user`'s department (`user` if they work alone there)."""
        department = self.cast.department_of[user.pk]
        others = [other for other in self.cast.colleagues
                  if other.pk != user.pk and self.cast.department_of[other.pk] == department]
        return others[0] if others else user

    def proposal(self, call: Call, code: str, *, author: User, written: int,
                 submitted: int | None) -> Proposal:
        """A proposal drafted `written` days from today and submitted `submitted` days from
        today (None: left as a draft)."""
        idea = self.content.ideas[code]
        local, english = self.local.ideas[code], self.english.ideas[code]
        with self.at(written):
            proposal = proposal_create(
                call=call, author=author, title=local.title, problem=local.problem,
                solution=local.solution, mvp_plan=local.mvp_plan,
                expected_savings_money=self.money(idea.money),
                expected_savings_hours=Decimal(idea.hours),
                department=self.cast.department_of[author.pk], theme=self.theme[idea.theme],
            )
        Proposal.objects.filter(pk=proposal.pk).update(
            title_en=english.title, problem_en=english.problem, solution_en=english.solution,
            mvp_plan_en=english.mvp_plan)
        if submitted is None:
            proposal.refresh_from_db()
            return proposal
        with self.at(submitted):
            return proposal_submit(proposal=proposal, by=author)

    def supports(self, proposals: list[Proposal], days: int) -> None:
        """A few colleagues support each proposal (never the demo users: they can try it)."""
        colleagues = self.cast.colleagues
        with self.at(days):
            for index, proposal in enumerate(proposals):
                count = 2 + (index * 3 + self.variant) % 5
                rotated = colleagues[index:] + colleagues[:index]
                for user in [u for u in rotated if u.pk != proposal.author_id][:count]:
                    support_add(proposal=proposal, user=user)

    def scorecard(self, assignment: Assignment, *, strength: int, position: int, days: int,
                  submit: bool = True) -> None:
        """Scores around `strength` (0–10); a draft scores only the first two criteria."""
        criteria = list(assignment.proposal.call.criteria.order_by("position"))
        if not submit:
            criteria = criteria[:2]
        scores = {criterion.pk: {"value": max(0, min(10, strength + (position + c) % 3 - 1))}
                  for c, criterion in enumerate(criteria)}
        comment = ""
        if submit:
            comment = self.own.scorecard_comments[(0 if strength >= 7 else 1) + 2 * (position % 2)]
        with self.at(days):
            scorecard_save(assignment=assignment, by=assignment.evaluator, scores=scores,
                           comment=comment, submit=submit)

    def assignments(self, call: Call) -> list[Assignment]:
        return list(Assignment.objects.filter(proposal__call=call)
                    .select_related("proposal__call", "evaluator")
                    .order_by("proposal__submitted_at", "proposal_id", "evaluator_id"))

    # --- The past call: evaluated, decided, implemented ---------------------------------------

    def past_call(self) -> Call:
        cast = self.cast
        call = self.call(
            "past", created=-310, themes=["processes", "communication", "sustainability"],
            dates={"submission_starts": -300, "evaluation_starts": -270, "results_on": -240,
                   "implementation_starts": -225, "closes_on": 60},
            budget=50_000, publish_scores=True,
        )
        self.committee(call, cast.evaluators, -305)
        call = self.move(call, Phase.SUBMISSION, -300)
        codes = self.pick("past", 4 + self.variant % 3)
        proposals = [self.proposal(call, code, author=self.author_for(code),
                                   written=-298 + 4 * index, submitted=-296 + 4 * index)
                     for index, code in enumerate(codes)]
        outcomes = PAST_OUTCOMES[:len(proposals)]
        # The demo employee co-wrote the first one, which was implemented.
        first = proposals[0]
        with self.at(-285):
            coauthor_invite(proposal=first, user=cast.employee, by=first.author)
        with self.at(-284):
            coauthor_answer(proposal=first, user=cast.employee, accept=True)
        self.supports(proposals, -278)

        call = self.move(call, Phase.EVALUATION, -270)
        with self.at(-269):
            for proposal, outcome in zip(proposals, outcomes, strict=True):
                eligible = outcome != Status.INELIGIBLE
                eligibility_set(proposal=proposal, eligible=eligible, by=cast.admin,
                                reason="" if eligible else self.own.ineligible)
        with self.at(-268):
            assignments_auto(call=call, by=cast.admin)
        strength = {p.pk: 8 if o in SELECTED_OUTCOMES else 5
                    for p, o in zip(proposals, outcomes, strict=True)}
        for position, assignment in enumerate(self.assignments(call)):
            self.scorecard(assignment, strength=strength[assignment.proposal_id],
                           position=position, days=-266 + position)
        with self.at(-245):
            for index, (proposal, outcome) in enumerate(zip(proposals, outcomes, strict=True)):
                if outcome == Status.INELIGIBLE:
                    continue
                selected = outcome in SELECTED_OUTCOMES
                decision_record(
                    proposal=proposal, by=cast.admin,
                    outcome=Decision.Outcome.SELECTED if selected
                    else Decision.Outcome.NOT_SELECTED,
                    reason=(self.own.selected if selected else self.own.not_selected)[index % 2])

        call = self.move(call, Phase.RESULTS, -240)
        started = []
        for index, (proposal, outcome) in enumerate(zip(proposals, outcomes, strict=True)):
            if outcome in SELECTED_OUTCOMES:
                # The author leads their own idea, or hands it to a colleague.
                lead = proposal.author if index % 2 == 0 else self.colleague_of(proposal.author)
                with self.at(-236 + index):
                    implementation = implementation_start(proposal=proposal, lead=lead,
                                                          by=cast.admin)
                started.append((implementation, lead, outcome, index))
        call = self.move(call, Phase.IMPLEMENTATION, -225)
        for implementation, lead, outcome, shift in started:
            if outcome == Status.IMPLEMENTED:
                self.implemented(implementation, lead=lead, shift=shift)
            else:
                self.implementing(implementation, lead=lead, shift=shift)
        return call

    def milestones(self, implementation: Implementation, lead: User, due: list[int],
                   days: int) -> list[Milestone]:
        with self.at(days):
            return [milestone_add(implementation=implementation, title=title, by=lead,
                                  due_on=self.day(when).date())
                    for title, when in zip(self.own.milestones, due, strict=True)]

    def milestone_done(self, milestone: Milestone, lead: User, days: int,
                       implementation: Implementation, progress: int) -> None:
        with self.at(days):
            milestone_update(milestone=milestone, by=lead, state=Milestone.State.DONE)
            implementation_set_progress(implementation=implementation, progress=progress,
                                        by=lead)

    def implemented(self, implementation: Implementation, *, lead: User, shift: int) -> None:
        """Milestones done on time, two updates, monthly savings, finished two months ago."""
        author = implementation.proposal.author
        milestones = self.milestones(implementation, lead, [-200 + shift, -170 + shift,
                                                            -120 + shift, -60 + shift],
                                     days=-235 + shift)
        for milestone, done, progress in zip(milestones, [-203, -171, -126, -63],
                                             [25, 50, 80, 95], strict=True):
            self.milestone_done(milestone, lead, done + shift, implementation, progress)
        with self.at(-195 + shift):
            update_post(implementation=implementation, author=lead, body=self.own.updates[0])
        with self.at(-100 + shift):
            update_post(implementation=implementation, author=author, body=self.own.updates[1])
        self.savings(implementation, lead, first=-195 + shift, ramp=RAMP_IMPLEMENTED)
        with self.at(-58 + shift):
            implementation_finish(implementation=implementation, outcome=Status.IMPLEMENTED,
                                  by=lead)

    def implementing(self, implementation: Implementation, *, lead: User, shift: int) -> None:
        """Two milestones done, the roll-out overdue and late, savings starting to come."""
        milestones = self.milestones(implementation, lead, [-200 + shift, -150 + shift,
                                                            -20 + shift, 45],
                                     days=-235 + shift)
        self.milestone_done(milestones[0], lead, -198 + shift, implementation, 30)
        self.milestone_done(milestones[1], lead, -152 + shift, implementation, 55)
        with self.at(-60 + shift):
            milestone_update(milestone=milestones[2], by=lead,
                             state=Milestone.State.IN_PROGRESS)
            implementation_set_progress(implementation=implementation, progress=65, by=lead)
        with self.at(-190 + shift):
            update_post(implementation=implementation, author=lead, body=self.own.updates[0])
        with self.at(-15):
            update_post(implementation=implementation, author=lead, body=self.own.updates[2])
        self.savings(implementation, lead, first=-150 + shift, ramp=RAMP_IMPLEMENTING)

    def savings(self, implementation: Implementation, lead: User, *, first: int,
                ramp: list[str]) -> None:
        """A savings entry per month from the month after `first` days from today: projected
        and realised for past months, projected only for the current one."""
        proposal = implementation.proposal
        monthly_money = (proposal.expected_savings_money / 12).quantize(Decimal(1))
        monthly_hours = (proposal.expected_savings_hours / 12).quantize(Decimal("0.1"))
        this_month = self.day(0).date().replace(day=1)
        month = _next_month(self.day(first).date().replace(day=1))
        yesterday = self.day(-1)
        count = 0
        while month <= this_month:
            known = month < this_month
            factor = Decimal(ramp[min(count, len(ramp) - 1)])
            recorded = datetime.combine(_next_month(month) + timedelta(days=4), time(9),
                                        tzinfo=UTC)
            with _as_of(min(recorded, yesterday)):
                savings_record(
                    implementation=implementation, period=month, by=lead,
                    projected_money=monthly_money, projected_hours=monthly_hours,
                    realised_money=(monthly_money * factor).quantize(Decimal(1))
                    if known else None,
                    realised_hours=(monthly_hours * factor).quantize(Decimal("0.1"))
                    if known else None,
                    note=self.own.savings_note if known and count == 0 else "",
                )
            month = _next_month(month)
            count += 1

    # --- The call in evaluation: the jury is at work ------------------------------------------

    def evaluation_call(self) -> Call:
        cast = self.cast
        call = self.call(
            "evaluation", created=-45, themes=["services", "communication", "sustainability"],
            dates={"submission_starts": -40, "evaluation_starts": -8,
                   "voting_starts": self.content.voting.voting_starts, "results_on": 14,
                   "implementation_starts": 30, "closes_on": 365},
            budget=40_000, anonymous_evaluation=True,
        )
        self.committee(call, cast.evaluators, -42)
        call = self.move(call, Phase.SUBMISSION, -40)
        codes = self.pick("evaluation", 4 + (self.variant + 1) % 3)
        proposals = [self.proposal(call, code, author=self.author_for(code),
                                   written=-38 + 5 * index, submitted=-36 + 5 * index)
                     for index, code in enumerate(codes)]
        self.supports(proposals, -10)
        call = self.move(call, Phase.EVALUATION, -8)
        strength = self.to_evaluators(call, proposals, -7)
        assignments = self.assignments(call)
        demo, last = cast.evaluators[0], cast.evaluators[-1]
        mine = [a for a in assignments if a.evaluator_id == demo.pk]
        left_by_last = [a for a in assignments if a.evaluator_id == last.pk][-1:]
        for position, assignment in enumerate(assignments):
            days = -6 + position % 5
            if assignment.evaluator_id == demo.pk:
                # The demo evaluator has scored one, saved a draft of another and left the
                # rest for whoever tries the demo.
                rank = mine.index(assignment)
                if rank == 0 and len(mine) > 1:
                    self.scorecard(assignment, strength=strength[assignment.proposal_id],
                                   position=position, days=days)
                elif rank == 1 and len(mine) > 2:
                    self.scorecard(assignment, strength=strength[assignment.proposal_id],
                                   position=position, days=days, submit=False)
            elif assignment not in left_by_last:
                self.scorecard(assignment, strength=strength[assignment.proposal_id],
                               position=position, days=days)
        # Set up ahead, for when the committee shortlists and the call moves to voting.
        self.voting_setup(call, dict(zip(codes, proposals, strict=True)), -6)
        return call

    def to_evaluators(self, call: Call, proposals: list[Proposal], days: int) -> dict:
        """Every proposal found eligible and assigned to the committee; returns how strong
        each one is to be scored."""
        with self.at(days):
            for proposal in proposals:
                eligibility_set(proposal=proposal, eligible=True, reason="", by=self.cast.admin)
            assignments_auto(call=call, by=self.cast.admin)
        return {p.pk: EVALUATION_STRENGTHS[i % len(EVALUATION_STRENGTHS)]
                for i, p in enumerate(proposals)}

    def voting_setup(self, call: Call, proposals: dict[str, Proposal], days: int) -> None:
        """The vote of story.toml: ballot type, rule and each proposal's cost."""
        plan = self.content.voting
        with self.at(days), self.story_checks("voting"):
            voting_setup_save(call=call, by=self.cast.admin, ballot_type=plan.ballot_type,
                              rule=plan.rule, max_choices=plan.max_choices,
                              points=plan.points,
                              costs={proposal.pk: self.money(plan.costs[code])
                                     for code, proposal in proposals.items()})

    @contextmanager
    def story_checks(self, key: str) -> Iterator[None]:
        """What the voting app refuses of story.toml's vote, reported with the file and key."""
        try:
            yield
        except (ValidationError, ActionRefused) as error:
            problem = (" ".join(error.messages) if isinstance(error, ValidationError)
                       else error.message)
            raise DemoDataError(
                f"{self.content.directory / 'story.toml'}: {key}: {problem}") from None

    # --- The call in voting: employees choose what the budget funds ---------------------------

    def voting_call(self) -> Call:
        """Evaluated, every idea of its pool shortlisted with its cost, and in its voting
        phase since a few days, with the ballots of story.toml cast by colleagues (the demo
        logins have not voted: whoever tries the demo does)."""
        cast, plan = self.cast, self.content.voting
        call = self.call(
            "voting", created=-100, themes=["processes", "services"],
            dates={"submission_starts": -95, "evaluation_starts": -60, "voting_starts": -4,
                   "results_on": 10, "implementation_starts": 25, "closes_on": 380},
            budget=40_000,
        )
        self.committee(call, cast.evaluators, -98)
        call = self.move(call, Phase.SUBMISSION, -95)
        codes = self.content.calls["voting"]
        step = max(1, 30 // len(codes))  # every proposal is in before evaluation starts
        proposals = [self.proposal(call, code, author=self.author_for(code),
                                   written=-93 + step * index, submitted=-92 + step * index)
                     for index, code in enumerate(codes)]
        self.supports(proposals, -61)
        call = self.move(call, Phase.EVALUATION, -60)
        strength = self.to_evaluators(call, proposals, -59)
        for position, assignment in enumerate(self.assignments(call)):
            self.scorecard(assignment, strength=strength[assignment.proposal_id],
                           position=position, days=-55 + position % 20)
        by_code = dict(zip(codes, proposals, strict=True))
        self.voting_setup(call, by_code, -20)
        with self.at(-6):
            for proposal in proposals:
                shortlist_set(proposal=proposal, shortlisted=True, by=cast.admin)
        call = self.move(call, Phase.VOTING, -4)
        voters = [*cast.colleagues, *cast.evaluators[1:]]
        for index, (ballot, voter) in enumerate(zip(plan.ballots, voters, strict=False)):
            chosen = [by_code[code].pk for code in ballot]
            points = ({pk: plan.points // len(chosen) for pk in chosen}
                      if plan.ballot_type == BallotType.CUMULATIVE and chosen else None)
            with self.at(-4 + index * 4 // len(plan.ballots), 10 + index % 7), \
                    self.story_checks(f"voting.ballots[{index}]"):
                ballot_cast(call=call, voter=voter, choices=chosen, points=points)
        return call

    # --- The open call: proposals coming in ---------------------------------------------------

    def open_call(self) -> Call:
        cast = self.cast
        call = self.call(
            "open", created=-15, themes=["sustainability", "processes"],
            dates={"submission_starts": -12, "evaluation_starts": 21, "results_on": 45,
                   "implementation_starts": 60, "closes_on": 400},
            budget=30_000,
        )
        self.committee(call, cast.evaluators[:2], -14)
        call = self.move(call, Phase.SUBMISSION, -12)
        codes = self.pick("open", 4)
        count = 2 + self.variant % 2
        proposals = [self.proposal(call, code, author=self.author_for(code),
                                   written=-11 + 3 * index, submitted=-10 + 3 * index)
                     for index, code in enumerate(codes[:count])]
        # The demo employee has a draft of their own and an invitation to co-author.
        self.proposal(call, codes[count], author=cast.employee, written=-2, submitted=None)
        last = proposals[-1]
        with self.at(-3):
            coauthor_invite(proposal=last, user=cast.employee, by=last.author)
        self.supports(proposals, -3)
        self.discussion(proposals)
        return call

    def discussion(self, proposals: list[Proposal]) -> None:
        """Praise, a question and the author's answer on the first proposal; a suggestion on
        the second."""
        praise, question, answer, suggestion = self.own.comments
        first, second = proposals[0], proposals[1]
        others = [u for u in self.cast.colleagues
                  if u.pk not in (first.author_id, second.author_id)]
        with self.at(-9, 11):
            comment_add(proposal=first, author=others[0], body=praise)
        with self.at(-8, 15):
            asked = comment_add(proposal=first, author=others[1], body=question)
        with self.at(-7, 10):
            comment_add(proposal=first, author=first.author, body=answer, parent=asked)
        with self.at(-5, 14):
            comment_add(proposal=second, author=others[2], body=suggestion)

    # --- The whole city -----------------------------------------------------------------------

    def build(self) -> dict[str, int]:
        departments = self.departments()
        self.cast = self.people(departments)
        self.theme = self.themes()
        self.past_call()
        self.evaluation_call()
        self.open_call()
        self.voting_call()
        # What happened weeks ago has been read; recent news stays unread.
        Notification.objects.filter(created_at__lt=self.day(-14)).update(
            read_at=F("created_at"))
        return {
            "departments": len(departments),
            "users": User.objects.count(),
            "calls": Call.objects.count(),
            "proposals": Proposal.objects.count(),
            "implementations": Implementation.objects.count(),
        }


def _next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def _check_departments(content: DemoContent) -> None:
    missing = sorted({department for *_user, department in CITY_USERS}
                     - set(content.departments))
    if missing:
        raise DemoDataError(f"{content.directory / 'story.toml'}: departments: should include "
                            f"{', '.join(missing)} (the demo logins work there)")


@transaction.atomic
def demo_city_fill(city: City, *, variant: int | None = None, password_hash: str | None = None,
                   content: DemoContent | None = None) -> dict[str, int]:
    """Fill a newly created city with departments, demo users, themes and four calls.

    `variant` picks which ideas land in which call (each demo city gets another one);
    `password_hash` is the demo password hashed once by the caller; `content` is what
    `demo_content_load` read (by default from tenants/demo_data/). Returns counts.
    """
    content = content or demo_content_load()
    _check_departments(content)
    variant = zlib.crc32(city.slug.encode()) if variant is None else variant
    password_hash = password_hash or make_password(DEMO_PASSWORD)
    story = _CityStory(city, content=content, variant=variant, password_hash=password_hash,
                       now=timezone.now())
    with tenant_context(city), translation.override(story.language):
        return story.build()


def _seed_city(spec: DemoCity, *, content: DemoContent, password_hash: str,
               progress: Callable[[str], None]) -> City:
    started = monotonic()
    try:
        city = city_create(
            name=spec.name,
            slug=spec.slug,
            country=spec.country,
            default_language=spec.language,
            enabled_languages=[spec.language, "en"],
            timezone=spec.timezone,
            currency=spec.currency,
        )
    except ValidationError as error:  # the file's values, refused as a form's would be
        problems = "; ".join(f"{field}: {' '.join(messages)}"
                             for field, messages in error.message_dict.items())
        raise DemoDataError(f"{spec.source}: {problems}") from None
    counts = demo_city_fill(city, variant=spec.variant, password_hash=password_hash,
                            content=content)
    summary = ", ".join(f"{count} {name}" for name, count in counts.items())
    progress(f"{spec.name}: {summary} ({monotonic() - started:.1f} s)")
    return city


def demo_network_seed(*, data_dir: Path = DEMO_DATA_DIR,
                      progress: Callable[[str], None] = lambda message: None) -> list[City]:
    """Create the demo hub users and the cities of `data_dir` (tenants/demo_data/ unless
    told otherwise). Callers make sure the network is empty.

    The data files are read and checked first: a malformed one raises DemoDataError, naming
    the file and the key, before anything is written. Notifications are recorded in the app
    as usual, but no e-mail goes out: the demo addresses are not real, and the console would
    fill with hundreds of messages.
    """
    from tenants.scheduling import run_jobs_for_all_cities

    content = demo_content_load(data_dir)
    _check_departments(content)
    password_hash = make_password(DEMO_PASSWORD)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        with transaction.atomic():
            for username, first, last, roles in HUB_USERS:
                user = user_create(username=username, email=f"{username}@innovato.example.eu",
                                   roles=roles, first_name=first, last_name=last)
                user.password = password_hash
                user.save(update_fields=["password"])
            progress(f"hub: {len(HUB_USERS)} users")
            cities = [_seed_city(spec, content=content, password_hash=password_hash,
                                 progress=progress)
                      for spec in content.cities]
            _seed_hub(cities, content.hub, progress=progress)
        run_jobs_for_all_cities()  # the dashboard's figures, as the scheduler pushes them
        _seed_history(content.hub.history, progress=progress)
    return cities


# Counts a city reports that grow with time; the number of employees is kept as it is.
GROWING_COUNTS = ("calls", "proposals", "authors", "selected", "implemented",
                  "practices_shared", "practices_adopted")


def _seed_history(history: list[tuple[int, Decimal]], *,
                  progress: Callable[[str], None]) -> None:
    """Earlier reports of every city, each a part of what it reported on the seed day, so
    the network dashboard's charts over time have a past to draw."""
    from shared_apps.hub.boundary import network_statistics_rebuild
    from shared_apps.hub.models import CityStatistics

    if not history:
        return
    earlier = []
    for latest in CityStatistics.objects.filter(is_latest=True):
        for days_ago, share in history:
            earlier.append(CityStatistics(
                city_id=latest.city_id, day=latest.day - timedelta(days=days_ago),
                computed_at=latest.computed_at - timedelta(days=days_ago),
                currency=latest.currency, employees=latest.employees, is_latest=False,
                realised_money=(latest.realised_money * share).quantize(Decimal("0.01")),
                realised_hours=(latest.realised_hours * share).quantize(Decimal("0.1")),
                **{name: int(getattr(latest, name) * share) for name in GROWING_COUNTS}))
    CityStatistics.objects.bulk_create(earlier)
    network_statistics_rebuild()
    progress(f"hub: {len(history)} earlier reports of each city's figures")


def _seed_hub(cities: list[City], hub: Hub, *, progress: Callable[[str], None]) -> None:
    """The cities of `hub.share` share an implemented proposal with the network and the
    coordinator publishes them (featuring the first); the adopting cities adopt a practice
    of another; the network events are announced."""
    from django.conf import settings

    from shared_apps.hub import boundary, services
    from tenant_apps.proposals.models import PublicationConsent

    languages = [code for code, _name in settings.LANGUAGES]
    coordinator = User.objects.get(username="coordinator")
    by_slug = {city.slug: city for city in cities}
    shared = {}  # city slug -> the practice it shared
    for slug in hub.share:
        city = by_slug[slug]
        with tenant_context(city):
            proposal = (Proposal.objects.filter(status=Status.IMPLEMENTED)
                        .select_related("department", "author").order_by("pk").first())
            if proposal is None:
                continue
            PublicationConsent.objects.get_or_create(proposal=proposal, user=proposal.author)
            admin = User.objects.get(username="cityadmin")
            practice = boundary.practice_share(
                proposal=proposal, by=admin, summary=proposal.solution,
                results=proposal.mvp_plan, tags=["demo", city.slug],
                contact_role=proposal.department.name if proposal.department else "")
            for code in languages:
                setattr(practice, f"summary_{code}", getattr(proposal, f"solution_{code}"))
                setattr(practice, f"results_{code}", getattr(proposal, f"mvp_plan_{code}"))
            practice.save()
        services.practice_publish(practice=practice, by=coordinator)
        shared[slug] = practice
    if shared:
        services.practice_feature(practice=next(iter(shared.values())), by=coordinator,
                                  featured=True)
    adopted = 0
    for adopter, source in hub.adoptions:
        practice = shared.get(source)
        if practice is None:
            continue
        with tenant_context(by_slug[adopter]):
            admin = User.objects.get(username="cityadmin")
            adoption = boundary.practice_adopt(practice=practice, by=admin, target_kind="call")
            boundary.adoption_report(adoption=adoption, by=admin, outcome="adapted",
                                     note=practice.title)
        adopted += 1
    now = timezone.now()
    for event in hub.events:
        services.event_save(
            by=coordinator, title=event.title, kind=event.kind, language=event.language,
            starts_at=(now + timedelta(days=event.in_days)).replace(hour=event.at.hour,
                                                                    minute=event.at.minute),
            link=event.link, location=event.location)
    progress(f"hub: {len(shared)} good practices shared, {adopted} adoptions, "
             f"{len(hub.events)} events")
