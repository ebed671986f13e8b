// One meeting: its dates and warnings; the agenda and its publication; the meeting day
// (attendance, confidentiality declarations, each case's discussion); the minutes.
import { useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { Link, useParams } from "react-router";
import { ApiError, client, unwrap } from "../../api/client";
import type { Schemas } from "../../api/client";
import { usePanelLabel, usePanels } from "../../app/panels";
import { panelsWhere, seesCases } from "../../app/permissions";
import { useMe } from "../../app/session";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Radios, Select, Textarea, TextInput } from "../../components/fields";
import { LoadError, Loading, PageHeading, SummaryList, Tag, useLoad } from "../../components/page";
import { errorsByField, summaryFrom } from "../../lib/fieldErrors";
import type { SummaryError } from "../../lib/fieldErrors";
import { formatDate, formatDateTime, humanise, shortRef } from "../../lib/format";
import { meetingWarnings } from "./deadlines";
import type { Meeting } from "./deadlines";
import { RecordActions } from "./RecordActions";
import { CASE_READERS, RUNNERS, STATUS_COLOUR, todayIso } from "./routes";

type Agenda = Schemas["AgendaRead"];
type AgendaCase = Schemas["AgendaCase"];
type Attendance = Schemas["AttendanceRead"];

const SECTION_TITLES: Record<Schemas["Section"], string> = {
  introductions: "Introductions",
  confidentiality_statement: "Confidentiality statement",
  outstanding_actions: "Outstanding actions",
  cases_with_children: "Cases with children",
  adult_only_cases: "Adult-only cases",
  twelve_month_notifications: "12-month notifications",
  any_other_business: "Any other business",
};

/** Errors of a refused write, for the error summary: field errors when the API names fields. */
function problemSummary(error: unknown, fallbackId: string): SummaryError[] {
  if (!(error instanceof ApiError)) return [];
  const list = summaryFrom(errorsByField(error.fieldErrors), (id) => document.getElementById(id) !== null);
  return list.length ? list : [{ href: `#${fallbackId}`, text: error.message }];
}

export function MeetingPage() {
  const { meetingId = "" } = useParams();
  const me = useMe();
  const panelLabel = usePanelLabel();
  const [meeting] = useLoad(
    () => unwrap(() => client.GET("/api/v1/meetings/{meeting_id}", { params: { path: { meeting_id: meetingId } } })),
    meetingId,
  );
  if (meeting.status === "loading") return <Loading />;
  if (meeting.status === "error") return <LoadError error={meeting.error} />;
  const m = meeting.data;
  const readsCases = panelsWhere(me, CASE_READERS).includes(m.panel_id);
  return (
    <>
      <Link to={`/meetings?panel=${m.panel_id}`} className="govuk-back-link">Back to meetings</Link>
      <PageHeading caption={panelLabel(m.panel_id)}>
        {`${m.kind === "emergency" ? "Emergency meeting" : "Meeting"} on ${formatDate(m.held_on)}`}
      </PageHeading>
      <SummaryList rows={[
        ["Status", <Tag colour={STATUS_COLOUR[m.status]}>{humanise(m.status)}</Tag>],
        ["Referral cut-off", m.kind === "emergency" ? "None: an emergency meeting" : formatDate(m.referral_cutoff)],
        ["Agenda due", formatDate(m.agenda_due)],
        ["Minutes due", formatDate(m.minutes_due)],
        ...(m.emergency_reason ? [["Why an emergency", m.emergency_reason] as [string, ReactNode]] : []),
        // The reasons are free text for the case readers only: others see the dates alone.
        ...(m.moved_from ? [["Moved", `From ${formatDate(m.moved_from)}${m.move_reason ? `: ${m.move_reason}` : ""}`] as [string, ReactNode]] : []),
        ...(m.cancel_reason ? [["Cancelled", m.cancel_reason] as [string, ReactNode]] : []),
      ]} />
      {readsCases ? <MeetingRecord meeting={m} /> : (
        <p className="govuk-body">The agenda and minutes are for the panel's members who work on cases.</p>
      )}
    </>
  );
}

