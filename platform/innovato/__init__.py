"""The Innovato Django project: settings, URL confs, WSGI/ASGI and the embedded database."""
