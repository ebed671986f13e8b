import { useState } from "react";
import { client, unwrap } from "../../api/client";
import type { Schemas } from "../../api/client";
import { Tag } from "../../components/page";
import { humanise } from "../../lib/format";

/**
 * Eligible or not, with each criterion's "why" loaded only when asked for: the list itself
 * carries no verdict, and reading one referral is an audited read of personal data.
 */
export function Eligibility({ referralId, eligible }: { referralId: string; eligible: boolean }) {
  const [verdict, setVerdict] = useState<Schemas["VerdictRead"] | null>(null);
  const [failed, setFailed] = useState(false);

  function toggle(event: React.SyntheticEvent<HTMLDetailsElement>) {
    if (!event.currentTarget.open || verdict) return;
    unwrap(() => client.GET("/api/v1/referrals/{referral_id}", { params: { path: { referral_id: referralId } } }))
      .then((r) => setVerdict(r.verdict), () => setFailed(true));
  }

  return (
    <>
      <Tag colour={eligible ? "green" : "red"}>{eligible ? "Eligible" : "Not eligible"}</Tag>
      <details className="govuk-details govuk-!-margin-top-2 govuk-!-margin-bottom-0" onToggle={toggle}>
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Why?</span>
        </summary>
        <div className="govuk-details__text">
          {failed && <p className="govuk-body-s">The criteria could not be loaded.</p>}
          {!failed && !verdict && <p className="govuk-body-s" role="status">Loading…</p>}
          {verdict && <CriteriaList criteria={verdict.criteria} />}
        </div>
      </details>
    </>
  );
}

export function CriteriaList({ criteria }: { criteria: Schemas["CriterionRead"][] }) {
  return (
    <ul className="govuk-list">
      {criteria.map((c) => (
        <li key={c.criterion} className="govuk-!-margin-bottom-2">
          <Tag colour={c.met ? "green" : "grey"}>{c.met ? "Met" : "Not met"}</Tag>{" "}
          <strong>{humanise(c.criterion)}</strong>: {c.reason}
        </li>
      ))}
    </ul>
  );
}
