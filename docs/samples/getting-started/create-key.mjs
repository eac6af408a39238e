import { RenderowlClient } from "@renderowl/sdk";

const admin = new RenderowlClient({ apiKey: process.env.RENDEROWL_MASTER_KEY, baseUrl: process.env.RENDEROWL_URL });
// A project key with every scope (leave out scopes); the full key is shown only in this answer.
const key = await admin.apiKeys.create(process.env.PROJECT_ID, { name: "backend" });
console.log(JSON.stringify(key));
