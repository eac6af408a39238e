import { RenderowlClient } from "@renderowl/sdk";

const client = new RenderowlClient({ apiKey: process.env.RENDEROWL_API_KEY, baseUrl: process.env.RENDEROWL_URL });
// Poll until the job ends; output.url is a signed link to the MP4.
const job = await client.renders.waitFor(process.env.PROJECT_ID, process.env.JOB_ID, {
  timeoutMs: 120_000,
  onProgress: (current) => process.stderr.write(`${current.status} ${current.progress}\n`),
});
console.log(JSON.stringify(job));
