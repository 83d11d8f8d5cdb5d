"""pg_dump has its own connection, so it sees committed data only: this test uses a
committed city (and no `db` transaction)."""

import pytest


def test_the_schema_dump_comes_from_pg_dump(committed_city):
    from tenants.export import pg_dump_binary, schema_dump

    if pg_dump_binary() is None:
        pytest.skip("no pg_dump binary here")
    dump = schema_dump(committed_city.schema_name).decode()
    assert "CREATE TABLE concurrency.people_department" in dump
    assert "CREATE TABLE cluj." not in dump
