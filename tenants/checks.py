"""Deployment checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def secret_key_from_environment(app_configs, **kwargs):
    if settings.SECRET_KEY_FROM_ENVIRONMENT:
        return []
    return [
        Warning(
            "SECRET_KEY is not set in the environment; a development key from var/ is used.",
            hint="Set SECRET_KEY to a long random value shared by every web and worker process.",
            id="innovato.W001",
        )
    ]


@register(Tags.security, deploy=True)
def https_only(app_configs, **kwargs):
    if settings.HTTPS_ONLY:
        return []
    return [
        Warning(
            "HTTPS_ONLY is off: cookies are not marked secure and HTTP is not redirected.",
            hint="Set HTTPS_ONLY=true behind TLS (see the README's production guide).",
            id="innovato.W002",
        )
    ]
