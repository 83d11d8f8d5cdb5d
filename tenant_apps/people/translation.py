from modeltranslation.translator import TranslationOptions, register

from tenant_apps.people.models import Department


@register(Department)
class DepartmentTranslationOptions(TranslationOptions):
    fields = ("name",)
