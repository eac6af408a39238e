"""Keyset pagination: complete, ordered, stable while rows are inserted."""
import threading

from tests.conftest import MASTER_KEY


def test_walk_without_duplicates_or_gaps_while_inserting(app, client, master, make_project):
    existing = [make_project()["id"] for _ in range(23)]
    seen, cursor, pages = [], None, 0
    stop = threading.Event()
    inserted = []

    def insert_more():
        other = app.test_client()
        headers = {"Authorization": "Bearer " + MASTER_KEY}
        i = 0
        while not stop.is_set() and i < 15:
            resp = other.post("/api/v1/projects", json={"slug": "late-%d" % i, "name": "late"}, headers=headers)
            assert resp.status_code == 201
            inserted.append(resp.json["id"])
            i += 1

    writer = threading.Thread(target=insert_more)
    writer.start()
    try:
        while True:
            url = "/api/v1/projects?limit=4" + ("&cursor=" + cursor if cursor else "")
            page = client.get(url, headers=master).json
            assert len(page["data"]) <= 4
            seen.extend(p["id"] for p in page["data"])
            pages += 1
            if not page["hasMore"]:
                assert page["nextCursor"] is None
                break
            cursor = page["nextCursor"]
    finally:
        stop.set()
        writer.join()
    assert len(seen) == len(set(seen)), "duplicates across pages"
    # Every project that existed before the walk is there, newest first.
    assert [i for i in seen if i in existing] == list(reversed(existing))
    assert pages >= 6


def test_limit_default_and_bounds(client, master, make_project):
    for _ in range(22):
        make_project()
    page = client.get("/api/v1/projects", headers=master).json
    assert len(page["data"]) == 20 and page["hasMore"] is True and page["nextCursor"]
    rest = client.get("/api/v1/projects?limit=100&cursor=" + page["nextCursor"], headers=master).json
    assert len(rest["data"]) == 2 and rest["hasMore"] is False
