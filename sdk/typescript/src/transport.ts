import { errorFor, parseRetryAfter, RenderowlError, RenderowlNetworkError, RenderowlTimeoutError } from "./errors.js";

export const VERSION = "1.0.0";

export interface ClientOptions {
  /** A project key `rk_live_…` or the operator's master key. */
  apiKey: string;
  /** `https://renderowl.example.com` (with or without `/api/v1`). */
  baseUrl: string;
  /** Per HTTP attempt; default 30 000. */
  timeoutMs?: number;
  /** Extra attempts after a 429, a 5xx or a network error; default 2. */
  maxRetries?: number;
  /** Longest `Retry-After` honoured; default 60 000. */
  maxRetryDelayMs?: number;
  /** A fetch to use instead of `globalThis.fetch` (tests, instrumentation). */
  fetch?: typeof fetch;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Sent as `Idempotency-Key` on every attempt of this call. */
  idempotencyKey?: string;
  /** Safe to repeat after a lost answer even without an idempotency key. */
  idempotent?: boolean;
  /** `bytes`: resolve with the raw body (e.g. a PNG) instead of decoded JSON. */
  responseType?: "json" | "bytes";
  signal?: AbortSignal;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "PUT", "DELETE", "PATCH"]);
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

export function apiBase(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  return base.endsWith("/api/v1") ? base : `${base}/api/v1`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Every call goes through `request`: bearer key, JSON, typed errors, retries. */
export class Transport {
  readonly base: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly maxRetryDelayMs: number;
  readonly fetch: typeof fetch;
  readonly #apiKey: string;

  constructor(options: ClientOptions) {
    if (!options?.apiKey) throw new TypeError("apiKey is required (a project key rk_live_… or the master key)");
    if (!options.baseUrl) throw new TypeError("baseUrl is required, e.g. https://renderowl.example.com");
    this.#apiKey = options.apiKey;
    this.base = apiBase(options.baseUrl);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetries = options.maxRetries ?? 2;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 60_000;
    const found = options.fetch ?? (globalThis as { fetch?: typeof fetch }).fetch;
    if (!found) throw new TypeError("no fetch in this runtime: pass options.fetch");
    this.fetch = found.bind(globalThis);
  }

  /** Send, retry what is safe to retry, return the decoded JSON (undefined for 204).
   *
   * A create carries one Idempotency-Key for all of its attempts, so a retry after a lost
   * answer replays the first result instead of creating twice. Other POSTs are retried
   * only on 429 (the server did nothing) unless `idempotent` says they are safe. */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = new URL(this.base + path);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.#apiKey}`, Accept: options.responseType === "bytes" ? "*/*" : "application/json",
    };
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
    const safe = SAFE_METHODS.has(method) || Boolean(options.idempotencyKey) || Boolean(options.idempotent);
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);

    for (let attempt = 0; ; attempt++) {
      let error: RenderowlError | RenderowlNetworkError;
      try {
        const response = await this.#send(url, { method, headers, body, signal: options.signal });
        if (response.status < 400) {
          if (options.responseType === "bytes") return response.bytes as T;
          const text = decoder.decode(response.bytes);
          return (text === "" ? undefined : JSON.parse(text)) as T;
        }
        const apiError = errorFor(response.status, parseJson(decoder.decode(response.bytes)), response.headers);
        if (!retryable(apiError, safe)) throw apiError;
        error = apiError;
      } catch (caught) {
        if (!(caught instanceof RenderowlNetworkError) || !safe) throw caught;
        error = caught;
      }
      if (attempt >= this.maxRetries) throw error;
      await sleep(this.#delay(attempt, error instanceof RenderowlError ? error.headers.get("Retry-After") : null));
    }
  }

  /** One attempt with a time limit; network failures become RenderowlNetworkError. */
  async #send(url: URL, init: RequestInit & { signal?: AbortSignal }): Promise<Answer> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    const outer = init.signal;
    const onAbort = () => controller.abort();
    outer?.addEventListener("abort", onAbort);
    try {
      const response = await this.fetch(url, { ...init, signal: controller.signal });
      // Read the body inside the time limit too: a server may stall after the headers.
      return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
    } catch (caught) {
      if (outer?.aborted) throw caught;
      if (controller.signal.aborted) {
        throw new RenderowlTimeoutError(`${init.method} ${url.pathname}: no answer within ${this.timeoutMs} ms`,
          { cause: caught });
      }
      throw new RenderowlNetworkError(`${init.method} ${url.pathname}: ${(caught as Error)?.message ?? caught}`,
        { cause: caught });
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener("abort", onAbort);
    }
  }

  /** Retry-After when the server gave one (capped), else exponential backoff with jitter. */
  #delay(attempt: number, retryAfter: string | null): number {
    const asked = parseRetryAfter(retryAfter);
    if (asked !== undefined) return Math.min(asked * 1000, this.maxRetryDelayMs);
    return Math.min(8000, 500 * 2 ** attempt) * (0.5 + Math.random() / 2);
  }
}

interface Answer { status: number; headers: Headers; bytes: Uint8Array }

const decoder = new TextDecoder();

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function retryable(error: RenderowlError, safe: boolean): boolean {
  if (error.status === 429) {
    // A quota is not a rate: waiting only helps when the server says when to come back.
    return error.code === "RATE_LIMIT_EXCEEDED" || error.headers.has("Retry-After");
  }
  if (error.status === 409) return error.code === "IDEMPOTENCY_KEY_IN_USE";
  return safe && RETRY_STATUSES.has(error.status);
}
