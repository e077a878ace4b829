// A transport that answers from a script and records what was sent.
import type { Transport, TransportRequest, TransportResponse } from "../src/index.js";

export function json(status: number, body: unknown, headers: Record<string, string> = {}): TransportResponse {
  const type = status >= 400 ? "application/problem+json" : "application/json";
  return {
    status,
    headers: { "content-type": type, ...headers },
    body: new TextEncoder().encode(JSON.stringify(body)),
  };
}

export function scripted(...answers: TransportResponse[]): Transport & { sent: TransportRequest[] } {
  const sent: TransportRequest[] = [];
  const transport = async (request: TransportRequest) => {
    sent.push(request);
    const answer = answers.shift();
    if (!answer) throw new Error("no answer scripted");
    return answer;
  };
  return Object.assign(transport, { sent });
}

export function problem(status: number, code: string): TransportResponse {
  return json(status, { type: "about:blank", title: code, status, code, detail: code, request_id: "r-1" });
}
