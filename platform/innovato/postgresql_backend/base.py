"""django-tenants' backend, minus one query per request on a persistent connection.

django-tenants forgets the search_path it set whenever a schema is selected, and every
request selects one (the routing middleware selects the hub, then the request's city), so
each request began with `SET search_path` even when the connection, kept open between
requests (CONN_MAX_AGE), already had that very path. This backend remembers the path the
server holds and keeps it when the schema selected resolves to the same path. A different
path (another city, the hub) is always set before the next query, and anything that may
have discarded the setting on the server (closing, reconnecting, a rollback to before the
SET) forgets it, as django-tenants does.

It also gives cursors whose queries the server keeps prepared (`prepared_cursor`).
"""

from django.db.backends.postgresql.base import ServerBindingCursor
from django.db.backends.postgresql.operations import DatabaseOperations as PostgresOperations
from django_tenants.postgresql_backend.base import DatabaseWrapper as TenantDatabaseWrapper
from psycopg import errors


class DatabaseOperations(PostgresOperations):
    def last_executed_query(self, cursor, sql, params):
        # psycopg keeps no text of a query run as a prepared statement, where Django reads
        # it for its query log: the query is written out here instead, as Django does when
        # every cursor binds on the server.
        if isinstance(cursor, ServerBindingCursor):
            try:
                return self.compose_sql(sql, params)
            except errors.DataError:
                return None
        return super().last_executed_query(cursor, sql, params)


class DatabaseWrapper(TenantDatabaseWrapper):
    ops_class = DatabaseOperations

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

    def prepared_cursor(self):
        """A cursor whose queries are bound on the server and prepared there once they have
        run `prepare_threshold` times on this connection (psycopg keeps the last hundred),
        so the server no longer parses and plans them: for a long query that runs on every
        request, whose parsing and planning cost as much as running it. Django's cursors
        bind on the client, which allows any number of parameters but no preparing.

        Otherwise as `cursor()`: the schema's search_path is set before the first query
        (and PostgreSQL parses a prepared statement again whenever the path has changed, so
        one city's statement never reads another city's tables), queries are logged where
        Django logs them, and errors are Django's."""
        self.ensure_connection()
        # Only for this cursor: Django's own cursors go on binding on the client. Should a
        # failed health check replace the connection meanwhile, the new one's cursor binds
        # on the client, and nothing else differs.
        connection, binding = self.connection, self.connection.cursor_factory
        connection.cursor_factory = ServerBindingCursor
        try:
            return self.cursor()
        finally:
            connection.cursor_factory = binding

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
