/**
 * Generated from sdk/openapi.json by openapi-typescript (npm run generate): do not edit.
 */

export interface paths {
    "/api/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List projects, newest first
         * @description Requires the master key.
         */
        get: operations["projects.list"];
        put?: never;
        /**
         * Create a project
         * @description Requires the master key.
         */
        post: operations["projects.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        /**
         * Get a project with its usage
         * @description Requires scope `projects:read`.
         */
        get: operations["projects.get"];
        put?: never;
        post?: never;
        /**
         * Archive a project (soft delete); its keys stop working, its queued renders are cancelled
         * @description Requires the master key.
         */
        delete: operations["projects.delete"];
        options?: never;
        head?: never;
        /**
         * Update name, description, status or settings (settings are merged)
         * @description Requires the master key.
         */
        patch: operations["projects.update"];
        trace?: never;
    };
    "/api/v1/projects/{project_id}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        /**
         * List a project's API keys (never the keys themselves)
         * @description Requires the master key.
         */
        get: operations["apiKeys.list"];
        put?: never;
        /**
         * Create an API key; the full key is in this response only
         * @description Requires the master key.
         */
        post: operations["apiKeys.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project_id}/api-keys/{key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description API key id (UUID). */
                key_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key; it fails at once
         * @description Requires the master key.
         */
        delete: operations["apiKeys.revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project_id}/assets": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        /**
         * List assets, newest first, filtered by type, status, tag and name
         * @description Requires scope `assets:read`.
         */
        get: operations["assets.list"];
        put?: never;
        /**
         * Create an asset and get a signed URL to PUT its bytes to (valid 15 minutes)
         * @description The PUT must carry `uploadHeaders` and exactly `sizeBytes` bytes. Local storage
         *     completes the asset itself; with S3, call `complete` (or let the bucket's event
         *     notification reach `POST /webhooks/storage`). The declared size counts against the
         *     storage quota from now on. `mimeType` must fit `type` (video/*, audio/*,
         *     image/png|jpeg|webp|gif, font/ttf|otf|woff|woff2, application/json for `template`).
         *
         *     A replay (same `Idempotency-Key` and body) answers the same asset with a fresh upload
         *     link while it is still `uploading`; once it has left `uploading` the replayed link is
         *     dead, like the first one.
         *
         *     Requires scope `assets:write`.
         */
        post: operations["assets.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project_id}/assets/{asset_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Asset id (UUID). */
                asset_id: string;
            };
            cookie?: never;
        };
        /**
         * Get an asset, with fresh signed download links
         * @description Requires scope `assets:read`.
         */
        get: operations["assets.get"];
        put?: never;
        post?: never;
        /**
         * Delete an asset: gone at once, its bytes released, its files removed in the background
         * @description Requires scope `assets:write`.
         */
        delete: operations["assets.delete"];
        options?: never;
        head?: never;
        /**
         * Update an asset's name, description or tags
         * @description Requires scope `assets:write`.
         */
        patch: operations["assets.update"];
        trace?: never;
    };
    "/api/v1/projects/{project_id}/assets/{asset_id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Asset id (UUID). */
                asset_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Tell the server the upload is done; it checks the stored file and starts processing
         * @description Idempotent: an asset already past `uploading` is returned as it is.
         *
         *     Requires scope `assets:write`.
         */
        post: operations["assets.complete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project_id}/automations": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        /**
         * List automations, newest first
         * @description Requires scope `automations:read`.
         */
        get: operations["automations.list"];
        put?: never;
        /**
         * Create an automation; a webhook trigger's `secret` is in this response only
         * @description Requires scope `automations:write`.
         */
        post: operations["automations.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project_id}/automations/{automation_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Automation id (UUID). */
                automation_id: string;
            };
            cookie?: never;
        };
        /**
         * Get an automation with its run stats
         * @description Requires scope `automations:read`.
         */
        get: operations["automations.get"];
        put?: never;
        post?: never;
        /**
         * Delete an automation and its run history
         * @description Requires scope `automations:write`.
         */
        delete: operations["automations.delete"];
        options?: never;
        head?: never;
        /**
         * Update an automation; a new webhook trigger's `secret` is in this response only
         * @description Requires scope `automations:write`.
         */
        patch: operations["automations.update"];
        trace?: never;
    };
    "/api/v1/projects/{project_id}/automations/{automation_id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Automation id (UUID). */
                automation_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run an automation now with `trigger` = {type: "manual", ...input}
         * @description A request carrying `Renderowl-Automation-Depth` (sent by this server's webhook actions)
         *     starts a run one deeper than the run that sent it; past depth 3 it is refused.
         *
         *     Requires scope `automations:write`.
         */
        post: operations["automations.run"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project_id}/automations/{automation_id}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Automation id (UUID). */
                automation_id: string;
            };
            cookie?: never;
        };
        /**
         * List an automation's runs, newest first
         * @description Requires scope `automations:read`.
         */
        get: operations["automations.runs.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project_id}/automations/{automation_id}/runs/{run_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Automation id (UUID). */
                automation_id: string;
                /** @description Run id (UUID). */
                run_id: string;
            };
            cookie?: never;
        };
        /**
         * Get a run with its steps
         * @description Requires scope `automations:read`.
         */
        get: operations["automations.runs.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project_id}/automations/{automation_id}/runs/{run_id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Automation id (UUID). */
                automation_id: string;
                /** @description Run id (UUID). */
                run_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-run a failed run from its failed step (earlier steps' outputs are kept)
         * @description Requires scope `automations:write`.
         */
        post: operations["automations.runs.retry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project_id}/renders": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        /**
         * List the project's render jobs, newest first
         * @description Requires scope `renders:read`.
         */
        get: operations["renders.list"];
        put?: never;
        /**
         * Submit a render (202 queued), or validate one with `dryRun: true` (200)
         * @description `400 INVALID_TEMPLATE_VARIABLES` when template variables are unknown, missing or of
         *     the wrong type. The quota is reserved at submission from the estimate (the asset's
         *     duration, or for URL videos the last caption's end) and settled with the output's
         *     real duration. With `Idempotency-Key`, a retried submit never renders or bills twice.
         *
         *     Requires scope `renders:write`.
         */
        post: operations["renders.submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project_id}/renders/preview": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview one frame of a render, captions burned in, as a PNG
         * @description Takes the body of `POST /renders` plus `at` and `width`, resolves it exactly as a
         *     render (same template merge, same validation and errors), and answers the frame on
         *     screen at `at` with the captions drawn by the same ASS script, FFmpeg and fonts as the
         *     render. Synchronous: no job is created and no quota is used. An asset's decoded frame
         *     is cached, so previewing other styles on the same frame is quick; a `url` video is
         *     downloaded through the outbound guard for each preview.
         *
         *     Requires scope `renders:write`. Counts as 10 requests against the key's rate limit.
         */
        post: operations["renders.preview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project_id}/renders/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Render job id (UUID). */
                job_id: string;
            };
            cookie?: never;
        };
        /**
         * Get a render job; `output.url` is a fresh signed link
         * @description Requires scope `renders:read`.
         */
        get: operations["renders.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project_id}/renders/{job_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Render job id (UUID). */
                job_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a render
         * @description A queued or rendering job becomes `cancelled` at once and its quota reservation is
         *     released; a running FFmpeg is killed within about a second. Cancelling a cancelled job
         *     answers 200 again (idempotent); a completed or failed job answers 409
         *     `RENDER_NOT_CANCELLABLE`.
         *
         *     Requires scope `renders:write`.
         */
        post: operations["renders.cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project_id}/templates": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        /**
         * List the project's templates, newest first
         * @description Requires scope `templates:read`.
         */
        get: operations["templates.list"];
        put?: never;
        /**
         * Create a template
         * @description Requires scope `templates:write`.
         */
        post: operations["templates.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project_id}/templates/{template_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Template id (UUID). */
                template_id: string;
            };
            cookie?: never;
        };
        /**
         * Get a template
         * @description Requires scope `templates:read`.
         */
        get: operations["templates.get"];
        put?: never;
        post?: never;
        /**
         * Delete a template (renders made with it keep their resolved style)
         * @description Requires scope `templates:write`.
         */
        delete: operations["templates.delete"];
        options?: never;
        head?: never;
        /**
         * Update a template; given fields replace the stored ones
         * @description Requires scope `templates:write`.
         */
        patch: operations["templates.update"];
        trace?: never;
    };
    "/api/v1/projects/{project_id}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        /**
         * A project's usage, one row per UTC day, oldest first
         * @description Days before today come from the daily rollup (written hourly by the worker, missed days
         *     back-filled); today's row is computed live. Renders count on the day they completed.
         *     Days before the project existed are left out; at most 366 days per request.
         *
         *     Requires scope `projects:read`.
         */
        get: operations["usage.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project_id}/webhook-deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        /**
         * List delivery attempts, newest first
         * @description Requires scope `projects:read`.
         */
        get: operations["webhookDeliveries.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project_id}/webhook-deliveries/{delivery_id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Webhook delivery attempt id (UUID). */
                delivery_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resend a delivery's event to its URL now; the attempt appears in the log
         * @description Requires the master key.
         */
        post: operations["webhookDeliveries.redeliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{project_id}/webhook-secret/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a new webhook secret; the old one keeps signing for 24 h
         * @description Requires the master key.
         */
        post: operations["projects.rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/renders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the project's render jobs, newest first
         * @deprecated
         * @description Deprecated: the same as the project-scoped route, for the calling project key's project (the master key gets 400 `PROJECT_REQUIRED`). Every answer carries `Deprecation: true`, `Sunset` (RENDEROWL_LEGACY_SUNSET) and `Link: </api/v1/projects/{id}/renders>; rel="successor-version"`.
         *
         *     Requires scope `renders:read`.
         */
        get: operations["legacyRenders.list"];
        put?: never;
        /**
         * Submit a render (202 queued), or validate one with `dryRun: true` (200)
         * @deprecated
         * @description Deprecated: the same as the project-scoped route, for the calling project key's project (the master key gets 400 `PROJECT_REQUIRED`). Every answer carries `Deprecation: true`, `Sunset` (RENDEROWL_LEGACY_SUNSET) and `Link: </api/v1/projects/{id}/renders>; rel="successor-version"`.
         *
         *     `400 INVALID_TEMPLATE_VARIABLES` when template variables are unknown, missing or of
         *     the wrong type. The quota is reserved at submission from the estimate (the asset's
         *     duration, or for URL videos the last caption's end) and settled with the output's
         *     real duration. With `Idempotency-Key`, a retried submit never renders or bills twice.
         *
         *     Requires scope `renders:write`.
         */
        post: operations["legacyRenders.submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/renders/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Render job id (UUID). */
                job_id: string;
            };
            cookie?: never;
        };
        /**
         * Get a render job; `output.url` is a fresh signed link
         * @deprecated
         * @description Deprecated: the same as the project-scoped route, for the calling project key's project (the master key gets 400 `PROJECT_REQUIRED`). Every answer carries `Deprecation: true`, `Sunset` (RENDEROWL_LEGACY_SUNSET) and `Link: </api/v1/projects/{id}/renders>; rel="successor-version"`.
         *
         *     Requires scope `renders:read`.
         */
        get: operations["legacyRenders.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Health check (no key needed): the database and the queue answer; queue depth and age */
        get: operations["health.check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics (master key, or `RENDEROWL_METRICS_TOKEN` as a bearer token)
         * @description Merged across every web and worker process of this host: `renderowl_http_requests_total`
         *     and `renderowl_http_request_duration_seconds` by route template and status,
         *     `renderowl_queue_depth`, `renderowl_queue_oldest_age_seconds`, `renderowl_render_jobs`,
         *     `renderowl_renders_total` and `renderowl_render_duration_seconds` by outcome,
         *     `renderowl_webhook_deliveries_total` and `renderowl_automation_runs_total` by outcome.
         */
        get: operations["metrics.scrape"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/storage/download/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The signed token of a storage link (as handed out; opaque). */
                token: string;
            };
            cookie?: never;
        };
        /**
         * Download a file from local storage (the `urls` of an asset, a render's `output.url`)
         * @description Authenticated by the signed token in the URL, not by an API key.
         */
        get: operations["storage.download"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/storage/upload/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The signed token of a storage link (as handed out; opaque). */
                token: string;
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Upload an asset's bytes to local storage (the `uploadUrl` of a new asset)
         * @description Authenticated by the signed token in the URL, not by an API key.
         */
        put: operations["storage.upload"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/automations/{endpoint}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The webhook trigger's URL-safe endpoint token. */
                endpoint: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Trigger a webhook automation (signed body or bearer secret)
         * @description A signed request sent again (the same `Renderowl-Signature`) within the 300 s tolerance
         *     answers the first request's `runId` and starts nothing: replays are harmless.
         *
         *     Automations cannot run away: a request carrying `Renderowl-Automation-Depth` (which this
         *     server's webhook actions send) starts a run one deeper, refused past depth 3 (409
         *     `AUTOMATION_LOOP`, no run); each trigger admits `trigger.rateLimitRpm` calls a minute
         *     (429 with `Retry-After`); and runs beyond `RENDEROWL_MAX_RUNNING_RUNS` per project wait.
         *     The depth header is read only once the caller has authenticated.
         */
        post: operations["automations.trigger"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/storage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive an S3/MinIO event notification and queue the completion of the uploads it reports
         * @description Authenticate with `RENDEROWL_STORAGE_WEBHOOK_SECRET` as `Authorization: Bearer <secret>`
         *     or `X-Renderowl-Storage-Secret`. The body is the S3 event format (`Records[].s3.object.key`,
         *     at most 100 records); records that name no uploading asset are ignored, so replays and
         *     unrelated objects are harmless, and each asset is checked once however often it is named.
         */
        post: operations["storage.receiveEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Action: components["schemas"]["RenderAction"] | components["schemas"]["WebhookAction"];
        ApiKey: {
            /** Format: date-time */
            readonly createdAt: string;
            /** Format: uuid */
            readonly id: string;
            readonly keyPrefix: string;
            /** Format: date-time */
            readonly lastUsedAt: string | null;
            readonly name: string;
            readonly rateLimitRpm: number;
            /** Format: date-time */
            readonly revokedAt: string | null;
            readonly scopes: string[];
        };
        ApiKeyCreate: {
            name: string;
            /** @description Defaults to the project's settings.defaultRateLimitRpm. */
            rateLimitRpm?: number;
            /** @description Defaults to every scope when omitted; an empty list is refused. */
            scopes?: ("projects:read" | "assets:read" | "assets:write" | "templates:read" | "templates:write" | "renders:read" | "renders:write" | "automations:read" | "automations:write")[];
        };
        ApiKeyCreated: {
            /** Format: date-time */
            readonly createdAt: string;
            /** Format: uuid */
            readonly id: string;
            /** @description Shown once; store it now. */
            readonly key: string;
            readonly keyPrefix: string;
            /** Format: date-time */
            readonly lastUsedAt: string | null;
            readonly name: string;
            readonly rateLimitRpm: number;
            /** Format: date-time */
            readonly revokedAt: string | null;
            readonly scopes: string[];
        };
        ApiKeyPage: {
            data: components["schemas"]["ApiKey"][];
            hasMore: boolean;
            nextCursor: string | null;
        };
        Asset: {
            /** Format: date-time */
            readonly createdAt: string;
            readonly description: string | null;
            /** @description Why the asset failed; present only when `status` is `failed`. */
            readonly error?: string;
            /** Format: uuid */
            readonly id: string;
            /** @description width, height, durationSeconds, codec, fps. */
            readonly metadata: Record<string, never>;
            readonly mimeType: string;
            readonly name: string;
            /** Format: uuid */
            readonly projectId: string;
            readonly sizeBytes: number;
            /** @enum {string} */
            readonly status: "uploading" | "processing" | "ready" | "failed";
            readonly tags: string[];
            /** @enum {string} */
            readonly type: "video" | "audio" | "image" | "font" | "template";
            /** Format: date-time */
            readonly updatedAt: string;
            /** @description `original` (and `thumbnail` when there is one): signed links valid at least 1 hour (local storage: to the next whole minute, the same link all that minute), served as attachments of the declared type. Empty for a `failed` asset. */
            readonly urls: Record<string, never>;
        };
        /** @description A new asset; its `mimeType` must fit its `type`. */
        AssetCreate: components["schemas"]["VideoAssetCreate"] | components["schemas"]["AudioAssetCreate"] | components["schemas"]["ImageAssetCreate"] | components["schemas"]["FontAssetCreate"] | components["schemas"]["TemplateAssetCreate"];
        AssetCreated: {
            asset: components["schemas"]["Asset"];
            /** Format: date-time */
            expiresAt: string;
            /** @description Headers the PUT must carry exactly (they are part of the signature). */
            uploadHeaders: {
                [key: string]: string;
            };
            /** @enum {string} */
            uploadMethod: "PUT";
            /** @description Signed; valid 15 minutes. */
            uploadUrl: string;
        };
        AssetFilter: {
            /** @description The asset must carry every one of these tags. */
            tags?: string[];
            /** @enum {string} */
            type?: "video" | "audio" | "image" | "font" | "template";
        };
        AssetPage: {
            data: components["schemas"]["Asset"][];
            hasMore: boolean;
            nextCursor: string | null;
        };
        AssetUpdate: {
            description?: string | null;
            name?: string;
            tags?: string[];
        };
        AssetUploadTrigger: {
            filter?: components["schemas"]["AssetFilter"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "asset_upload";
        };
        AssetUploaded: {
            asset: components["schemas"]["Asset"];
        };
        AssetVideo: {
            /** Format: uuid */
            assetId: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "asset";
        };
        AudioAssetCreate: {
            description?: string | null;
            mimeType: string;
            name: string;
            /** @description Exact size of the file to upload; the upload is refused if it differs. */
            sizeBytes: number;
            tags?: string[];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "audio";
        };
        Automation: {
            readonly actions: {
                [key: string]: unknown;
            }[];
            /** Format: date-time */
            readonly createdAt: string;
            readonly description: string | null;
            readonly enabled: boolean;
            /** Format: uuid */
            readonly id: string;
            readonly name: string;
            /** Format: uuid */
            readonly projectId: string;
            /** @description {total, completed, failed, lastRunAt} */
            readonly runs: Record<string, never>;
            /** @description Webhook triggers carry `endpoint` (POST /webhooks/automations/<endpoint>) and, in the response that generated it only, `secret`. Schedules carry `nextRunAt`. */
            readonly trigger: Record<string, never>;
            /** Format: date-time */
            readonly updatedAt: string;
        };
        AutomationCreate: {
            actions: components["schemas"]["Action"][];
            description?: string | null;
            /** @default true */
            enabled?: boolean;
            name: string;
            trigger: components["schemas"]["Trigger"];
        };
        AutomationPage: {
            data: components["schemas"]["Automation"][];
            hasMore: boolean;
            nextCursor: string | null;
        };
        AutomationRunPage: {
            data: components["schemas"]["Run"][];
            hasMore: boolean;
            nextCursor: string | null;
        };
        AutomationUpdate: {
            actions?: components["schemas"]["Action"][];
            description?: string | null;
            enabled?: boolean;
            name?: string;
            /** @description Replacing a webhook trigger by another webhook trigger keeps its endpoint and secret. */
            trigger?: components["schemas"]["Trigger"];
        };
        CaptionStyle: {
            /**
             * @description One box behind each caption's lines, `#RRGGBBAA`; null for none.
             * @default null
             * @example #00000080
             */
            backgroundColor?: string | null;
            /**
             * @description Font family; Roboto ships with the server and is the fallback. Lines are measured in Roboto; another family (libass may find a wider one on the host) gets 35% more room.
             * @default Roboto
             */
            fontFamily?: string;
            /**
             * @description Pixels at the output height (smaller when the frame cannot hold a line).
             * @default 48
             */
            fontSize?: number;
            /**
             * @description Colour of the word being spoken (wordHighlight).
             * @default #FFD700
             * @example #FFD700
             */
            highlightColor?: string;
            /**
             * @description Vertical margin in pixels from the top/bottom edge; never less than the title-safe 5%.
             * @default 60
             */
            marginV?: number;
            /**
             * @description At most this many characters on a line (Netflix: 42); 0 or null: only the frame's width limits a line.
             * @default 42
             */
            maxCharsPerLine?: number | null;
            /**
             * @description Reading speed over which a caption gets a READING_SPEED warning.
             * @default 20
             */
            maxCharsPerSecond?: number;
            /**
             * @description Lines per caption on screen; a caption needing more is split into consecutive captions over its span.
             * @default 2
             */
            maxLines?: number;
            /**
             * @default #000000
             * @example #000000
             */
            outlineColor?: string;
            /** @default 3 */
            outlineWidth?: number;
            /**
             * @default bottom
             * @enum {string}
             */
            position?: "top" | "center" | "bottom";
            /**
             * @default #FFFFFF
             * @example #FFFFFF
             */
            textColor?: string;
            /** @default false */
            uppercase?: boolean;
            /**
             * @description Colour each word with highlightColor while it is spoken.
             * @default false
             */
            wordHighlight?: boolean;
        };
        CaptionWarning: {
            /**
             * @description READING_SPEED: over style.maxCharsPerSecond; TOO_SHORT: under 5/6 s on screen; TOO_LONG: over 7 s without a change; FLASH_GAP: a gap under 2 frames after the previous caption; LINE_TOO_LONG: a single word wider than a line (the caption is drawn smaller).
             * @enum {string}
             */
            code: "READING_SPEED" | "TOO_SHORT" | "TOO_LONG" | "FLASH_GAP" | "LINE_TOO_LONG";
            /** @description Index of the caption in `captions`. */
            cue: number;
            message: string;
        };
        DryRun: {
            readonly captions: {
                [key: string]: unknown;
            }[];
            readonly dryRun: boolean;
            /** @description Asset videos: the asset's duration; URL videos: the last caption's end (the file is not fetched). */
            readonly estimatedMinutes: number;
            /** Format: uuid */
            readonly projectId: string;
            readonly settings: {
                [key: string]: unknown;
            };
            readonly style: {
                [key: string]: unknown;
            };
            /** Format: uuid */
            readonly templateId: string | null;
            readonly video: {
                [key: string]: unknown;
            };
            /** @description Caption readability warnings (Netflix/BBC subtitle rules); the render goes ahead anyway. */
            readonly warnings: components["schemas"]["CaptionWarning"][];
        };
        Error: {
            error: components["schemas"]["ErrorBody"];
        };
        ErrorBody: {
            /**
             * @example VALIDATION_ERROR
             * @enum {string}
             */
            code: "API_KEY_NOT_FOUND" | "API_KEY_REVOKED" | "ASSET_NOT_FOUND" | "ASSET_NOT_READY" | "ASSET_TOO_LARGE" | "AUTOMATION_DISABLED" | "AUTOMATION_LOOP" | "AUTOMATION_NOT_FOUND" | "BAD_REQUEST" | "CONFLICT" | "DELIVERY_NOT_FOUND" | "DOWNLOAD_EXPIRED" | "DOWNLOAD_SIGNATURE_INVALID" | "EXPECTATION_FAILED" | "FORBIDDEN" | "HEADERS_TOO_LARGE" | "IDEMPOTENCY_KEY_IN_USE" | "IDEMPOTENCY_KEY_REUSED" | "INTERNAL_ERROR" | "INVALID_API_KEY" | "INVALID_JSON" | "INVALID_SIGNATURE" | "INVALID_TEMPLATE_VARIABLES" | "MASTER_KEY_REQUIRED" | "METHOD_NOT_ALLOWED" | "NOT_FOUND" | "NOT_IMPLEMENTED" | "OBJECT_NOT_FOUND" | "PAYLOAD_TOO_LARGE" | "PREVIEW_BUSY" | "PREVIEW_TIMEOUT" | "PROJECT_ARCHIVED" | "PROJECT_NOT_FOUND" | "PROJECT_QUOTA_EXCEEDED" | "PROJECT_REQUIRED" | "PROJECT_SUSPENDED" | "RATE_LIMIT_EXCEEDED" | "RENDER_NOT_CANCELLABLE" | "RENDER_NOT_FOUND" | "RUN_NOT_FAILED" | "RUN_NOT_FOUND" | "SLUG_TAKEN" | "STORAGE_QUOTA_EXCEEDED" | "TEMPLATE_NOT_FOUND" | "UNAUTHENTICATED" | "UNAUTHORIZED_SCOPE" | "UNSUPPORTED_MEDIA_TYPE" | "UPLOAD_ALREADY_COMPLETED" | "UPLOAD_EXPIRED" | "UPLOAD_INCOMPLETE" | "UPLOAD_SIGNATURE_INVALID" | "UPLOAD_TOO_LARGE" | "URI_TOO_LONG" | "VALIDATION_ERROR";
            /** @description Field paths to messages for validation errors; the request id for 500s. */
            details?: {
                [key: string]: unknown;
            };
            message: string;
        };
        FontAssetCreate: {
            description?: string | null;
            /** @enum {string} */
            mimeType: "font/ttf" | "font/otf" | "font/woff" | "font/woff2";
            name: string;
            /** @description Exact size of the file to upload; the upload is refused if it differs. */
            sizeBytes: number;
            tags?: string[];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "font";
        };
        Health: {
            /** @description `ok`, or the kind of error seen */
            database: string;
            /** @description Age of the oldest render job waiting for a worker (0 when none waits) */
            oldestQueuedJobAgeSeconds: number | null;
            /** @description `ok`, or the kind of error seen */
            queue: string;
            /** @description Tasks waiting in the queue */
            queueDepth: number | null;
            /** @enum {string} */
            status: "ok" | "error";
        };
        ImageAssetCreate: {
            description?: string | null;
            /** @enum {string} */
            mimeType: "image/png" | "image/jpeg" | "image/webp" | "image/gif";
            name: string;
            /** @description Exact size of the file to upload; the upload is refused if it differs. */
            sizeBytes: number;
            tags?: string[];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "image";
        };
        Project: {
            /** Format: date-time */
            readonly createdAt: string;
            readonly description: string | null;
            /** Format: uuid */
            readonly id: string;
            readonly name: string;
            /** @description Settings merged over the defaults. */
            readonly settings: Record<string, never>;
            readonly slug: string;
            /** @enum {string} */
            readonly status: "active" | "suspended" | "archived";
            /** Format: date-time */
            readonly updatedAt: string;
            readonly usage: components["schemas"]["Usage"];
            /** @description `whsec_…`; shown in master-key responses only. */
            readonly webhookSecret?: string;
        };
        ProjectCreate: {
            description?: string | null;
            name: string;
            settings?: components["schemas"]["ProjectSettings"];
            slug: string;
        };
        ProjectPage: {
            data: components["schemas"]["Project"][];
            hasMore: boolean;
            nextCursor: string | null;
        };
        ProjectSettings: {
            /** @default 100 */
            defaultRateLimitRpm?: number;
            /** @default 5368709120 */
            maxAssetSizeBytes?: number;
            /**
             * @description `month`: usage and renderQuotaMinutes count the current UTC calendar month (a render counts in the month it completes); `total`: the project's whole life.
             * @default month
             * @enum {string}
             */
            quotaPeriod?: "month" | "total";
            /** @default 1000 */
            renderQuotaMinutes?: number;
            /** @default 10737418240 */
            storageQuotaBytes?: number;
            /**
             * @description Receives signed event webhooks.
             * @default null
             * @example https://example.com/hooks/renderowl
             */
            webhookUrl?: string | null;
        };
        ProjectUpdate: {
            description?: string | null;
            name?: string;
            settings?: components["schemas"]["ProjectSettings"];
            /**
             * @description A project that is not `active` starts nothing: its keys and public triggers answer 403, schedules don't fire, queued renders and automation runs wait (`suspended`; they go on once `active` again) or are cancelled / failed (`archived`), and local download links stop working.
             * @enum {string}
             */
            status?: "active" | "suspended" | "archived";
        };
        Redelivery: {
            /** Format: uuid */
            readonly eventId: string;
            /** @enum {string} */
            readonly status: "queued";
            readonly url: string;
        };
        RenderAction: {
            /** @description As in POST /renders: a cue list or {srt}/{vtt}; or a `{{variable}}` string. */
            captions?: unknown[] | Record<string, never> | string;
            style?: {
                [key: string]: unknown;
            };
            templateId?: string;
            templateVariables?: {
                [key: string]: unknown;
            };
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "render";
            video?: {
                [key: string]: unknown;
            };
        };
        RenderCreate: {
            /**
             * @description A list of `{start, end, text, words?}` (seconds) or `{"srt": "..."}` / `{"vtt": "..."}`.
             *
             *         Checked in depth by the caption parser: at most 2000 cues (SRT/VTT cues too) of at most
             *         500 characters; `0 <= start < end <= 86400`; ordered by start; `words` inside
             *         their cue. A malformed SRT/VTT cue is a 400 naming the cue and its line. With an asset
             *         video, a cue starting at or after the video's end is a 400 (a URL video's render fails).
             *         Long cues are split into consecutive cues on screen (`style.maxLines`).
             */
            captions: {
                end: number;
                start: number;
                text: string;
                words?: {
                    end: number;
                    start: number;
                    text: string;
                }[];
            }[] | {
                srt: string;
            } | {
                vtt: string;
            };
            /**
             * @description Validate and resolve only: 200 with the resolved job and estimatedMinutes; nothing is queued or reserved.
             * @default false
             */
            dryRun?: boolean;
            settings?: components["schemas"]["RenderSettings"];
            style?: components["schemas"]["CaptionStyle"];
            /**
             * Format: uuid
             * @description Omitted: the project's default template (isDefault), if any; null: no template.
             */
            templateId?: string | null;
            templateVariables?: {
                [key: string]: unknown;
            };
            /** @description Required unless the template has a defaultVideo. */
            video?: components["schemas"]["Video"];
            /**
             * @description Also receives this job's render.completed / render.failed events.
             * @example https://example.com/hooks/renderowl
             */
            webhookUrl?: string | null;
        };
        RenderJob: {
            readonly captions: {
                [key: string]: unknown;
            }[];
            /** Format: date-time */
            readonly completedAt: string | null;
            /** Format: date-time */
            readonly createdAt: string;
            readonly error: string | null;
            /** Format: uuid */
            readonly id: string;
            /** @description RenderOutput once completed. */
            readonly output: Record<string, never> | null;
            /** @description 0 to 1 */
            readonly progress: number;
            /** Format: uuid */
            readonly projectId: string;
            readonly settings: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            readonly startedAt: string | null;
            /** @enum {string} */
            readonly status: "queued" | "rendering" | "completed" | "failed" | "cancelled";
            /** @description The resolved CaptionStyle. */
            readonly style: {
                [key: string]: unknown;
            };
            /** Format: uuid */
            readonly templateId: string | null;
            readonly video: {
                [key: string]: unknown;
            };
            /** @description Caption readability warnings (Netflix/BBC subtitle rules); the render goes ahead anyway. */
            readonly warnings: components["schemas"]["CaptionWarning"][];
        };
        RenderJobPage: {
            data: components["schemas"]["RenderJob"][];
            hasMore: boolean;
            nextCursor: string | null;
        };
        RenderPreview: {
            /** @description Seconds into the output; default: the middle of the first caption. At or past the end of the video: 400 `VALIDATION_ERROR` naming `at`. */
            at?: number;
            /**
             * @description A list of `{start, end, text, words?}` (seconds) or `{"srt": "..."}` / `{"vtt": "..."}`.
             *
             *         Checked in depth by the caption parser: at most 2000 cues (SRT/VTT cues too) of at most
             *         500 characters; `0 <= start < end <= 86400`; ordered by start; `words` inside
             *         their cue. A malformed SRT/VTT cue is a 400 naming the cue and its line. With an asset
             *         video, a cue starting at or after the video's end is a 400 (a URL video's render fails).
             *         Long cues are split into consecutive cues on screen (`style.maxLines`).
             */
            captions: {
                end: number;
                start: number;
                text: string;
                words?: {
                    end: number;
                    start: number;
                    text: string;
                }[];
            }[] | {
                srt: string;
            } | {
                vtt: string;
            };
            /**
             * @description Validate and resolve only: 200 with the resolved job and estimatedMinutes; nothing is queued or reserved.
             * @default false
             */
            dryRun?: boolean;
            settings?: components["schemas"]["RenderSettings"];
            style?: components["schemas"]["CaptionStyle"];
            /**
             * Format: uuid
             * @description Omitted: the project's default template (isDefault), if any; null: no template.
             */
            templateId?: string | null;
            templateVariables?: {
                [key: string]: unknown;
            };
            /** @description Required unless the template has a defaultVideo. */
            video?: components["schemas"]["Video"];
            /**
             * @description Also receives this job's render.completed / render.failed events.
             * @example https://example.com/hooks/renderowl
             */
            webhookUrl?: string | null;
            /**
             * @description Width of the PNG in pixels; the height keeps the output's aspect ratio.
             * @default 640
             */
            width?: number;
        };
        RenderSettings: {
            /**
             * @description x264 quality (lower is better and bigger).
             * @default 23
             */
            crf?: number;
            /** @description Output frame rate. Default: the input's. */
            fps?: number;
            height?: number;
            /**
             * @description x264 speed/size trade-off.
             * @default veryfast
             * @enum {string}
             */
            preset?: "ultrafast" | "superfast" | "veryfast" | "faster" | "fast" | "medium" | "slow" | "slower" | "veryslow";
            /** @description Output width; with only one of width/height the aspect ratio is kept. Default: the input's. */
            width?: number;
        };
        Run: {
            /** Format: uuid */
            readonly automationId: string;
            /** Format: date-time */
            readonly completedAt: string | null;
            /** @description 0, or one more than the run whose webhook action triggered this one (the request carried `Renderowl-Automation-Depth`). A run deeper than 3 is refused (409 `AUTOMATION_LOOP`). */
            readonly depth: number;
            readonly error: string | null;
            /** Format: uuid */
            readonly id: string;
            readonly input: unknown;
            /** @description The last step's output once completed. */
            readonly output: unknown;
            /** Format: uuid */
            readonly projectId: string;
            /**
             * @description `queued` while the run waits for room: at most `RENDEROWL_MAX_RUNNING_RUNS` (default 20) runs of a project are `running` at once (a run waiting on its render counts), and none while the project is not active; the oldest waiting run starts when a running one ends.
             * @enum {string}
             */
            readonly status: "queued" | "running" | "completed" | "failed";
            readonly steps: components["schemas"]["Step"][];
            readonly trigger: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            readonly triggeredAt: string;
        };
        RunCreate: {
            /** @description Merged into the run's `trigger` ({type: 'manual', ...input}). */
            input?: {
                [key: string]: unknown;
            };
        };
        ScheduleTrigger: {
            /**
             * @description Five fields (minute hour day-of-month month day-of-week) that croniter accepts and that fire at least once (`0 0 30 2 *` never does: 400).
             * @example *\/5 * * * *
             */
            cron: string;
            /**
             * @description IANA name; the cron is read in this zone. An unknown zone is a 400.
             * @default UTC
             * @example Europe/Paris
             */
            timezone?: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "schedule";
        };
        Step: {
            completedAt: string | null;
            error: string | null;
            index: number;
            output: unknown;
            renderJobId: string | null;
            startedAt: string | null;
            /** @enum {string} */
            status: "pending" | "running" | "waiting" | "completed" | "failed";
            type: string;
        };
        StorageEventResult: {
            /** @description `{id, status}` of each asset a record named, once each; the check of its upload is queued (`status` is `uploading` until it has run). */
            assets: {
                [key: string]: unknown;
            }[];
            /** @description ObjectCreated records in the notification. */
            received: number;
        };
        Template: {
            /** Format: date-time */
            readonly createdAt: string;
            readonly defaultSettings: {
                [key: string]: unknown;
            };
            readonly defaultVideo: {
                [key: string]: unknown;
            } | null;
            readonly description: string | null;
            /** Format: uuid */
            readonly id: string;
            readonly isDefault: boolean;
            readonly name: string;
            /** Format: uuid */
            readonly projectId: string;
            /** @description CaptionStyle (may hold `{{variables}}`). */
            readonly style: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            readonly updatedAt: string;
            readonly variables: {
                [key: string]: unknown;
            }[];
        };
        TemplateAssetCreate: {
            description?: string | null;
            /** @enum {string} */
            mimeType: "application/json";
            name: string;
            /** @description Exact size of the file to upload; the upload is refused if it differs. */
            sizeBytes: number;
            tags?: string[];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "template";
        };
        TemplateAssetVideo: {
            /** @description May be a `{{variable}}`. */
            assetId: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "asset";
        };
        TemplateCreate: {
            defaultSettings?: components["schemas"]["TemplateSettings"];
            defaultVideo?: components["schemas"]["TemplateVideo"] | null;
            description?: string | null;
            /**
             * @description Used by renders that name no template; setting it clears the project's other default.
             * @default false
             */
            isDefault?: boolean;
            name: string;
            style?: components["schemas"]["TemplateStyle"];
            variables?: components["schemas"]["Variable"][];
        };
        TemplatePage: {
            data: components["schemas"]["Template"][];
            hasMore: boolean;
            nextCursor: string | null;
        };
        TemplateSettings: {
            /**
             * @description x264 quality (lower is better and bigger). May be a `{{variable}}`.
             * @default 23
             */
            crf?: number | string;
            /** @description Output frame rate. Default: the input's. May be a `{{variable}}`. */
            fps?: number | string;
            /** @description May be a `{{variable}}`. */
            height?: number | string;
            /**
             * @description x264 speed/size trade-off. May be a `{{variable}}`.
             * @default veryfast
             */
            preset?: ("ultrafast" | "superfast" | "veryfast" | "faster" | "fast" | "medium" | "slow" | "slower" | "veryslow") | string;
            /** @description Output width; with only one of width/height the aspect ratio is kept. Default: the input's. May be a `{{variable}}`. */
            width?: number | string;
        };
        TemplateStyle: {
            /**
             * @description One box behind each caption's lines, `#RRGGBBAA`; null for none. May be a `{{variable}}`.
             * @default null
             * @example #00000080
             */
            backgroundColor?: (string | null) | string;
            /**
             * @description Font family; Roboto ships with the server and is the fallback. Lines are measured in Roboto; another family (libass may find a wider one on the host) gets 35% more room. May be a `{{variable}}`.
             * @default Roboto
             */
            fontFamily?: string;
            /**
             * @description Pixels at the output height (smaller when the frame cannot hold a line). May be a `{{variable}}`.
             * @default 48
             */
            fontSize?: number | string;
            /**
             * @description Colour of the word being spoken (wordHighlight). May be a `{{variable}}`.
             * @default #FFD700
             * @example #FFD700
             */
            highlightColor?: string;
            /**
             * @description Vertical margin in pixels from the top/bottom edge; never less than the title-safe 5%. May be a `{{variable}}`.
             * @default 60
             */
            marginV?: number | string;
            /**
             * @description At most this many characters on a line (Netflix: 42); 0 or null: only the frame's width limits a line. May be a `{{variable}}`.
             * @default 42
             */
            maxCharsPerLine?: (number | null) | string;
            /**
             * @description Reading speed over which a caption gets a READING_SPEED warning. May be a `{{variable}}`.
             * @default 20
             */
            maxCharsPerSecond?: number | string;
            /**
             * @description Lines per caption on screen; a caption needing more is split into consecutive captions over its span. May be a `{{variable}}`.
             * @default 2
             */
            maxLines?: number | string;
            /**
             * @description May be a `{{variable}}`.
             * @default #000000
             * @example #000000
             */
            outlineColor?: string;
            /**
             * @description May be a `{{variable}}`.
             * @default 3
             */
            outlineWidth?: number | string;
            /**
             * @description May be a `{{variable}}`.
             * @default bottom
             */
            position?: ("top" | "center" | "bottom") | string;
            /**
             * @description May be a `{{variable}}`.
             * @default #FFFFFF
             * @example #FFFFFF
             */
            textColor?: string;
            /**
             * @description May be a `{{variable}}`.
             * @default false
             */
            uppercase?: boolean | string;
            /**
             * @description Colour each word with highlightColor while it is spoken. May be a `{{variable}}`.
             * @default false
             */
            wordHighlight?: boolean | string;
        };
        TemplateUpdate: {
            defaultSettings?: components["schemas"]["TemplateSettings"];
            defaultVideo?: components["schemas"]["TemplateVideo"] | null;
            description?: string | null;
            isDefault?: boolean;
            name?: string;
            style?: components["schemas"]["TemplateStyle"];
            variables?: components["schemas"]["Variable"][];
        };
        TemplateUrlVideo: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "url";
            /**
             * @description May be a `{{variable}}`.
             * @example https://example.com/hooks/renderowl
             */
            url: string;
        };
        TemplateVideo: components["schemas"]["TemplateAssetVideo"] | components["schemas"]["TemplateUrlVideo"];
        Trigger: components["schemas"]["WebhookTrigger"] | components["schemas"]["ScheduleTrigger"] | components["schemas"]["AssetUploadTrigger"];
        TriggerAccepted: {
            /** Format: uuid */
            readonly runId: string;
        };
        UrlVideo: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "url";
            /**
             * @description Fetched by the worker through the outbound guard.
             * @example https://example.com/hooks/renderowl
             */
            url: string;
        };
        Usage: {
            /**
             * Format: date-time
             * @description Since when renderCount and renderMinutesUsed count: the first of the current UTC month (`quotaPeriod: month`), or the project's creation (`total`).
             */
            periodStart: string;
            /** @description Renders completed in the period. */
            renderCount: number;
            /** @description Output minutes billed in the period. */
            renderMinutesUsed: number;
            storageBytes: number;
        };
        UsageDay: {
            /** @description The UTC day, `YYYY-MM-DD`. */
            date: string;
            /** @description Webhook delivery attempts. */
            deliveries: number;
            /** @description Renders completed that day. */
            renderCount: number;
            /** @description Output minutes billed for them. */
            renderMinutes: number;
            /** @description Automation runs started. */
            runs: number;
            /** @description Bytes held at the day's end (live for today). */
            storageBytes: number;
        };
        UsageHistory: {
            data: components["schemas"]["UsageDay"][];
            from: string;
            /** Format: uuid */
            projectId: string;
            to: string;
        };
        Variable: {
            /** @description Must fit `type` (a select's default must be one of `options`). */
            default?: unknown;
            key: string;
            label?: string;
            /** @description Required for (and only for) `select`. */
            options?: unknown[];
            /** @default false */
            required?: boolean;
            /** @enum {string} */
            type: "string" | "number" | "color" | "boolean" | "select";
        };
        Video: components["schemas"]["AssetVideo"] | components["schemas"]["UrlVideo"];
        VideoAssetCreate: {
            description?: string | null;
            mimeType: string;
            name: string;
            /** @description Exact size of the file to upload; the upload is refused if it differs. */
            sizeBytes: number;
            tags?: string[];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "video";
        };
        WebhookAction: {
            /** @description Sent as JSON. */
            body?: unknown;
            /** @description Sent with the call, besides `Idempotency-Key` and `Renderowl-Automation-Depth` (the run's depth), which the server sets. */
            headers?: {
                [key: string]: string;
            };
            /**
             * @default POST
             * @enum {string}
             */
            method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "webhook";
            /** @description Called through the SSRF guard, no redirects followed; a 2xx answer completes the step. Every call carries `Idempotency-Key`, the same for repeats of one step attempt (after a worker crash) and new on a retry, so receivers can drop duplicates. */
            url: string;
        };
        WebhookDelivery: {
            /** @description 1 for the first attempt. */
            readonly attempt: number;
            /** Format: date-time */
            readonly createdAt: string;
            readonly durationMs: number;
            /** @description null on a 2xx; else why the attempt failed. */
            readonly error: string | null;
            /** Format: uuid */
            readonly eventId: string;
            /** @example render.completed */
            readonly eventType: string;
            /** Format: uuid */
            readonly id: string;
            /** @description The first 500 characters of the answer. */
            readonly responseSnippet: string | null;
            /** @description null when no HTTP answer came back. */
            readonly statusCode: number | null;
            readonly url: string;
        };
        WebhookDeliveryPage: {
            data: components["schemas"]["WebhookDelivery"][];
            hasMore: boolean;
            nextCursor: string | null;
        };
        WebhookTrigger: {
            /**
             * @description Calls of the public trigger URL admitted per minute (sliding window, across all web workers when Redis is configured); more answer 429 `RATE_LIMIT_EXCEEDED` with `Retry-After` and start nothing.
             * @default 60
             */
            rateLimitRpm?: number;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "webhook";
        };
    };
    responses: {
        /** @description `VALIDATION_ERROR` (`details` maps each bad field's path to a message), `INVALID_JSON` */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `PROJECT_SUSPENDED`, `PROJECT_ARCHIVED`, `MASTER_KEY_REQUIRED`, `UNAUTHORIZED_SCOPE` */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `INTERNAL_ERROR`: unexpected; `details.requestId` names the request in the logs */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `PAYLOAD_TOO_LARGE`: the JSON body is over `RENDEROWL_MAX_BODY_BYTES` (1 MiB) */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `RATE_LIMIT_EXCEEDED`; see `Retry-After` */
        RateLimited: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `UNAUTHENTICATED` (no/malformed header), `INVALID_API_KEY`, `API_KEY_REVOKED` */
        Unauthenticated: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description `URI_TOO_LONG`: the request line is over 4094 bytes (gunicorn's `limit_request_line`) */
        UriTooLong: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type Action = components['schemas']['Action'];
export type ApiKey = components['schemas']['ApiKey'];
export type ApiKeyCreate = components['schemas']['ApiKeyCreate'];
export type ApiKeyCreated = components['schemas']['ApiKeyCreated'];
export type ApiKeyPage = components['schemas']['ApiKeyPage'];
export type Asset = components['schemas']['Asset'];
export type AssetCreate = components['schemas']['AssetCreate'];
export type AssetCreated = components['schemas']['AssetCreated'];
export type AssetFilter = components['schemas']['AssetFilter'];
export type AssetPage = components['schemas']['AssetPage'];
export type AssetUpdate = components['schemas']['AssetUpdate'];
export type AssetUploadTrigger = components['schemas']['AssetUploadTrigger'];
export type AssetUploaded = components['schemas']['AssetUploaded'];
export type AssetVideo = components['schemas']['AssetVideo'];
export type AudioAssetCreate = components['schemas']['AudioAssetCreate'];
export type Automation = components['schemas']['Automation'];
export type AutomationCreate = components['schemas']['AutomationCreate'];
export type AutomationPage = components['schemas']['AutomationPage'];
export type AutomationRunPage = components['schemas']['AutomationRunPage'];
export type AutomationUpdate = components['schemas']['AutomationUpdate'];
export type CaptionStyle = components['schemas']['CaptionStyle'];
export type CaptionWarning = components['schemas']['CaptionWarning'];
export type DryRun = components['schemas']['DryRun'];
export type Error = components['schemas']['Error'];
export type ErrorBody = components['schemas']['ErrorBody'];
export type FontAssetCreate = components['schemas']['FontAssetCreate'];
export type Health = components['schemas']['Health'];
export type ImageAssetCreate = components['schemas']['ImageAssetCreate'];
export type Project = components['schemas']['Project'];
export type ProjectCreate = components['schemas']['ProjectCreate'];
export type ProjectPage = components['schemas']['ProjectPage'];
export type ProjectSettings = components['schemas']['ProjectSettings'];
export type ProjectUpdate = components['schemas']['ProjectUpdate'];
export type Redelivery = components['schemas']['Redelivery'];
export type RenderAction = components['schemas']['RenderAction'];
export type RenderCreate = components['schemas']['RenderCreate'];
export type RenderJob = components['schemas']['RenderJob'];
export type RenderJobPage = components['schemas']['RenderJobPage'];
export type RenderPreview = components['schemas']['RenderPreview'];
export type RenderSettings = components['schemas']['RenderSettings'];
export type Run = components['schemas']['Run'];
export type RunCreate = components['schemas']['RunCreate'];
export type ScheduleTrigger = components['schemas']['ScheduleTrigger'];
export type Step = components['schemas']['Step'];
export type StorageEventResult = components['schemas']['StorageEventResult'];
export type Template = components['schemas']['Template'];
export type TemplateAssetCreate = components['schemas']['TemplateAssetCreate'];
export type TemplateAssetVideo = components['schemas']['TemplateAssetVideo'];
export type TemplateCreate = components['schemas']['TemplateCreate'];
export type TemplatePage = components['schemas']['TemplatePage'];
export type TemplateSettings = components['schemas']['TemplateSettings'];
export type TemplateStyle = components['schemas']['TemplateStyle'];
export type TemplateUpdate = components['schemas']['TemplateUpdate'];
export type TemplateUrlVideo = components['schemas']['TemplateUrlVideo'];
export type TemplateVideo = components['schemas']['TemplateVideo'];
export type Trigger = components['schemas']['Trigger'];
export type TriggerAccepted = components['schemas']['TriggerAccepted'];
export type UrlVideo = components['schemas']['UrlVideo'];
export type Usage = components['schemas']['Usage'];
export type UsageDay = components['schemas']['UsageDay'];
export type UsageHistory = components['schemas']['UsageHistory'];
export type Variable = components['schemas']['Variable'];
export type Video = components['schemas']['Video'];
export type VideoAssetCreate = components['schemas']['VideoAssetCreate'];
export type WebhookAction = components['schemas']['WebhookAction'];
export type WebhookDelivery = components['schemas']['WebhookDelivery'];
export type WebhookDeliveryPage = components['schemas']['WebhookDeliveryPage'];
export type WebhookTrigger = components['schemas']['WebhookTrigger'];
export type ResponseBadRequest = components['responses']['BadRequest'];
export type ResponseForbidden = components['responses']['Forbidden'];
export type ResponseInternalError = components['responses']['InternalError'];
export type ResponsePayloadTooLarge = components['responses']['PayloadTooLarge'];
export type ResponseRateLimited = components['responses']['RateLimited'];
export type ResponseUnauthenticated = components['responses']['Unauthenticated'];
export type ResponseUriTooLong = components['responses']['UriTooLong'];
export type $defs = Record<string, never>;
export interface operations {
    "projects.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page, as it was handed out (opaque). */
                cursor?: string;
                status?: "active" | "suspended" | "archived";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "projects.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer (with `Idempotent-Replayed: true`) for 24 h when sent again with the same body. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `IDEMPOTENCY_KEY_REUSED` (same key, other body), `IDEMPOTENCY_KEY_IN_USE` (first still running) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "projects.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "projects.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "projects.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectUpdate"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "apiKeys.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page, as it was handed out (opaque). */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "apiKeys.create": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiKeyCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "apiKeys.revoke": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description API key id (UUID). */
                key_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "assets.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page, as it was handed out (opaque). */
                cursor?: string;
                type?: "video" | "audio" | "image" | "font" | "template";
                status?: "uploading" | "processing" | "ready" | "failed";
                /** @description Assets carrying this exact tag. */
                tag?: string;
                /** @description Case-insensitive search in the name. */
                q?: string;
            };
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssetPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "assets.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer (with `Idempotent-Replayed: true`) for 24 h when sent again with the same body. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssetCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssetCreated"];
                };
            };
            /** @description `VALIDATION_ERROR` (`details` maps each bad field's path to a message), `INVALID_JSON`; `ASSET_TOO_LARGE`: over the project's `maxAssetSizeBytes` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED` (same key, other body), `IDEMPOTENCY_KEY_IN_USE` (first still running) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            /** @description `RATE_LIMIT_EXCEEDED` (see `Retry-After`), or `STORAGE_QUOTA_EXCEEDED`: the bytes do not fit in `storageQuotaBytes` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    "assets.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Asset id (UUID). */
                asset_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Asset"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `ASSET_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "assets.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Asset id (UUID). */
                asset_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `ASSET_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "assets.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Asset id (UUID). */
                asset_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssetUpdate"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Asset"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `ASSET_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "assets.complete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Asset id (UUID). */
                asset_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Asset"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `ASSET_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `UPLOAD_INCOMPLETE`: no stored file, or not the declared size */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "automations.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page, as it was handed out (opaque). */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutomationPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "automations.create": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AutomationCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Automation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `TEMPLATE_NOT_FOUND` / `ASSET_NOT_FOUND`: a render action's `templateId` or `video.assetId` is not one of this project's (`{{references}}` are checked when the run resolves them) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "automations.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Automation id (UUID). */
                automation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Automation"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `AUTOMATION_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "automations.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Automation id (UUID). */
                automation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `AUTOMATION_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "automations.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Automation id (UUID). */
                automation_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AutomationUpdate"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Automation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `AUTOMATION_NOT_FOUND`, or `TEMPLATE_NOT_FOUND` / `ASSET_NOT_FOUND`: a render action's `templateId` or `video.assetId` is not one of this project's */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "automations.run": {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer (with `Idempotent-Replayed: true`) for 24 h when sent again with the same body. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Automation id (UUID). */
                automation_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunCreate"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `AUTOMATION_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED` (same key, other body), `IDEMPOTENCY_KEY_IN_USE` (first still running) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "automations.runs.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page, as it was handed out (opaque). */
                cursor?: string;
                status?: "queued" | "running" | "completed" | "failed";
            };
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Automation id (UUID). */
                automation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutomationRunPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `AUTOMATION_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "automations.runs.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Automation id (UUID). */
                automation_id: string;
                /** @description Run id (UUID). */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `AUTOMATION_NOT_FOUND` or `RUN_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "automations.runs.retry": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Automation id (UUID). */
                automation_id: string;
                /** @description Run id (UUID). */
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Run"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `AUTOMATION_NOT_FOUND` or `RUN_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `RUN_NOT_FAILED`: only a failed run can be retried */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "renders.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page, as it was handed out (opaque). */
                cursor?: string;
                status?: "queued" | "rendering" | "completed" | "failed" | "cancelled";
            };
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RenderJobPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "renders.submit": {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer (with `Idempotent-Replayed: true`) for 24 h when sent again with the same body. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RenderCreate"];
            };
        };
        responses: {
            /** @description `dryRun: true`: the resolved job; nothing queued */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DryRun"];
                };
            };
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RenderJob"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `ASSET_NOT_FOUND`, `TEMPLATE_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED` (same key, other body), `IDEMPOTENCY_KEY_IN_USE` (first still running) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            /** @description `RATE_LIMIT_EXCEEDED` (see `Retry-After`), or `PROJECT_QUOTA_EXCEEDED`: renderMinutesUsed (plus renders in flight) at or over renderQuotaMinutes */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    "renders.preview": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RenderPreview"];
            };
        };
        responses: {
            /** @description The frame as a PNG, with `Cache-Control: no-store`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/png": string;
                };
            };
            /** @description `VALIDATION_ERROR` (`details` maps each bad field's path to a message), `INVALID_JSON`; `VALIDATION_ERROR` exactly as for a render, or naming `at` (at or past the end of the video) or `width`; `INVALID_TEMPLATE_VARIABLES` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `ASSET_NOT_FOUND`, `TEMPLATE_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `ASSET_NOT_READY` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            /** @description `RATE_LIMIT_EXCEEDED` (a preview counts as 10 requests), or `PREVIEW_BUSY`: this web worker is drawing another preview; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["InternalError"];
            /** @description `PREVIEW_TIMEOUT`: FFmpeg (or a `url` video's download) took longer than `RENDEROWL_PREVIEW_TIMEOUT_SECONDS` */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    "renders.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Render job id (UUID). */
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RenderJob"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `RENDER_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "renders.cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Render job id (UUID). */
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RenderJob"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `RENDER_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `RENDER_NOT_CANCELLABLE`: the job already completed or failed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "templates.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page, as it was handed out (opaque). */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplatePage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "templates.create": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TemplateCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Template"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `ASSET_NOT_FOUND`: `defaultVideo.assetId` is not an asset of this project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "templates.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Template id (UUID). */
                template_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Template"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `TEMPLATE_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "templates.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Template id (UUID). */
                template_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `TEMPLATE_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "templates.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Template id (UUID). */
                template_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TemplateUpdate"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Template"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `TEMPLATE_NOT_FOUND`, or `ASSET_NOT_FOUND`: `defaultVideo.assetId` is not an asset of this project */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "usage.get": {
        parameters: {
            query?: {
                /** @description First day (UTC), `YYYY-MM-DD`; default the first of the current month. */
                from?: string;
                /** @description Last day (UTC), inclusive; default today. */
                to?: string;
            };
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageHistory"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "webhookDeliveries.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page, as it was handed out (opaque). */
                cursor?: string;
                /** @description Only attempts for this event. */
                eventId?: string;
            };
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "webhookDeliveries.redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
                /** @description Webhook delivery attempt id (UUID). */
                delivery_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Redelivery"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project), `DELIVERY_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "projects.rotateWebhookSecret": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The project's id (UUID) or its slug. */
                project_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `PROJECT_NOT_FOUND` (or not this key's project) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "legacyRenders.list": {
        parameters: {
            query?: {
                limit?: number;
                /** @description `nextCursor` of the previous page, as it was handed out (opaque). */
                cursor?: string;
                status?: "queued" | "rendering" | "completed" | "failed" | "cancelled";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RenderJobPage"];
                };
            };
            /** @description `VALIDATION_ERROR` (`details` maps each bad field's path to a message), `INVALID_JSON`; `PROJECT_REQUIRED`: called with the master key */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "legacyRenders.submit": {
        parameters: {
            query?: never;
            header?: {
                /** @description Replays the first answer (with `Idempotent-Replayed: true`) for 24 h when sent again with the same body. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RenderCreate"];
            };
        };
        responses: {
            /** @description `dryRun: true`: the resolved job; nothing queued */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DryRun"];
                };
            };
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RenderJob"];
                };
            };
            /** @description `VALIDATION_ERROR` (`details` maps each bad field's path to a message), `INVALID_JSON`; `PROJECT_REQUIRED`: called with the master key */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `ASSET_NOT_FOUND`, `TEMPLATE_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED` (same key, other body), `IDEMPOTENCY_KEY_IN_USE` (first still running) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            /** @description `RATE_LIMIT_EXCEEDED` (see `Retry-After`), or `PROJECT_QUOTA_EXCEEDED`: renderMinutesUsed (plus renders in flight) at or over renderQuotaMinutes */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    "legacyRenders.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Render job id (UUID). */
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RenderJob"];
                };
            };
            /** @description `PROJECT_REQUIRED`: called with the master key */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            /** @description `RENDER_NOT_FOUND` */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    "health.check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
            /** @description The database or the queue did not answer */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    "metrics.scrape": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    "storage.download": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The signed token of a storage link (as handed out; opaque). */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, as an attachment of its declared type; `Range` requests are answered with 206 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `DOWNLOAD_SIGNATURE_INVALID`, `DOWNLOAD_EXPIRED` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `OBJECT_NOT_FOUND`: the file is gone, its asset failed or was deleted, or its project is not active */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    "storage.upload": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The signed token of a storage link (as handed out; opaque). */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssetUploaded"];
                };
            };
            /** @description `UPLOAD_SIGNATURE_INVALID`, `UPLOAD_EXPIRED` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `ASSET_NOT_FOUND`: the asset was deleted */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `UPLOAD_INCOMPLETE` (fewer bytes than declared), `UPLOAD_ALREADY_COMPLETED` (the asset has left `uploading`: the link is dead) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `UPLOAD_TOO_LARGE`: more bytes than the declared `sizeBytes` */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
    "automations.trigger": {
        parameters: {
            query?: never;
            header?: {
                /** @description `t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`; or send `Authorization: Bearer <secret>` instead. */
                "Renderowl-Signature"?: string;
                /** @description Sent by this server's webhook actions: the depth of the run that calls. The run started here is one deeper; past 3 the call is refused (409 `AUTOMATION_LOOP`). */
                "Renderowl-Automation-Depth"?: string;
            };
            path: {
                /** @description The webhook trigger's URL-safe endpoint token. */
                endpoint: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TriggerAccepted"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description `INVALID_SIGNATURE`: wrong, missing or stale (over 300 s) credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `PROJECT_SUSPENDED`, `PROJECT_ARCHIVED`: a project that is not active starts nothing */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `AUTOMATION_NOT_FOUND`: no webhook automation has this endpoint */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `AUTOMATION_DISABLED`; `AUTOMATION_LOOP`: the request carries `Renderowl-Automation-Depth: 3` or more (a chain of runs too deep) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            /** @description `RATE_LIMIT_EXCEEDED`: over the trigger's `rateLimitRpm` (with `Retry-After`) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    "storage.receiveEvents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StorageEventResult"];
                };
            };
            /** @description `VALIDATION_ERROR`: not an S3 event notification, or over 100 records */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `UNAUTHENTICATED`: missing or wrong storage webhook secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            414: components["responses"]["UriTooLong"];
            500: components["responses"]["InternalError"];
        };
    };
}

/** Every `error.code` the API answers with. */
export type ErrorCode = components["schemas"]["ErrorBody"]["code"];
