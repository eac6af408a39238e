"""The documentation portal: every page served from this server, every internal link alive (in
the app and in the static build on a plain static server), every setting and error code
documented, and every reference code sample calling a method the Python client really has."""
import ast
import functools
import glob
import http.server
import inspect
import os
import re
import threading
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
import requests

from renderowl.portal import pages
from renderowl.portal.code_samples import CALLS

ROOT = pages.REPO_DIR
pytestmark = pytest.mark.backends("sqlite")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def links_of(html_text):
    parser = _Links()
    parser.feed(html_text)
    return parser.links


def crawl(fetch, start, origin):
    """Follow every same-origin link from `start`; returns ({url: status}, [(page, outside link)])."""
    seen, outside, todo = {}, [], [start]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        status, content_type, text = fetch(url)
        seen[url] = status
        if status != 200 or "text/html" not in content_type:
            continue
        for link in links_of(text):
            target = urldefrag(urljoin(url, link))[0]
            if target.startswith(("http://", "https://")) and not target.startswith(origin):
                outside.append((url, link))
            elif target.startswith(origin) and target not in seen:
                todo.append(target)
    return seen, outside


def test_portal_pages_are_served(client):
    home = client.get("/docs/")
    assert home.status_code == 200 and home.content_type.startswith("text/html")
    for slug, title in pages.GUIDES:
        page = client.get("/docs/guides/%s/" % slug)
        assert page.status_code == 200, slug
        assert ("<title>%s" % title).encode() in page.data.replace(b"&amp;", b"&")
    reference = client.get("/docs/reference/")
    assert b"swagger-ui-bundle.js" in reference.data and b"Authorize" in reference.data
    assert client.get("/docs", follow_redirects=True).status_code == 200
    missing = client.get("/docs/guides/no-such-guide/")
    assert missing.status_code == 404 and missing.json["error"]["code"] == "NOT_FOUND"


def test_guides_show_each_sample_in_every_language(client):
    page = client.get("/docs/guides/getting-started/").data.decode()
    for label in ("curl", "Node", "Python"):
        assert ">%s</button>" % label in page
    assert "{{sample" not in page
    webhooks = client.get("/docs/guides/webhooks/").data.decode()
    for label in ("Node", "Python", "PHP"):
        assert ">%s</button>" % label in webhooks


def test_no_broken_internal_links_in_the_app(client):
    def fetch(url):
        path = urlsplit(url).path
        resp = client.get(path)
        html_page = resp.status_code == 200 and (resp.content_type or "").startswith("text/html")
        return resp.status_code, resp.content_type or "", resp.get_data(as_text=True) if html_page else ""
    seen, outside = crawl(fetch, "http://localhost/docs/", "http://localhost")
    broken = {url: status for url, status in seen.items() if status != 200}
    assert not broken, broken
    assert not outside, outside
    assert len(seen) > len(pages.GUIDES) + 5  # guides, reference, assets, images


def test_static_build_works_from_a_plain_static_server(app, tmp_path):
    out = tmp_path / "site"
    result = app.test_cli_runner().invoke(args=["docs", "build", str(out)])
    assert result.exit_code == 0, result.output
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = "http://127.0.0.1:%d" % server.server_address[1]
    try:
        def fetch(url):
            resp = requests.get(url, timeout=10)
            kind = resp.headers.get("Content-Type", "")
            return resp.status_code, kind, resp.text if resp.ok and kind.startswith("text/html") else ""
        seen, outside = crawl(fetch, origin + "/", origin)
        spec = requests.get(origin + "/openapi.json", timeout=10).json()
    finally:
        server.shutdown()
        server.server_close()
    broken = {url: status for url, status in seen.items() if status != 200}
    assert not broken, broken
    assert not outside, outside
    assert origin + "/guides/webhooks/" in seen and origin + "/reference/" in seen
    assert spec["openapi"].startswith("3.1") and "/api/v1/projects" in spec["paths"]


def test_every_setting_is_documented():
    names = set()
    sources = [os.path.join(ROOT, "config.py")] + glob.glob(os.path.join(ROOT, "renderowl", "**", "*.py"),
                                                            recursive=True)
    for path in sources:
        if os.sep + "portal" + os.sep in path:  # the samples' own variables (RENDEROWL_URL, …)
            continue
        names |= set(re.findall(r"RENDEROWL_[A-Z0-9_]+[A-Z0-9]", open(path, encoding="utf-8").read()))
    guide = open(os.path.join(pages.GUIDES_DIR, "self-hosting.md"), encoding="utf-8").read()
    test_only = {"RENDEROWL_TEST_BACKENDS"}
    missing = sorted(n for n in names - test_only if n not in guide)
    assert not missing, "settings missing from docs/guides/self-hosting.md: %s" % missing


