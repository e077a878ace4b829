// A mini-program developer's code against the types openapi-typescript writes from the
// committed contract (tests/test_contract_clients.py compiles it with `tsc --strict`, default
// options otherwise). It only has to compile: the lines marked @ts-expect-error must fail to.
import type { components, operations, paths } from "./api";

type Schemas = components["schemas"];
type Json<Op extends keyof operations, Status extends keyof operations[Op]["responses"]> =
  operations[Op]["responses"][Status] extends { content: { "application/json": infer Body } }
    ? Body
    : never;

const BASE = "http://127.0.0.1:5000";

// Promise chains, not async/await: with default options tsc targets ES5, which has no
// Promise constructor for an async function to return.
function call<Body>(method: string, path: string, token: string | null, body?: unknown,
                    headers: Record<string, string> = {}): Promise<Body> {
  return fetch(BASE + path, {
    method,
    headers: {
      "Content-Type": "application/json",
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then((answer) => answer.json().then((parsed: unknown) => {
    if (!answer.ok) {
      const problem = parsed as Schemas["Problem"];
      throw new Error(`${problem.code}: ${problem.title}`);
    }
    return parsed as Body;
  }));
}

export function orderAPickup(code: string): Promise<string> {
  const login: Schemas["WeChatLogin"] = { code };
  return call<Json<"loginWithWechat", 200>>("POST", "/v1/auth/wechat/login", null, login)
    .then((tokens) => {
      // Fields with a server default are left out: a default makes nothing required.
      const quoteRequest: Schemas["QuoteRequest"] = {
        pickup: { name: "王小明", phone: "13800138000", address: "中山市孙文中路1号",
                  lat: 22.52, lng: 113.38 },
        recipient: { name: "李四", phone: "13912345678", address: "中山市博爱路88号",
                     lat: 22.52, lng: 113.45 },
        weight_g: 2500,
      };
      return call<Json<"createQuote", 201>>("POST", "/v1/quotes", tokens.access_token,
                                            quoteRequest)
        .then((quote) => {
          const order: operations["createPickup"]["requestBody"]["content"]["application/json"] = {
            quote_id: quote.id,
          };
          const key: operations["createPickup"]["parameters"]["header"] = {
            "Idempotency-Key": crypto.randomUUID(),
          };
          return call<Json<"createPickup", 201>>("POST", "/v1/pickups", tokens.access_token,
                                                 order, key);
        })
        .then((pickup) => call<Json<"getPickup", 200>>("GET", `/v1/pickups/${pickup.id}`,
                                                       tokens.access_token));
    })
    .then((read) => describe(read.state) + " " + read.total_fee_fen.toString());
}

// A state is a union of the machine's states: a switch over it is checked for exhaustiveness.
function describe(state: Schemas["Pickup"]["state"]): string {
  switch (state) {
    case "open":
    case "partly_picked_up":
    case "picked_up":
    case "cancelled":
      return state;
    default:
      return state satisfies never;
  }
}

export function listCouriers(token: string): Promise<string[]> {
  return call<Json<"listCouriers", 200>>("GET", "/v1/couriers", token).then((page) => {
    // @ts-expect-error a courier read back has no password
    page.items.map((courier) => courier.password);
    return page.items.map((courier) => `${courier.employee_no} ${courier.capacity}`);
  });
}

export function newCourier(): Schemas["CourierInput"] {
  // capacity has a server default, so it may be left out; the password is required.
  return { employee_no: "C-1", name: "张三", phone: "13800138001", station_id: "sta_1",
           password: "a long initial password" };
}

export const pickupPath: keyof paths = "/v1/pickups/{pickup_id}";
