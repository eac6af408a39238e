// The SDK against a live Renderowl (real gunicorn + huey_consumer), started by
// tests/test_sdk_typescript.py, which passes the URLs and a generated clip in the environment.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";

import {
  type Asset, constructEvent, NotFoundError, PermissionDeniedError, type Project, RateLimitError, RenderowlClient,
  RenderowlError, RenderowlNetworkError, type UploadProgress, verifyWebhook,
} from "@renderowl/sdk";

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run through tests/test_sdk_typescript.py)`);
  return value;
};
const BASE = env("RENDEROWL_BASE_URL");
const admin = new RenderowlClient({ apiKey: env("RENDEROWL_MASTER_KEY"), baseUrl: BASE });

// A local endpoint for the project's webhooks: it keeps every raw body with its signature.
interface Hit { body: Buffer; signature: string }
const hits: Hit[] = [];
const receiver = createServer((req: IncomingMessage, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    hits.push({ body: Buffer.concat(chunks), signature: String(req.headers["renderowl-signature"] ?? "") });
    res.writeHead(204).end();
  });
});

let project: Project;
let client: RenderowlClient;
let apiKey: string;

before(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const port = (receiver.address() as AddressInfo).port;
  project = await admin.projects.create({ slug: "sdk-ts", name: "SDK (TypeScript)",
    settings: { webhookUrl: `http://127.0.0.1:${port}/hooks` } });
  const key = await admin.apiKeys.create(project.id as string, { name: "backend" });
  assert.match(key.key as string, /^rk_live_[A-Za-z0-9]{32}$/);
  apiKey = key.key as string;
  client = new RenderowlClient({ apiKey, baseUrl: `${BASE}/api/v1`, maxRetries: 3 });
});

after(() => receiver.close());

