// Compile-time checks (tsc --strict over this file must pass): bodies are the spec's types, so a
// misspelt field does not compile. Never run.
import { type ErrorCode, type RenderJob, RenderowlClient, type RenderowlError } from "@renderowl/sdk";

export async function typeChecks(client: RenderowlClient): Promise<RenderJob> {
  await client.renders.submit("p", {
    video: { type: "asset", assetId: "a" },
    // @ts-expect-error `caption` is not a field of a render (it is `captions`)
    caption: [{ start: 0, end: 1, text: "x" }],
  });
  await client.renders.submit("p", {
    captions: [{ start: 0, end: 1, text: "x" }],
    // @ts-expect-error `templateVars` is not a field (it is `templateVariables`)
    templateVars: { color: "#fff" },
  });
  // @ts-expect-error a render needs captions
  await client.renders.submit("p", { video: { type: "asset", assetId: "a" } });
  // @ts-expect-error `dryRun` has its own method
  await client.renders.submit("p", { captions: { srt: "" }, dryRun: true });
  // @ts-expect-error an asset type is one of the spec's enum
  await client.assets.list("p", { type: "movie" });
  // @ts-expect-error `slugg` is not a field of a project
  await client.projects.create({ slugg: "acme", name: "Acme" });

  const code: ErrorCode = "ASSET_NOT_FOUND";
  // @ts-expect-error not one of the spec's error codes
  const wrong: ErrorCode = "ASSET_MISSING";
  const check = (e: RenderowlError) => e.code === "UNAUTHORIZED_SCOPE";
  void code; void wrong; void check;
  return client.renders.submit("p", { captions: { srt: "1\n00:00:00,000 --> 00:00:01,000\nhi\n" } });
}
