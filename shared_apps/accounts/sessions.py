"""Database sessions that remember whose they are and when they were last used
(SESSION_ENGINE).

Django's own table keeps only encoded data, so ending every session of one person would
mean decoding every row; this store copies the signed-in user's id into an indexed column.
It also keeps when the session started and when it was last active in columns of their own,
which `SessionTimeoutMiddleware` reads for the idle timeout and the absolute lifetime.
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    _row = None  # the row as loaded, for its time stamps

    @classmethod
    def get_model_class(cls):
        from shared_apps.accounts.models import UserSession

        return UserSession

    def _get_session_from_db(self):
        self._row = super()._get_session_from_db()
        return self._row

    @property
    def started_at(self):
        return self._row.created_at if self._row else None

    @property
    def last_activity_at(self):
        return self._row.last_activity_at if self._row else None

    def touch(self) -> None:
        """Record activity now, in one UPDATE of the stamp alone."""
        now = timezone.now()
        self.model.objects.filter(session_key=self.session_key).update(last_activity_at=now)
        if self._row is not None:
            self._row.last_activity_at = now

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.user_id = int(data.get(SESSION_KEY))
        except (TypeError, ValueError):
            session.user_id = None
        # Saving rewrites every column: keep the stamps of the row this session came from.
        if self._row is not None and self._row.session_key == self.session_key:
            session.created_at = self._row.created_at
            session.last_activity_at = self._row.last_activity_at
        return session
