import { readFile } from "node:fs/promises";
import { constructEvent, verifyWebhook } from "@renderowl/sdk";

// In a web app, read the RAW body (Express: express.raw({ type: "application/json" })) and the
// Renderowl-Signature header; verify with the whole whsec_ secret. Web Crypto only: the same
// code runs on Node, Bun, Deno and Cloudflare Workers.
const raw = await readFile(process.env.WEBHOOK_BODY_FILE);
const signature = process.env.WEBHOOK_SIGNATURE;
const secret = process.env.WEBHOOK_SECRET;

const valid = await verifyWebhook(raw, signature, secret);     // true/false; 300 s tolerance by default
const event = await constructEvent(raw, signature, secret);    // verifies, then parses; throws if invalid
console.log(JSON.stringify({ valid, type: event.type }));
