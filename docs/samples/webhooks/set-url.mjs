import { RenderowlClient } from "@renderowl/sdk";

const admin = new RenderowlClient({ apiKey: process.env.RENDEROWL_MASTER_KEY, baseUrl: process.env.RENDEROWL_URL });
// Where the project's events go; settings are merged, not replaced.
const project = await admin.projects.update(process.env.PROJECT_ID, { settings: { webhookUrl: process.env.WEBHOOK_URL } });
console.log(JSON.stringify(project));
