// The README's example as a file that tsc --strict compiles with the tests (so it cannot rot).
// Run: RENDEROWL_MASTER_KEY=... node build-test/examples/quickstart.js (after the test build).
import { readFile } from "node:fs/promises";

import {
  constructEvent, NotFoundError, RateLimitError, RenderowlClient, RenderowlError, WebhookVerificationError,
} from "@renderowl/sdk";

const baseUrl = process.env.RENDEROWL_URL ?? "http://127.0.0.1:8000";
const admin = new RenderowlClient({ apiKey: process.env.RENDEROWL_MASTER_KEY!, baseUrl });

// 1. A project and a key for it (master key).
const project = await admin.projects.create({ slug: "acme", name: "Acme",
  settings: { webhookUrl: "https://acme.example.com/renderowl" } });
const { key } = await admin.apiKeys.create(project.id!, { name: "backend" }); // shown once

// 2. Everything else with the project key.
const client = new RenderowlClient({ apiKey: key!, baseUrl, timeoutMs: 30_000, maxRetries: 3 });

// 3. Upload: create → PUT to the signed URL → complete → wait until probed.
const asset = await client.assets.upload("acme", await readFile("clip.mp4"), {
  name: "clip.mp4", type: "video", mimeType: "video/mp4", waitForReady: true,
  onProgress: (p) => console.log(p.phase, p.phase === "uploading" ? `${p.loaded}/${p.total}` : p.asset.status),
});

// 4. A template with a typed variable, then a render from it.
const template = await client.templates.create("acme", {
  name: "Brand", style: { textColor: "{{color}}", position: "bottom", wordHighlight: true },
  variables: [{ key: "color", type: "color", required: true }],
});
const job = await client.renders.submit("acme", {
  video: { type: "asset", assetId: asset.id! }, templateId: template.id!,
  templateVariables: { color: "#FFCC00" },
  captions: [{ start: 0, end: 2.5, text: "Hello from Renderowl" }],
});
const done = await client.renders.waitFor("acme", job.id!, {
  timeoutMs: 10 * 60_000, onProgress: (j) => console.log(j.status, j.progress),
});
console.log(done.status, done.output);

// 5. Lists: every item across pages, or one page at a time.
for await (const video of client.assets.list("acme", { type: "video" })) console.log(video.name);
const page = await client.assets.list("acme", { limit: 20 }).page();
if (page.hasMore) console.log((await client.assets.list("acme", { limit: 20 }).page(page.nextCursor)).data.length);

// 6. Errors are typed by status, with the contract's code.
try {
  await client.assets.get("acme", "00000000-0000-4000-8000-000000000000");
} catch (error) {
  if (error instanceof NotFoundError) console.log(error.code, error.requestId); // ASSET_NOT_FOUND
  else if (error instanceof RateLimitError) console.log(error.retryAfterSeconds);
  else if (error instanceof RenderowlError) console.log(error.status, error.code, error.details);
  else throw error; // RenderowlNetworkError: no answer at all
}

// 7. A webhook endpoint on the Request API (Workers, Deno, Bun): verify the raw body, then parse.
export async function handleWebhook(request: Request, secret: string): Promise<Response> {
  try {
    const event = await constructEvent(await request.text(), request.headers.get("Renderowl-Signature"), secret);
    if (event.type === "render.completed") console.log(event.data.output);
    return new Response(null, { status: 204 });
  } catch (error) {
    if (error instanceof WebhookVerificationError) return new Response("bad signature", { status: 400 });
    throw error;
  }
}
