"""A call's voting phase: its setup (ballot type, rule), the cost of each project on the
ballot, the employees' ballots and the outcome the rule chose (and the committee's word)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenant_apps.calls.models import Call
from tenant_apps.proposals.models import Proposal


class BallotType(models.TextChoices):
    APPROVAL = "approval", _("Approval: tick the proposals you support")
    KNAPSACK = "knapsack", _("Basket: choose proposals within the budget")
    CUMULATIVE = "cumulative", _("Points: spread your points")
    RANKING = "ranking", _("Ranking: order your favourites")


class Rule(models.TextChoices):
    GREEDY = "greedy", _("Greedy by votes")
    GREEDY_CARDINALITY = "greedy_cardinality", _("Greedy by votes per cost")
    MES_COST = "mes_cost", _("Equal shares (cost utilities)")
    MES_CARDINALITY = "mes_cardinality", _("Equal shares (one vote, one unit)")
    MES_ADD1_GREEDY = "mes_add1_greedy", _("Completed equal shares (recommended)")
    GREEDY_CARDINAL = "greedy_cardinal", _("Greedy by points")
    MES_CARDINAL = "mes_cardinal", _("Equal shares by points")
    GREEDY_BORDA = "greedy_borda", _("Greedy by Borda score")
    MES_BORDA = "mes_borda", _("Equal shares by Borda score")


# The rules that fit each ballot type (approval and basket ballots are both approvals).
APPROVAL_RULES = [Rule.GREEDY, Rule.GREEDY_CARDINALITY, Rule.MES_COST, Rule.MES_CARDINALITY,
                  Rule.MES_ADD1_GREEDY]
RULES_FOR = {
    BallotType.APPROVAL: APPROVAL_RULES,
    BallotType.KNAPSACK: APPROVAL_RULES,
    BallotType.CUMULATIVE: [Rule.GREEDY_CARDINAL, Rule.MES_CARDINAL],
    BallotType.RANKING: [Rule.GREEDY_BORDA, Rule.MES_BORDA],
}


class VotingSetup(models.Model):
    """How a call's employees vote and how winners are chosen."""

    call = models.OneToOneField(Call, on_delete=models.CASCADE, related_name="voting_setup")
    ballot_type = models.CharField(_("ballot type"), max_length=20, choices=BallotType.choices,
                                   default=BallotType.APPROVAL)
    max_choices = models.PositiveSmallIntegerField(
        _("at most this many proposals"), null=True, blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Approval and ranking ballots; empty for no limit."))
    points = models.PositiveIntegerField(_("points per person"), null=True, blank=True,
                                         validators=[MinValueValidator(1)])
    rule = models.CharField(_("selection rule"), max_length=30, choices=Rule.choices,
                            default=Rule.MES_ADD1_GREEDY)

    def __str__(self) -> str:
        return f"{self.call} ({self.ballot_type}, {self.rule})"


class VotingProject(models.Model):
    """A shortlisted proposal on the ballot, with what it would cost to fund."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="voting_projects")
    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE,
                                    related_name="voting_project")
    cost = models.DecimalField(_("cost"), max_digits=14, decimal_places=2,
                               validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["proposal_id"]

    def __str__(self) -> str:
        return str(self.proposal)


class Ballot(models.Model):
    """One employee's ballot in one call, changed at will until voting ends.

    `choices` holds the proposal ids in the voter's order (a ranking's order matters);
    `points` maps a proposal id (as text) to its points on a cumulative ballot."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True,
                              blank=True, related_name="ballots")
    imported_as = models.CharField(max_length=60, blank=True,
                                   help_text="the voter id of a ballot imported from Pabulib")
    choices = models.JSONField(default=list)
    points = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["call", "voter"],
                                               name="ballot_once_per_person")]


class VotingOutcome(models.Model):
    """What the rule chose when voting ended, and the committee's override if any."""

    call = models.OneToOneField(Call, on_delete=models.CASCADE, related_name="voting_outcome")
    rule = models.CharField(max_length=30, choices=Rule.choices)
    selected = models.JSONField(default=list)  # proposal ids, in the order chosen
    explanation = models.JSONField(default=dict)
    ballots_counted = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(auto_now_add=True)
    overridden = models.JSONField(null=True, blank=True)  # proposal ids the committee chose
    override_reason = models.TextField(blank=True)
    overridden_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                      null=True, blank=True, related_name="+")

    @property
    def winners(self) -> list[int]:
        return self.overridden if self.overridden is not None else self.selected
