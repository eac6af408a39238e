import { RenderowlClient } from "@renderowl/sdk";

const client = new RenderowlClient({ apiKey: process.env.RENDEROWL_API_KEY, baseUrl: process.env.RENDEROWL_URL });
// Burn captions into the uploaded video: the answer is the queued job, already resolved.
const job = await client.renders.submit(process.env.PROJECT_ID, {
  video: { type: "asset", assetId: process.env.ASSET_ID },
  captions: [{ start: 0, end: 1.5, text: "Hello from Renderowl" }],
  style: { position: "bottom", wordHighlight: true },
});
console.log(JSON.stringify(job));
