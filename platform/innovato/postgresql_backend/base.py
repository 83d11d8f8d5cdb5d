"""django-tenants' backend, minus one query per request on a persistent connection.

django-tenants forgets the search_path it set whenever a schema is selected, and every
request selects one (the routing middleware selects the hub, then the request's city), so
each request began with `SET search_path` even when the connection, kept open between
requests (CONN_MAX_AGE), already had that very path. This backend remembers the path the
server holds and keeps it when the schema selected resolves to the same path. A different
path (another city, the hub) is always set before the next query, and anything that may
have discarded the setting on the server (closing, reconnecting, a rollback to before the
SET) forgets it, as django-tenants does.
"""

from django_tenants.postgresql_backend.base import DatabaseWrapper as TenantDatabaseWrapper


class DatabaseWrapper(TenantDatabaseWrapper):
    def __init__(self, *args, **kwargs):
        self._search_path_on_server = None  # what the last successful SET left in force
        super().__init__(*args, **kwargs)

    def set_tenant(self, tenant, include_public=True):
        super().set_tenant(tenant, include_public)
        if self._search_path_on_server is None:
            return
        try:
            wanted = self._get_cursor_search_paths()
        except Exception:  # an invalid name: let the next query raise, as before
            return
        if wanted == self._search_path_on_server:
            self.search_path_set_schemas = self._search_path_on_server

    def _handle_search_path(self, cursor=None):
        super()._handle_search_path(cursor)
        if not self._setting_search_path:
            self._search_path_on_server = self.search_path_set_schemas

    def connect(self):
        self._search_path_on_server = None
        super().connect()

    def close(self):
        self._search_path_on_server = None
        super().close()

    def rollback(self):
        self._search_path_on_server = None
        super().rollback()

    def savepoint_rollback(self, sid):
        try:
            super().savepoint_rollback(sid)
        finally:
            self._search_path_on_server = None
