import { Link, Route, Routes, useParams, useSearchParams } from "react-router";
import { client, unwrap } from "../../api/client";
import { usePanelLabel } from "../../app/panels";
import { LoadError, Loading, PageHeading, SummaryList, Tag, useLoad } from "../../components/page";
import { formatDate, humanise, shortRef } from "../../lib/format";
import { CaseActions } from "../actions/routes";
import { CaseSharing } from "../sharing/routes";
import { STATUS_COLOUR } from "../referrals/InboxPage";
import { useMe } from "../../app/session";
import { CaseProblem } from "./CaseProblem";
import { CaseSummaryPage } from "./CaseSummaryPage";
import { casePath, widestCaseReading } from "./reading";
import { SafetyPlanPage } from "./SafetyPlanPage";
import { repeatWindow } from "./window";

export function CaseRoutes() {
  return (
    <Routes>
      <Route index element={<CaseListPage />} />
      <Route path=":caseId" element={<CaseByRole />} />
      <Route path=":caseId/summary" element={<CaseSummaryPage />} />
      <Route path=":caseId/safety-plan" element={<SafetyPlanPage />} />
    </Routes>
  );
}

/** A bare case address (a bookmark, a link from a referral or meeting): the page the person's
 * widest view gives; the case list links straight to the page for the case's own panel. */
function CaseByRole() {
  const reading = widestCaseReading(useMe());
  if (reading === "safety_plan") return <SafetyPlanPage />;
  if (reading === "summary") return <CaseSummaryPage />;
  return <CasePage />;
}

