import { NotFoundError, RenderowlClient } from "@renderowl/sdk";

const client = new RenderowlClient({ apiKey: process.env.RENDEROWL_API_KEY, baseUrl: process.env.RENDEROWL_URL });
// Errors are thrown with the envelope's fields; branch on .code (typed), not on the message.
try {
  await client.renders.get(process.env.PROJECT_ID, "00000000-0000-4000-8000-000000000000");
} catch (err) {
  if (!(err instanceof NotFoundError)) throw err;
  console.log(JSON.stringify({ error: { code: err.code, message: err.message, status: err.status,
                                        requestId: err.requestId } }));
}
