import type { Asset, RenderJob, Run } from "./platform-contract.js";
import { webCrypto } from "./random.js";

export const SIGNATURE_HEADER = "Renderowl-Signature";
export const DEFAULT_TOLERANCE_SECONDS = 300;

interface EventBase<Type extends string, Data> {
  id: string;
  type: Type;
  createdAt: string;
  projectId: string;
  data: Data;
}

/** What Renderowl POSTs to `settings.webhookUrl` (and a render's own `webhookUrl`). */
export type WebhookEvent =
  | EventBase<"asset.ready" | "asset.failed", Asset>
  | EventBase<"render.completed" | "render.failed", RenderJob>
  | EventBase<"automation.run.completed" | "automation.run.failed", Run>;

/** `constructEvent` was given a payload whose signature does not verify, or that is no event. */
export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookVerificationError";
  }
}

export type Payload = string | Uint8Array | ArrayBuffer;

const encoder = new TextEncoder();

function bytesOf(payload: Payload): Uint8Array {
  if (typeof payload === "string") return encoder.encode(payload);
  return payload instanceof Uint8Array ? payload : new Uint8Array(payload);
}

/** `{t, v1[]}` from a header value, or null when malformed (other schemes are ignored). */
export function parseSignature(header: string | null | undefined): { timestamp: number; signatures: string[] } | null {
  if (typeof header !== "string" || header.length > 4096) return null;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const item of header.split(",")) {
    const [key, ...rest] = item.trim().split("=");
    if (rest.length === 0) return null;
    const value = rest.join("=");
    if (key === "t") {
      if (timestamp !== null || !/^[0-9]+$/.test(value)) return null;
      timestamp = Number(value);
    } else if (key === "v1" && value) {
      signatures.push(value);
    }
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

function hexBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length % 2) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

async function hmacKey(secret: string, usage: "sign" | "verify"): Promise<CryptoKey> {
  return webCrypto().subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [usage]);
}

function signedBytes(timestamp: number, payload: Payload): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`${timestamp}.`);
  const body = bytesOf(payload);
  const all = new Uint8Array(prefix.length + body.length);
  all.set(prefix);
  all.set(body, prefix.length);
  return all;
}

/** True when `signature` (the `Renderowl-Signature` header) is a fresh, valid signature of the
 * RAW `payload` under `secret` (the whole `whsec_…` string). Any `v1` may match: during a
 * secret rotation the header carries two. Timestamps more than `toleranceSec` from now, either
 * way, are refused. Web Crypto's verify compares in constant time. Never throws. */
export async function verifyWebhook(payload: Payload, signature: string | null | undefined, secret: string,
  toleranceSec: number = DEFAULT_TOLERANCE_SECONDS): Promise<boolean> {
  try {
    const parsed = parseSignature(signature);
    if (!parsed || typeof secret !== "string" || !secret) return false;
    if (Math.abs(Math.floor(Date.now() / 1000) - parsed.timestamp) > toleranceSec) return false;
    const key = await hmacKey(secret, "verify");
    const data = signedBytes(parsed.timestamp, payload);
    let matched = false;
    for (const candidate of parsed.signatures) {
      const bytes = hexBytes(candidate);
      // Check every value (no early exit), so timing says nothing about which one matched.
      if (bytes && await webCrypto().subtle.verify("HMAC", key, bytes, data)) matched = true;
    }
    return matched;
  } catch {
    return false;
  }
}

/** Verify, then parse: the typed event. Throws WebhookVerificationError otherwise. */
export async function constructEvent(payload: Payload, signature: string | null | undefined, secret: string,
  toleranceSec: number = DEFAULT_TOLERANCE_SECONDS): Promise<WebhookEvent> {
  if (!await verifyWebhook(payload, signature, secret, toleranceSec)) {
    throw new WebhookVerificationError("Renderowl-Signature does not verify for this payload and secret");
  }
  let event: unknown;
  try {
    event = JSON.parse(typeof payload === "string" ? payload : new TextDecoder().decode(bytesOf(payload)));
  } catch {
    throw new WebhookVerificationError("The payload is not JSON");
  }
  if (!event || typeof event !== "object" || typeof (event as { type?: unknown }).type !== "string") {
    throw new WebhookVerificationError("The payload is not a Renderowl event");
  }
  return event as WebhookEvent;
}

/** The header value signing `payload` with each secret: to test your own endpoint. */
export async function signPayload(payload: Payload, secrets: string | string[],
  timestamp: number = Math.floor(Date.now() / 1000)): Promise<string> {
  const list = typeof secrets === "string" ? [secrets] : secrets;
  if (list.length === 0) throw new TypeError("at least one secret is needed to sign");
  const parts = [`t=${timestamp}`];
  for (const secret of list) {
    const mac = await webCrypto().subtle.sign("HMAC", await hmacKey(secret, "sign"), signedBytes(timestamp, payload));
    parts.push(`v1=${Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("")}`);
  }
  return parts.join(",");
}
