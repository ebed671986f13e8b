import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, asProblem, onSessionExpired, SessionExpired, setAccessToken, unwrap } from "./client";

const PROBLEM = {
  type: "/problems/validation-error", title: "Invalid", status: 422, detail: "Check the fields.",
  instance: null, request_id: null, errors: [{ pointer: "/forum", detail: "Required" }],
};

function result(status: number, body: unknown) {
  const response = new Response(JSON.stringify(body), { status });
  return response.ok ? { data: body, response } : { error: body, response };
}

afterEach(() => {
  vi.unstubAllGlobals();
  setAccessToken(null);
});

describe("unwrap", () => {
  it("returns the data of a successful call", async () => {
    await expect(unwrap(async () => result(200, { ok: 1 }))).resolves.toEqual({ ok: 1 });
  });

  it("turns a problem document into an ApiError with its field errors", async () => {
    const error = await unwrap(async () => result(422, PROBLEM)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).message).toBe("Check the fields.");
    expect((error as ApiError).fieldErrors).toEqual(PROBLEM.errors);
  });

  it("after a 401 refreshes from the cookie once and retries", async () => {
    setAccessToken("old");
    const fetchMock = vi.fn(async (request: Request) => {
      expect(request.url).toMatch(/\/api\/v1\/auth\/refresh$/);
      expect(request.headers.get("X-Requested-With")).toBe("marac-spa");
      return new Response(JSON.stringify({ access_token: "new", token_type: "bearer", expires_in: 900, refresh_token: null }),
        { status: 200, headers: { "Content-Type": "application/json" } });
    });
    vi.stubGlobal("fetch", fetchMock);
    const call = vi.fn().mockResolvedValueOnce(result(401, PROBLEM)).mockResolvedValueOnce(result(200, "again"));
    await expect(unwrap(call)).resolves.toBe("again");
    expect(call).toHaveBeenCalledTimes(2);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("when the refresh is refused, the session ends and the caller learns it", async () => {
    setAccessToken("old");
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({ ...PROBLEM, status: 401 }), { status: 401 })));
    const expired = vi.fn();
    onSessionExpired(expired);
    await expect(unwrap(async () => result(401, PROBLEM))).rejects.toBeInstanceOf(SessionExpired);
    expect(expired).toHaveBeenCalledOnce();
  });

  it("without a session a 401 is just an error (a refused sign-in)", async () => {
    await expect(unwrap(async () => result(401, { ...PROBLEM, status: 401 }))).rejects.toBeInstanceOf(ApiError);
  });
});

describe("asProblem", () => {
  it("accepts only problem-shaped bodies", () => {
    expect(asProblem(PROBLEM)).toEqual(PROBLEM);
    expect(asProblem("text")).toBeNull();
    expect(asProblem({ title: "x" })).toBeNull();
  });
});
