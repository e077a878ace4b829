// The three flows against a running server. tests/test_sdk.py starts one (with its worker)
// and runs this file with COURIER_SDK_LIVE={"base_url", "kiosk": {"key_id", "secret"}}.
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";

import { bearer, CourierClient, organisationSigner, ProblemError, verifyWebhook, withIdempotencyKey } from "../src/index.js";

const live = process.env["COURIER_SDK_LIVE"];
const config = live ? (JSON.parse(live) as { base_url: string; kiosk: { key_id: string; secret: string } }) : undefined;
const skip = config ? false : "COURIER_SDK_LIVE is not set (tests/test_sdk.py sets it)";
const api = new CourierClient({ baseUrl: config?.base_url ?? "http://127.0.0.1:1" });
const unique = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;

const SENDER = { name: "王小明", phone: "13800138000", address: "中山市孙文中路1号3栋502室", lat: 22.52, lng: 113.38 };
const RECIPIENT = { name: "李四", phone: "13912345678", address: "中山市博爱路88号2栋101室", lat: 22.52, lng: 113.45 };

test("WeChat login → quote → pickup → read back; the replayed key answers the stored order", { skip }, async () => {
  const login = await api.call("loginWithWechat", { body: { code: `demo-ts-${unique}` } });
  const citizen = api.withAuth(bearer(login.data.access_token));
  const quote = await citizen.call("createQuote", {
    body: { product: "express", weight_g: 800, pickup: SENDER, recipient: RECIPIENT },
  });
  const key = `ts-${unique}`;
  const order = () =>
    withIdempotencyKey((k) => citizen.call("createPickup", { headers: { "Idempotency-Key": k }, body: { quote_id: quote.data.id } }), { key });
  const made = await order();
  assert.equal(made.status, 201);
  assert.equal(made.replayed, false);
  const again = await order();
  assert.equal(again.replayed, true);
  assert.deepEqual(again.data, made.data);
  const read = await citizen.call("getPickup", { path: { pickup_id: made.data.id } });
  assert.equal(read.data.id, made.data.id);
  assert.equal(read.data.shipments[0]?.waybill, made.data.shipments[0]?.waybill);
  await assert.rejects(
    api.call("getPickup", { path: { pickup_id: made.data.id } }),
    (error) => error instanceof ProblemError && error.status === 401,
  );
});

function body(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

test("a signed kiosk prescription order, and the webhook of its run received and verified", { skip }, async () => {
  const kiosk = api.withAuth(organisationSigner(config!.kiosk.key_id, config!.kiosk.secret));
  const received: Array<{ signature: string; raw: Buffer }> = [];
  const receiver = createServer(async (request, response) => {
    received.push({ signature: String(request.headers["x-courier-signature"]), raw: await body(request) });
    response.end("ok");
  });
  receiver.listen(0, "127.0.0.1");
  await once(receiver, "listening");
  try {
    const { port } = receiver.address() as AddressInfo;
    const endpoint = await kiosk.call("createWebhookEndpoint", {
      body: { url: `http://127.0.0.1:${port}/hooks`, events: ["hospital_run.built"] },
    });
    const delivery = await withIdempotencyKey((key) =>
      kiosk.call("createHospitalDelivery", {
        headers: { "Idempotency-Key": key },
        body: {
          channel: "kiosk",
          reference_no: `RX-TS-${unique}`,
          recipient: { name: "张三", phone: "13800138000", address: "中山市博爱路88号2栋101室", lat: 22.52, lng: 113.45 },
          items: [{ name: "阿莫西林胶囊", quantity: 2 }],
          declared_value_fen: 8_000,
        },
      }),
    );
    assert.equal(delivery.status, 201);
    assert.match(delivery.data.waybill, /^E[A-Z]\d{9}CN$/);
    try {
      await withIdempotencyKey((key) =>
        kiosk.call("createHospitalRun", {
          headers: { "Idempotency-Key": key },
          body: { pickup_point_id: delivery.data.pickup_point_id },
        }),
      );
    } catch (error) {
      // The worker's own scheduled run may have taken the item first: its event comes all the same.
      if (!(error instanceof ProblemError && error.code === "nothing_to_collect")) throw error;
    }
    // The contract marks them optional for now (#27 splits request and response schemas).
    const { id, secret } = endpoint.data;
    assert.ok(id && secret);
    const deadline = Date.now() + 90_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    assert.ok(received.length > 0, "no webhook arrived within 90 s");
    const [first] = received;
    assert.equal(await verifyWebhook(secret, first!.signature, first!.raw), true);
    assert.equal(await verifyWebhook(secret, first!.signature, Buffer.concat([first!.raw, Buffer.from(" ")])), false);
    assert.equal(JSON.parse(first!.raw.toString("utf8")).type, "hospital_run.built");
    await kiosk.call("deleteWebhookEndpoint", { path: { endpoint_id: id } });
  } finally {
    receiver.close();
  }
});
