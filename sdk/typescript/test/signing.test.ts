// The brief's vectors (docs/identity.md, docs/notify.md): byte for byte what the server computes.
import assert from "node:assert/strict";
import { test } from "node:test";

import { canonicalQuery, canonicalRequest, CourierClient, organisationSigner, signedHeaders } from "../src/index.js";
import { verifyWebhook, webhookSignature } from "../src/index.js";
import { json, scripted } from "./fake.js";

const VECTOR = {
  secret: "kiosk-secret-demo",
  request: {
    method: "POST",
    path: "/v1/hospital/deliveries",
    query: "channel=kiosk&b=x y",
    body: new TextEncoder().encode('{"patient_name":"张三","phone":"13800138000"}'),
  },
  timestamp: 1795400000,
  nonce: "4f9c2a7d1e8b3c6a",
};

test("the signing vector: canonical string and X-Signature", async () => {
  const canonical = await canonicalRequest(VECTOR.request, VECTOR.timestamp, VECTOR.nonce);
  assert.equal(
    canonical,
    "POST\n/v1/hospital/deliveries\nb=x%20y&channel=kiosk\n1795400000\n4f9c2a7d1e8b3c6a\n" +
      "e1411a0fcc95dc4491dad2f47fe36e3d5c4f3c24dab2e790608bb82828b14b5d",
  );
  const headers = await signedHeaders("ck_demo", VECTOR.secret, VECTOR.request, {
    timestamp: VECTOR.timestamp,
    nonce: VECTOR.nonce,
  });
  assert.deepEqual(headers, {
    "X-Client-Key": "ck_demo",
    "X-Timestamp": "1795400000",
    "X-Nonce": "4f9c2a7d1e8b3c6a",
    "X-Signature": "94ec5435317ddcb482ab1cccaec6d292a683e49a6c57a2df8840c3a05efeffe2",
  });
});

test("RFC 3986: ' ( ) * ! are encoded, which encodeURIComponent alone keeps", () => {
  // What courier_api/signing.py (urllib's quote, safe "-_.~") makes of the same pairs.
  assert.equal(
    canonicalQuery([["q", "it's (a)*!"], ["a~b", "1.2_3-4"]]),
    "a~b=1.2_3-4&q=it%27s%20%28a%29%2A%21",
  );
  assert.equal(canonicalQuery("b=2&a=x+y&a=%E5%BC%A0"), "a=%E5%BC%A0&a=x%20y&b=2");
});

test("the client signs the path it sends, with the query as sent, each attempt anew", async () => {
  const transport = scripted(json(200, { items: [] }), json(200, { items: [] }));
  const client = new CourierClient({
    baseUrl: "http://api.test/",
    transport,
    auth: organisationSigner("ck_1", VECTOR.secret),
  });
  await client.call("listHospitalDeliveries", { query: { status: "awaiting_pickup", limit: 5 } });
  await client.call("listHospitalDeliveries", { query: { status: "awaiting_pickup", limit: 5 } });
  const [first, second] = transport.sent;
  assert.equal(first!.url, "http://api.test/v1/hospital/deliveries?status=awaiting_pickup&limit=5");
  const stamp = first!.headers["X-Timestamp"]!;
  const expected = await signedHeaders("ck_1", VECTOR.secret, {
    method: "GET",
    path: "/v1/hospital/deliveries",
    query: "limit=5&status=awaiting_pickup",
    body: new Uint8Array(),
  }, { timestamp: Number(stamp), nonce: first!.headers["X-Nonce"]! });
  assert.equal(first!.headers["X-Signature"], expected["X-Signature"]);
  assert.notEqual(first!.headers["X-Nonce"], second!.headers["X-Nonce"]);
});

test("the webhook vector, and what must not verify", async () => {
  const body = '{"event":"shipment.delivered","waybill":"EA123456785CN"}';
  const header = "t=1795400000,v1=7fb3856b1aa13533f167c9330510c064f3da9c894082ac2074eb61122210b018";
  assert.equal(await webhookSignature("whsec-demo", 1795400000, body), header);
  assert.equal(await verifyWebhook("whsec-demo", header, body, { now: 1795400100 }), true);
  assert.equal(await verifyWebhook("whsec-demo", header, new TextEncoder().encode(body), { now: 1795400100 }), true);
  assert.equal(await verifyWebhook("whsec-demo", header, body.replace("EA", "EB"), { now: 1795400100 }), false);
  assert.equal(await verifyWebhook("whsec-other", header, body, { now: 1795400100 }), false);
  assert.equal(await verifyWebhook("whsec-demo", header, body, { now: 1795400000 + 301 }), false);
  assert.equal(await verifyWebhook("whsec-demo", "v1=7fb3", body), false);
});
