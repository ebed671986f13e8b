// The Appendix F fields, shared by "propose" and "change the draft"; and the small pieces the
// sharing screens share (the concurrent-change warning, the error summary from field ids).
import { useMemo } from "react";
import type { ReactNode } from "react";
import { ErrorSummary } from "../../components/ErrorSummary";
import type { SummaryError } from "../../lib/fieldErrors";
import { Radios, TextInput, Textarea } from "../../components/fields";
import { chosenGrounds, GROUNDS } from "./form";
import type { DecisionForm, Errors, LegalGround } from "./form";

/** The error summary for errors by field id. Memoised on the errors object (set on each send),
 * so typing afterwards never moves focus back to the summary. */
export function Summary({ errors }: { errors: Errors }) {
  const list = useMemo(() => summaryList(errors), [errors]);
  return <ErrorSummary errors={list} />;
}

// In the order the fields appear on the page, as GOV.UK asks; unknown ids go last, unlinked.
function summaryList(errors: Errors): SummaryError[] {
  const at = (id: string) => document.getElementById(id);
  const entries = Object.entries(errors).sort(([a], [b]) => {
    const [x, y] = [at(a), at(b)];
    if (!x || !y) return x ? -1 : y ? 1 : 0;
    return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  return entries.map(([id, text]) => ({ href: at(id) ? `#${id}` : "#", text }));
}

function ErrorText({ id, error }: { id: string; error?: string | undefined }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {error}
    </p>
  );
}

export function DecisionFormFields({ form, set, errors }: {
  form: DecisionForm;
  set(patch: Partial<DecisionForm>): void;
  errors: Errors;
}) {
  const chosen = chosenGrounds(form);
  const toggle = (g: LegalGround, on: boolean) => {
    const grounds = { ...form.grounds };
    if (on) grounds[g] = grounds[g] ?? "";
    else delete grounds[g];
    set({ grounds });
  };
  const consult = (i: number, patch: Partial<DecisionForm["consultations"][number]>) =>
    set({ consultations: form.consultations.map((c, n) => (n === i ? { ...c, ...patch } : c)) });
  const text = (id: "at_risk" | "risk_from" | "concerns" | "necessity" | "proportionality" | "without_sharing",
    label: string, hint?: string): ReactNode => (
    <Textarea id={id} label={label} hint={hint} value={form[id]} error={errors[id]}
      onChange={(v) => set({ [id]: v })} />
  );
  return (
    <>
      <h2 className="govuk-heading-m">The risk</h2>
      {text("at_risk", "Who is at risk", "The victim, and any children or others at risk.")}
      {text("risk_from", "Who they are at risk from")}
      {text("concerns", "The concerns", "What has happened and what is feared.")}
      <div className={`govuk-form-group${errors.legal_grounds ? " govuk-form-group--error" : ""}`}>
        <fieldset className="govuk-fieldset" aria-describedby={`legal_grounds-hint${errors.legal_grounds ? " legal_grounds-error" : ""}`}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Legal grounds for sharing without consent</legend>
          <div id="legal_grounds-hint" className="govuk-hint">Select every ground that applies and explain how it applies.</div>
          <ErrorText id="legal_grounds" error={errors.legal_grounds} />
          <div className="govuk-checkboxes">
            {GROUNDS.map((g, n) => {
              const id = n === 0 ? "legal_grounds" : `ground-${g.value}`;
              const index = chosen.indexOf(g.value);
              const explanation = `legal_grounds-${index}-explanation`;
              return (
                <div key={g.value}>
                  <div className="govuk-checkboxes__item">
                    <input className="govuk-checkboxes__input" id={id} name="legal_grounds" type="checkbox"
                      value={g.value} checked={index >= 0} onChange={(e) => toggle(g.value, e.target.checked)} />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>{g.label}</label>
                  </div>
                  {index >= 0 && (
                    <div className="govuk-checkboxes__conditional">
                      <Textarea id={explanation} label={`How ${g.label.toLowerCase()} applies`} rows={3}
                        value={form.grounds[g.value] ?? ""} error={errors[explanation]}
                        onChange={(v) => set({ grounds: { ...form.grounds, [g.value]: v } })} />
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
      <h2 className="govuk-heading-m">Balancing</h2>
      {text("necessity", "Why sharing is necessary")}
      {text("proportionality", "Why sharing is proportionate")}
      {text("without_sharing", "What would happen if the information were not shared")}
      <h2 className="govuk-heading-m">Consultations</h2>
      {!form.consultations.length && <p className="govuk-body">No one has been consulted yet.</p>}
      {form.consultations.map((c, i) => (
        <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={i}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Consultation {i + 1}</legend>
          <TextInput id={`consultations-${i}-consulted`} label="Who was consulted" value={c.consulted}
            error={errors[`consultations-${i}-consulted`]} onChange={(v) => consult(i, { consulted: v })} />
          <TextInput id={`consultations-${i}-consulted_on`} label="When (optional)" type="date" width="10"
            value={c.consulted_on} error={errors[`consultations-${i}-consulted_on`]}
            onChange={(v) => consult(i, { consulted_on: v })} />
          <Textarea id={`consultations-${i}-advice`} label="Their advice (optional)" rows={3} value={c.advice}
            error={errors[`consultations-${i}-advice`]} onChange={(v) => consult(i, { advice: v })} />
          <button type="button" className="govuk-button govuk-button--warning"
            onClick={() => set({ consultations: form.consultations.filter((_, n) => n !== i) })}>
            Remove consultation {i + 1}
          </button>
        </fieldset>
      ))}
      <button type="button" className="govuk-button govuk-button--secondary"
        onClick={() => set({ consultations: [...form.consultations, { consulted: "", consulted_on: "", advice: "" }] })}>
        Add a consultation
      </button>
      <Radios id="victim_told" legend="Has the victim been told about sharing?" value={form.victim_told}
        error={errors.victim_told} onChange={(v) => set({ victim_told: v as DecisionForm["victim_told"] })}
        options={[
          {
            value: "yes", label: "Yes",
            reveal: <TextInput id="victim_told_on" label="When they were told (optional)" type="date" width="10"
              value={form.victim_told_on} error={errors.victim_told_on} onChange={(v) => set({ victim_told_on: v })} />,
          },
          {
            value: "no", label: "No, and they will not be",
            reveal: <Textarea id="victim_not_told_reason" label="Why they will not be told"
              value={form.victim_not_told_reason} error={errors.victim_not_told_reason}
              onChange={(v) => set({ victim_not_told_reason: v })} />,
          },
          { value: "not_yet", label: "Not yet" },
        ]} />
      <h2 className="govuk-heading-m">Review</h2>
      <TextInput id="review_date" label="Review date" hint="Today or later. You own the review." type="date" width="10"
        value={form.review_date} error={errors.review_date} onChange={(v) => set({ review_date: v })} />
    </>
  );
}
