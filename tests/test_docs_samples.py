"""The docs' code samples cannot rot: each one runs against a live server (real gunicorn +
huey_consumer, embedded default) in every language it is written in — curl through bash, Node
with the built SDK, Python with the client, PHP — and must print what its guide says.

The order, the variables passed from one sample to the next and the expected output are in
`docs/samples/samples.json`.
"""
import json
import os
import shutil
import subprocess
import sys
import uuid

import pytest
import requests

from tests.procs import ROOT, env_for, free_port, start_consumer, start_gunicorn, wait_for
from tests.receiver import Receiver
from tests.render_media import make_clip

SAMPLES_DIR = os.path.join(ROOT, "docs", "samples")
MANIFEST = json.load(open(os.path.join(SAMPLES_DIR, "samples.json")))
MASTER_KEY = "test-master-key-0123456789abcdef"
LANGUAGES = {"sh": ["bash", "-euo", "pipefail"], "mjs": ["node"], "py": [sys.executable], "php": ["php"]}

pytestmark = pytest.mark.backends("sqlite")


def sample_files(name):
    return {ext: os.path.join(SAMPLES_DIR, "%s.%s" % (name, ext)) for ext in LANGUAGES
            if os.path.exists(os.path.join(SAMPLES_DIR, "%s.%s" % (name, ext)))}


def lookup(data, path):
    for part in path.split("."):
        if isinstance(data, list):
            data = data[int(part)] if part.isdigit() and int(part) < len(data) else None
        elif isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def check(output, expect, env):
    for path, wanted in expect.items():
        got = lookup(output, path)
        if wanted == "*":
            assert got is not None, "%s missing in %s" % (path, output)
        elif isinstance(wanted, str) and wanted.startswith("$"):
            assert got == env[wanted[1:]], "%s: %r != %r" % (path, got, env[wanted[1:]])
        else:
            assert got == wanted, "%s: %r != %r in %s" % (path, got, wanted, output)


@pytest.fixture(scope="module")
def live(tmp_path_factory, sqlite_template):
    """One live server for every language: its own SQLite file, queue and storage."""
    from config import TestConfig
    tmp = tmp_path_factory.mktemp("docs-live")
    shutil.copy(sqlite_template, tmp / "renderowl.db")
    port = free_port()
    live_config = type("DocsConfig", (TestConfig,), {
        "DATABASE_URL": "sqlite:///%s" % (tmp / "renderowl.db"), "REDIS_URL": None,
        "STORAGE_URL": "file://%s" % (tmp / "storage"), "WORK_DIR": str(tmp / "work"),
        "HUEY_SQLITE_PATH": str(tmp / "huey.db"), "PUBLIC_URL": "http://127.0.0.1:%d" % port,
        "SIGNING_SECRET": "docs-signing-secret", "OUTBOUND_ALLOW_CIDRS": ["127.0.0.0/8"]})
    env = env_for(live_config, RENDEROWL_HUEY_NAME="docs")
    consumer = start_consumer(env, str(tmp / "consumer.log"), workers=2)
    web, base = start_gunicorn(env, tmp / "web.log", workers=2, port=port)
    receiver = Receiver()
    try:
        yield {"base": base, "receiver": receiver, "video": make_clip(tmp / "clip.mp4", seconds=2),
               "procs": [web, consumer], "tmp": tmp}
    finally:
        web.stop()
        consumer.stop()
        receiver.close()


def sample_env(language, live, workdir):
    env = {k: v for k, v in os.environ.items() if not k.startswith("RENDEROWL_")}
    env.update({
        "RENDEROWL_URL": live["base"], "RENDEROWL_MASTER_KEY": MASTER_KEY,
        "SLUG": "docs-%s-%s" % (language, uuid.uuid4().hex[:6]), "VIDEO_FILE": live["video"],
        "WEBHOOK_URL": live["receiver"].url("/hooks/%s" % language),
        "PYTHONPATH": os.pathsep.join([os.path.join(ROOT, "sdk", "python"), ROOT]),
    })
    return env


def project_with_an_event(live, env):
    """For a language whose samples start at verification (PHP): a project whose upload of the
    test clip has been delivered to the receiver as a signed `asset.ready`."""
    api, master = live["base"] + "/api/v1", {"Authorization": "Bearer " + MASTER_KEY}
    project = requests.post(api + "/projects", headers=master, timeout=30, json={
        "slug": env["SLUG"], "name": "Webhook receiver", "settings": {"webhookUrl": env["WEBHOOK_URL"]}}).json()
    data = open(live["video"], "rb").read()
    created = requests.post(api + "/projects/%s/assets" % project["id"], headers=master, timeout=30, json={
        "name": "clip.mp4", "type": "video", "mimeType": "video/mp4", "sizeBytes": len(data)}).json()
    assert requests.put(created["uploadUrl"], data=data, headers=created["uploadHeaders"], timeout=30).ok
    requests.post(api + "/projects/%s/assets/%s/complete" % (project["id"], created["asset"]["id"]),
                  headers=master, timeout=30)
    return {"PROJECT_ID": project["id"], "WEBHOOK_SECRET": project["webhookSecret"]}


