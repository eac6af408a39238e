import { Assets } from "./assets.js";
import { ApiKeys, Automations, Projects, Renders, Templates, UsageResource, WebhookDeliveries } from "./resources.js";
import { type ClientOptions, type RequestOptions, Transport } from "./transport.js";

/** `new RenderowlClient({apiKey, baseUrl, timeoutMs?, maxRetries?})`: one resource per part of the API. */
export class RenderowlClient {
  readonly projects: Projects;
  readonly apiKeys: ApiKeys;
  readonly assets: Assets;
  readonly templates: Templates;
  readonly renders: Renders;
  readonly automations: Automations;
  readonly webhookDeliveries: WebhookDeliveries;
  readonly usage: UsageResource;
  readonly #transport: Transport;

  constructor(options: ClientOptions) {
    const transport = new Transport(options);
    this.#transport = transport;
    this.projects = new Projects(transport);
    this.apiKeys = new ApiKeys(transport);
    this.assets = new Assets(transport);
    this.templates = new Templates(transport);
    this.renders = new Renders(transport);
    this.automations = new Automations(transport);
    this.webhookDeliveries = new WebhookDeliveries(transport);
    this.usage = new UsageResource(transport);
  }

  /** Any route under `/api/v1`, with the client's auth, retries and typed errors. */
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<T> {
    return this.#transport.request<T>(method, path, options);
  }
}
