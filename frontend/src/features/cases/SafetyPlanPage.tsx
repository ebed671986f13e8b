// The IDVA's page of a case: what the victim's safety plan needs (getCaseSafetyPlan). How to
// reach the victim safely comes first; the referrer's narrative and the triage record are not
// part of it. Each IDVA read is logged by the API as a disclosure.
import { Link, useParams } from "react-router";
import { client, unwrap } from "../../api/client";
import type { Schemas } from "../../api/client";
import { usePanelLabel } from "../../app/panels";
import { Loading, PageHeading, SummaryList, useLoad } from "../../components/page";
import { formatDate, humanise } from "../../lib/format";
import { CaseProblem } from "./CaseProblem";
import { born, orNone, personName, yesNo } from "./people";

type Plan = Schemas["SafetyPlanRead"];

export function SafetyPlanPage() {
  const { caseId = "" } = useParams();
  const panelLabel = usePanelLabel();
  const [loaded] = useLoad(
    () => unwrap(() => client.GET("/api/v1/cases/{case_id}/safety-plan", { params: { path: { case_id: caseId } } })),
    caseId,
  );
  if (loaded.status === "loading") return <Loading />;
  if (loaded.status === "error") return <CaseProblem error={loaded.error} />;
  const plan = loaded.data;
  const v = plan.victim;
  return (
    <>
      <Link to="/cases" className="govuk-back-link">Back to cases</Link>
      <PageHeading caption={panelLabel(plan.panel_id)}>
        {v ? `Safety plan: ${personName(v)}` : "Safety plan"}
      </PageHeading>
      <div className="govuk-inset-text">
        What the victim's safety plan needs, from the referral of {formatDate(plan.referral_date)}. Your
        reading it is recorded.
      </div>
      <SummaryList rows={[
        ["Referral date", formatDate(plan.referral_date)],
        ["Repeat referral", plan.repeat ? "Yes" : "No"],
        ["Referring agency", plan.referring_agency],
        ["Victim knows of the referral", plan.victim_aware ? "Yes" : `No${plan.victim_unaware_reason ? `: ${plan.victim_unaware_reason}` : ""}`],
        ["Consent to share", humanise(plan.consent_status)],
      ]} />
      <h2 className="govuk-heading-m">Reaching the victim safely</h2>
      {v ? (
        <SummaryList rows={[
          ["Name", personName(v)],
          ["Also known as", v.aliases.length ? v.aliases.join(", ") : "Not given"],
          ["Date of birth", born(v.date_of_birth)],
          ["Address", orNone(v.address)],
          ["Postcode", orNone(v.postcode)],
          ["Accommodation", orNone(v.accommodation)],
          ["Phone", orNone(v.phone)],
          ["Safe to call", yesNo(v.safe_to_call)],
          ["Safe times", orNone(v.safe_times)],
          ["Preferred contact", orNone(v.preferred_contact)],
          ["Disability", orNone(v.disability)],
          ["Pregnant", `${yesNo(v.pregnant)}${v.pregnancy_details ? `: ${v.pregnancy_details}` : ""}`],
        ]} />
      ) : <p className="govuk-body">Not given.</p>}
      <h2 className="govuk-heading-m">Fears and trust</h2>
      <SummaryList rows={[
        ["What the victim fears", orNone(plan.victim_fears)],
        ["Safe to talk to", orNone(plan.safe_to_talk_to)],
        ["Not safe to talk to", orNone(plan.unsafe_to_talk_to)],
        ["Risks identified", plan.risks_identified.length ? plan.risks_identified.map(humanise).join(", ") : "None recorded"],
      ]} />
      <Risk risk={plan.risk_assessment} />
      <h2 className="govuk-heading-m">Perpetrators</h2>
      {plan.perpetrators.length === 0 && <p className="govuk-body">No perpetrator is named.</p>}
      {plan.perpetrators.length > 0 && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Perpetrators of this case</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Name</th>
              <th scope="col" className="govuk-table__header">Relationship</th>
              <th scope="col" className="govuk-table__header">Date of birth</th>
              <th scope="col" className="govuk-table__header">Address</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {plan.perpetrators.map((p, i) => (
              <tr className="govuk-table__row" key={i}>
                <td className="govuk-table__cell">{personName(p)}{p.aliases.length > 0 && <><br />Also known as {p.aliases.join(", ")}</>}</td>
                <td className="govuk-table__cell">{orNone(p.relationship_to_victim)}</td>
                <td className="govuk-table__cell">{born(p.date_of_birth)}</td>
                <td className="govuk-table__cell">{[p.address, p.postcode].filter(Boolean).join(", ") || "Not given"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 className="govuk-heading-m">Children</h2>
      {plan.children.length === 0 && <p className="govuk-body">No children are named.</p>}
      {plan.children.length > 0 && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Children of this case</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Name</th>
              <th scope="col" className="govuk-table__header">Date of birth</th>
              <th scope="col" className="govuk-table__header">School</th>
              <th scope="col" className="govuk-table__header">Address</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {plan.children.map((c, i) => (
              <tr className="govuk-table__row" key={i}>
                <td className="govuk-table__cell">{personName(c)}</td>
                <td className="govuk-table__cell">{born(c.date_of_birth)}</td>
                <td className="govuk-table__cell">{orNone(c.school)}</td>
                <td className="govuk-table__cell">{[c.address, c.postcode].filter(Boolean).join(", ") || "Not given"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Risk({ risk }: { risk: Plan["risk_assessment"] }) {
  if (!risk) return <><h2 className="govuk-heading-m">Risk assessment</h2><p className="govuk-body">None recorded.</p></>;
  const answers = Object.entries(risk.answers);
  return (
    <>
      <h2 className="govuk-heading-m">Risk assessment</h2>
      <SummaryList rows={[
        ["Checklist", `${risk.instrument_key.toUpperCase()} (${risk.instrument_version})`],
        ["Score", `${risk.score} (threshold ${risk.threshold})`],
      ]} />
      {answers.length > 0 && (
        <details className="govuk-details">
          <summary className="govuk-details__summary"><span className="govuk-details__summary-text">The checklist answers</span></summary>
          <div className="govuk-details__text">
            <SummaryList rows={answers.map(([q, a]) => [q.toUpperCase(), humanise(a)])} />
          </div>
        </details>
      )}
    </>
  );
}
