// The referral form for practitioners without a case-management system. The risk questions come
// from the chosen panel's instrument (GET /api/v1/panels/{id}/instrument); the API checks the
// whole referral, and its field errors (JSON Pointers) are shown next to their fields with the
// GOV.UK error summary above the form.
import { useState } from "react";
import type { FormEvent } from "react";
import { Link } from "react-router";
import { ApiError, client, unwrap } from "../../api/client";
import type { Schemas } from "../../api/client";
import { usePanelLabel, usePanels } from "../../app/panels";
import { seesReferrals, submitPanels } from "../../app/permissions";
import { useMe } from "../../app/session";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Radios, Select, Textarea, TextInput } from "../../components/fields";
import { LoadError, Loading, PageHeading, Tag, useLoad } from "../../components/page";
import { errorsByField, summaryFrom } from "../../lib/fieldErrors";
import type { SummaryError } from "../../lib/fieldErrors";
import { shortRef } from "../../lib/format";
import { emptyForm, friendlyError, scoreSoFar, sections, toBody } from "./form";
import type { Instrument, ReferralForm } from "./form";
import { CommunityCriteria, PeopleRows, SafetyDetails } from "./sections";

type Submitted = Schemas["ReferralSubmitted"];

function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

export function ReferralFormPage() {
  const me = useMe();
  const panels = usePanels();
  const allowed = submitPanels(me);
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  const [attempt, setAttempt] = useState(0);

  if (!allowed.length) {
    return (
      <>
        <PageHeading>New referral</PageHeading>
        <p className="govuk-body">You do not have a role that sends referrals.</p>
      </>
    );
  }
  if (submitted) {
    return <Sent referral={submitted} onAnother={() => { setSubmitted(null); setAttempt((a) => a + 1); }} />;
  }
  if (panels === null) return <Loading />;
  const choices = panels.filter((p) => allowed.includes(p.id));
  return <Form key={attempt} panelIds={choices.length ? choices.map((p) => p.id) : allowed} onSent={setSubmitted} />;
}

