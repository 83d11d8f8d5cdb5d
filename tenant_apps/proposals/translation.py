from modeltranslation.translator import TranslationOptions, register

from tenant_apps.proposals.models import Proposal


@register(Proposal)
class ProposalTranslationOptions(TranslationOptions):
    fields = ("title", "problem", "solution", "mvp_plan")
