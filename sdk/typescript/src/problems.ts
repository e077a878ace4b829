// RFC 9457 problems as typed errors: every non-2xx answer of the API is one.
import type { components } from "./generated/schema.js";

export type Problem = components["schemas"]["Problem"];

export class ProblemError extends Error {
  readonly status: number;
  /** The stable snake_case code to branch on (e.g. `idempotency_key_in_flight`). */
  readonly code: string;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(`${problem.status} ${problem.code}: ${problem.detail || problem.title}`);
    this.name = "ProblemError";
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }

  /** The server's id of the failed request, to quote to support. */
  get requestId(): string | undefined {
    return this.problem.request_id;
  }
}

/** The request never got an answer (no network, refused, timed out). */
export class TransportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TransportError";
  }
}

/** A problem from an answer's status and body; a non-problem body (a proxy's page) becomes one too. */
export function problemFrom(status: number, contentType: string, text: string): ProblemError {
  if (contentType.startsWith("application/problem+json")) {
    try {
      return new ProblemError(JSON.parse(text) as Problem);
    } catch {
      // fall through: an unreadable problem is described like any other body
    }
  }
  return new ProblemError({
    type: "about:blank",
    title: `HTTP ${status}`,
    status,
    code: "unexpected_response",
    detail: text.slice(0, 200),
  } as Problem);
}
