"""Keyset pagination: complete, ordered, stable while rows are inserted, and seeking at depth."""
import logging

from renderowl.db import is_postgres
from renderowl.extensions import database


def test_walk_without_duplicates_or_gaps_while_inserting(app, client, master, make_project):
    existing = [make_project()["id"] for _ in range(23)]
    other = app.test_client()  # another caller, inserting between our page requests
    seen, inserted, cursor, pages = [], [], None, 0
    while True:
        url = "/api/v1/projects?limit=4" + ("&cursor=" + cursor if cursor else "")
        page = client.get(url, headers=master).json
        assert len(page["data"]) <= 4
        seen.extend(p["id"] for p in page["data"])
        pages += 1
        # Two new projects land after every page: the rest of the walk must not shift.
        for _ in range(2):
            resp = other.post("/api/v1/projects", headers=master,
                              json={"slug": "late-%d" % len(inserted), "name": "late"})
            assert resp.status_code == 201, resp.json
            inserted.append(resp.json["id"])
        if not page["hasMore"]:
            assert page["nextCursor"] is None
            break
        cursor = page["nextCursor"]
    assert pages == 6 and len(inserted) == 12
    assert len(seen) == len(set(seen)), "duplicates across pages"
    # Exactly the projects that existed before the walk, newest first; the newer ones come
    # before the first page's position, so a walk that started earlier never meets them.
    assert seen == list(reversed(existing))
    # A new walk sees everything, the inserts first.
    fresh = client.get("/api/v1/projects?limit=100", headers=master).json["data"]
    assert [p["id"] for p in fresh] == list(reversed(existing + inserted))


def test_limit_default_and_bounds(client, master, make_project):
    for _ in range(22):
        make_project()
    page = client.get("/api/v1/projects", headers=master).json
    assert len(page["data"]) == 20 and page["hasMore"] is True and page["nextCursor"]
    rest = client.get("/api/v1/projects?limit=100&cursor=" + page["nextCursor"], headers=master).json
    assert len(rest["data"]) == 2 and rest["hasMore"] is False


class _Statements(logging.Handler):
    """The SQL statements peewee runs while installed (its debug log carries (sql, params))."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.seen = []

    def emit(self, record):
        if isinstance(record.msg, tuple):
            self.seen.append(record.msg)


def test_a_page_after_a_cursor_seeks_the_list_index(app, client, project, key):
    # A page deep in a list must cost what the first page costs: the query has to seek the
    # (project, created_at, id) index to the cursor, not read every newer row and filter them.
    for i in range(3):
        resp = client.post("/api/v1/projects/%s/assets" % project["id"], headers=key,
                           json={"name": "a%d.mp4" % i, "type": "video", "mimeType": "video/mp4", "sizeBytes": 10})
        assert resp.status_code == 201, resp.json
    url = "/api/v1/projects/%s/assets?limit=1" % project["id"]
    cursor = client.get(url, headers=key).json["nextCursor"]
    log, statements = logging.getLogger("peewee"), _Statements()
    level = log.level
    log.addHandler(statements)
    log.setLevel(logging.DEBUG)
    try:
        page = client.get(url + "&cursor=" + cursor, headers=key).json
    finally:
        log.removeHandler(statements)
        log.setLevel(level)
    assert len(page["data"]) == 1 and page["hasMore"] is True
    [(sql, params)] = [s for s in statements.seen if s[0].startswith("SELECT") and 'FROM "asset"' in s[0]]
    with app.app_context(), database.connection_context():
        if is_postgres():
            with database.atomic():  # three rows: make the planner show what it would do at scale
                database.execute_sql("SET LOCAL enable_seqscan = off")
                plan = "\n".join(r[0] for r in database.execute_sql("EXPLAIN " + sql, params))
            assert "asset_project_id_created_at_id" in plan and "ROW(created_at, id) <" in plan, plan
            assert "Sort" not in plan, plan
        else:
            plan = "\n".join(r[-1] for r in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params))
            assert "asset_project_id_created_at_id (project_id=? AND (created_at,id)<(?,?))" in plan, plan
            assert "TEMP B-TREE" not in plan, plan
