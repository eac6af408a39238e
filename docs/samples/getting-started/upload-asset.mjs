import { readFile } from "node:fs/promises";
import { RenderowlClient } from "@renderowl/sdk";

const client = new RenderowlClient({ apiKey: process.env.RENDEROWL_API_KEY, baseUrl: process.env.RENDEROWL_URL });
// Declare the asset, PUT the bytes to the signed URL, complete, and wait until it is probed.
const bytes = await readFile(process.env.VIDEO_FILE);
const asset = await client.assets.upload(process.env.PROJECT_ID, bytes, {
  name: "clip.mp4", type: "video", mimeType: "video/mp4", waitForReady: true,
  onProgress: (p) => { if (p.phase === "uploading") process.stderr.write(`${p.loaded}/${p.total}\n`); },
});
console.log(JSON.stringify(asset)); // status "ready" (or "failed", with error)
