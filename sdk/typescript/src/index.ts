export { RenderowlClient } from "./client.js";
export type { ClientOptions, RequestOptions } from "./transport.js";
export {
  AuthenticationError, BadRequestError, ConflictError, InternalServerError, NotFoundError, PayloadTooLargeError,
  PermissionDeniedError, RateLimitError, RenderowlError, RenderowlNetworkError, RenderowlTimeoutError,
  WaitTimeoutError,
} from "./errors.js";
export { ListCursor, type Page } from "./pagination.js";
export type { WaitOptions } from "./polling.js";
export type { UploadOptions, UploadProgress, UploadSource } from "./assets.js";
export type { CreateOptions, ListParams, RenderSubmit } from "./resources.js";
export {
  constructEvent, parseSignature, SIGNATURE_HEADER, signPayload, verifyWebhook, WebhookVerificationError,
  type Payload, type WebhookEvent,
} from "./webhooks.js";
/** Every schema of the spec (Project, Asset, Template, RenderJob, Automation, Run, request bodies,
 * ErrorCode, ...) plus `paths` and `components`. */
export type * from "./platform-contract.js";
