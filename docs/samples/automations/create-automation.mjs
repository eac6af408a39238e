import { RenderowlClient } from "@renderowl/sdk";

const client = new RenderowlClient({ apiKey: process.env.RENDEROWL_API_KEY, baseUrl: process.env.RENDEROWL_URL });
// When our webhook endpoint is called, render the posted text onto the posted asset.
// The answer carries trigger.endpoint and (only now) trigger.secret.
const automation = await client.automations.create(process.env.PROJECT_ID, {
  name: "Caption on demand",
  trigger: { type: "webhook" },
  actions: [{ type: "render",
              video: { type: "asset", assetId: "{{trigger.assetId}}" },
              captions: [{ start: 0, end: 1.5, text: "{{trigger.text}}" }] }],
});
console.log(JSON.stringify(automation));
