import { useState } from "react";
import type { FormEvent } from "react";
import { Link } from "react-router";
import { ApiError, client, unwrap } from "../../api/client";
import type { Schemas } from "../../api/client";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Radios, Select, TextInput, Textarea } from "../../components/fields";
import { Loading, Tag, useLoad } from "../../components/page";
import { errorsByField, summaryFrom } from "../../lib/fieldErrors";
import type { SummaryError } from "../../lib/fieldErrors";
import { formatDate, humanise, shortRef } from "../../lib/format";
import { EMPTY_TRIAGE, FORUMS, OUTCOMES, triageBody, validateTriage } from "./triage";
import type { TriageForm } from "./triage";
import { Conflict } from "../../components/Conflict";

type Referral = Schemas["ReferralRead"];

/** Match candidates beside the referral, then the four outcomes; all usable by keyboard. */
export function TriagePanel({ referral, etag, onReload, onTriaged }: {
  referral: Referral;
  etag: string;
  onReload(): void;
  onTriaged(referral: Referral): void;
}) {
  const [form, setForm] = useState<TriageForm>(EMPTY_TRIAGE);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [candidates] = useLoad(
    () => unwrap(() => client.GET("/api/v1/referrals/{referral_id}/match-candidates", {
      params: { path: { referral_id: referral.id } },
    })),
    referral.id,
  );
  const caseIds = candidates.status === "ready"
    ? [...new Set(candidates.data.items.map((c) => c.case_id).filter((id): id is string => !!id))]
    : [];
  const errorFor = (id: string) => errors.find((e) => e.href === `#${id}`)?.text;
  const set = (patch: Partial<TriageForm>) => setForm((f) => ({ ...f, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateTriage(form, new Date().toISOString().slice(0, 10));
    setErrors(found);
    setConflict(false);
    if (found.length) return;
    setBusy(true);
    try {
      const done = await unwrap(() => client.POST("/api/v1/referrals/{referral_id}/triage", {
        params: { path: { referral_id: referral.id }, header: { "If-Match": etag } },
        body: triageBody(form),
      }));
      onTriaged(done);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setConflict(true);
        setErrors([{ href: "#reload", text: "Someone else changed this referral while you were looking at it" }]);
      } else if (error instanceof ApiError) {
        const byField = errorsByField(error.fieldErrors);
        setErrors(Object.keys(byField).length ? summaryFrom(byField) : [{ href: "#outcome", text: error.message }]);
      }
    } finally {
      setBusy(false);
    }
  }

  function reload() {
    setConflict(false);
    setErrors([]);
    onReload(); // keeps what was typed; only the referral and its version are read again
  }

  return (
    <section aria-labelledby="triage-heading">
      <h2 className="govuk-heading-l govuk-!-margin-top-6" id="triage-heading">Triage</h2>
      <ErrorSummary errors={errors} />
      {conflict && (
        <Conflict what="referral" buttonId="reload" onReload={reload} />
      )}
      <h3 className="govuk-heading-m">Possible matches</h3>
      {candidates.status === "loading" && <Loading />}
      {candidates.status === "error" && <p className="govuk-body">Match candidates could not be loaded.</p>}
      {candidates.status === "ready" && (
        <Candidates referral={referral} items={candidates.data.items} truncated={candidates.data.truncated}
          onRepeat={(caseId) => {
            set({ outcome: "accept_repeat", caseId });
            document.getElementById("outcome-accept_repeat")?.focus();
          }} />
      )}
      <form onSubmit={submit} noValidate>
        <Radios id="outcome" legend="Outcome" value={form.outcome} error={errorFor("outcome")}
          onChange={(v) => set({ outcome: v as TriageForm["outcome"] })}
          options={OUTCOMES.map((o) => ({
            ...o,
            reveal: revealFor(o.value, form, set, caseIds, errorFor),
          }))} />
        <Textarea id="note" label="Note (optional)" hint="Seen by the panel's coordinators and chairs."
          value={form.note} onChange={(v) => set({ note: v })} error={errorFor("note")} />
        <button type="submit" className="govuk-button" disabled={busy}>Save triage decision</button>
      </form>
    </section>
  );
}

function revealFor(
  outcome: TriageForm["outcome"],
  form: TriageForm,
  set: (patch: Partial<TriageForm>) => void,
  caseIds: string[],
  errorFor: (id: string) => string | undefined,
) {
  switch (outcome) {
    case "accept_repeat":
      return caseIds.length ? (
        <Select id="case_id" label="Case this referral repeats" value={form.caseId} error={errorFor("case_id")}
          onChange={(v) => set({ caseId: v })}
          options={[{ value: "", label: "Choose a case" }, ...caseIds.map((id) => ({ value: id, label: `Case ${shortRef(id)}` }))]} />
      ) : (
        <TextInput id="case_id" label="Case reference" hint="No match candidate has a case; paste the case's reference."
          value={form.caseId} error={errorFor("case_id")} onChange={(v) => set({ caseId: v.trim() })} />
      );
    case "return_with_recommendations":
      return (
        <>
          <Textarea id="recommendations" label="Recommendations for the referrer" value={form.recommendations}
            error={errorFor("recommendations")} onChange={(v) => set({ recommendations: v })} />
          <TextInput id="review_date" label="Review date" type="date" width="10" value={form.reviewDate}
            error={errorFor("review_date")} onChange={(v) => set({ reviewDate: v })} />
        </>
      );
    case "redirect":
      return (
        <Select id="forum" label="Forum" value={form.forum} error={errorFor("forum")}
          onChange={(v) => set({ forum: v as TriageForm["forum"] })}
          options={[{ value: "", label: "Choose a forum" }, ...FORUMS]} />
      );
    default:
      return undefined;
  }
}

function Candidates({ referral, items, truncated, onRepeat }: {
  referral: Referral;
  items: Schemas["MatchCandidate"][];
  truncated: boolean;
  onRepeat(caseId: string): void;
}) {
  const victim = referral.victim;
  return (
    <div className="app-compare govuk-!-margin-bottom-6">
      <div className="app-compare__card">
        <h4 className="govuk-heading-s">This referral</h4>
        <PersonLines name={`${victim.given_names} ${victim.family_name}`} dob={victim.date_of_birth} postcode={victim.postcode} />
      </div>
      <div>
        {items.length === 0 && (
          <div className="app-compare__card"><p className="govuk-body">No earlier person matches this referral.</p></div>
        )}
        {items.map((c) => (
          <div className="app-compare__card govuk-!-margin-bottom-3" key={c.person_id}>
            <h4 className="govuk-heading-s">
              Possible match <Tag colour="yellow">{`Score ${c.score}`}</Tag>
            </h4>
            <PersonLines name={`${c.given_names} ${c.family_name}`} dob={c.date_of_birth} postcode={c.postcode}
              extra={[["Seen as", `${humanise(c.role)} in an earlier referral`], ["Case", c.case_id ? shortRef(c.case_id) : "No case"]]} />
            <p className="govuk-body-s govuk-!-margin-bottom-1">Why it may be the same person:</p>
            <ul className="govuk-list govuk-list--bullet govuk-body-s">
              {c.reasons.map((r) => <li key={r}>{matchReason(r)}</li>)}
            </ul>
            {c.case_id && (
              <div className="govuk-button-group">
                <Link className="govuk-link" to={`/cases/${c.case_id}`}>View case</Link>
                <button type="button" className="govuk-button govuk-button--secondary"
                  onClick={() => onRepeat(c.case_id ?? "")}>
                  Accept as a repeat of this case<span className="govuk-visually-hidden"> ({c.given_names} {c.family_name})</span>
                </button>
              </div>
            )}
          </div>
        ))}
        {truncated && <p className="govuk-body-s">Only the closest matches are shown.</p>}
      </div>
    </div>
  );
}

const MATCH_REASONS: Record<string, string> = {
  full_name: "Same full name",
  "surname+dob": "Same family name and date of birth",
  dob: "Same date of birth",
  postcode: "Same postcode",
};

export function matchReason(code: string): string {
  return MATCH_REASONS[code] ?? humanise(code);
}

function PersonLines({ name, dob, postcode, extra = [] }: {
  name: string;
  dob: string | null;
  postcode: string | null;
  extra?: [string, string][];
}) {
  return (
    <dl className="govuk-summary-list govuk-summary-list--no-border">
      <div className="govuk-summary-list__row"><dt className="govuk-summary-list__key">Name</dt><dd className="govuk-summary-list__value">{name}</dd></div>
      <div className="govuk-summary-list__row"><dt className="govuk-summary-list__key">Date of birth</dt><dd className="govuk-summary-list__value">{formatDate(dob)}</dd></div>
      <div className="govuk-summary-list__row"><dt className="govuk-summary-list__key">Postcode</dt><dd className="govuk-summary-list__value">{postcode ?? "Not known"}</dd></div>
      {extra.map(([k, v]) => (
        <div className="govuk-summary-list__row" key={k}><dt className="govuk-summary-list__key">{k}</dt><dd className="govuk-summary-list__value">{v}</dd></div>
      ))}
    </dl>
  );
}
