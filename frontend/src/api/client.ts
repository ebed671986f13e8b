// One typed client for the whole app: every request and response type comes from the contract
// (schema.d.ts, generated from openapi/openapi.json). unwrap() turns an RFC 9457 problem
// document into an ApiError the screens can show; a 401 is retried once after a cookie refresh.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type Problem = Schemas["ProblemDocument"];
export type FieldProblem = Schemas["FieldError"];

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null) {
    super(problem?.detail ?? problem?.title ?? `The service answered ${status}.`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }

  /** The API's field errors (JSON Pointers into the request body). */
  get fieldErrors(): FieldProblem[] {
    return this.problem?.errors ?? [];
  }
}

/** The session ended (refresh refused): the app shows sign-in and keeps the page's state. */
export class SessionExpired extends Error {
  constructor() {
    super("Your session has ended. Sign in again to carry on.");
    this.name = "SessionExpired";
  }
}

// The access token lives in this module's memory only: never in storage, never in the DOM.
let accessToken: string | null = null;
let onExpired: () => void = () => undefined;

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

export function hasAccessToken(): boolean {
  return accessToken !== null;
}

export function onSessionExpired(handler: () => void): void {
  onExpired = handler;
}

const bearer: Middleware = {
  onRequest({ request }) {
    if (accessToken) request.headers.set("Authorization", `Bearer ${accessToken}`);
    return request;
  },
};

// Same origin as the page (the API serves the app); absolute so it also works under Node tests.
const origin = typeof location === "undefined" ? "http://localhost" : location.origin;
// fetch is looked up per call (not captured once) so tests can stand in for the network.
export const client = createClient<paths>({ baseUrl: origin, fetch: (request) => globalThis.fetch(request) });
client.use(bearer);

// Cookie mode: the refresh token is an HttpOnly cookie sent only to the refresh path; the
// X-Requested-With header is the API's anti-forgery check for that cookie.
export const COOKIE_MODE = { "X-Refresh-Cookie": "true" } as const;
const ANTI_FORGERY = { "X-Requested-With": "marac-spa" } as const;

let refreshing: Promise<boolean> | null = null;

/** Rotates the cookie's refresh token; concurrent callers share one attempt. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const { data } = await client.POST("/api/v1/auth/refresh", {
        headers: ANTI_FORGERY,
        credentials: "same-origin",
      });
      setAccessToken(data?.access_token ?? null);
      return data !== undefined;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Returns the data of a successful call or throws ApiError / SessionExpired. */
export async function unwrap<T>(call: () => Promise<FetchResult<T>>): Promise<T> {
  let result = await call();
  if (result.response.status === 401 && accessToken !== null) {
    if (!(await refreshSession())) {
      setAccessToken(null);
      onExpired();
      throw new SessionExpired();
    }
    result = await call();
  }
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiError(result.response.status, asProblem(result.error));
  }
  return result.data as T;
}

export function asProblem(body: unknown): Problem | null {
  if (typeof body !== "object" || body === null) return null;
  const candidate = body as Partial<Problem>;
  return typeof candidate.title === "string" && typeof candidate.status === "number"
    ? (candidate as Problem)
    : null;
}