def received_webhook(live, env):
    """The newest signed delivery this language's project received (a render completed by now)."""
    if "WEBHOOK_SECRET" not in env:
        env.update(project_with_an_event(live, env))
    path = "/" + env["WEBHOOK_URL"].split("://", 1)[1].split("/", 1)[1]
    wait_for(lambda: live["receiver"].hits(path), 60, "a webhook delivery", live["procs"])
    hit = live["receiver"].hits(path)[-1]
    body_file = os.path.join(env["WORKDIR"], "webhook-body.json")
    with open(body_file, "wb") as fh:
        fh.write(hit["body"])
    signature = {k.lower(): v for k, v in hit["headers"].items()}["renderowl-signature"]
    return {"WEBHOOK_BODY_FILE": body_file, "WEBHOOK_SIGNATURE": signature}


def run_chain(language, live, tmp_path):
    """Run every sample written in `language`, in the manifest's order; returns how many ran."""
    workdir = str(tmp_path / language)
    os.makedirs(os.path.join(workdir, "node_modules", "@renderowl"))
    os.symlink(os.path.join(ROOT, "sdk", "typescript"), os.path.join(workdir, "node_modules", "@renderowl", "sdk"))
    env = sample_env(language, live, workdir)
    env["WORKDIR"] = workdir
    ran = 0
    for step in MANIFEST["steps"]:
        files = sample_files(step["sample"])
        if language not in files:
            continue
        if step.get("webhook"):
            env.update(received_webhook(live, env))
        # Run a copy inside the work dir: Node resolves `@renderowl/sdk` from the script's folder.
        script = os.path.join(workdir, os.path.basename(files[language]))
        shutil.copy(files[language], script)
        proc = subprocess.run(LANGUAGES[language] + [script], cwd=workdir, env=env,
                              capture_output=True, text=True, timeout=180)
        assert proc.returncode == 0, "%s (%s) failed:\n%s\n%s" % (step["sample"], language, proc.stdout, proc.stderr)
        lines = [line for line in proc.stdout.strip().splitlines() if line.strip()]
        assert lines, "%s (%s) printed nothing" % (step["sample"], language)
        output = json.loads(lines[-1])
        check(output, step.get("expect", {}), env)
        for name, path in step.get("export", {}).items():
            env[name] = str(lookup(output, path))
        ran += 1
    return ran


def test_every_sample_exists_in_each_language():
    for step in MANIFEST["steps"]:
        files = sample_files(step["sample"])
        wanted = {"mjs", "py", "php"} if step.get("webhook") else {"sh", "mjs", "py"}
        assert wanted <= set(files), "%s lacks %s" % (step["sample"], wanted - set(files))


@pytest.mark.parametrize("language", ["sh", "mjs", "py", "php"])
def test_samples_run_against_a_live_server(language, live, tmp_path, backend, request):
    if shutil.which(LANGUAGES[language][0]) is None:
        pytest.fail("%s is not installed (.ci/run installs it)" % LANGUAGES[language][0])
    if language == "mjs":
        request.getfixturevalue("built_sdk")
    ran = run_chain(language, live, tmp_path)
    assert ran == sum(1 for step in MANIFEST["steps"] if language in sample_files(step["sample"]))
    assert ran >= 1


def readme_walkthrough():
    text = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    marker = text.index("<!-- tested: readme-walkthrough")
    start = text.index("```sh\n", marker) + len("```sh\n")
    return text[start:text.index("\n```", start)]


def test_readme_walkthrough_runs_as_written(live, tmp_path, backend):
    import av
    shutil.copy(live["video"], tmp_path / "clip.mp4")
    env = {k: v for k, v in os.environ.items() if not k.startswith("RENDEROWL_")}
    env.update(RENDEROWL_URL=live["base"], RENDEROWL_MASTER_KEY=MASTER_KEY)
    proc = subprocess.run(["bash", "-euo", "pipefail", "-c", readme_walkthrough()], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with av.open(str(tmp_path / "captioned.mp4")) as container:
        assert abs(float(container.duration / 1_000_000) - 2.0) < 0.3
        assert container.streams.video[0].codec_context.name == "h264"
