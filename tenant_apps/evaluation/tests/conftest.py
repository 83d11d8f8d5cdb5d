"""Fixtures of the evaluation tests: a call in evaluation with its committee."""

import pytest
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from tenant_apps.calls.models import Phase
from tenant_apps.evaluation import services

EVALUATOR = [Role.EMPLOYEE, Role.EVALUATOR]


@pytest.fixture
def evaluation_call(cluj, make_call, make_user):
    """A Cluj call in evaluation, with its admin and a committee of three evaluators."""
    admin = make_user(cluj, username="admin", roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    call = make_call(cluj, phase=Phase.EVALUATION, admin=admin)
    evaluators = [make_user(cluj, username=f"eval{i}", roles=EVALUATOR) for i in range(3)]
    with tenant_context(cluj):
        for evaluator in evaluators:
            services.committee_add(call=call, user=evaluator, by=admin)
    call.admin, call.evaluators = admin, evaluators
    return call


@pytest.fixture
def scores(cluj, evaluation_call):
    with tenant_context(cluj):
        criteria = list(evaluation_call.criteria.all())

    def make(values):
        return [{"criterion": c.pk, "value": v, "comment": "ok"}
                for c, v in zip(criteria, values, strict=True)]

    return make
