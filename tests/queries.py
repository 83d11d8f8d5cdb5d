"""Comparing the queries of two requests for a list, one short and one long."""


def _counts(captured) -> int:
    return sum(q["sql"].startswith("SELECT COUNT(*)") for q in captured.captured_queries)


def assert_same_reads(few, many) -> None:
    """The long list (`many`, a CaptureQueriesContext) ran the queries the short one (`few`)
    ran, plus at most one COUNT: an API list counts its rows apart only when they overflow
    the first page. Any other extra query is a read per row."""
    extra = len(many) - len(few)
    assert extra in (0, 1) and extra == _counts(many) - _counts(few), [
        q["sql"][:150] for q in many.captured_queries]
