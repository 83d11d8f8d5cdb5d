from modeltranslation.translator import TranslationOptions, register

from tenant_apps.calls.models import Call, Criterion, Theme


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Call)
class CallTranslationOptions(TranslationOptions):
    fields = ("title", "challenge", "eligibility_rules")


@register(Criterion)
class CriterionTranslationOptions(TranslationOptions):
    fields = ("name", "description")
