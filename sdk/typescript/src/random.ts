/** Web Crypto, wherever it lives (every runtime has `globalThis.crypto`; Node 18 needs
 * `--experimental-global-webcrypto`). No `node:` import, so one build runs everywhere. */
export function webCrypto(): Crypto {
  const found = (globalThis as { crypto?: Crypto }).crypto;
  if (!found?.getRandomValues) {
    throw new Error("Web Crypto is not available: on Node 18 run node with --experimental-global-webcrypto "
      + "(Node >= 19, Bun, Deno, Workers and browsers have it)");
  }
  return found;
}

/** A fresh UUID v4: one per logical create, reused by all of its attempts. (getRandomValues,
 * unlike randomUUID, also exists on plain-http pages.) */
export function newIdempotencyKey(): string {
  const bytes = webCrypto().getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
