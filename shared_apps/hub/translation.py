from modeltranslation.translator import TranslationOptions, register

from shared_apps.hub.models import GoodPractice, NetworkEvent


@register(GoodPractice)
class GoodPracticeTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "problem", "solution", "mvp_plan", "results", "theme")


@register(NetworkEvent)
class NetworkEventTranslationOptions(TranslationOptions):
    fields = ("title", "description")
