import { Link } from "react-router";
import { ApiError } from "../../api/client";
import { LoadError, PageHeading } from "../../components/page";

const PLAIN: Record<number, [string, string]> = {
  403: ["You cannot see this case", "Your role on this case's panel does not give you this page of it."],
  404: ["Case not found", "It may have been removed, or you may not have access to it."],
  409: ["This case is not shared yet", "The case has no basis for sharing yet (consent or an approved sharing decision)."],
};

/** A case page the person may not read: a plain GOV.UK page saying so (the API's words, where
 * it gives them), never a crash. Other failures are shown as any load error. */
export function CaseProblem({ error }: { error: Error }) {
  const plain = error instanceof ApiError ? PLAIN[error.status] : undefined;
  if (!plain || !(error instanceof ApiError)) return <LoadError error={error} />;
  const [title, fallback] = plain;
  const detail = error.status !== 404 ? error.problem?.detail : undefined;
  return (
    <>
      <Link to="/cases" className="govuk-back-link">Back to cases</Link>
      <PageHeading>{title}</PageHeading>
      <p className="govuk-body">{detail ?? fallback}</p>
      <p className="govuk-body"><Link className="govuk-link" to="/cases">Go to your cases</Link></p>
    </>
  );
}
