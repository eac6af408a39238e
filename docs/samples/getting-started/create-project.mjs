import { RenderowlClient } from "@renderowl/sdk";

// The operator's master key creates a project (slug: 3–50 of a-z, 0-9, -).
const admin = new RenderowlClient({ apiKey: process.env.RENDEROWL_MASTER_KEY, baseUrl: process.env.RENDEROWL_URL });
const project = await admin.projects.create({ slug: process.env.SLUG, name: "Acme Studio" });
console.log(JSON.stringify(project));
