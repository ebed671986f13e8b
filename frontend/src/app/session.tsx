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
import type { Schemas } from "../api/client";
import type { Me } from "./permissions";

export type SessionState =
  | { status: "loading" }
  | { status: "signed-out" }
  | { status: "signed-in"; me: Me }
  | { status: "expired"; me: Me };

export type MfaChallenge = Schemas["MfaChallenge"];

/** A password step either signs in, or asks for a second factor (or for enrolling one). */
export type SignInStep = { kind: "signed-in"; me: Me } | { kind: "mfa"; challenge: MfaChallenge };

interface SessionApi {
  state: SessionState;
  signIn(email: string, password: string): Promise<SignInStep>;
  /** The second step: a code from the authenticator, or a recovery code. */
  verifyMfa(mfaToken: string, code: string): Promise<Me>;
  /** Enrolling during sign-in: a new secret, shown once. */
  startEnrolment(mfaToken: string): Promise<Schemas["MfaEnrolmentStarted"]>;
  /** Confirms the enrolment with a code; answers the recovery codes and signs in (finishEnrolment). */
  confirmEnrolment(mfaToken: string, code: string): Promise<string[]>;
  /** After the recovery codes were shown: the session starts. */
  finishSignIn(): Promise<Me>;
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

  const start = useCallback(async (accessToken: string) => {
    setAccessToken(accessToken);
    const me = await loadMe();
    setState({ status: "signed-in", me });
    return me;
  }, []);

  const signIn = useCallback(async (email: string, password: string): Promise<SignInStep> => {
    const answer = await unwrap(() =>
      client.POST("/api/v1/auth/login", { body: { email, password }, headers: COOKIE_MODE }),
    );
    if ("mfa_token" in answer) return { kind: "mfa", challenge: answer };
    return { kind: "signed-in", me: await start(answer.access_token) };
  }, [start]);

  const verifyMfa = useCallback(async (mfaToken: string, code: string) => {
    const tokens = await unwrap(() =>
      client.POST("/api/v1/auth/login/mfa", { body: { mfa_token: mfaToken, code }, headers: COOKIE_MODE }),
    );
    return start(tokens.access_token);
  }, [start]);

  const startEnrolment = useCallback((mfaToken: string) =>
    unwrap(() => client.POST("/api/v1/auth/mfa/enrolment", { headers: { Authorization: `Bearer ${mfaToken}` } })),
  []);

  // The enrolment's tokens wait here while the recovery codes are shown (once).
  const [pending, setPending] = useState<string | null>(null);
  const confirmEnrolment = useCallback(async (mfaToken: string, code: string) => {
    const enrolled = await unwrap(() => client.POST("/api/v1/auth/mfa/enrolment/confirm", {
      body: { code }, headers: { Authorization: `Bearer ${mfaToken}`, ...COOKIE_MODE },
    }));
    setPending(enrolled.tokens?.access_token ?? null);
    return enrolled.recovery_codes;
  }, []);

  const finishSignIn = useCallback(async () => {
    if (!pending) throw new ApiError(401, null);
    setPending(null);
    return start(pending);
  }, [pending, start]);

  const signOut = useCallback(async () => {
    try {
      await unwrap(() => client.POST("/api/v1/auth/logout"));
    } finally {
      setAccessToken(null);
      setState({ status: "signed-out" });
    }
  }, []);

  const value = useMemo(
    () => ({ state, signIn, verifyMfa, startEnrolment, confirmEnrolment, finishSignIn, signOut }),
    [state, signIn, verifyMfa, startEnrolment, confirmEnrolment, finishSignIn, signOut],
  );
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
