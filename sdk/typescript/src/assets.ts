import { errorFor, RenderowlNetworkError } from "./errors.js";
import type { Asset, AssetCreate, AssetCreated, AssetUpdate } from "./platform-contract.js";
import type { ListCursor } from "./pagination.js";
import { poll, type WaitOptions } from "./polling.js";
import { newIdempotencyKey } from "./random.js";
import { type CreateOptions, type ListParams, Resource, seg } from "./resources.js";

/** What `upload` takes: a Blob/File, bytes (a Node Buffer is a Uint8Array), or a stream of bytes
 * (a web ReadableStream, or anything async-iterable such as a Node Readable). */
export type UploadSource = Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export type UploadProgress =
  | { phase: "uploading"; loaded: number; total: number }
  | { phase: "processing"; asset: Asset };

export interface UploadOptions {
  name: string;
  type: AssetCreate["type"];
  mimeType: string;
  description?: string;
  tags?: string[];
  onProgress?: (progress: UploadProgress) => void;
  /** Resolve only once the asset is `ready` or `failed` (probed); default false. */
  waitForReady?: boolean;
  /** For `waitForReady`; default 300 000. */
  timeoutMs?: number;
  idempotencyKey?: string;
}

const ASSET_FINAL = new Set(["ready", "failed"]);

/** Bytes of any UploadSource (streams are read to the end: the signed PUT needs the exact size). */
async function bytesOf(source: UploadSource): Promise<Uint8Array | Blob> {
  if (typeof Blob !== "undefined" && source instanceof Blob) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const iterable: AsyncIterable<Uint8Array> = Symbol.asyncIterator in source
    ? source as AsyncIterable<Uint8Array> : readAll(source as ReadableStream<Uint8Array>);
  for await (const chunk of iterable) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    chunks.push(bytes);
    size += bytes.byteLength;
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

async function* readAll(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export class Assets extends Resource {
  #path = (projectId: string, id?: string) => `/projects/${seg(projectId)}/assets${id ? `/${seg(id)}` : ""}`;

  /** Declare an asset: `{asset, uploadUrl, uploadMethod, uploadHeaders, expiresAt}`. */
  create(projectId: string, body: AssetCreate, options: CreateOptions = {}): Promise<AssetCreated> {
    return this.transport.request("POST", this.#path(projectId),
      { body, idempotencyKey: options.idempotencyKey ?? newIdempotencyKey(), signal: options.signal });
  }
  list(projectId: string, params?: ListParams<"/api/v1/projects/{project_id}/assets">): ListCursor<Asset> {
    return this.paginate(this.#path(projectId), params);
  }
  get(projectId: string, assetId: string): Promise<Asset> {
    return this.transport.request("GET", this.#path(projectId, assetId));
  }
  update(projectId: string, assetId: string, body: AssetUpdate): Promise<Asset> {
    return this.transport.request("PATCH", this.#path(projectId, assetId), { body });
  }
  delete(projectId: string, assetId: string): Promise<void> {
    return this.transport.request("DELETE", this.#path(projectId, assetId));
  }
  /** Tell the server the bytes are stored (idempotent: a processed asset comes back as it is). */
  complete(projectId: string, assetId: string): Promise<Asset> {
    return this.transport.request("POST", `${this.#path(projectId, assetId)}/complete`, { idempotent: true });
  }
  /** Poll until `ready` or `failed`; resolves with the asset (check `status`). */
  waitForReady(projectId: string, assetId: string, options: WaitOptions<Asset> = {}): Promise<Asset> {
    return poll(() => this.get(projectId, assetId), (asset) => ASSET_FINAL.has(asset.status as string),
      options, `asset ${assetId}`);
  }

  /** create → PUT the bytes to the signed URL → complete → (with `waitForReady`) wait until probed. */
  async upload(projectId: string, source: UploadSource, options: UploadOptions): Promise<Asset> {
    const data = await bytesOf(source);
    const total = data instanceof Uint8Array ? data.byteLength : data.size;
    // AssetCreate is a union by `type` (each with its MIME types); which member is known at run time.
    const body = { name: options.name, type: options.type, mimeType: options.mimeType, sizeBytes: total } as AssetCreate;
    if (options.description !== undefined) body.description = options.description;
    if (options.tags !== undefined) body.tags = options.tags;
    const created = await this.create(projectId, body, { idempotencyKey: options.idempotencyKey });
    options.onProgress?.({ phase: "uploading", loaded: 0, total });
    await this.#put(created, data);
    options.onProgress?.({ phase: "uploading", loaded: total, total });
    const asset = await this.complete(projectId, created.asset?.id as string);
    if (!options.waitForReady) return asset;
    return this.waitForReady(projectId, asset.id as string, {
      timeoutMs: options.timeoutMs,
      onProgress: (current) => options.onProgress?.({ phase: "processing", asset: current }),
    });
  }

  /** The signed PUT: only the headers the server signed, never the API key. */
  async #put(created: AssetCreated, data: Uint8Array | Blob): Promise<void> {
    let response: Response;
    try {
      response = await this.transport.fetch(created.uploadUrl as string, {
        method: (created.uploadMethod as string | undefined) ?? "PUT",
        headers: (created.uploadHeaders ?? {}) as Record<string, string>,
        body: data as BodyInit,
      });
    } catch (caught) {
      throw new RenderowlNetworkError(`upload: ${(caught as Error)?.message ?? caught}`, { cause: caught });
    }
    const text = await response.text();
    if (response.status >= 400) {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(text);
      } catch { /* S3 answers XML */ }
      throw errorFor(response.status, parsed, response.headers);
    }
  }
}
