"""The Innovato Django project: settings, URL confs, WSGI/ASGI, Celery and the embedded
database."""

from innovato.celery import app as celery_app

__all__ = ["celery_app"]
