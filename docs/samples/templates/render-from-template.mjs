import { RenderowlClient } from "@renderowl/sdk";

const client = new RenderowlClient({ apiKey: process.env.RENDEROWL_API_KEY, baseUrl: process.env.RENDEROWL_URL });
// Render with the template; variables given here override its defaults.
const job = await client.renders.submit(process.env.PROJECT_ID, {
  templateId: process.env.TEMPLATE_ID,
  templateVariables: { accent: "#00E5FF" },
  video: { type: "asset", assetId: process.env.ASSET_ID },
  captions: [{ start: 0, end: 1.5, text: "Styled by a template" }],
});
console.log(JSON.stringify(job));
