// Meetings: the calendar (cut-off, agenda and minutes dates with deadline warnings, and the
// cases whose hearing deadline is at risk) and one meeting's page.
import { Link, Route, Routes, useSearchParams } from "react-router";
import { client, unwrap } from "../../api/client";
import { usePanelLabel } from "../../app/panels";
import { panelsWhere, seesCases } from "../../app/permissions";
import type { Role } from "../../app/permissions";
import { useMe } from "../../app/session";
import { Select } from "../../components/fields";
import { LoadError, Loading, PageHeading, Tag, useLoad } from "../../components/page";
import { formatDate, humanise, shortRef } from "../../lib/format";
import { daysFrom, meetingWarnings, splitByDate } from "./deadlines";
import type { Meeting } from "./deadlines";
import { MeetingPage } from "./MeetingPage";

export const CASE_READERS: Role[] = ["coordinator", "chair", "agency_representative", "idva"];
export const RUNNERS: Role[] = ["coordinator", "chair"];

export function todayIso(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

export function MeetingRoutes() {
  return (
    <Routes>
      <Route index element={<CalendarPage />} />
      <Route path=":meetingId" element={<MeetingPage />} />
    </Routes>
  );
}

export const STATUS_COLOUR: Record<Meeting["status"], string> = {
  listed: "blue", started: "yellow", closed: "grey", cancelled: "red",
};

function CalendarPage() {
  const me = useMe();
  const panelLabel = usePanelLabel();
  const panels = me.panels.map((p) => p.panel_id);
  const [params, setParams] = useSearchParams();
  const panelId = params.get("panel") ?? panels[0] ?? "";
  const today = todayIso();
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - 92 * 86_400_000).toISOString().slice(0, 10);
  const [meetings] = useLoad(
    () => unwrap(() => client.GET("/api/v1/meetings", { params: { query: { panel_id: panelId, from, limit: 100 } } })),
    panelId,
  );
  const readsCases = panelsWhere(me, CASE_READERS).includes(panelId);
  return (
    <>
      <PageHeading caption={panels.length === 1 ? panelLabel(panelId) : undefined}>Meetings</PageHeading>
      {panels.length > 1 && (
        <Select id="panel" label="Panel" value={panelId} onChange={(panel) => setParams({ panel })}
          options={panels.map((p) => ({ value: p, label: panelLabel(p) }))} />
      )}
      {meetings.status === "loading" && <Loading />}
      {meetings.status === "error" && <LoadError error={meetings.error} />}
      {meetings.status === "ready" && <Calendar meetings={meetings.data.items} today={today} />}
      {readsCases && <HearingWarnings panelId={panelId} />}
    </>
  );
}

function Calendar({ meetings, today }: { meetings: Meeting[]; today: string }) {
  const { upcoming, past } = splitByDate(meetings, today);
  return (
    <>
      <MeetingTable caption="Upcoming meetings" meetings={upcoming} today={today}
        empty="No meetings are listed yet. The coordinator lists them." />
      {past.length > 0 && <MeetingTable caption="Recent meetings" meetings={past} today={today} empty="" />}
    </>
  );
}

function MeetingTable({ caption, meetings, today, empty }: {
  caption: string; meetings: Meeting[]; today: string; empty: string;
}) {
  if (!meetings.length) {
    return (
      <>
        <h2 className="govuk-heading-m">{caption}</h2>
        <p className="govuk-body">{empty}</p>
      </>
    );
  }
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Meeting</th>
          <th scope="col" className="govuk-table__header">Referral cut-off</th>
          <th scope="col" className="govuk-table__header">Agenda due</th>
          <th scope="col" className="govuk-table__header">Minutes due</th>
          <th scope="col" className="govuk-table__header">Status and warnings</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {meetings.map((m) => (
          <tr className="govuk-table__row" key={m.id}>
            <td className="govuk-table__cell">
              <Link className="govuk-link" to={`/meetings/${m.id}`}>{formatDate(m.held_on)}</Link>
              {m.kind === "emergency" && <> <Tag colour="red">Emergency</Tag></>}
            </td>
            <td className="govuk-table__cell">{m.kind === "emergency" ? "None (emergency)" : formatDate(m.referral_cutoff)}</td>
            <td className="govuk-table__cell">{formatDate(m.agenda_due)}</td>
            <td className="govuk-table__cell">{formatDate(m.minutes_due)}</td>
            <td className="govuk-table__cell">
              <Tag colour={STATUS_COLOUR[m.status]}>{humanise(m.status)}</Tag>
              {meetingWarnings(m, today).map((w) => (
                <span key={w.text}><br /><Tag colour={w.colour}>{w.text}</Tag></span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Cases whose hearing deadline is at risk (the API's warning), for those who read cases. */
function HearingWarnings({ panelId }: { panelId: string }) {
  const me = useMe();
  const [hearings] = useLoad(
    () => unwrap(() => client.GET("/api/v1/hearings", { params: { query: { panel_id: panelId, warned: true, limit: 100 } } })),
    panelId,
  );
  if (hearings.status !== "ready") return hearings.status === "error" ? <LoadError error={hearings.error} /> : null;
  const today = todayIso();
  const items = hearings.data.items;
  return (
    <>
      <h2 className="govuk-heading-m">Hearing warnings</h2>
      {!items.length && <p className="govuk-body">No case is at risk of missing its hearing deadline.</p>}
      {items.length > 0 && (
        <ul className="govuk-list">
          {items.map((h) => {
            const left = daysFrom(today, h.hearing_deadline);
            return (
              <li key={h.id}>
                <div className="govuk-warning-text govuk-!-margin-bottom-2">
                  <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
                  <strong className="govuk-warning-text__text">
                    <span className="govuk-visually-hidden">Warning</span>
                    {seesCases(me)
                      ? <Link className="govuk-link" to={`/cases/${h.case_id}`}>Case {shortRef(h.case_id)}</Link>
                      : `Case ${shortRef(h.case_id)}`}
                    {`: ${h.warning ?? "at risk"}. To be heard by ${formatDate(h.hearing_deadline)}`}
                    {left < 0 ? " (passed)." : ` (${left} day${left === 1 ? "" : "s"} left).`}
                  </strong>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
