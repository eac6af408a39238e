import { RenderowlClient } from "@renderowl/sdk";

const client = new RenderowlClient({ apiKey: process.env.RENDEROWL_API_KEY, baseUrl: process.env.RENDEROWL_URL });
// Validate and resolve without queuing: the merged job, estimated minutes and caption warnings.
const resolved = await client.renders.dryRun(process.env.PROJECT_ID, {
  video: { type: "asset", assetId: process.env.ASSET_ID },
  captions: { srt: "1\n00:00:00,000 --> 00:00:01,500\nHello from an SRT file\n" },
});
console.log(JSON.stringify(resolved));
