import { RenderowlClient } from "@renderowl/sdk";

const client = new RenderowlClient({ apiKey: process.env.RENDEROWL_API_KEY, baseUrl: process.env.RENDEROWL_URL });
// The SDK sends one Idempotency-Key per create and reuses it on its own retries; pass your own
// to make a retry across restarts of your program safe too.
const idempotencyKey = crypto.randomUUID();
const body = { name: "retried.mp4", type: "video", mimeType: "video/mp4", sizeBytes: 1024 };
const first = await client.assets.create(process.env.PROJECT_ID, body, { idempotencyKey });
const second = await client.assets.create(process.env.PROJECT_ID, body, { idempotencyKey });
console.log(JSON.stringify({ sameAsset: first.asset.id === second.asset.id })); // one asset, not two