function MeetingRecord({ meeting }: { meeting: Meeting }) {
  const me = useMe();
  const id = meeting.id;
  const [agenda, reloadAgenda] = useLoad(
    () => unwrap(() => client.GET("/api/v1/meetings/{meeting_id}/agenda", { params: { path: { meeting_id: id } } })), id);
  const [minutes, reloadMinutes] = useLoad(
    () => unwrap(() => client.GET("/api/v1/meetings/{meeting_id}/minutes", { params: { path: { meeting_id: id } } })), id);
  const today = todayIso();
  const published = agenda.status === "ready" ? agenda.data.published !== null : undefined;
  const circulated = minutes.status === "ready" ? minutes.data.circulated !== null : undefined;
  const warnings = meetingWarnings(meeting, today, { agendaPublished: published, minutesCirculated: circulated });
  const roles = me.panels.find((p) => p.panel_id === meeting.panel_id)?.roles ?? [];
  const coordinator = roles.includes("coordinator");
  const runner = roles.some((r) => RUNNERS.includes(r));
  const open = meeting.status !== "cancelled";
  const refresh = () => {
    reloadAgenda();
    reloadMinutes();
  };
  return (
    <>
      {warnings.map((w) => (
        <div className="govuk-warning-text" key={w.text}>
          <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong className="govuk-warning-text__text"><span className="govuk-visually-hidden">Warning</span>{w.text}</strong>
        </div>
      ))}
      <h2 className="govuk-heading-l">Agenda</h2>
      {agenda.status === "loading" && <Loading />}
      {agenda.status === "error" && <LoadError error={agenda.error} />}
      {agenda.status === "ready" && (
        <AgendaView agenda={agenda.data} canPublish={coordinator && open} onPublished={reloadAgenda} />
      )}
      {runner && meeting.status === "listed" && meeting.held_on >= today && (
        <LateAdditions meeting={meeting} onAgreed={refresh} />
      )}
      {open && meeting.held_on <= today && agenda.status === "ready" && (
        <>
          <h2 className="govuk-heading-l">Meeting day</h2>
          <MeetingDay meeting={meeting} agenda={agenda.data} runner={runner} onRecorded={refresh} />
        </>
      )}
      {open && meeting.held_on <= today && (
        <>
          <h2 className="govuk-heading-l">Minutes</h2>
          {minutes.status === "loading" && <Loading />}
          {minutes.status === "error" && <LoadError error={minutes.error} />}
          {minutes.status === "ready" && (
            <MinutesView minutes={minutes.data} canCirculate={coordinator} onCirculated={reloadMinutes} />
          )}
        </>
      )}
    </>
  );
}

function person(p: Schemas["PersonSummary"] | null): string {
  if (!p) return "Not named";
  const name = [p.given_names, p.family_name].filter(Boolean).join(" ") || "Not named";
  return p.date_of_birth ? `${name}, born ${formatDate(p.date_of_birth)}` : name;
}

function CaseLink({ c }: { c: AgendaCase }) {
  const me = useMe();
  const label = person(c.victim);
  return seesCases(me) ? <Link className="govuk-link" to={`/cases/${c.case_id}`}>{label}</Link> : <>{label}</>;
}

