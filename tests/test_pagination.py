"""Keyset pagination: complete, ordered, stable while rows are inserted."""


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
