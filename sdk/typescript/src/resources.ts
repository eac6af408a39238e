import type {
  ApiKey, ApiKeyCreate, ApiKeyCreated, Automation, AutomationCreate, AutomationUpdate, DryRun, paths, Project,
  ProjectCreate, ProjectUpdate, Redelivery, RenderCreate, RenderJob, RenderPreview, Run, RunCreate, Template, TemplateCreate,
  TemplateUpdate, UsageHistory, WebhookDelivery,
} from "./platform-contract.js";
import { ListCursor, type Page } from "./pagination.js";
import { poll, type WaitOptions } from "./polling.js";
import { newIdempotencyKey } from "./random.js";
import type { Query, Transport } from "./transport.js";

/** The query parameters of a GET route, as the spec declares them (minus the cursor). */
export type ListParams<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? Omit<NonNullable<Q>, "cursor"> & { cursor?: string | null } : never;

/** Per-call options of a create: choose the Idempotency-Key yourself (one is made for you otherwise). */
export interface CreateOptions {
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export const seg = (value: string) => encodeURIComponent(value);

export abstract class Resource {
  constructor(protected readonly transport: Transport) {}

  protected paginate<T>(path: string, params: object | undefined): ListCursor<T> {
    const { cursor, ...query } = (params ?? {}) as Query & { cursor?: string | null };
    return new ListCursor<T>((next) => this.transport.request<Page<T>>("GET", path, { query: { ...query, cursor: next } }),
      cursor);
  }
}

export class Projects extends Resource {
  create(body: ProjectCreate, options: CreateOptions = {}): Promise<Project> {
    return this.transport.request("POST", "/projects",
      { body, idempotencyKey: options.idempotencyKey ?? newIdempotencyKey(), signal: options.signal });
  }
  list(params?: ListParams<"/api/v1/projects">): ListCursor<Project> {
    return this.paginate("/projects", params);
  }
  get(projectId: string): Promise<Project> {
    return this.transport.request("GET", `/projects/${seg(projectId)}`);
  }
  update(projectId: string, body: ProjectUpdate): Promise<Project> {
    return this.transport.request("PATCH", `/projects/${seg(projectId)}`, { body });
  }
  /** Archive (soft delete): the project comes back with `status: "archived"`. */
  delete(projectId: string): Promise<Project> {
    return this.transport.request("DELETE", `/projects/${seg(projectId)}`);
  }
  /** A new webhook secret; the old one keeps signing (a second `v1=`) for 24 h. */
  rotateWebhookSecret(projectId: string): Promise<Project> {
    return this.transport.request("POST", `/projects/${seg(projectId)}/webhook-secret/rotate`);
  }
}

export class ApiKeys extends Resource {
  /** The full key is in this answer only. */
  create(projectId: string, body: ApiKeyCreate): Promise<ApiKeyCreated> {
    return this.transport.request("POST", `/projects/${seg(projectId)}/api-keys`, { body });
  }
  list(projectId: string, params?: ListParams<"/api/v1/projects/{project_id}/api-keys">): ListCursor<ApiKey> {
    return this.paginate(`/projects/${seg(projectId)}/api-keys`, params);
  }
  revoke(projectId: string, keyId: string): Promise<ApiKey> {
    return this.transport.request("DELETE", `/projects/${seg(projectId)}/api-keys/${seg(keyId)}`);
  }
}

export class Templates extends Resource {
  #path = (projectId: string, id?: string) => `/projects/${seg(projectId)}/templates${id ? `/${seg(id)}` : ""}`;
  create(projectId: string, body: TemplateCreate): Promise<Template> {
    return this.transport.request("POST", this.#path(projectId), { body });
  }
  list(projectId: string, params?: ListParams<"/api/v1/projects/{project_id}/templates">): ListCursor<Template> {
    return this.paginate(this.#path(projectId), params);
  }
  get(projectId: string, templateId: string): Promise<Template> {
    return this.transport.request("GET", this.#path(projectId, templateId));
  }
  update(projectId: string, templateId: string, body: TemplateUpdate): Promise<Template> {
    return this.transport.request("PATCH", this.#path(projectId, templateId), { body });
  }
  delete(projectId: string, templateId: string): Promise<void> {
    return this.transport.request("DELETE", this.#path(projectId, templateId));
  }
}

/** A render request (`dryRun` has its own method). */
export type RenderSubmit = Omit<RenderCreate, "dryRun">;

const RENDER_FINAL = new Set(["completed", "failed", "cancelled"]);

export class Renders extends Resource {
  #path = (projectId: string, id?: string) => `/projects/${seg(projectId)}/renders${id ? `/${seg(id)}` : ""}`;
  /** Queue a render (202): the job with template, variables and style already resolved. */
  submit(projectId: string, body: RenderSubmit, options: CreateOptions = {}): Promise<RenderJob> {
    return this.transport.request("POST", this.#path(projectId),
      { body, idempotencyKey: options.idempotencyKey ?? newIdempotencyKey(), signal: options.signal });
  }
  /** Validate and resolve without queuing: the job, `estimatedMinutes` and caption `warnings`. */
  dryRun(projectId: string, body: RenderSubmit): Promise<DryRun> {
    return this.transport.request("POST", this.#path(projectId), { body: { ...body, dryRun: true }, idempotent: true });
  }
  /** One frame of the output with the captions burned in, as PNG bytes (no job, no quota). */
  preview(projectId: string, body: RenderPreview, options: { signal?: AbortSignal } = {}): Promise<Uint8Array> {
    return this.transport.request("POST", `${this.#path(projectId)}/preview`,
      { body, idempotent: true, responseType: "bytes", signal: options.signal });
  }
  list(projectId: string, params?: ListParams<"/api/v1/projects/{project_id}/renders">): ListCursor<RenderJob> {
    return this.paginate(this.#path(projectId), params);
  }
  get(projectId: string, jobId: string): Promise<RenderJob> {
    return this.transport.request("GET", this.#path(projectId, jobId));
  }
  cancel(projectId: string, jobId: string): Promise<RenderJob> {
    return this.transport.request("POST", `${this.#path(projectId, jobId)}/cancel`, { idempotent: true });
  }
  /** Poll until `completed`, `failed` or `cancelled`; resolves with the job (check `status`). */
  waitFor(projectId: string, jobId: string, options: WaitOptions<RenderJob> = {}): Promise<RenderJob> {
    return poll(() => this.get(projectId, jobId), (job) => RENDER_FINAL.has(job.status as string),
      { timeoutMs: 600_000, ...options }, `render ${jobId}`);
  }
}

export class Runs extends Resource {
  #path = (projectId: string, automationId: string, id?: string) =>
    `/projects/${seg(projectId)}/automations/${seg(automationId)}/runs${id ? `/${seg(id)}` : ""}`;
  list(projectId: string, automationId: string,
    params?: ListParams<"/api/v1/projects/{project_id}/automations/{automation_id}/runs">): ListCursor<Run> {
    return this.paginate(this.#path(projectId, automationId), params);
  }
  get(projectId: string, automationId: string, runId: string): Promise<Run> {
    return this.transport.request("GET", this.#path(projectId, automationId, runId));
  }
  /** Re-run a failed run from its failed step. */
  retry(projectId: string, automationId: string, runId: string): Promise<Run> {
    return this.transport.request("POST", `${this.#path(projectId, automationId, runId)}/retry`);
  }
}

export class Automations extends Resource {
  readonly runs: Runs;
  constructor(transport: Transport) {
    super(transport);
    this.runs = new Runs(transport);
  }
  #path = (projectId: string, id?: string) => `/projects/${seg(projectId)}/automations${id ? `/${seg(id)}` : ""}`;
  /** A webhook trigger's `secret` is in this answer only. */
  create(projectId: string, body: AutomationCreate): Promise<Automation> {
    return this.transport.request("POST", this.#path(projectId), { body });
  }
  list(projectId: string, params?: ListParams<"/api/v1/projects/{project_id}/automations">): ListCursor<Automation> {
    return this.paginate(this.#path(projectId), params);
  }
  get(projectId: string, automationId: string): Promise<Automation> {
    return this.transport.request("GET", this.#path(projectId, automationId));
  }
  update(projectId: string, automationId: string, body: AutomationUpdate): Promise<Automation> {
    return this.transport.request("PATCH", this.#path(projectId, automationId), { body });
  }
  delete(projectId: string, automationId: string): Promise<void> {
    return this.transport.request("DELETE", this.#path(projectId, automationId));
  }
  /** Start a run now (202) with `trigger` = `{type: "manual", ...input}`. */
  run(projectId: string, automationId: string, body: RunCreate = {}, options: CreateOptions = {}): Promise<Run> {
    return this.transport.request("POST", `${this.#path(projectId, automationId)}/run`,
      { body, idempotencyKey: options.idempotencyKey ?? newIdempotencyKey(), signal: options.signal });
  }
}

export class WebhookDeliveries extends Resource {
  list(projectId: string, params?: ListParams<"/api/v1/projects/{project_id}/webhook-deliveries">):
    ListCursor<WebhookDelivery> {
    return this.paginate(`/projects/${seg(projectId)}/webhook-deliveries`, params);
  }
  /** Resend a delivery's event now; the attempt appears in the log. */
  redeliver(projectId: string, deliveryId: string): Promise<Redelivery> {
    return this.transport.request("POST", `/projects/${seg(projectId)}/webhook-deliveries/${seg(deliveryId)}/redeliver`);
  }
}

export type UsageParams = NonNullable<paths["/api/v1/projects/{project_id}/usage"]["get"]["parameters"]["query"]>;

export class UsageResource extends Resource {
  /** Daily rows between `from` and `to` (`YYYY-MM-DD`, UTC, inclusive; default this month). */
  get(projectId: string, params: UsageParams = {}): Promise<UsageHistory> {
    return this.transport.request("GET", `/projects/${seg(projectId)}/usage`, { query: params });
  }
}
