// verifyWebhook / constructEvent on Web Crypto, without a server (the live test checks a real delivery).
import assert from "node:assert/strict";
import { test } from "node:test";

import { constructEvent, signPayload, verifyWebhook, WebhookVerificationError } from "@renderowl/sdk";

const SECRET = "whsec_" + "a".repeat(32);
const BODY = JSON.stringify({ id: "evt_1", type: "render.completed", createdAt: "2026-01-01T00:00:00.000Z",
  projectId: "p", data: { id: "job" } });
const now = () => Math.floor(Date.now() / 1000);

test("a fresh signature verifies for string and byte payloads", async () => {
  const header = await signPayload(BODY, SECRET);
  assert.equal(await verifyWebhook(BODY, header, SECRET), true);
  assert.equal(await verifyWebhook(new TextEncoder().encode(BODY), header, SECRET), true);
});

test("tampered bodies, wrong secrets, stale or future stamps and garbage are refused", async () => {
  const header = await signPayload(BODY, SECRET);
  assert.equal(await verifyWebhook(BODY.replace("completed", "failed"), header, SECRET), false);
  assert.equal(await verifyWebhook(BODY, header, "whsec_other"), false);
  assert.equal(await verifyWebhook(BODY, await signPayload(BODY, SECRET, now() - 301), SECRET), false);
  assert.equal(await verifyWebhook(BODY, await signPayload(BODY, SECRET, now() - 301), SECRET, 600), true);
  assert.equal(await verifyWebhook(BODY, await signPayload(BODY, SECRET, now() + 301), SECRET), false);
  for (const bad of ["", "t=1", "v1=abc", "garbage", `t=${now()},v1=zz`, null, undefined]) {
    assert.equal(await verifyWebhook(BODY, bad, SECRET), false, String(bad));
  }
});

test("during a rotation either v1 value may match", async () => {
  const header = await signPayload(BODY, ["whsec_new", "whsec_old"]);
  assert.equal(header.split(",").filter((p) => p.startsWith("v1=")).length, 2);
  assert.equal(await verifyWebhook(BODY, header, "whsec_new"), true);
  assert.equal(await verifyWebhook(BODY, header, "whsec_old"), true);
  assert.equal(await verifyWebhook(BODY, header, "whsec_neither"), false);
});

test("the key is the whole secret, whsec_ prefix included (as the server signs)", async () => {
  const header = await signPayload(BODY, SECRET);
  assert.equal(await verifyWebhook(BODY, header, SECRET.slice("whsec_".length)), false);
});

test("constructEvent parses a verified event and throws otherwise", async () => {
  const event = await constructEvent(BODY, await signPayload(BODY, SECRET), SECRET);
  assert.equal(event.type, "render.completed");
  await assert.rejects(constructEvent(BODY, await signPayload(BODY, "whsec_x"), SECRET), WebhookVerificationError);
  await assert.rejects(constructEvent("not json", await signPayload("not json", SECRET), SECRET),
    WebhookVerificationError);
});
