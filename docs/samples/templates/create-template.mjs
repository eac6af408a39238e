import { RenderowlClient } from "@renderowl/sdk";

const client = new RenderowlClient({ apiKey: process.env.RENDEROWL_API_KEY, baseUrl: process.env.RENDEROWL_URL });
// A caption style with typed variables; "{{accent}}" takes the variable's value at render time.
const template = await client.templates.create(process.env.PROJECT_ID, {
  name: "Bold highlight",
  style: { fontSize: 48, textColor: "#FFFFFF", highlightColor: "{{accent}}",
           position: "bottom", wordHighlight: true, uppercase: true },
  variables: [{ key: "accent", type: "color", label: "Highlight colour", required: false, default: "#FFD700" }],
});
console.log(JSON.stringify(template));
