// The public trigger needs no API key: the automation's secret, as a bearer token (or a
// Renderowl-Signature made with it). Answer: 202 {"runId": ...}.
const response = await fetch(`${process.env.RENDEROWL_URL}/webhooks/automations/${process.env.AUTOMATION_ENDPOINT}`, {
  method: "POST",
  headers: { Authorization: `Bearer ${process.env.AUTOMATION_SECRET}`, "Content-Type": "application/json" },
  body: JSON.stringify({ assetId: process.env.ASSET_ID, text: "Triggered from outside" }),
});
if (!response.ok) throw new Error(`trigger answered ${response.status}`);
console.log(JSON.stringify(await response.json()));
