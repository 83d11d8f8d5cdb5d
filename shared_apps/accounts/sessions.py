"""Database sessions that remember whose they are (SESSION_ENGINE).

Django's own table keeps only encoded data, so ending every session of one person would
mean decoding every row; this store copies the signed-in user's id into an indexed column.
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        from shared_apps.accounts.models import UserSession

        return UserSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.user_id = int(data.get(SESSION_KEY))
        except (TypeError, ValueError):
            session.user_id = None
        return session
