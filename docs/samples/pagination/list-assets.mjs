import { RenderowlClient } from "@renderowl/sdk";

const client = new RenderowlClient({ apiKey: process.env.RENDEROWL_API_KEY, baseUrl: process.env.RENDEROWL_URL });
// for await walks every page (20 at a time here); .page() fetches a single one.
let count = 0;
for await (const asset of client.assets.list(process.env.PROJECT_ID, { limit: 20 })) count += 1;
const first = await client.assets.list(process.env.PROJECT_ID, { type: "video" }).page();
console.log(JSON.stringify({ assets: count, firstPageHasMore: first.hasMore }));
