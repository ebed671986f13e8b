// Sign-in: the password, then, when the account has one, the second factor (a code from an
// authenticator app, or a recovery code). An account that must enrol first adds the app here:
// the setup key is shown once, a code from it confirms it, and the recovery codes are shown once.
import { useState } from "react";
import type { FormEvent } from "react";
import { ApiError } from "../../api/client";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextInput } from "../../components/fields";
import { PageHeading } from "../../components/page";
import type { SummaryError } from "../../lib/fieldErrors";
import type { Me } from "../../app/permissions";
import { useSession } from "../../app/session";
import { groupKey, normaliseCode } from "./mfa";

type Step =
  | { kind: "password" }
  | { kind: "code"; mfaToken: string }
  | { kind: "enrol"; mfaToken: string; secret: string }
  | { kind: "recovery"; codes: string[] };

/** Sign-in; with `expired`, it is the "sign in again" form shown over the page being worked on. */
export function SignInPage({ expired = false, onSignedIn }: {
  expired?: boolean;
  onSignedIn?(me: Me): void;
}) {
  const session = useSession();
  const [step, setStep] = useState<Step>({ kind: "password" });
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [busy, setBusy] = useState(false);
  const fieldError = (id: string) => errors.find((e) => e.href === `#${id}`)?.text;

  async function attempt(field: string, action: () => Promise<void>) {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      const text = error instanceof ApiError ? error.message : "The service is not available. Try again later.";
      setErrors([{ href: `#${field}`, text }]);
    } finally {
      setBusy(false);
    }
  }

  async function submitPassword(event: FormEvent) {
    event.preventDefault();
    const missing: SummaryError[] = [];
    if (!email.trim()) missing.push({ href: "#email", text: "Enter your email address" });
    if (!password) missing.push({ href: "#password", text: "Enter your password" });
    setErrors(missing);
    if (missing.length) return;
    await attempt("email", async () => {
      try {
        const answer = await session.signIn(email.trim(), password);
        if (answer.kind === "signed-in") return onSignedIn?.(answer.me);
        const { mfa, mfa_token: mfaToken } = answer.challenge;
        setErrors([]);
        setCode("");
        if (mfa === "required") return setStep({ kind: "code", mfaToken });
        const started = await session.startEnrolment(mfaToken);
        setStep({ kind: "enrol", mfaToken, secret: started.secret });
      } finally {
        setPassword("");
      }
    });
  }

  async function submitCode(event: FormEvent) {
    event.preventDefault();
    if (step.kind !== "code" && step.kind !== "enrol") return;
    const typed = normaliseCode(code);
    if (!typed) return setErrors([{ href: "#code", text: "Enter the code from your authenticator app" }]);
    setErrors([]);
    await attempt("code", async () => {
      try {
        if (step.kind === "code") {
          onSignedIn?.(await session.verifyMfa(step.mfaToken, typed));
        } else {
          setStep({ kind: "recovery", codes: await session.confirmEnrolment(step.mfaToken, typed) });
        }
      } catch (error) {
        setCode("");
        // The MFA token lasts minutes: when it has expired, start again from the password.
        if (error instanceof ApiError && /MFA token/.test(error.message)) {
          setStep({ kind: "password" });
          throw new ApiError(401, { ...error.problem!, detail: "That took too long. Sign in again." });
        }
        throw error;
      }
    });
  }

  async function finish() {
    await attempt("stored", async () => onSignedIn?.(await session.finishSignIn()));
  }

  const heading = expired ? "Your session has ended" : "Sign in";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        {step.kind === "password" && (
          <>
            <PageHeading>{heading}</PageHeading>
            {expired && (
              <p className="govuk-body">
                Sign in again to carry on. What you had typed is kept until you close this tab.
              </p>
            )}
            <form onSubmit={submitPassword} noValidate>
              <TextInput id="email" label="Email address" type="email" autoComplete="username"
                spellCheck={false} value={email} onChange={setEmail} error={fieldError("email")} />
              <TextInput id="password" label="Password" type="password" autoComplete="current-password"
                value={password} onChange={setPassword} error={fieldError("password")} />
              <button type="submit" className="govuk-button" disabled={busy}>Sign in</button>
            </form>
          </>
        )}
        {step.kind === "code" && (
          <>
            <PageHeading caption={heading}>Enter the code from your authenticator app</PageHeading>
            <form onSubmit={submitCode} noValidate>
              <TextInput id="code" label="Code" width="10" autoComplete="one-time-code" spellCheck={false}
                hint="The 6 digits your app shows now. If you have lost your phone, enter one of your recovery codes."
                value={code} onChange={setCode} error={fieldError("code")} />
              <button type="submit" className="govuk-button" disabled={busy}>Continue</button>
            </form>
            <p className="govuk-body">
              <button type="button" className="govuk-link app-link-button" onClick={() => { setErrors([]); setStep({ kind: "password" }); }}>
                Sign in as someone else
              </button>
            </p>
          </>
        )}
        {step.kind === "enrol" && (
          <>
            <PageHeading caption={heading}>Set up your authenticator app</PageHeading>
            <p className="govuk-body">
              Your account needs a second step at sign-in. In an authenticator app on your work
              phone, add an account and choose to enter a setup key. Enter this key:
            </p>
            <p className="app-secret" id="setup-key">{groupKey(step.secret)}</p>
            <p className="govuk-body">It is shown only now.</p>
            <form onSubmit={submitCode} noValidate>
              <TextInput id="code" label="Code from the app" width="10" autoComplete="one-time-code" spellCheck={false}
                hint="The 6 digits the app shows for this account"
                value={code} onChange={setCode} error={fieldError("code")} />
              <button type="submit" className="govuk-button" disabled={busy}>Turn on the second step</button>
            </form>
          </>
        )}
        {step.kind === "recovery" && (
          <>
            <PageHeading caption={heading}>Store your recovery codes</PageHeading>
            <p className="govuk-body">
              If you lose your phone, each of these codes signs you in once. Store them somewhere
              safe now: they are shown only this once.
            </p>
            <ul className="govuk-list app-secret" id="recovery-codes">
              {step.codes.map((c) => <li key={c}>{c}</li>)}
            </ul>
            <button type="button" id="stored" className="govuk-button" disabled={busy} onClick={() => void finish()}>
              I have stored them, continue
            </button>
          </>
        )}
      </div>
    </div>
  );
}
