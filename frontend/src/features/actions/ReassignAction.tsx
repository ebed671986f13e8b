// Re-assigning an open action (coordinator or chair): at a later meeting already held, to
// another agency recorded as attending it, optionally with a new due date; If-Match, and a 412
// offers a reload while what was typed stays.
import { useState } from "react";
import type { FormEvent } from "react";
import { ApiError, client, unwrap } from "../../api/client";
import { usePanels } from "../../app/panels";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Select, Textarea, TextInput } from "../../components/fields";
import { LoadError, Loading, useLoad } from "../../components/page";
import type { SummaryError } from "../../lib/fieldErrors";
import { formatDate, shortRef } from "../../lib/format";
import { reassignBody, reassignChecks, reassignErrors } from "./changes";
import type { ReassignForm } from "./changes";
import type { Action } from "./update";
import { SuccessBanner } from "../../components/SuccessBanner";
import { Conflict } from "../../components/Conflict";

function todayIso(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** Meetings of the panel held after the one that agreed the action, up to today. */
async function laterMeetings(action: Action) {
  const agreed = await unwrap(() => client.GET("/api/v1/meetings/{meeting_id}", {
    params: { path: { meeting_id: action.meeting_id } },
  }));
  const list = await unwrap(() => client.GET("/api/v1/meetings", {
    params: { query: { panel_id: action.panel_id, from: agreed.held_on, to: todayIso(), limit: 50 } },
  }));
  return list.items.filter((m) => m.held_on > agreed.held_on && m.status !== "cancelled");
}

export function ReassignAction({ action, etag, onReload }: { action: Action; etag: string; onReload(): void }) {
  const panels = usePanels();
  const agencies = panels?.find((p) => p.id === action.panel_id)?.member_agencies ?? [];
  const agencyName = (id: string) => agencies.find((a) => a.agency_id === id)?.name ?? `Agency ${shortRef(id)}`;
  const [meetings] = useLoad(() => laterMeetings(action), action.id);
  const [form, setForm] = useState<ReassignForm>({ meetingId: "", ownerAgencyId: "", dueOn: "", reason: "" });
  const [attendance] = useLoad(
    () => form.meetingId
      ? unwrap(() => client.GET("/api/v1/meetings/{meeting_id}/attendance", {
        params: { path: { meeting_id: form.meetingId } },
      })).then((list) => list.items)
      : Promise.resolve([]),
    form.meetingId,
  );
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState("");
  const errorFor = (id: string) => errors.find((e) => e.href === `#${id}`)?.text;
  const set = (patch: Partial<ReassignForm>) => setForm((f) => ({ ...f, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setConflict(false);
    const checks = reassignChecks(form);
    if (checks.length) {
      setErrors(checks);
      return;
    }
    setBusy(true);
    try {
      const after = await unwrap(() => client.POST("/api/v1/actions/{action_id}/reassignment", {
        params: { path: { action_id: action.id }, header: { "If-Match": etag } },
        body: reassignBody(form),
      }));
      setErrors([]);
      setSaved(`Action re-assigned to ${after.owner_agency}, due ${formatDate(after.due_on)}.`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setConflict(true);
        setErrors([{ href: "#reload-reassign", text: "Someone else changed this action while you were looking at it" }]);
      } else {
        setErrors(reassignErrors(error));
      }
    } finally {
      setBusy(false);
    }
  }

  if (saved) {
    return (
      <SuccessBanner id="reassigned" heading={saved}>
        <button type="button" className="govuk-button govuk-button--secondary"
          onClick={() => { setSaved(""); setForm({ meetingId: "", ownerAgencyId: "", dueOn: "", reason: "" }); onReload(); }}>
          Show the action
        </button>
      </SuccessBanner>
    );
  }
  const present = attendance.status === "ready"
    ? [...new Set(attendance.data.filter((a) => !a.apologies).map((a) => a.agency_id))]
      .filter((id) => id !== action.owner_agency_id)
    : [];
  return (
    <section aria-labelledby="reassign-heading">
      <h2 className="govuk-heading-m" id="reassign-heading">Re-assign the action</h2>
      {meetings.status === "loading" && <Loading />}
      {meetings.status === "error" && <LoadError error={meetings.error} />}
      {meetings.status === "ready" && meetings.data.length === 0 && (
        <p className="govuk-body">
          An action is re-assigned at a later meeting, to an agency attending it. No meeting of
          this panel has been held since the one that agreed it.
        </p>
      )}
      {meetings.status === "ready" && meetings.data.length > 0 && (
        <>
          <ErrorSummary errors={errors} />
          {conflict && (
            <Conflict what="action" buttonId="reload-reassign"
              onReload={() => { setConflict(false); setErrors([]); onReload(); }} />
          )}
          <form onSubmit={submit} noValidate>
            <Select id="meeting_id" label="Meeting that re-assigns it" value={form.meetingId}
              error={errorFor("meeting_id")} onChange={(meetingId) => set({ meetingId, ownerAgencyId: "" })}
              options={[{ value: "", label: "Select a meeting" },
                ...meetings.data.map((m) => ({ value: m.id, label: formatDate(m.held_on) }))]} />
            <Select id="owner_agency_id" label="Agency taking it on"
              hint="Agencies recorded as attending that meeting, other than the current owner."
              value={form.ownerAgencyId} error={errorFor("owner_agency_id")}
              onChange={(ownerAgencyId) => set({ ownerAgencyId })}
              options={[{ value: "", label: form.meetingId ? "Select an agency" : "Select a meeting first" },
                ...present.map((id) => ({ value: id, label: agencyName(id) }))]} />
            <TextInput id="due_on" type="date" label="New due date (optional)" width="10"
              hint={`Leave empty to keep ${formatDate(action.due_on)}.`}
              value={form.dueOn} error={errorFor("due_on")} onChange={(dueOn) => set({ dueOn })} />
            <Textarea id="reason" label="Why it is re-assigned" rows={3} value={form.reason}
              error={errorFor("reason")} onChange={(reason) => set({ reason })} />
            <button type="submit" className="govuk-button" disabled={busy}>Re-assign the action</button>
          </form>
        </>
      )}
    </section>
  );
}