const until = async (what: string, check: () => boolean, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

test("upload a generated clip, render it from a template with variables, verify the real webhook", async () => {
  const progress: UploadProgress[] = [];
  const clip = readFileSync(env("RENDEROWL_CLIP"));
  const asset: Asset = await client.assets.upload(project.slug as string, clip, {
    name: "clip.mp4", type: "video", mimeType: "video/mp4", waitForReady: true, timeoutMs: 90_000,
    onProgress: (p) => progress.push(p),
  });
  assert.equal(asset.status, "ready");
  assert.equal(asset.sizeBytes, clip.byteLength);
  assert.equal(asset.metadata?.width, 320);
  assert.deepEqual(progress.slice(0, 2), [
    { phase: "uploading", loaded: 0, total: clip.byteLength },
    { phase: "uploading", loaded: clip.byteLength, total: clip.byteLength }]);
  assert.equal(progress.at(-1)?.phase, "processing");

  const template = await client.templates.create(project.id as string, {
    name: "Brand", style: { textColor: "{{color}}", position: "bottom" },
    variables: [{ key: "color", type: "color", required: true }],
  });
  const job = await client.renders.submit(project.id as string, {
    video: { type: "asset", assetId: asset.id as string }, templateId: template.id as string,
    templateVariables: { color: "#00FFAA" },
    captions: [{ start: 0, end: 1.5, text: "Hello from the TypeScript SDK" }],
  });
  assert.equal(job.status, "queued");
  const png = await client.renders.preview(project.id as string, {
    video: { type: "asset", assetId: asset.id as string }, templateId: template.id as string,
    templateVariables: { color: "#00FFAA" }, captions: [{ start: 0, end: 1.5, text: "Preview" }], width: 160,
  });
  assert.deepEqual(Array.from(png.slice(0, 4)), [0x89, 0x50, 0x4e, 0x47]);
  assert.equal((job.style as { textColor?: string }).textColor, "#00FFAA");
  const seen: string[] = [];
  const done = await client.renders.waitFor(project.id as string, job.id as string,
    { timeoutMs: 120_000, intervalMs: 500, onProgress: (j) => seen.push(j.status as string) });
  assert.equal(done.status, "completed", JSON.stringify(done));
  assert.equal(seen.at(-1), "completed");
  const output = done.output as { url?: string } | null | undefined;
  const mp4 = new Uint8Array(await (await fetch(output?.url as string)).arrayBuffer());
  assert.equal(new TextDecoder().decode(mp4.slice(4, 8)), "ftyp");
  const today = (await client.usage.get(project.id as string)).data?.at(-1);
  assert.equal(today?.renderCount, 1);
  assert.ok((today?.renderMinutes ?? 0) > 0);

  // The server's own delivery: raw body + Renderowl-Signature, checked with the project's secret.
  const isRender = (h: Hit) => JSON.parse(h.body.toString()).type === "render.completed";
  await until("the render.completed webhook", () => hits.some(isRender));
  const hit = hits.find(isRender)!;
  const secret = project.webhookSecret as string;
  assert.equal(await verifyWebhook(hit.body, hit.signature, secret), true);
  assert.equal(await verifyWebhook(hit.body.toString() + " ", hit.signature, secret), false);
  assert.equal(await verifyWebhook(hit.body, hit.signature, "whsec_wrong"), false);
  const event = await constructEvent(hit.body, hit.signature, secret);
  assert.equal(event.type, "render.completed");
  if (event.type === "render.completed") assert.equal(event.data.id, job.id);

  // A rotation: the redelivered event carries two v1 values (new and old secret); either verifies.
  const rotated = await admin.projects.rotateWebhookSecret(project.id as string);
  const newSecret = rotated.webhookSecret as string;
  assert.notEqual(newSecret, secret);
  const delivery = (await admin.webhookDeliveries.list(project.id as string, { eventId: event.id }).page()).data[0];
  await admin.webhookDeliveries.redeliver(project.id as string, delivery?.id as string);
  const isResent = (h: Hit) => JSON.parse(h.body.toString()).id === event.id && h.signature.split("v1=").length === 3;
  await until("the redelivery", () => hits.some(isResent));
  const resent = hits.find(isResent)!;
  assert.equal(await verifyWebhook(resent.body, resent.signature, newSecret), true);
  assert.equal(await verifyWebhook(resent.body, resent.signature, secret), true);
  // Handed to the Bun and require() checks, which verify the same real delivery.
  writeFileSync(env("RENDEROWL_WEBHOOK_OUT"), JSON.stringify({ body: resent.body.toString(),
    signature: resent.signature, secret, newSecret, projectId: project.id, apiKey }));
});

test("for await walks 45 assets 20 at a time; page() fetches one page", async () => {
  const created = new Set<string>();
  for (let i = 0; i < 45; i++) {
    const made = await client.assets.create(project.id as string,
      { name: `page-${i}.png`, type: "image", mimeType: "image/png", sizeBytes: 10 });
    created.add(made.asset?.id as string);
  }
  const listing = client.assets.list(project.id as string, { type: "image", limit: 20 });
  const sizes: number[] = [];
  for await (const page of listing.pages()) sizes.push(page.data.length);
  assert.deepEqual(sizes, [20, 20, 5]);
  const ids: string[] = [];
  for await (const a of listing) ids.push(a.id as string);
  assert.equal(ids.length, 45);
  assert.deepEqual(new Set(ids), created);
  const first = await listing.page();
  assert.equal(first.hasMore, true);
  const second = await listing.page(first.nextCursor);
  assert.equal(second.data.filter((a) => first.data.some((b) => b.id === a.id)).length, 0);
});

test("typed errors: 404, 403 scope, 429 with a retry that succeeds, network errors apart", async () => {
  const missing = await client.assets.get(project.id as string, "00000000-0000-4000-8000-000000000000")
    .catch((e: unknown) => e);
  assert.ok(missing instanceof NotFoundError);
  assert.equal(missing.code, "ASSET_NOT_FOUND");
  assert.equal(missing.status, 404);
  assert.ok(missing.requestId && missing.message);

  const reader = await admin.apiKeys.create(project.id as string, { name: "reader", scopes: ["assets:read"] });
  const readOnly = new RenderowlClient({ apiKey: reader.key as string, baseUrl: BASE });
  const denied = await readOnly.renders.submit(project.id as string, {
    video: { type: "url", url: "https://example.com/a.mp4" }, captions: [{ start: 0, end: 1, text: "x" }],
  }).catch((e: unknown) => e);
  assert.ok(denied instanceof PermissionDeniedError);
  assert.equal(denied.code, "UNAUTHORIZED_SCOPE");
  assert.match(denied.message, /renders:write/);

  const slow = await admin.apiKeys.create(project.id as string, { name: "slow", rateLimitRpm: 1 });
  const impatient = new RenderowlClient({ apiKey: slow.key as string, baseUrl: BASE, maxRetries: 0 });
  let limited: unknown;
  for (let i = 0; i < 6 && !limited; i++) {  // one window per gunicorn worker without Redis
    limited = await impatient.projects.get(project.id as string).then(() => undefined, (e: unknown) => e);
  }
  assert.ok(limited instanceof RateLimitError, String(limited));
  assert.equal(limited.code, "RATE_LIMIT_EXCEEDED");
  assert.ok(limited.retryAfterSeconds! >= 1 && limited.retryAfterSeconds! <= 2);

  const statuses: number[] = [];
  const counting: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    statuses.push(response.status);
    return response;
  };
  const patient = new RenderowlClient({ apiKey: slow.key as string, baseUrl: BASE, maxRetries: 3, fetch: counting });
  const started = Date.now();
  for (let i = 0; i < 3; i++) assert.equal((await patient.projects.get(project.id as string)).id, project.id);
  assert.ok(statuses.includes(429) && statuses.at(-1) === 200, String(statuses));
  assert.ok(Date.now() - started >= 900, "it waited as Retry-After said");

  const unreachable = await new RenderowlClient({ apiKey, baseUrl: "http://127.0.0.1:9", maxRetries: 1 })
    .projects.get("x").catch((e: unknown) => e);
  assert.ok(unreachable instanceof RenderowlNetworkError);
  assert.ok(!(unreachable instanceof RenderowlError));
});

test("a create whose answer was lost is replayed with the same Idempotency-Key, not duplicated", async () => {
  const proxy = env("RENDEROWL_PROXY_URL");
  const path = `/api/v1/projects/${project.id}/assets`;
  await fetch(`${proxy}/__proxy/drop?method=POST&path=${encodeURIComponent(path)}`, { method: "POST" });
  const sent: string[] = [];
  const spying: typeof fetch = (input, init) => {
    sent.push(new Headers(init?.headers).get("Idempotency-Key") ?? "");
    return fetch(input, init);
  };
  const viaProxy = new RenderowlClient({ apiKey, baseUrl: proxy, maxRetries: 2, fetch: spying });
  const created = await viaProxy.assets.create(project.id as string,
    { name: "only-once.png", type: "image", mimeType: "image/png", sizeBytes: 10 });
  assert.equal(sent.length, 2, "the first answer was lost, so the SDK tried again");
  assert.ok(sent[0] && sent[0] === sent[1]);
  const same = await client.assets.list(project.id as string, { q: "only-once" }).toArray();
  assert.deepEqual(same.map((a) => a.id), [created.asset?.id]);
});
