import assert from "node:assert/strict";
import { test } from "node:test";

import { CourierClient, organisationSigner, ProblemError, withIdempotencyKey } from "../src/index.js";
import { json, problem, scripted } from "./fake.js";

const noWait = { sleep: async () => {} };

test("retries keep the key, sign anew, and stop at the answer", async () => {
  const transport = scripted(
    problem(503, "nonce_store_unavailable"),
    problem(409, "idempotency_key_in_flight"),
    json(201, { id: "hd_1" }),
  );
  const client = new CourierClient({ baseUrl: "http://api.test", transport, auth: organisationSigner("ck", "s") });
  const made = await withIdempotencyKey(
    (key) =>
      client.call("createHospitalDelivery", {
        headers: { "Idempotency-Key": key },
        body: {
          channel: "kiosk",
          product: "prescription",
          reference_no: "RX1",
          items: [{ name: "x", quantity: 1, category: "ordinary", cold_chain: false }],
          declared_value_fen: 8_000,
          insured_amount_fen: 0,
          pin_sign_off: false,
        },
      }),
    noWait,
  );
  assert.equal(made.data.id, "hd_1");
  const keys = transport.sent.map((r) => r.headers["Idempotency-Key"]);
  assert.equal(keys.length, 3);
  assert.equal(new Set(keys).size, 1);
  assert.match(keys[0]!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(new Set(transport.sent.map((r) => r.headers["X-Nonce"])).size, 3);
});

test("a final problem is not retried, and the last try's error is what the caller gets", async () => {
  const refused = scripted(problem(422, "idempotency_key_reused"));
  const client = new CourierClient({ baseUrl: "http://api.test", transport: refused });
  await assert.rejects(
    withIdempotencyKey((key) => client.call("createClaim", { headers: { "Idempotency-Key": key }, body: {} as never }), noWait),
    (error) => error instanceof ProblemError && error.code === "idempotency_key_reused",
  );
  assert.equal(refused.sent.length, 1);

  const busy = scripted(problem(503, "unavailable"), problem(503, "unavailable"));
  const twice = new CourierClient({ baseUrl: "http://api.test", transport: busy });
  await assert.rejects(
    withIdempotencyKey((key) => twice.call("createClaim", { headers: { "Idempotency-Key": key }, body: {} as never }), {
      ...noWait,
      attempts: 2,
      key: "mine",
    }),
    (error) => error instanceof ProblemError && error.status === 503,
  );
  assert.deepEqual(busy.sent.map((r) => r.headers["Idempotency-Key"]), ["mine", "mine"]);
});
