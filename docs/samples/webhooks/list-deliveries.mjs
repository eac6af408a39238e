import { RenderowlClient } from "@renderowl/sdk";

const admin = new RenderowlClient({ apiKey: process.env.RENDEROWL_MASTER_KEY, baseUrl: process.env.RENDEROWL_URL });
// Every delivery attempt: event, URL, status code, error, duration, attempt number.
const page = await admin.webhookDeliveries.list(process.env.PROJECT_ID, { limit: 5 }).page();
console.log(JSON.stringify({ data: page.data, hasMore: page.hasMore }));
