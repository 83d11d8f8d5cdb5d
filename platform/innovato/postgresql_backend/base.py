"""django-tenants' backend, minus one query per request on a persistent connection.

django-tenants forgets the search_path it set whenever a schema is selected, and every
request selects one (the routing middleware selects the hub, then the request's city), so
each request began with `SET search_path` even when the connection, kept open between
requests (CONN_MAX_AGE), already had that very path. This backend remembers the path the
server holds and keeps it when the schema selected resolves to the same path. A different
path (another city, the hub) is always set before the next query, and anything that may
have discarded the setting on the server (closing, reconnecting, a rollback to before the
SET) forgets it, as django-tenants does.

It also lets hot reads run as statements the server keeps prepared (`prepared_statements`).
"""

import contextlib

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
        self._preparing = False  # inside `prepared_statements`
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

    @contextlib.contextmanager
    def prepared_statements(self):
        """Within this block, queries are bound on the server and prepared there once they
        have run `prepare_threshold` times on this connection (psycopg keeps the last
        hundred), so the server no longer parses and plans them: for the reads of a page
        asked for again and again, whose parsing and planning cost as much as running
        them. Elsewhere cursors bind on the client, as Django's do, which allows any number
        of parameters (a query bound on the server takes at most 65,535) but no preparing.

        Nothing else differs: the schema's search_path is set before the first query, each
        schema has its own statements (and PostgreSQL would parse a statement again were
        the path to change, so one city's statement never reads another city's tables),
        queries are logged where Django logs them, and errors are Django's."""
        if self._preparing:  # already within such a block
            yield
            return
        self._preparing = True
        try:
            with self.execute_wrapper(self._statement_per_schema):
                yield
        finally:
            self._preparing = False

    def _statement_per_schema(self, execute, sql, params, many, context):
        # PostgreSQL parses and plans a prepared statement again whenever the search_path
        # differs from the one it was prepared under, so on a connection serving several
        # cities in turn a shared statement would be planned again on nearly every run.
        # Its text names the schema instead: psycopg prepares one statement per city,
        # each keeping its plan.
        return execute(f"/* {self.schema_name} */ {sql}", params, many, context)

    def create_cursor(self, name=None):
        if name or not self._preparing:
            return super().create_cursor(name)
        connection, binding = self.connection, self.connection.cursor_factory
        connection.cursor_factory = ServerBindingCursor
        try:
            return super().create_cursor(name)
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
