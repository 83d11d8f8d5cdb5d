from modeltranslation.translator import TranslationOptions, register

from tenant_apps.proposals.models import TRANSLATED_FIELDS, Proposal


@register(Proposal)
class ProposalTranslationOptions(TranslationOptions):
    fields = TRANSLATED_FIELDS
