"""The TypeScript SDK (sdk/typescript): built with tsc --strict (ESM + CommonJS + .d.ts), its
types fresh from the committed spec, type tests, then `node --test` against a live server (real
gunicorn + huey_consumer, embedded default), and the built package under Bun, Deno, import and require."""
import json
import os
import re
import shutil
import subprocess

import pytest

from tests.conftest import backend_config
from tests.procs import ROOT, free_port
from tests.render_media import make_clip
from tests.sdk_live import live_stack

SDK = os.path.join(ROOT, "sdk", "typescript")
NODE, NPM = shutil.which("node"), shutil.which("npm")


def run(args, env=None, timeout=300):
    """Run in the package directory; fail the test with the output when it fails."""
    done = subprocess.run(args, cwd=SDK, env={**os.environ, **(env or {})}, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, "%s failed:\n%s\n%s" % (" ".join(args), done.stdout[-6000:], done.stderr[-6000:])
    return done.stdout


@pytest.fixture(scope="module")
def built(built_sdk):
    """`npm ci` and the build, once per session (conftest's `built_sdk`)."""
    return built_sdk


def test_contract_types_are_generated_from_the_committed_spec(built):
    run([NODE, "scripts/generate.mjs", "--check"])
    with open(os.path.join(SDK, "src", "platform-contract.ts")) as fh:
        contract = fh.read()
    for name in ("Project", "Asset", "Template", "RenderJob", "Automation", "Run", "RenderCreate", "ProjectCreate",
                 "ErrorCode"):
        assert re.search(r"^export type %s = " % name, contract, re.M), name


def test_package_has_no_runtime_dependencies_and_no_node_imports(built):
    with open(os.path.join(SDK, "package.json")) as fh:
        package = json.load(fh)
    assert not package.get("dependencies") and not package.get("peerDependencies")
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", v) for v in package["devDependencies"].values()), "pin exact versions"
    builtins = re.compile(r"""(?:from\s+|require\(\s*|import\(\s*)["'](?:node:|fs|path|http|https|crypto|stream|buffer)""")
    for build in ("esm", "cjs"):
        files = [f for f in os.listdir(os.path.join(SDK, "dist", build)) if f.endswith((".js", ".d.ts"))]
        assert "index.js" in files and "index.d.ts" in files
        for name in files:
            with open(os.path.join(SDK, "dist", build, name)) as fh:
                assert not builtins.search(fh.read()), "dist/%s/%s imports a Node built-in" % (build, name)


@pytest.fixture(scope="module")
def compiled_tests(built):
    """test/*.ts and examples/*.ts → build-test/ with tsc --strict; test/types.check.ts is the type test: each
    `@ts-expect-error` must meet an error (a misspelt renders.submit field, a wrong enum value, an
    unknown error code), or tsc fails on the unused directive."""
    shutil.rmtree(os.path.join(SDK, "build-test"), ignore_errors=True)
    run([os.path.join(SDK, "node_modules", ".bin", "tsc"), "-p", "tsconfig.test.json"])


def test_strict_type_tests_and_the_readme_example_compile(compiled_tests):
    assert os.path.exists(os.path.join(SDK, "build-test", "test", "types.check.js"))
    assert os.path.exists(os.path.join(SDK, "build-test", "examples", "quickstart.js"))


@pytest.fixture(scope="module")
def live(tmp_path_factory, request):
    tmp = tmp_path_factory.mktemp("sdk-ts")
    with live_stack(backend_config("sqlite", tmp, request), tmp) as stack:
        yield stack


@pytest.fixture(scope="module")
def capture(tmp_path_factory):
    return tmp_path_factory.mktemp("sdk-ts-capture") / "webhook.json"


def test_node_suite_against_a_live_server(compiled_tests, live, capture, tmp_path):
    env = {"RENDEROWL_BASE_URL": live.base, "RENDEROWL_MASTER_KEY": live.master_key,
           "RENDEROWL_PROXY_URL": live.proxy.base, "RENDEROWL_CLIP": make_clip(tmp_path / "clip.mp4", seconds=2),
           "RENDEROWL_WEBHOOK_OUT": str(capture)}
    out = run([NODE, "--test", "--test-reporter=spec", "build-test/test/webhooks.test.js",
               "build-test/test/live.test.js"], env, timeout=400)
    assert re.search(r"pass 9\b", out) and re.search(r"fail 0\b", out), out[-3000:]
    assert len(live.proxy.log("POST")) == 2  # the dropped create and its replay went through the proxy


def test_built_package_under_bun_deno_import_and_require(built, live, capture):
    if not capture.exists():
        pytest.fail("the node suite did not capture a webhook (it failed first)")
    env = {"RENDEROWL_BASE_URL": live.base, "RENDEROWL_WEBHOOK_JSON": capture.read_text(),
           "RENDEROWL_WEBHOOK_OUT": str(capture), "RENDEROWL_CLOSED_URL": "http://127.0.0.1:%d" % free_port()}
    bin_dir = os.path.join(SDK, "node_modules", ".bin")
    under_bun = run([os.path.join(bin_dir, "bun"), "test/portable.mjs"], env)
    assert under_bun.startswith("bun 1.") and " 0 failed" in under_bun, under_bun
    # Deno with only network and environment access: no file system, no subprocesses.
    under_deno = run([os.path.join(bin_dir, "deno"), "run", "--allow-net=127.0.0.1", "--allow-env",
                      "test/portable.mjs"], {**env, "DENO_NO_UPDATE_CHECK": "1", "NO_COLOR": "1"})
    assert under_deno.startswith("deno 2.") and " 0 failed" in under_deno, under_deno
    assert " 0 failed" in run([NODE, "test/portable.mjs"], env)
    assert "require: ok" in run([NODE, "test/require.cjs"], env)