function CaseListPage() {
  const me = useMe();
  const panelLabel = usePanelLabel();
  const [params, setParams] = useSearchParams();
  const cursor = params.get("cursor") ?? "";
  const [page] = useLoad(
    () => unwrap(() => client.GET("/api/v1/cases", { params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } } })),
    cursor,
  );
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <PageHeading>Cases</PageHeading>
      {page.status === "loading" && <Loading />}
      {page.status === "error" && <LoadError error={page.error} />}
      {page.status === "ready" && page.data.items.length === 0 && <p className="govuk-body">There are no cases yet.</p>}
      {page.status === "ready" && page.data.items.length > 0 && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Cases of your panels</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Victim</th>
              <th scope="col" className="govuk-table__header">Opened</th>
              <th scope="col" className="govuk-table__header">Panel</th>
              <th scope="col" className="govuk-table__header">Last referral</th>
              <th scope="col" className="govuk-table__header">Repeat window</th>
              <th scope="col" className="govuk-table__header">Flag</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {page.data.items.map((c) => (
              <tr className="govuk-table__row" key={c.id}>
                <td className="govuk-table__cell">
                  <CaseLink path={casePath(me, c.panel_id, c.id)}
                    label={c.victim ? `${c.victim.given_names} ${c.victim.family_name}` : `Case ${shortRef(c.id)}`} />
                  {c.victim?.date_of_birth && <><br />Born {formatDate(c.victim.date_of_birth)}</>}
                </td>
                <td className="govuk-table__cell">{formatDate(c.opened_on)}</td>
                <td className="govuk-table__cell">{panelLabel(c.panel_id)}</td>
                <td className="govuk-table__cell">{formatDate(c.last_referral_date)}</td>
                <td className="govuk-table__cell">{repeatWindow(c.repeat_window_end, today)}</td>
                <td className="govuk-table__cell">
                  {c.flagged ? <Tag colour="red">Flagged</Tag> : "None"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.status === "ready" && (
        <nav className="govuk-pagination govuk-pagination--block" aria-label="Pages of cases">
          {cursor && (
            <div className="govuk-pagination__prev">
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setParams({})}>First page</button>
            </div>
          )}
          {page.data.next_cursor && (
            <div className="govuk-pagination__next">
              <button type="button" className="govuk-button govuk-button--secondary"
                onClick={() => setParams({ cursor: page.data.next_cursor ?? "" })}>Next page</button>
            </div>
          )}
        </nav>
      )}
    </>
  );
}

/** The case's name, linked to the page the person reads of it (none: no link). */
function CaseLink({ path, label }: { path: string | null; label: string }) {
  return path ? <Link className="govuk-link" to={path}>{label}</Link> : <>{label}</>;
}

function CasePage() {
  const { caseId = "" } = useParams();
  const panelLabel = usePanelLabel();
  const [loaded] = useLoad(
    () => unwrap(() => client.GET("/api/v1/cases/{case_id}", { params: { path: { case_id: caseId } } })),
    caseId,
  );
  if (loaded.status === "loading") return <Loading />;
  if (loaded.status === "error") return <CaseProblem error={loaded.error} />;
  const c = loaded.data;
  const today = new Date().toISOString().slice(0, 10);
  const flagged = c.flagged_until !== null && c.flagged_until >= today;
  return (
    <>
      <Link to="/cases" className="govuk-back-link">Back to cases</Link>
      <PageHeading caption={panelLabel(c.panel_id)}>{`Case opened ${formatDate(c.opened_on)}`}</PageHeading>
      {flagged && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Flagged until {formatDate(c.flagged_until)}: any new incident comes back to the panel.
          </strong>
        </div>
      )}
      <SummaryList rows={[
        ["Opened", formatDate(c.opened_on)],
        ["Last referral", formatDate(c.last_referral_date)],
        ["Repeat window", repeatWindow(c.repeat_window_end, today)],
        ["Repeat referrals", String(c.repeat_count)],
        ["Last heard at a meeting", formatDate(c.last_heard_on)],
        ["Flag", flagged ? `Until ${formatDate(c.flagged_until)}` : "None"],
      ]} />
      <h2 className="govuk-heading-m">Referral history</h2>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-visually-hidden">Referrals of this case, newest first</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Referral date</th>
            <th scope="col" className="govuk-table__header">Status</th>
            <th scope="col" className="govuk-table__header">Eligibility</th>
            <th scope="col" className="govuk-table__header">Repeat</th>
            <th scope="col" className="govuk-table__header">Triage notes</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {[...c.referrals].sort((a, b) => b.referral_date.localeCompare(a.referral_date)).map((r) => (
            <tr className="govuk-table__row" key={r.id}>
              <td className="govuk-table__cell"><Link className="govuk-link" to={`/referrals/${r.id}`}>{formatDate(r.referral_date)}</Link></td>
              <td className="govuk-table__cell"><Tag colour={STATUS_COLOUR[r.status]}>{humanise(r.status)}</Tag></td>
              <td className="govuk-table__cell">{r.eligible ? "Eligible" : "Not eligible"}</td>
              <td className="govuk-table__cell">{r.is_repeat ? "Yes" : "No"}</td>
              <td className="govuk-table__cell">
                {[r.override_reason && `Accepted below the threshold: ${r.override_reason}`,
                  r.not_repeat_reason && `Not a repeat: ${r.not_repeat_reason}`].filter(Boolean).join(". ") || "None"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <CaseHearings caseId={c.id} panelId={c.panel_id} today={today} />
      <CaseActions caseId={c.id} />
      <CaseSharing caseId={c.id} panelId={c.panel_id} referrals={c.referrals} />
    </>
  );
}

const HEARING_STATUS: Record<string, string> = {
  waiting: "Waiting for a meeting", listed: "Listed", heard: "Heard", deferred: "Deferred",
};

/** The case's way to a meeting: where it is listed, its hearing deadline and any warning. */
function CaseHearings({ caseId, panelId, today }: { caseId: string; panelId: string; today: string }) {
  const [hearings] = useLoad(
    () => unwrap(() => client.GET("/api/v1/hearings", { params: { query: { panel_id: panelId, limit: 100 } } })),
    `${panelId}/${caseId}`,
  );
  if (hearings.status !== "ready") return hearings.status === "error" ? <LoadError error={hearings.error} /> : null;
  const mine = hearings.data.items.filter((h) => h.case_id === caseId);
  return (
    <>
      <h2 className="govuk-heading-m">Hearings</h2>
      {mine.filter((h) => h.warning).map((h) => (
        <div className="govuk-warning-text" key={`w-${h.id}`}>
          <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {humanise(h.warning ?? "")}: to be heard by {formatDate(h.hearing_deadline)}
            {h.hearing_deadline < today ? " (passed)" : ""}.
          </strong>
        </div>
      ))}
      {!mine.length && <p className="govuk-body">Not on a meeting yet.</p>}
      {mine.length > 0 && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Hearings of this case</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Referral of</th>
              <th scope="col" className="govuk-table__header">Status</th>
              <th scope="col" className="govuk-table__header">Heard by</th>
              <th scope="col" className="govuk-table__header">Meeting</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {mine.map((h) => (
              <tr className="govuk-table__row" key={h.id}>
                <td className="govuk-table__cell">{formatDate(h.referral_date)}</td>
                <td className="govuk-table__cell">
                  {HEARING_STATUS[h.status] ?? humanise(h.status)}
                  {h.late_addition && <> <Tag colour="purple">Late addition</Tag></>}
                </td>
                <td className="govuk-table__cell">{formatDate(h.hearing_deadline)}</td>
                <td className="govuk-table__cell">
                  {h.meeting_id ? <Link className="govuk-link" to={`/meetings/${h.meeting_id}`}>
                    Open the meeting<span className="govuk-visually-hidden"> for the referral of {formatDate(h.referral_date)}</span>
                  </Link> : "None yet"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
