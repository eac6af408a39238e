// The built package on any runtime (run under Bun, Deno and Node by tests/test_sdk_typescript.py): only
// fetch and Web Crypto, no node: modules here or in the SDK. Verifies a webhook the server really
// sent (captured by live.test.ts) and the typed errors of a live server.
import * as sdk from "@renderowl/sdk";

const runtime = typeof Bun !== "undefined" ? `bun ${Bun.version}`
  : typeof Deno !== "undefined" ? `deno ${Deno.version.deno}` : `node ${process.versions.node}`;
const failures = [];
let passed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
  } catch (error) {
    failures.push(`${name}: ${error?.stack ?? error}`);
  }
}
function ok(value, message) {
  if (!value) throw new Error(message ?? "expected a truthy value");
}

const resolved = import.meta.resolve("@renderowl/sdk");
// The harness hands over the captured delivery in the environment: no file system needed here.
const captured = JSON.parse(process.env.RENDEROWL_WEBHOOK_JSON);
const base = process.env.RENDEROWL_BASE_URL;

await check("import resolves to the ESM build", () => ok(resolved.endsWith("/dist/esm/index.js"), resolved));
await check("a real delivery verifies", async () => {
  ok(await sdk.verifyWebhook(captured.body, captured.signature, captured.secret) === true);
  ok(await sdk.verifyWebhook(new TextEncoder().encode(captured.body), captured.signature, captured.secret) === true);
  ok(await sdk.verifyWebhook(captured.body + " ", captured.signature, captured.secret) === false);
  ok(await sdk.verifyWebhook(captured.body, captured.signature, "whsec_wrong") === false);
  const event = await sdk.constructEvent(captured.body, captured.signature, captured.secret);
  ok(event.type === "render.completed" && event.projectId === captured.projectId);
});
await check("rotation: the server's two v1 values, either secret verifies", async () => {
  ok(captured.signature.split("v1=").length === 3, captured.signature);
  ok(await sdk.verifyWebhook(captured.body, captured.signature, captured.newSecret) === true);
  ok(await sdk.verifyWebhook(captured.body, captured.signature, captured.secret) === true);
});
await check("constructEvent throws WebhookVerificationError", async () => {
  const error = await sdk.constructEvent(captured.body, captured.signature, "whsec_wrong").catch((e) => e);
  ok(error instanceof sdk.WebhookVerificationError, String(error));
});
await check("404 is a NotFoundError with its code and request id", async () => {
  const client = new sdk.RenderowlClient({ apiKey: captured.apiKey, baseUrl: base });
  const error = await client.renders.get(captured.projectId, "00000000-0000-4000-8000-000000000000").catch((e) => e);
  ok(error instanceof sdk.NotFoundError && error instanceof sdk.RenderowlError, String(error));
  ok(error.code === "RENDER_NOT_FOUND" && error.status === 404 && error.requestId, JSON.stringify(error));
});
await check("401 is an AuthenticationError", async () => {
  const client = new sdk.RenderowlClient({ apiKey: "rk_live_" + "x".repeat(32), baseUrl: base });
  const error = await client.projects.get(captured.projectId).catch((e) => e);
  ok(error instanceof sdk.AuthenticationError && error.code === "INVALID_API_KEY", String(error));
});
await check("400 carries details", async () => {
  const client = new sdk.RenderowlClient({ apiKey: captured.apiKey, baseUrl: base });
  const error = await client.assets.create(captured.projectId, { name: "x", type: "video", mimeType: "video/mp4",
    sizeBytes: -1 }).catch((e) => e);
  ok(error instanceof sdk.BadRequestError && error.code === "VALIDATION_ERROR" && error.details?.sizeBytes,
    JSON.stringify(error));
});
await check("no answer is a RenderowlNetworkError, not an API error", async () => {
  // A port nothing listens on (chosen by the harness: Deno refuses "bad ports" such as 9 itself).
  const client = new sdk.RenderowlClient({ apiKey: captured.apiKey, baseUrl: process.env.RENDEROWL_CLOSED_URL,
    maxRetries: 0 });
  const error = await client.projects.get("x").catch((e) => e);
  ok(error instanceof sdk.RenderowlNetworkError && !(error instanceof sdk.RenderowlError), String(error));
});

console.log(`${runtime}: ${passed} passed, ${failures.length} failed`);
if (failures.length) {
  console.error(failures.join("\n"));
  process.exit(1);
}
