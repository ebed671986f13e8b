import { useState } from "react";
import { Link, useParams } from "react-router";
import type { Schemas } from "../../api/client";
import { canTriage, seesCases } from "../../app/permissions";
import { usePanelLabel } from "../../app/panels";
import { useMe } from "../../app/session";
import { LoadError, Loading, PageHeading, SummaryList, Tag, useLoad } from "../../components/page";
import { formatDate, formatDateTime, humanise } from "../../lib/format";
import { ReferralSharing } from "../sharing/routes";
import { CriteriaList } from "./Eligibility";
import { STATUS_COLOUR } from "./InboxPage";
import { TriagePanel } from "./TriagePanel";
import { FORUMS } from "./triage";
import { unwrapWithEtag } from "./load";
import { SuccessBanner } from "../../components/SuccessBanner";

type Referral = Schemas["ReferralRead"];

export function ReferralPage() {
  const { referralId = "" } = useParams();
  const me = useMe();
  const panelLabel = usePanelLabel();
  const [loaded, reload] = useLoad(() => unwrapWithEtag(referralId), referralId);
  const [triaged, setTriaged] = useState<Referral | null>(null);

  if (loaded.status === "loading") return <Loading />;
  if (loaded.status === "error") return <LoadError error={loaded.error} />;
  const referral = triaged ?? loaded.data.referral;
  const mayTriage = canTriage(me, referral.panel_id) && referral.status === "submitted";
  return (
    <>
      <Link to="/referrals" className="govuk-back-link">Back to referrals</Link>
      <PageHeading caption={panelLabel(referral.panel_id)}>
        {`Referral for ${referral.victim.given_names} ${referral.victim.family_name}`}
      </PageHeading>
      {triaged && <TriageDone referral={triaged} />}
      <ReferralDetails referral={referral} linkCase={seesCases(me)} />
      {mayTriage && !triaged && (
        <TriagePanel referral={referral} etag={loaded.data.etag}
          onReload={reload} onTriaged={setTriaged} />
      )}
      <ReferralSharing referralId={referral.id} panelId={referral.panel_id} />
    </>
  );
}

function TriageDone({ referral }: { referral: Referral }) {
  return (
    <SuccessBanner id="triage-done" focus
      heading={`Referral triaged: ${humanise(referral.triage?.outcome ?? referral.status)}.`}>
      {referral.case_id && (
        <p className="govuk-body">
          <Link className="govuk-notification-banner__link" to={`/cases/${referral.case_id}`}>Open the case</Link>
        </p>
      )}
    </SuccessBanner>
  );
}

function person(p: Schemas["PersonRead"]): string {
  const dob = p.date_of_birth ? `, born ${formatDate(p.date_of_birth)}` : "";
  return `${p.given_names} ${p.family_name}${dob}${p.postcode ? `, ${p.postcode}` : ""}`;
}

function ReferralDetails({ referral, linkCase }: { referral: Referral; linkCase: boolean }) {
  const risk = referral.risk_assessment;
  return (
    <>
      <SummaryList rows={[
        ["Status", <Tag colour={STATUS_COLOUR[referral.status]}>{humanise(referral.status)}</Tag>],
        ["Referral date", formatDate(referral.referral_date)],
        ["Submitted", formatDateTime(referral.submitted_at)],
        ["Victim", person(referral.victim)],
        ["Perpetrators", referral.perpetrators.map(person).join("; ") || "None named"],
        ["Children", String(referral.children.length)],
        ["Consent", humanise(referral.consent_status)],
        ["Reason for referral", referral.reason],
        ["Repeat", referral.is_repeat ? "Yes" : referral.referrer_says_repeat ? "The referrer says so" : "No"],
        ["Case", !referral.case_id ? "No case yet"
          : linkCase ? <Link className="govuk-link" to={`/cases/${referral.case_id}`}>Open the case</Link>
          : "Accepted into a case"],
      ]} />
      <h2 className="govuk-heading-m">Eligibility</h2>
      <p className="govuk-body">
        <Tag colour={referral.verdict.eligible ? "green" : "red"}>
          {referral.verdict.eligible ? "Eligible" : "Not eligible"}
        </Tag>
        {risk && ` Risk assessment ${humanise(risk.instrument_key)} ${risk.instrument_version}: score ${risk.score} (threshold ${risk.threshold}).`}
      </p>
      <CriteriaList criteria={referral.verdict.criteria} />
      {referral.triage && (
        <>
          <h2 className="govuk-heading-m">Triage</h2>
          <SummaryList rows={[
            ["Outcome", humanise(referral.triage.outcome)],
            ["Decided", formatDateTime(referral.triage.decided_at)],
            ...(referral.triage.recommendations ? [["Recommendations", referral.triage.recommendations] as [string, string]] : []),
            ...(referral.triage.review_date ? [["Review date", formatDate(referral.triage.review_date)] as [string, string]] : []),
            ...(referral.triage.forum ? [["Forum", FORUMS.find((f) => f.value === referral.triage?.forum)?.label ?? referral.triage.forum] as [string, string]] : []),
            ...(referral.triage.note ? [["Note", referral.triage.note] as [string, string]] : []),
          ]} />
        </>
      )}
    </>
  );
}