_CODE = re.compile(r'(?:\b\w*(?:Error|NotFound|__init__)\(\s*|NOT_FOUND = \(\s*|\bcode=|\d{3}: )"([A-Z][A-Z0-9_]+)"')


def test_every_error_code_is_documented(app):
    codes = set()
    for path in glob.glob(os.path.join(ROOT, "renderowl", "**", "*.py"), recursive=True):
        codes |= set(_CODE.findall(open(path, encoding="utf-8").read()))
    assert {"VALIDATION_ERROR", "PROJECT_NOT_FOUND", "UNAUTHENTICATED", "SLUG_TAKEN"} <= codes
    guide = open(os.path.join(pages.GUIDES_DIR, "errors.md"), encoding="utf-8").read()
    missing = sorted(c for c in codes if "`%s`" % c not in guide)
    assert not missing, "error codes missing from docs/guides/errors.md: %s" % missing


def test_every_operation_has_curl_node_and_python_samples(client):
    spec = client.get("/openapi.json").json
    count = 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            labels = [s["label"] for s in operation.get("x-codeSamples", [])]
            assert labels == ["curl", "Node", "Python"], (method, path)
            count += 1
    assert count >= 40
    # The table names only routes that exist (a renamed route would leave a dead entry behind).
    served = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    assert not [key for key in CALLS if key not in served and not key[1].endswith(("/usage", "/preview"))]


def test_python_reference_samples_call_real_client_methods(client):
    renderowl_client = pytest.importorskip("renderowl_client")
    sdk = renderowl_client.RenderowlClient(api_key="rk_live_" + "x" * 32, base_url="http://127.0.0.1:9")
    spec = client.get("/openapi.json").json
    checked = 0
    for operations in spec["paths"].values():
        for operation in operations.values():
            for sample in operation.get("x-codeSamples", []) if isinstance(operation, dict) else []:
                if sample["label"] != "Python" or "RenderowlClient" not in sample["source"]:
                    continue
                tree = ast.parse(sample["source"])
                for node in ast.walk(tree):
                    if isinstance(node, ast.Call) and ast.unparse(node.func).startswith("client."):
                        target = sdk
                        for attr in ast.unparse(node.func).split(".")[1:]:
                            assert hasattr(target, attr), sample["source"]
                            target = getattr(target, attr)
                        inspect.signature(target).bind(*[None] * len(node.args),
                                                       **{k.arg: None for k in node.keywords})
                        checked += 1
    assert checked >= 30


def test_node_reference_samples_compile_against_the_sdk_types(client, built_sdk, tmp_path):
    """Every Node sample of the reference, compiled with `tsc --strict` against the built SDK's
    declarations: a method or a field the SDK does not have fails here."""
    import json
    import subprocess
    spec = client.get("/openapi.json").json
    functions = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for sample in operation.get("x-codeSamples", []) if isinstance(operation, dict) else []:
                if sample["label"] == "Node" and "@renderowl/sdk" in sample["source"]:
                    body = "\n".join(line for line in sample["source"].splitlines() if not line.startswith("import "))
                    functions.append("// %s %s\nexport async function sample%d() {\n%s\n}\n"
                                     % (method.upper(), path, len(functions), body))
    assert len(functions) >= 30
    (tmp_path / "samples.ts").write_text("import { RenderowlClient } from '@renderowl/sdk';\n\n" + "\n".join(functions))
    (tmp_path / "tsconfig.json").write_text(json.dumps({"compilerOptions": {
        "strict": True, "noEmit": True, "target": "ES2022", "module": "ES2022", "moduleResolution": "bundler",
        "lib": ["ES2022", "DOM"], "types": ["node"], "typeRoots": [os.path.join(built_sdk, "node_modules", "@types")],
        "paths": {"@renderowl/sdk": [os.path.join(built_sdk, "dist", "esm", "index.d.ts")]}},
        "files": ["samples.ts"]}))
    done = subprocess.run([os.path.join(built_sdk, "node_modules", ".bin", "tsc"), "-p", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
