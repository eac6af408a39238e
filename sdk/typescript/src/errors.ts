import type { ErrorCode } from "./platform-contract.js";

export type { ErrorCode };

/** An error answer of the API: `{"error": {"code", "message", "details"?}}` with its HTTP status. */
export class RenderowlError extends Error {
  /** One of the spec's error codes (`ASSET_NOT_FOUND`, `UNAUTHORIZED_SCOPE`, ...). */
  readonly code: ErrorCode;
  readonly status: number;
  /** For `VALIDATION_ERROR`: field paths to messages; for 500s: the request id. */
  readonly details: Record<string, unknown> | undefined;
  /** `X-Request-Id` of the answer: quote it to support. */
  readonly requestId: string | undefined;
  readonly headers: Headers;

  constructor(init: { code: ErrorCode; message: string; status: number; details?: Record<string, unknown>;
    requestId?: string; headers?: Headers }) {
    super(init.message);
    this.name = new.target.name;
    this.code = init.code;
    this.status = init.status;
    this.details = init.details;
    this.requestId = init.requestId;
    this.headers = init.headers ?? new Headers();
  }
}

/** 400: `VALIDATION_ERROR` (see `details`), `INVALID_JSON`, `INVALID_TEMPLATE_VARIABLES`, ... */
export class BadRequestError extends RenderowlError {}
/** 401: `UNAUTHENTICATED`, `INVALID_API_KEY`, `API_KEY_REVOKED`. */
export class AuthenticationError extends RenderowlError {}
/** 403: `UNAUTHORIZED_SCOPE`, `MASTER_KEY_REQUIRED`, `PROJECT_SUSPENDED`, `PROJECT_ARCHIVED`, ... */
export class PermissionDeniedError extends RenderowlError {}
/** 404: `PROJECT_NOT_FOUND`, `ASSET_NOT_FOUND`, ..., or `NOT_FOUND` for an unknown route. */
export class NotFoundError extends RenderowlError {}
/** 409: `SLUG_TAKEN`, `ASSET_NOT_READY`, `IDEMPOTENCY_KEY_REUSED`, ... */
export class ConflictError extends RenderowlError {}
/** 413: `PAYLOAD_TOO_LARGE`, `UPLOAD_TOO_LARGE`. */
export class PayloadTooLargeError extends RenderowlError {}
/** 429: `RATE_LIMIT_EXCEEDED` (see `retryAfterSeconds`), `STORAGE_QUOTA_EXCEEDED`, `PROJECT_QUOTA_EXCEEDED`. */
export class RateLimitError extends RenderowlError {
  /** Seconds the server asked to wait (`Retry-After`), if it said. */
  get retryAfterSeconds(): number | undefined {
    return parseRetryAfter(this.headers.get("Retry-After"));
  }
}
/** 5xx: `INTERNAL_ERROR` (details carry the request id) or an unavailable server. */
export class InternalServerError extends RenderowlError {}

/** No HTTP answer at all (refused, reset, DNS, TLS): never a RenderowlError. */
export class RenderowlNetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** No answer within the client's `timeoutMs`. */
export class RenderowlTimeoutError extends RenderowlNetworkError {}

/** `waitFor` / `waitForReady` gave up before a final state; `last` is what was seen last. */
export class WaitTimeoutError<T = unknown> extends Error {
  constructor(message: string, readonly last: T | undefined) {
    super(message);
    this.name = new.target.name;
  }
}

const BY_STATUS: Record<number, typeof RenderowlError> = {
  400: BadRequestError, 401: AuthenticationError, 403: PermissionDeniedError, 404: NotFoundError,
  409: ConflictError, 413: PayloadTooLargeError, 429: RateLimitError,
};

/** The RenderowlError subclass for an error answer (any body: an HTML page from a proxy too). */
export function errorFor(status: number, body: unknown, headers: Headers): RenderowlError {
  const envelope = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const ok = envelope !== null && typeof envelope === "object" && typeof envelope.code === "string";
  const Kind = BY_STATUS[status] ?? (status >= 500 ? InternalServerError : RenderowlError);
  return new Kind({
    code: (ok ? envelope.code : `HTTP_${status}`) as ErrorCode,
    message: ok && typeof envelope.message === "string" ? envelope.message : `HTTP ${status} without an error envelope`,
    status,
    details: ok && envelope.details && typeof envelope.details === "object"
      ? envelope.details as Record<string, unknown> : undefined,
    requestId: headers.get("X-Request-Id") ?? undefined,
    headers,
  });
}

/** Seconds from a Retry-After value (delta-seconds or an HTTP date). */
export function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const when = Date.parse(value);
  return Number.isNaN(when) ? undefined : Math.max(0, (when - Date.now()) / 1000);
}
