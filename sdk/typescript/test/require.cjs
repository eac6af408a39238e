// The CommonJS build through require(): same API, a real delivery verifies, errors are typed.
const assert = require("node:assert/strict");
const { readFileSync } = require("node:fs");
const sdk = require("@renderowl/sdk");

(async () => {
  assert.ok(require.resolve("@renderowl/sdk").endsWith("/dist/cjs/index.js"));
  for (const name of ["RenderowlClient", "RenderowlError", "NotFoundError", "RateLimitError", "RenderowlNetworkError",
    "verifyWebhook", "constructEvent", "ListCursor"]) {
    assert.equal(typeof sdk[name], "function", name);
  }
  // A method for every project-scoped operationId of the spec (`automations.runs.list` ...).
  const spec = JSON.parse(readFileSync(require.resolve("../../openapi.json"), "utf8"));
  const offline = new sdk.RenderowlClient({ apiKey: "rk_live_x", baseUrl: "http://127.0.0.1:9" });
  const operations = Object.entries(spec.paths).filter(([path]) => path.startsWith("/api/v1/projects"))
    .flatMap(([, item]) => Object.values(item).map((op) => op.operationId).filter(Boolean));
  assert.ok(operations.length > 30);
  const missing = operations.filter((id) => typeof id.split(".").reduce((o, k) => o?.[k], offline) !== "function");
  assert.deepEqual(missing, []);
  const captured = JSON.parse(readFileSync(process.env.RENDEROWL_WEBHOOK_OUT, "utf8"));
  assert.equal(await sdk.verifyWebhook(captured.body, captured.signature, captured.secret), true);
  assert.equal(await sdk.verifyWebhook(captured.body, captured.signature, captured.newSecret), true);
  assert.equal(await sdk.verifyWebhook(captured.body, captured.signature, "whsec_wrong"), false);
  const client = new sdk.RenderowlClient({ apiKey: captured.apiKey, baseUrl: process.env.RENDEROWL_BASE_URL });
  const error = await client.assets.get(captured.projectId, "00000000-0000-4000-8000-000000000000").catch((e) => e);
  assert.ok(error instanceof sdk.NotFoundError, String(error));
  assert.equal(error.code, "ASSET_NOT_FOUND");
  const page = await client.assets.list(captured.projectId, { limit: 5 }).page();
  assert.equal(page.data.length, 5);
  console.log("require: ok");
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
