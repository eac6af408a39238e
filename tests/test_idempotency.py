"""Idempotency-Key on creating POSTs."""


def test_replay_same_key_same_body(client, master):
    headers = {**master, "Idempotency-Key": "create-acme-1"}
    first = client.post("/api/v1/projects", json={"slug": "acme-x", "name": "Acme"}, headers=headers)
    assert first.status_code == 201 and "Idempotent-Replayed" not in first.headers
    again = client.post("/api/v1/projects", json={"name": "Acme", "slug": "acme-x"}, headers=headers)
    assert again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json == first.json
    assert len(client.get("/api/v1/projects", headers=master).json["data"]) == 1


def test_same_key_other_body_409(client, master):
    headers = {**master, "Idempotency-Key": "k-1"}
    assert client.post("/api/v1/projects", json={"slug": "one-1", "name": "A"}, headers=headers).status_code == 201
    resp = client.post("/api/v1/projects", json={"slug": "two-2", "name": "B"}, headers=headers)
    assert resp.status_code == 409 and resp.json["error"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert [p["slug"] for p in client.get("/api/v1/projects", headers=master).json["data"]] == ["one-1"]


def test_error_answers_are_replayed_too(client, master, make_project):
    make_project(slug="taken-1")
    headers = {**master, "Idempotency-Key": "k-2"}
    first = client.post("/api/v1/projects", json={"slug": "taken-1", "name": "A"}, headers=headers)
    assert first.status_code == 409 and first.json["error"]["code"] == "SLUG_TAKEN"
    again = client.post("/api/v1/projects", json={"slug": "taken-1", "name": "A"}, headers=headers)
    assert again.status_code == 409 and again.headers["Idempotent-Replayed"] == "true"


def test_keys_are_scoped_per_caller_and_validated(client, master):
    too_long = {**master, "Idempotency-Key": "x" * 256}
    resp = client.post("/api/v1/projects", json={"slug": "abc-1", "name": "A"}, headers=too_long)
    assert resp.status_code == 400 and resp.json["error"]["code"] == "VALIDATION_ERROR"
    ok = {**master, "Idempotency-Key": "x" * 255}
    assert client.post("/api/v1/projects", json={"slug": "abc-1", "name": "A"}, headers=ok).status_code == 201


def test_keys_expire_after_24_hours(app, client, master):
    import datetime

    from renderowl.extensions import database
    from renderowl.idempotency import IdempotencyKey, purge_expired
    headers = {**master, "Idempotency-Key": "old-1"}
    assert client.post("/api/v1/projects", json={"slug": "old-1", "name": "A"}, headers=headers).status_code == 201
    with app.app_context(), database.connection_context():
        past = datetime.datetime.utcnow() - datetime.timedelta(hours=1)
        IdempotencyKey.update(expires_at=past).execute()
        assert purge_expired.call_local() == 1
        assert IdempotencyKey.select().count() == 0
    # The key is free again: a new body is a new request, not a 409.
    resp = client.post("/api/v1/projects", json={"slug": "new-1", "name": "B"}, headers=headers)
    assert resp.status_code == 201 and "Idempotent-Replayed" not in resp.headers


def test_in_flight_marker_of_a_dead_request_is_reclaimed(app, client, master):
    """A request whose process died leaves its key `in use`; a minute later a retry runs."""
    import datetime

    from renderowl.extensions import database
    from renderowl.idempotency import IdempotencyKey, _fingerprint
    headers = {**master, "Idempotency-Key": "crashed-1"}
    body = {"slug": "crash-1", "name": "A"}
    with app.test_request_context("/api/v1/projects", method="POST", json=body), database.connection_context():
        # What the dead request left: its marker, never completed.
        IdempotencyKey.create(principal="master", key="crashed-1", request_hash=_fingerprint(),
                              expires_at=datetime.datetime.utcnow() + datetime.timedelta(hours=24))
    busy = client.post("/api/v1/projects", json=body, headers=headers)
    assert busy.status_code == 409 and busy.json["error"]["code"] == "IDEMPOTENCY_KEY_IN_USE"
    with app.app_context(), database.connection_context():
        IdempotencyKey.update(created_at=datetime.datetime.utcnow() - datetime.timedelta(minutes=2)).execute()
    retried = client.post("/api/v1/projects", json=body, headers=headers)
    assert retried.status_code == 201 and "Idempotent-Replayed" not in retried.headers


def test_two_concurrent_renders_with_one_key_render_and_reserve_once(project, key, make_queued_app, monkeypatch):
    """The first request is still running when its marker is a minute old and reclaimed: the
    retry must find the same job, not queue a second render and reserve the quota twice."""
    import datetime
    import threading

    from renderowl.extensions import database, huey
    from renderowl.idempotency import IdempotencyKey
    from renderowl.projects.models import Project
    from renderowl.renders import service
    from renderowl.renders.models import RenderJob
    queued, _ = make_queued_app(DB_POOL_SIZE=16)
    huey.flush()
    url = "/api/v1/projects/%s/renders" % project["id"]
    body = {"video": {"type": "url", "url": "https://videos.example.com/a.mp4"},
            "captions": [{"start": 0, "end": 4, "text": "Once"}]}
    headers = {**key, "Idempotency-Key": "slow-render-1"}
    paused, resume = threading.Event(), threading.Event()
    resolve = service.resolve_render

    def slow_first(project_row, data):
        if not paused.is_set():  # the first request stalls here (a pool wait, a slow disk...)
            paused.set()
            assert resume.wait(30)
        return resolve(project_row, data)

    monkeypatch.setattr(service, "resolve_render", slow_first)
    answers = {}

    def first():
        answers["first"] = queued.test_client().post(url, json=body, headers=headers)

    thread = threading.Thread(target=first)
    thread.start()
    assert paused.wait(30)
    with queued.app_context(), database.connection_context():
        IdempotencyKey.update(created_at=datetime.datetime.utcnow() - datetime.timedelta(minutes=2)).execute()
    second = queued.test_client().post(url, json=body, headers=headers)
    resume.set()
    thread.join(30)
    first_answer = answers["first"]
    assert second.status_code == 202 and first_answer.status_code == 202, (second.json, first_answer.json)
    assert second.json["id"] == first_answer.json["id"]
    with queued.app_context(), database.connection_context():
        assert RenderJob.select().count() == 1
        assert Project.get_by_id(project["id"]).render_ms_reserved == 4000
    assert huey.pending_count() == 1
    huey.flush()