function AgendaView({ agenda, canPublish, onPublished }: { agenda: Agenda; canPublish: boolean; onPublished(): void }) {
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [busy, setBusy] = useState(false);
  const cases = agenda.sections.flatMap((s) => s.cases ?? []);
  async function publish() {
    setBusy(true);
    try {
      await unwrap(() => client.POST("/api/v1/meetings/{meeting_id}/agenda/publications", {
        params: { path: { meeting_id: agenda.meeting_id } }, body: {},
      }));
      setErrors([]);
      onPublished();
    } catch (error) {
      setErrors(problemSummary(error, "publish"));
    } finally {
      setBusy(false);
    }
  }
  const p = agenda.published;
  return (
    <>
      <ErrorSummary errors={errors} />
      <p className="govuk-body">
        {p ? (
          <>
            <Tag colour={p.late ? "orange" : "green"}>{p.late ? "Published late" : "Published"}</Tag>{" "}
            Version {p.version}, sent {formatDateTime(p.published_at)} to {p.agency_ids.length} agencies.
          </>
        ) : <><Tag colour="grey">Not published</Tag> Due by {formatDate(agenda.agenda_due)}.</>}
      </p>
      {p && agenda.changed_since_published && (
        <div className="govuk-inset-text">The agenda has changed since it was published. Publish it again to send the new version.</div>
      )}
      {agenda.sections.map((section) => (
        <div key={section.kind}>
          <h3 className="govuk-heading-s">{SECTION_TITLES[section.kind]}</h3>
          {(section.cases ?? []).length > 0 ? (
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-visually-hidden">{SECTION_TITLES[section.kind]}</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Victim</th>
                  <th scope="col" className="govuk-table__header">Referred</th>
                  <th scope="col" className="govuk-table__header">By</th>
                  <th scope="col" className="govuk-table__header">Notes</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {(section.cases ?? []).map((c) => (
                  <tr className="govuk-table__row" key={c.hearing_id}>
                    <td className="govuk-table__cell"><CaseLink c={c} /></td>
                    <td className="govuk-table__cell">{formatDate(c.referral_date)}</td>
                    <td className="govuk-table__cell">{c.referring_agency}</td>
                    <td className="govuk-table__cell">
                      {c.repeat && <Tag colour="orange">Repeat</Tag>} {c.late_addition && <Tag colour="purple">Late addition</Tag>}
                      {c.children.length > 0 && ` ${c.children.length} child${c.children.length === 1 ? "" : "ren"}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (section.notifications ?? []).length > 0 ? (
            <ul className="govuk-list govuk-list--bullet">
              {(section.notifications ?? []).map((n) => (
                <li key={n.case_id}>Case {shortRef(n.case_id)}: last heard {formatDate(n.last_heard_on)}, flagged until {formatDate(n.flagged_until)}</li>
              ))}
            </ul>
          ) : section.kind === "cases_with_children" || section.kind === "adult_only_cases" ? (
            <p className="govuk-body">No cases.</p>
          ) : null}
        </div>
      ))}
      {cases.length === 0 && <p className="govuk-body">No cases are listed on this meeting yet.</p>}
      {canPublish && (!p || agenda.changed_since_published) && (
        <button type="button" id="publish" className="govuk-button" disabled={busy} onClick={() => void publish()}>
          {p ? "Publish the new version" : "Publish the agenda"}
        </button>
      )}
    </>
  );
}

function MeetingDay({ meeting, agenda, runner, onRecorded }: {
  meeting: Meeting; agenda: Agenda; runner: boolean; onRecorded(): void;
}) {
  const me = useMe();
  const panels = usePanels();
  const agencies = panels?.find((p) => p.id === meeting.panel_id)?.member_agencies ?? [];
  const agencyName = (agencyId: string) => agencies.find((a) => a.agency_id === agencyId)?.name ?? `Agency ${shortRef(agencyId)}`;
  const [attendance, reload] = useLoad(
    () => unwrap(() => client.GET("/api/v1/meetings/{meeting_id}/attendance", { params: { path: { meeting_id: meeting.id } } })),
    meeting.id,
  );
  const [errors, setErrors] = useState<SummaryError[]>([]);
  // A deferred case leaves this meeting's agenda, so what happened is said above the list.
  const [notice, setNotice] = useState("");
  const roles = me.panels.find((p) => p.panel_id === meeting.panel_id)?.roles ?? [];
  const mayRecordAttendance = runner || roles.includes("agency_representative");
  const choices = runner ? agencies : agencies.filter((a) => a.agency_id === me.agency_id);

  async function declare(row: Attendance) {
    try {
      await unwrap(() => client.POST("/api/v1/meetings/{meeting_id}/declarations", {
        params: { path: { meeting_id: meeting.id } }, body: { attendance_id: row.id },
      }));
      setErrors([]);
      reload();
    } catch (error) {
      setErrors(problemSummary(error, `declare-${row.id}`));
    }
  }

  if (attendance.status === "loading") return <Loading />;
  if (attendance.status === "error") return <LoadError error={attendance.error} />;
  const present = attendance.data.items.filter((a) => !a.apologies);
  const apologies = attendance.data.items.filter((a) => a.apologies);
  const allSigned = present.length > 0 && present.every((a) => a.declared_at);
  const cases = agenda.sections.flatMap((s) => s.cases ?? []);
  const presentAgencies = [...new Set(present.map((a) => a.agency_id))]
    .map((agencyId) => ({ agencyId, name: agencyName(agencyId) }));
  return (
    <>
      <ErrorSummary errors={errors} />
      <h3 className="govuk-heading-m">Attendance</h3>
      {present.length === 0 && <p className="govuk-body">Nobody is recorded as attending yet.</p>}
      {present.length > 0 && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Who attends, in arrival order</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Name</th>
              <th scope="col" className="govuk-table__header">Agency</th>
              <th scope="col" className="govuk-table__header">Arrived</th>
              <th scope="col" className="govuk-table__header">Confidentiality declaration</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {present.map((a) => (
              <tr className="govuk-table__row" key={a.id}>
                <td className="govuk-table__cell">{a.person_name} ({humanise(a.standing)})</td>
                <td className="govuk-table__cell">{agencyName(a.agency_id)}</td>
                <td className="govuk-table__cell">{formatDateTime(a.arrived_at)}</td>
                <td className="govuk-table__cell">
                  {a.declared_at ? <Tag colour="green">Signed</Tag> : runner ? (
                    <button type="button" id={`declare-${a.id}`} className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                      onClick={() => void declare(a)}>
                      Record signed<span className="govuk-visually-hidden"> declaration for {a.person_name}</span>
                    </button>
                  ) : <Tag colour="grey">Not signed</Tag>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {apologies.length > 0 && (
        <p className="govuk-body">Apologies: {apologies.map((a) => `${a.person_name} (${agencyName(a.agency_id)})`).join(", ")}.</p>
      )}
      {mayRecordAttendance && choices.length > 0 && (
        <AttendanceForm meetingId={meeting.id} agencies={choices} onRecorded={reload} />
      )}
      <h3 className="govuk-heading-m">Cases</h3>
      <p className="govuk-body" role="status">{notice}</p>
      {!allSigned && cases.length > 0 && (
        <div className="govuk-inset-text">Discussions can be recorded once everyone present has signed the declaration.</div>
      )}
      {cases.map((c) => (
        <details className="govuk-details" key={c.hearing_id}>
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">{person(c.victim)}</span>
          </summary>
          <div className="govuk-details__text">
            <CaseOnTheDay meetingId={meeting.id} hearing={c} agencies={agencies} runner={runner}
              allSigned={allSigned} onRecorded={(how) => {
                if (how === "deferred") setNotice(`${person(c.victim)}: deferred to the next meeting.`);
                onRecorded();
              }} />
            {runner && presentAgencies.length > 0 && (
              <RecordActions meetingId={meeting.id} heldOn={meeting.held_on} caseId={c.case_id}
                hearingId={c.hearing_id} present={presentAgencies} />
            )}
          </div>
        </details>
      ))}
    </>
  );
}

function AttendanceForm({ meetingId, agencies, onRecorded }: {
  meetingId: string; agencies: Schemas["MemberAgency"][]; onRecorded(): void;
}) {
  const [name, setName] = useState("");
  const [agencyId, setAgencyId] = useState(agencies[0]?.agency_id ?? "");
  const [standing, setStanding] = useState("lead");
  const [presence, setPresence] = useState("attending");
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const error = (id: string) => errors.find((e) => e.href === `#${id}`)?.text;
  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await unwrap(() => client.POST("/api/v1/meetings/{meeting_id}/attendance", {
        params: { path: { meeting_id: meetingId } },
        body: {
          person_name: name.trim(), agency_id: agencyId, standing: standing as "lead" | "deputy",
          apologies: presence === "apologies", arrived_at: presence === "apologies" ? null : new Date().toISOString(),
        },
      }));
      setName("");
      setErrors([]);
      onRecorded();
    } catch (caught) {
      setErrors(problemSummary(caught, "person_name"));
    }
  }
  return (
    <form onSubmit={submit} noValidate className="govuk-!-margin-bottom-6">
      <ErrorSummary errors={errors} />
      <h4 className="govuk-heading-s">Record who attends</h4>
      <TextInput id="person_name" label="Name" autoComplete="off" value={name} onChange={setName} error={error("person_name")} />
      <Select id="agency_id" label="Agency" value={agencyId} onChange={setAgencyId} error={error("agency_id")}
        options={agencies.map((a) => ({ value: a.agency_id, label: a.name }))} />
      <Radios id="standing" legend="Standing" compact value={standing} onChange={setStanding} error={error("standing")}
        options={[{ value: "lead", label: "Lead" }, { value: "deputy", label: "Deputy" }]} />
      <Radios id="apologies" legend="Attending?" compact value={presence} onChange={setPresence}
        options={[{ value: "attending", label: "Attending now" }, { value: "apologies", label: "Sends apologies" }]} />
      <button type="submit" className="govuk-button govuk-button--secondary">Record attendance</button>
    </form>
  );
}

/** One case on the meeting day: its discussion, or its deferral (runners), then what was done. */
function CaseOnTheDay({ meetingId, hearing, agencies, runner, allSigned, onRecorded }: {
  meetingId: string; hearing: AgendaCase; agencies: Schemas["MemberAgency"][]; runner: boolean;
  allSigned: boolean; onRecorded(how: "heard" | "deferred"): void;
}) {
  const [closed, setClosed] = useState<"heard" | "deferred" | null>(null);
  const close = (how: "heard" | "deferred") => {
    setClosed(how);
    onRecorded(how);
  };
  if (closed === "heard") return <p className="govuk-body"><Tag colour="green">Heard</Tag> The discussion is recorded.</p>;
  if (closed === "deferred") return <p className="govuk-body"><Tag colour="orange">Deferred</Tag> The case goes to the next meeting.</p>;
  return (
    <>
      {runner && allSigned ? (
        <DiscussionForm meetingId={meetingId} hearing={hearing} agencies={agencies} onRecorded={() => close("heard")} />
      ) : <p className="govuk-body">Referred by {hearing.referring_agency} on {formatDate(hearing.referral_date)}.</p>}
      {runner && <DeferralForm meetingId={meetingId} hearing={hearing} onDeferred={() => close("deferred")} />}
    </>
  );
}

function DiscussionForm({ meetingId, hearing, agencies, onRecorded }: {
  meetingId: string; hearing: AgendaCase; agencies: Schemas["MemberAgency"][]; onRecorded(): void;
}) {
  const prefix = `discussion-${hearing.hearing_id}`;
  const [lead, setLead] = useState(agencies[0]?.agency_id ?? "");
  const [presentation, setPresentation] = useState("");
  const [updater, setUpdater] = useState("");
  const [views, setViews] = useState("");
  const [risks, setRisks] = useState("");
  const [errors, setErrors] = useState<SummaryError[]>([]);
  // The API's pointers name body fields; this form's ids carry the hearing so several forms can
  // share the page, so errors are mapped by their last part.
  const error = (field: string) => errors.find((e) => e.href === `#${prefix}-${field}`)?.text;
  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await unwrap(() => client.POST("/api/v1/meetings/{meeting_id}/discussions", {
        params: { path: { meeting_id: meetingId } },
        body: {
          hearing_id: hearing.hearing_id, lead_agency_id: lead, referrer_presentation: presentation.trim(),
          victim_updater: updater.trim(), victim_views: views.trim() || null,
          risks: risks.split("\n").map((r) => r.trim()).filter(Boolean), shared: [],
        },
      }));
      setErrors([]);
      onRecorded();
    } catch (caught) {
      if (!(caught instanceof ApiError)) return;
      const byField = errorsByField(caught.fieldErrors);
      const list = Object.entries(byField).map(([id, text]) => ({ href: `#${prefix}-${id}`, text }));
      setErrors(list.length ? list : [{ href: `#${prefix}-lead_agency_id`, text: caught.message }]);
    }
  }
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} />
      <Select id={`${prefix}-lead_agency_id`} label="Lead agency" value={lead} onChange={setLead}
        error={error("lead_agency_id")} options={agencies.map((a) => ({ value: a.agency_id, label: a.name }))} />
      <Textarea id={`${prefix}-referrer_presentation`} label="Referrer's presentation" rows={3}
        value={presentation} onChange={setPresentation} error={error("referrer_presentation")} />
      <TextInput id={`${prefix}-victim_updater`} label="Who tells the victim the outcome"
        hint="Usually the IDVA" value={updater} onChange={setUpdater} error={error("victim_updater")} />
      <Textarea id={`${prefix}-victim_views`} label="The victim's views (optional)" rows={3}
        value={views} onChange={setViews} error={error("victim_views")} />
      <Textarea id={`${prefix}-risks`} label="Risks discussed (optional)" hint="One on each line" rows={3}
        value={risks} onChange={setRisks} error={error("risks")} />
      <button type="submit" className="govuk-button">Record the discussion</button>
    </form>
  );
}

function MinutesView({ minutes, canCirculate, onCirculated }: {
  minutes: Schemas["MinutesRead"]; canCirculate: boolean; onCirculated(): void;
}) {
  const [errors, setErrors] = useState<SummaryError[]>([]);
  async function circulate() {
    try {
      await unwrap(() => client.POST("/api/v1/meetings/{meeting_id}/minutes/circulations", {
        params: { path: { meeting_id: minutes.meeting_id } }, body: {},
      }));
      setErrors([]);
      onCirculated();
    } catch (error) {
      setErrors(problemSummary(error, "circulate"));
    }
  }
  const c = minutes.circulated;
  return (
    <>
      <ErrorSummary errors={errors} />
      <p className="govuk-body">
        {c ? <><Tag colour={c.late ? "orange" : "green"}>{c.late ? "Circulated late" : "Circulated"}</Tag> {formatDateTime(c.published_at)}.</>
          : <><Tag colour={minutes.overdue ? "red" : "grey"}>{minutes.overdue ? "Overdue" : "Not circulated"}</Tag> Due by {formatDate(minutes.minutes_due)}.</>}
      </p>
      <SummaryList rows={[
        ["Present", minutes.attendance.map((a) => a.person_name).join(", ") || "Nobody recorded"],
        ["Apologies", minutes.apologies.map((a) => a.person_name).join(", ") || "None"],
      ]} />
      {minutes.cases.map((mc) => (
        <div key={mc.summary.hearing_id}>
          <h3 className="govuk-heading-s">{person(mc.summary.victim)}: {humanise(mc.outcome)}</h3>
          {mc.referrer_presentation && <p className="govuk-body">{mc.referrer_presentation}</p>}
          {(mc.risks ?? []).length > 0 && <p className="govuk-body">Risks: {(mc.risks ?? []).join("; ")}</p>}
          {mc.victim_updater && <p className="govuk-body">Tells the victim: {mc.victim_updater}</p>}
          {mc.deferral_reason && <p className="govuk-body">Deferred: {mc.deferral_reason}</p>}
        </div>
      ))}
      {canCirculate && !c && (
        <button type="button" id="circulate" className="govuk-button" onClick={() => void circulate()}>Circulate the minutes</button>
      )}
    </>
  );
}

/**
 * The agenda builder's part after the cut-off: a case joins this meeting late only when both the
 * coordinator and the chair agree (each records their own agreement here).
 */
function LateAdditions({ meeting, onAgreed }: { meeting: Meeting; onAgreed(): void }) {
  const me = useMe();
  const [hearings, reload] = useLoad(
    () => unwrap(() => client.GET("/api/v1/hearings", { params: { query: { panel_id: meeting.panel_id, limit: 100 } } })),
    meeting.id,
  );
  const [errors, setErrors] = useState<SummaryError[]>([]);
  if (hearings.status !== "ready") return hearings.status === "error" ? <LoadError error={hearings.error} /> : null;
  const candidates = hearings.data.items.filter(
    (h) => (h.status === "waiting" || h.status === "listed") && h.meeting_id !== meeting.id,
  );
  async function agree(hearingId: string) {
    try {
      await unwrap(() => client.POST("/api/v1/hearings/{hearing_id}/late-addition", {
        params: { path: { hearing_id: hearingId } }, body: { meeting_id: meeting.id },
      }));
      setErrors([]);
      reload();
      onAgreed();
    } catch (error) {
      setErrors(problemSummary(error, `late-${hearingId}`));
    }
  }
  return (
    <>
      <h3 className="govuk-heading-m">Add a case after the cut-off</h3>
      <ErrorSummary errors={errors} />
      {!candidates.length && <p className="govuk-body">No other case is waiting to be heard.</p>}
      {candidates.length > 0 && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Cases that could join this meeting late</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Case</th>
              <th scope="col" className="govuk-table__header">Now</th>
              <th scope="col" className="govuk-table__header">Agreed by</th>
              <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Action</span></th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {candidates.map((h) => {
              const forThis = h.late_meeting_id === meeting.id;
              const agreed = [forThis && h.coordinator_agreed_at ? "coordinator" : "", forThis && h.chair_agreed_at ? "chair" : ""].filter(Boolean);
              const mine = forThis && ((h.coordinator_agreed_by === me.user_id) || (h.chair_agreed_by === me.user_id));
              return (
                <tr className="govuk-table__row" key={h.id}>
                  <td className="govuk-table__cell">
                    {seesCases(me) ? <Link className="govuk-link" to={`/cases/${h.case_id}`}>Case {shortRef(h.case_id)}</Link> : `Case ${shortRef(h.case_id)}`}
                    <br />Referred {formatDate(h.referral_date)}, to be heard by {formatDate(h.hearing_deadline)}
                  </td>
                  <td className="govuk-table__cell">
                    {h.status === "listed" ? "Listed on a later meeting" : "Waiting"}
                    {h.warning && <><br /><Tag colour="red">{humanise(h.warning)}</Tag></>}
                  </td>
                  <td className="govuk-table__cell">{agreed.length ? agreed.join(" and ") : "Nobody yet"}</td>
                  <td className="govuk-table__cell">
                    {mine ? "You agreed" : (
                      <button type="button" id={`late-${h.id}`} className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                        onClick={() => void agree(h.id)}>
                        Agree to add<span className="govuk-visually-hidden"> case {shortRef(h.case_id)} to this meeting</span>
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

/** Defers a listed case to the next meeting, with the reason the minutes will show. */
function DeferralForm({ meetingId, hearing, onDeferred }: { meetingId: string; hearing: AgendaCase; onDeferred(): void }) {
  const id = `defer-${hearing.hearing_id}-reason`;
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return setError("Enter why the case is deferred");
    try {
      await unwrap(() => client.POST("/api/v1/meetings/{meeting_id}/deferrals", {
        params: { path: { meeting_id: meetingId } }, body: { hearing_id: hearing.hearing_id, reason: reason.trim() },
      }));
      setError(undefined);
      onDeferred();
    } catch (caught) {
      if (caught instanceof ApiError) setError(caught.message);
    }
  }
  return (
    <form onSubmit={submit} noValidate>
      <Textarea id={id} label="Or defer it to the next meeting: why?" rows={2} value={reason} onChange={setReason} error={error} />
      <button type="submit" className="govuk-button govuk-button--warning">Defer the case</button>
    </form>
  );
}
