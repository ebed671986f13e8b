import { useState } from "react";
import type { FormEvent } from "react";
import { ApiError } from "../../api/client";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextInput } from "../../components/fields";
import { PageHeading } from "../../components/page";
import type { SummaryError } from "../../lib/fieldErrors";
import type { Me } from "../../app/permissions";
import { useSession } from "../../app/session";

/** Sign-in; with `expired`, it is the "sign in again" form shown over the page being worked on. */
export function SignInPage({ expired = false, onSignedIn }: {
  expired?: boolean;
  onSignedIn?(me: Me): void;
}) {
  const { signIn } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [busy, setBusy] = useState(false);
  const fieldError = (id: string) => errors.find((e) => e.href === `#${id}`)?.text;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing: SummaryError[] = [];
    if (!email.trim()) missing.push({ href: "#email", text: "Enter your email address" });
    if (!password) missing.push({ href: "#password", text: "Enter your password" });
    setErrors(missing);
    if (missing.length) return;
    setBusy(true);
    try {
      const me = await signIn(email.trim(), password);
      onSignedIn?.(me);
    } catch (error) {
      setPassword("");
      const text = error instanceof ApiError ? error.message : "The service is not available. Try again later.";
      setErrors([{ href: "#email", text }]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <PageHeading>{expired ? "Your session has ended" : "Sign in"}</PageHeading>
        {expired && (
          <p className="govuk-body">
            Sign in again to carry on. What you had typed is kept until you close this tab.
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <TextInput id="email" label="Email address" type="email" autoComplete="username"
            spellCheck={false} value={email} onChange={setEmail} error={fieldError("email")} />
          <TextInput id="password" label="Password" type="password" autoComplete="current-password"
            value={password} onChange={setPassword} error={fieldError("password")} />
          <button type="submit" className="govuk-button" disabled={busy}>Sign in</button>
        </form>
      </div>
    </div>
  );
}
