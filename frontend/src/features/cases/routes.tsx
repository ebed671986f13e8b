import { Link, Route, Routes, useParams, useSearchParams } from "react-router";
import { client, unwrap } from "../../api/client";
import { usePanelLabel } from "../../app/panels";
import { LoadError, Loading, PageHeading, SummaryList, Tag, useLoad } from "../../components/page";
import { formatDate, humanise, shortRef } from "../../lib/format";
import { STATUS_COLOUR } from "../referrals/InboxPage";
import { repeatWindow } from "./window";

export function CaseRoutes() {
  return (
    <Routes>
      <Route index element={<CaseListPage />} />
      <Route path=":caseId" element={<CasePage />} />
    </Routes>
  );
}

function CaseListPage() {
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
                  <Link className="govuk-link" to={`/cases/${c.id}`}>
                    {formatDate(c.opened_on)}<span className="govuk-visually-hidden"> case {shortRef(c.id)}</span>
                  </Link>
                </td>
                <td className="govuk-table__cell">{panelLabel(c.panel_id)}</td>
                <td className="govuk-table__cell">{formatDate(c.last_referral_date)}</td>
                <td className="govuk-table__cell">{repeatWindow(c.repeat_window_end, today)}</td>
                <td className="govuk-table__cell">
                  {c.flagged_until && c.flagged_until >= today ? <Tag colour="red">Flagged</Tag> : "None"}
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

function CasePage() {
  const { caseId = "" } = useParams();
  const panelLabel = usePanelLabel();
  const [loaded] = useLoad(
    () => unwrap(() => client.GET("/api/v1/cases/{case_id}", { params: { path: { case_id: caseId } } })),
    caseId,
  );
  if (loaded.status === "loading") return <Loading />;
  if (loaded.status === "error") return <LoadError error={loaded.error} />;
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
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {[...c.referrals].sort((a, b) => b.referral_date.localeCompare(a.referral_date)).map((r) => (
            <tr className="govuk-table__row" key={r.id}>
              <td className="govuk-table__cell"><Link className="govuk-link" to={`/referrals/${r.id}`}>{formatDate(r.referral_date)}</Link></td>
              <td className="govuk-table__cell"><Tag colour={STATUS_COLOUR[r.status]}>{humanise(r.status)}</Tag></td>
              <td className="govuk-table__cell">{r.eligible ? "Eligible" : "Not eligible"}</td>
              <td className="govuk-table__cell">{r.is_repeat ? "Yes" : "No"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="govuk-inset-text">
        Actions, meetings and information-sharing decisions for this case appear here once those
        parts of the service are available.
      </div>
    </>
  );
}