function Form({ panelIds, onSent }: { panelIds: string[]; onSent(referral: Submitted): void }) {
  const panelLabel = usePanelLabel();
  const [form, setForm] = useState<ReferralForm>(() => emptyForm(panelIds[0] ?? "", today()));
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [busy, setBusy] = useState(false);
  const [instrument] = useLoad(
    () => unwrap(() => client.GET("/api/v1/panels/{panel_id}/instrument", { params: { path: { panel_id: form.panel_id } } })),
    form.panel_id,
  );
  const ready = instrument.status === "ready" ? instrument.data : null;
  const panels = usePanels();
  const community = panels?.find((p) => p.id === form.panel_id)?.kind === "community";
  const error = (id: string) => errors.find((e) => e.href === `#${id}`)?.text;
  const set = (patch: Partial<ReferralForm>) => setForm((f) => ({ ...f, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    try {
      const sent = await unwrap(() => client.POST("/api/v1/referrals", {
        body: toBody(form, ready, community),
        // One key per press: a retried request is answered once; a corrected form is a new one.
        headers: { "Idempotency-Key": crypto.randomUUID() },
      }));
      onSent(sent);
    } catch (caught) {
      if (!(caught instanceof ApiError)) return; // an ended session: the sign-in form is shown
      const byField = errorsByField(caught.fieldErrors);
      const friendly = Object.fromEntries(
        Object.entries(byField).map(([id, detail]) => [id, friendlyError(id, detail, ready)]),
      );
      const list = summaryFrom(friendly, (id) => document.getElementById(id) !== null);
      setErrors(list.length ? list : [{ href: "#", text: caught.message }]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <PageHeading caption={panelIds.length === 1 ? panelLabel(form.panel_id) : undefined}>New referral</PageHeading>
        <p className="govuk-body">
          Refer someone at high risk of serious harm to a MARAC. Ask the victim before you refer
          where it is safe to do so. Everything you enter is seen only by the panel.
        </p>
        <form onSubmit={submit} noValidate>
          {panelIds.length > 1 && (
            <Select id="panel_id" label="Panel" value={form.panel_id} error={error("panel_id")}
              hint="The questions below are the chosen panel's risk checklist"
              onChange={(panel_id) => set({ panel_id })}
              options={panelIds.map((id) => ({ value: id, label: panelLabel(id) }))} />
          )}
          <TextInput id="referral_date" label="Referral date" type="date" width="10"
            value={form.referral_date} error={error("referral_date")}
            onChange={(referral_date) => set({ referral_date })} />

          <h2 className="govuk-heading-m">About you</h2>
          <TextInput id="referrer-name" label="Your name" autoComplete="name" value={form.referrer.name}
            error={error("referrer-name")} onChange={(name) => set({ referrer: { ...form.referrer, name } })} />
          <TextInput id="referrer-role" label="Your role (optional)" autoComplete="organization-title"
            value={form.referrer.role} error={error("referrer-role")}
            onChange={(role) => set({ referrer: { ...form.referrer, role } })} />
          <TextInput id="referrer-email" label="Your work email address (optional)" type="email" autoComplete="email"
            spellCheck={false} value={form.referrer.email} error={error("referrer-email")}
            onChange={(email) => set({ referrer: { ...form.referrer, email } })} />
          <TextInput id="referrer-phone" label="Your work phone number (optional)" type="tel" autoComplete="tel" width="20"
            value={form.referrer.phone} error={error("referrer-phone")}
            onChange={(phone) => set({ referrer: { ...form.referrer, phone } })} />

          <h2 className="govuk-heading-m">The victim</h2>
          <TextInput id="victim-given_names" label="Given names" autoComplete="off" spellCheck={false}
            value={form.victim.given_names} error={error("victim-given_names")}
            onChange={(given_names) => set({ victim: { ...form.victim, given_names } })} />
          <TextInput id="victim-family_name" label="Family name" autoComplete="off" spellCheck={false}
            value={form.victim.family_name} error={error("victim-family_name")}
            onChange={(family_name) => set({ victim: { ...form.victim, family_name } })} />
          <TextInput id="victim-date_of_birth" label="Date of birth" type="date" width="10" autoComplete="off"
            value={form.victim.date_of_birth} error={error("victim-date_of_birth")}
            onChange={(date_of_birth) => set({ victim: { ...form.victim, date_of_birth } })} />
          <TextInput id="victim-postcode" label="Postcode (optional)" width="10" autoComplete="off"
            value={form.victim.postcode} error={error("victim-postcode")}
            onChange={(postcode) => set({ victim: { ...form.victim, postcode } })} />
          <TextInput id="victim-phone" label="Safe phone number (optional)" type="tel" width="20" autoComplete="off"
            hint="Only a number it is safe to call"
            value={form.victim.phone} error={error("victim-phone")}
            onChange={(phone) => set({ victim: { ...form.victim, phone } })} />
          <Radios id="victim_aware" legend="Does the victim know about this referral?" value={form.victim_aware}
            error={error("victim_aware")} onChange={(v) => set({ victim_aware: v as ReferralForm["victim_aware"] })}
            options={[
              { value: "yes", label: "Yes" },
              { value: "no", label: "No", reveal: (
                <Textarea id="victim_unaware_reason" label="Why not?" rows={3}
                  value={form.victim_unaware_reason} error={error("victim_unaware_reason")}
                  onChange={(victim_unaware_reason) => set({ victim_unaware_reason })} />
              ) },
            ]} />
          <Radios id="consent-status" legend="Has the victim consented to the referral?" value={form.consent_status}
            hint="A referral can be made without consent when the risk is high"
            error={error("consent-status")} onChange={(v) => set({ consent_status: v as ReferralForm["consent_status"] })}
            options={[
              { value: "given", label: "Yes, consent given", reveal: (
                <Radios id="consent-method" legend="How was consent given?" compact value={form.consent_method}
                  error={error("consent-method")} onChange={(v) => set({ consent_method: v as ReferralForm["consent_method"] })}
                  options={[{ value: "verbal", label: "Verbally" }, { value: "written", label: "In writing" }]} />
              ) },
              { value: "refused", label: "No, consent refused", reveal: (
                <Textarea id="consent-reason" label="Why refer without consent?" rows={3}
                  value={form.consent_reason} error={error("consent-reason")}
                  onChange={(consent_reason) => set({ consent_reason })} />
              ) },
              { value: "not_sought", label: "Consent not sought", reveal: (
                <Textarea id="consent-reason" label="Why was consent not sought?" rows={3}
                  value={form.consent_reason} error={error("consent-reason")}
                  onChange={(consent_reason) => set({ consent_reason })} />
              ) },
            ]} />

          <SafetyDetails form={form} error={error} onChange={(safety) => set({ safety: { ...form.safety, ...safety } })} />
          <PeopleRows list="perpetrators" form={form} error={error} onChange={(perpetrators) => set({ perpetrators })} />
          <PeopleRows list="children" form={form} error={error} onChange={(children) => set({ children })} />
          <PeopleRows list="household_members" form={form} error={error}
            onChange={(household_members) => set({ household_members })} />

          <h2 className="govuk-heading-m">The referral</h2>
          <Textarea id="reason" label="Reason for the referral" rows={5}
            hint="What has happened and why you think the risk is high"
            value={form.reason} error={error("reason")} onChange={(reason) => set({ reason })} />
          <Textarea id="risks_identified" label="Risks identified (optional)" rows={3}
            hint="One on each line, for example: strangulation"
            value={form.risks_identified} error={error("risks_identified")}
            onChange={(risks_identified) => set({ risks_identified })} />

          {community && <CommunityCriteria form={form} error={error}
            onChange={(change) => set({ community: { ...form.community, ...change } })} />}
          {instrument.status === "loading" && <Loading />}
          {instrument.status === "error" && <LoadError error={instrument.error} />}
          {ready && <Checklist instrument={ready} answers={form.answers} error={error}
            onAnswer={(id, value) => set({ answers: { ...form.answers, [id]: value } })} />}

          <Textarea id="professional_judgement" label="Professional judgement (optional)" rows={4}
            hint="If you refer below the checklist's threshold, say why you judge the risk to be high"
            value={form.professional_judgement} error={error("professional_judgement")}
            onChange={(professional_judgement) => set({ professional_judgement })} />
          <button type="submit" className="govuk-button" disabled={busy || !ready}>Send referral</button>
        </form>
      </div>
    </div>
  );
}

function Checklist({ instrument, answers, error, onAnswer }: {
  instrument: Instrument;
  answers: Record<string, string>;
  error(id: string): string | undefined;
  onAnswer(questionId: string, value: string): void;
}) {
  const { score, answered, total, met } = scoreSoFar(instrument, answers);
  return (
    <>
      <h2 className="govuk-heading-m">{instrument.title}</h2>
      <p className="govuk-body">
        Answer every question. A score of {instrument.threshold} or more meets the panel's threshold.
      </p>
      {sections(instrument).map((group) => (
        <div key={group.title}>
          {group.title && <h3 className="govuk-heading-s">{group.title}</h3>}
          {group.questions.map((q) => {
            const id = `risk_assessment-answers-${q.id}`;
            return (
              <Radios key={q.id} id={id} compact legend={`${q.order}. ${q.text}`} value={answers[q.id] ?? ""}
                error={error(id)} onChange={(value) => onAnswer(q.id, value)}
                options={q.options.map((o) => ({ value: o.value, label: o.label }))} />
            );
          })}
        </div>
      ))}
      <div className="govuk-inset-text" aria-live="polite">
        {answered} of {total} answered. Score so far: {score} of {instrument.max_score}{" "}
        {met ? <Tag colour="green">Threshold met</Tag> : <Tag colour="grey">Below threshold</Tag>}
      </div>
    </>
  );
}

function Sent({ referral, onAnother }: { referral: Submitted; onAnother(): void }) {
  const me = useMe();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <PageHeading>Referral sent</PageHeading>
        <div className="govuk-panel govuk-panel--confirmation">
          <h2 className="govuk-panel__title">The panel has your referral</h2>
          <div className="govuk-panel__body">Reference<br /><strong>{shortRef(referral.id)}</strong></div>
        </div>
        <p className="govuk-body">
          {referral.eligible
            ? "It meets the criteria for a MARAC. The coordinator triages it next."
            : "It does not meet the criteria on its own. The coordinator looks at it and may still accept it."}
        </p>
        {seesReferrals(me) && (
          <p className="govuk-body">
            <Link className="govuk-link" to={`/referrals/${referral.id}`}>View the referral</Link>
          </p>
        )}
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onAnother}>
          Send another referral
        </button>
      </div>
    </div>
  );
}
