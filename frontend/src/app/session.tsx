// The signed-in session. Tokens: the access token in client.ts memory, the refresh token in an
// HttpOnly cookie. When a refresh is refused the state becomes "expired": the page stays mounted
// (hidden) under the sign-in form so what was being typed survives signing in again.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import {
  ApiError,
  client,
  COOKIE_MODE,
  onSessionExpired,
  refreshSession,
  setAccessToken,
  unwrap,
} from "../api/client";
import type { Me } from "./permissions";

export type SessionState =
  | { status: "loading" }
  | { status: "signed-out" }
  | { status: "signed-in"; me: Me }
  | { status: "expired"; me: Me };

interface SessionApi {
  state: SessionState;
  signIn(email: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

async function loadMe(): Promise<Me> {
  return unwrap(() => client.GET("/api/v1/auth/me"));
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });

  useEffect(() => {
    onSessionExpired(() =>
      setState((s) => (s.status === "signed-in" ? { status: "expired", me: s.me } : s)),
    );
    // A reload loses the in-memory access token; the refresh cookie restores the session.
    void refreshSession().then(async (ok) => {
      if (!ok) return setState({ status: "signed-out" });
      try {
        setState({ status: "signed-in", me: await loadMe() });
      } catch {
        setState({ status: "signed-out" });
      }
    });
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const tokens = await unwrap(() =>
      client.POST("/api/v1/auth/login", { body: { email, password }, headers: COOKIE_MODE }),
    );
    if (!("access_token" in tokens)) {
      // The API asks for a second factor (TOTP); signing in with one is not in the app yet.
      throw new ApiError(401, {
        type: "/problems/mfa-required", title: "Second factor needed", status: 401,
        detail: "This account signs in with an authenticator code, which this app cannot ask for yet.",
        errors: null, instance: null, request_id: null,
      });
    }
    setAccessToken(tokens.access_token);
    const me = await loadMe();
    setState({ status: "signed-in", me });
    return me;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await unwrap(() => client.POST("/api/v1/auth/logout"));
    } finally {
      setAccessToken(null);
      setState({ status: "signed-out" });
    }
  }, []);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

/** The signed-in person; only used under a signed-in (or expired) tree. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== "signed-in" && state.status !== "expired") throw new Error("not signed in");
  return state.me;
}
