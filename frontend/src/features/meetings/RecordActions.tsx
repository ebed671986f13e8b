// The meeting day's action plan for one case: the actions already agreed here, and a form to
// record another (owner agencies among those present, ticking several makes a joint action;
// the kind; what; when due). One Idempotency-Key per form content, so a retried press is
// answered once and a changed form is a new request.
import { useRef, useState } from "react";
import type { FormEvent } from "react";
import { Link } from "react-router";
import { client, unwrap } from "../../api/client";
import type { Schemas } from "../../api/client";
import { ErrorSummary } from "../../components/ErrorSummary";
import { useLoad } from "../../components/page";
import { Select, Textarea, TextInput } from "../../components/fields";
import { formatDate } from "../../lib/format";
import { CATEGORIES, EMPTY_ACTION, actionBody, actionChecks, actionErrors, summaryOf } from "./recordActions";
import type { ActionForm } from "./recordActions";

type Recorded = Schemas["ActionRead"];

export function RecordActions({ meetingId, heldOn, caseId, hearingId, present }: {
  meetingId: string; heldOn: string; caseId: string; hearingId: string;
  present: { agencyId: string; name: string }[];
}) {
  const prefix = `action-${hearingId}-`;
  const [form, setForm] = useState<ActionForm>(EMPTY_ACTION);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // The case's actions agreed at this meeting (read again after each one recorded).
  const [agreed, reloadAgreed] = useLoad(
    () => unwrap(() => client.GET("/api/v1/cases/{case_id}/actions", {
      params: { path: { case_id: caseId }, query: { limit: 100 } },
    })).then((page) => (typeof page === "string" ? [] : page.items.filter((a) => a.meeting_id === meetingId))),
    `${caseId}/${meetingId}`,
  );
  const [recorded, setRecorded] = useState<Recorded[]>([]);
  const shown = [...(agreed.status === "ready" ? agreed.data : []), ...recorded]
    .filter((a, i, all) => all.findIndex((b) => b.id === a.id) === i);
  const [busy, setBusy] = useState(false);
  const key = useRef(crypto.randomUUID());
  const set = (patch: Partial<ActionForm>) => {
    key.current = crypto.randomUUID();
    setForm((f) => ({ ...f, ...patch }));
  };
  const toggle = (agencyId: string, on: boolean) =>
    set({ owners: on ? [...form.owners, agencyId] : form.owners.filter((a) => a !== agencyId) });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checks = actionChecks(form, heldOn);
    if (Object.keys(checks).length) {
      setErrors(checks);
      return;
    }
    setBusy(true);
    try {
      const made = await unwrap(() => client.POST("/api/v1/actions", {
        params: { header: { "Idempotency-Key": key.current } },
        body: actionBody(meetingId, caseId, form),
      }));
      setErrors({});
      setRecorded((r) => [...r, ...made.items]);
      reloadAgreed();
      key.current = crypto.randomUUID();
      setForm(EMPTY_ACTION);
    } catch (error) {
      setErrors(actionErrors(error));
    } finally {
      setBusy(false);
    }
  }

  const ownersError = errors.owner_agency_ids;
  return (
    <section aria-labelledby={`${prefix}heading`}>
      <h4 className="govuk-heading-s" id={`${prefix}heading`}>Actions agreed</h4>
      {shown.length === 0 && <p className="govuk-body">None yet.</p>}
      {shown.length > 0 && (
        <ul className="govuk-list govuk-list--bullet" aria-live="polite">
          {shown.map((a) => (
            <li key={a.id}>
              <Link className="govuk-link" to={`/actions/${a.id}`}>{a.description}</Link>: {a.owner_agency}, due {formatDate(a.due_on)}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={summaryOf(errors, prefix)} />
        <div className={`govuk-form-group${ownersError ? " govuk-form-group--error" : ""}`}>
          <fieldset className="govuk-fieldset" aria-describedby={`${prefix}owner_agency_ids-hint${ownersError ? ` ${prefix}owner_agency_ids-error` : ""}`}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Agencies taking the action</legend>
            <div id={`${prefix}owner_agency_ids-hint`} className="govuk-hint">
              Only agencies attending take actions. Tick more than one for a joint action.
            </div>
            {ownersError && (
              <p id={`${prefix}owner_agency_ids-error`} className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {ownersError}
              </p>
            )}
            <div className="govuk-checkboxes govuk-checkboxes--small">
              {present.map((a, i) => {
                const id = i === 0 ? `${prefix}owner_agency_ids` : `${prefix}owner_agency_ids-${a.agencyId}`;
                return (
                  <div className="govuk-checkboxes__item" key={a.agencyId}>
                    <input className="govuk-checkboxes__input" id={id} type="checkbox" name={`${prefix}owner_agency_ids`}
                      value={a.agencyId} checked={form.owners.includes(a.agencyId)}
                      onChange={(e) => toggle(a.agencyId, e.target.checked)} />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>{a.name}</label>
                  </div>
                );
              })}
            </div>
          </fieldset>
        </div>
        <Select id={`${prefix}category`} label="Kind of action" value={form.category} error={errors.category}
          onChange={(v) => set({ category: v as ActionForm["category"] })}
          options={[{ value: "", label: "Select the kind" }, ...CATEGORIES]} />
        <Textarea id={`${prefix}description`} label="What will be done" hint="Specific, with who does it." rows={3}
          value={form.description} error={errors.description} onChange={(description) => set({ description })} />
        <TextInput id={`${prefix}due_on`} type="date" label="Due" width="10" value={form.dueOn} error={errors.due_on}
          onChange={(dueOn) => set({ dueOn })} />
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={busy}>Record the action</button>
      </form>
    </section>
  );
}
