import { useState } from "react";
import type { FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { client, unwrap } from "../../api/client";
import type { Schemas } from "../../api/client";
import { panelsWhere } from "../../app/permissions";
import { usePanelLabel } from "../../app/panels";
import { useMe } from "../../app/session";
import { Select, TextInput } from "../../components/fields";
import { LoadError, Loading, PageHeading, Tag, useLoad } from "../../components/page";
import { formatDate, formatDateTime, humanise } from "../../lib/format";
import { Eligibility } from "./Eligibility";
import { keepEligible, listQuery, readFilters, STATUSES, writeFilters } from "./filters";
import type { InboxFilters } from "./filters";

const PAGE_SIZE = 20;

export const STATUS_COLOUR: Record<Schemas["ReferralStatus"], string> = {
  submitted: "blue",
  accepted: "green",
  returned: "orange",
  redirected: "purple",
  withdrawn: "grey",
};

export function InboxPage() {
  const me = useMe();
  const panelLabel = usePanelLabel();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const [draft, setDraft] = useState<InboxFilters>(filters);
  const [page] = useLoad(
    () => unwrap(() => client.GET("/api/v1/referrals", { params: { query: listQuery(filters, PAGE_SIZE) } })),
    params.toString(),
  );
  // Cursor paging goes forwards only; earlier cursors are kept for "Previous".
  const [history, setHistory] = useState<string[]>([]);

  function apply(event: FormEvent) {
    event.preventDefault();
    setHistory([]);
    setParams(writeFilters({ ...draft, cursor: "" }));
  }

  function go(cursor: string, back: boolean) {
    setHistory((h) => (back ? h.slice(0, -1) : [...h, filters.cursor]));
    setParams(writeFilters({ ...filters, cursor }));
  }

  const panels = panelsWhere(me, ["coordinator", "chair", "agency_representative", "idva", "referrer"]);
  return (
    <>
      <PageHeading>Referrals</PageHeading>
      <form onSubmit={apply} className="govuk-!-margin-bottom-6" aria-label="Filter referrals">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-quarter">
            <Select id="filter-status" label="Status" value={draft.status}
              onChange={(v) => setDraft({ ...draft, status: v as InboxFilters["status"] })}
              options={[{ value: "", label: "All statuses" }, ...STATUSES.map((s) => ({ value: s, label: humanise(s) }))]} />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <Select id="filter-eligible" label="Eligibility" value={draft.eligible}
              onChange={(v) => setDraft({ ...draft, eligible: v as InboxFilters["eligible"] })}
              options={[{ value: "", label: "Any" }, { value: "yes", label: "Eligible" }, { value: "no", label: "Not eligible" }]} />
          </div>
          <div className="govuk-grid-column-one-half">
            <Select id="filter-panel" label="Panel" value={draft.panelId}
              onChange={(v) => setDraft({ ...draft, panelId: v })}
              options={[{ value: "", label: "All my panels" }, ...panels.map((p) => ({ value: p, label: panelLabel(p) }))]} />
          </div>
        </div>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-quarter">
            <TextInput id="filter-from" label="Submitted from" type="date" value={draft.from}
              onChange={(v) => setDraft({ ...draft, from: v })} />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <TextInput id="filter-to" label="Submitted to" type="date" value={draft.to}
              onChange={(v) => setDraft({ ...draft, to: v })} />
          </div>
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">Apply filters</button>
      </form>
      {page.status === "loading" && <Loading />}
      {page.status === "error" && <LoadError error={page.error} />}
      {page.status === "ready" && (
        <ReferralTable items={keepEligible(page.data.items, filters.eligible)} />
      )}
      {page.status === "ready" && (
        <nav className="govuk-pagination govuk-pagination--block" aria-label="Pages of referrals">
          {filters.cursor && (
            <div className="govuk-pagination__prev">
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => go(history.at(-1) ?? "", true)}>
                Previous page
              </button>
            </div>
          )}
          {page.data.next_cursor && (
            <div className="govuk-pagination__next">
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => go(page.data.next_cursor ?? "", false)}>
                Next page
              </button>
            </div>
          )}
        </nav>
      )}
    </>
  );
}

function ReferralTable({ items }: { items: Schemas["ReferralListItem"][] }) {
  const panelLabel = usePanelLabel();
  if (!items.length) return <p className="govuk-body">No referrals match these filters.</p>;
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">
        {items.length} referral{items.length === 1 ? "" : "s"} on this page
      </caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Submitted</th>
          <th scope="col" className="govuk-table__header">Victim</th>
          <th scope="col" className="govuk-table__header">Referred by</th>
          <th scope="col" className="govuk-table__header">Panel</th>
          <th scope="col" className="govuk-table__header">Status</th>
          <th scope="col" className="govuk-table__header">Eligibility</th>
          <th scope="col" className="govuk-table__header">Repeat</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {items.map((r) => (
          <tr className="govuk-table__row" key={r.id}>
            <td className="govuk-table__cell">
              <Link className="govuk-link" to={`/referrals/${r.id}`}>
                {formatDateTime(r.submitted_at)}
                <span className="govuk-visually-hidden"> referral dated {formatDate(r.referral_date)}</span>
              </Link>
            </td>
            <td className="govuk-table__cell">
              {r.victim ? `${r.victim.given_names} ${r.victim.family_name}` : "Not recorded"}
            </td>
            <td className="govuk-table__cell">{r.agency_name ?? "Unknown agency"}</td>
            <td className="govuk-table__cell">{panelLabel(r.panel_id)}</td>
            <td className="govuk-table__cell"><Tag colour={STATUS_COLOUR[r.status]}>{humanise(r.status)}</Tag></td>
            <td className="govuk-table__cell"><Eligibility referralId={r.id} eligible={r.eligible} /></td>
            <td className="govuk-table__cell">{r.is_repeat ? "Yes" : "No"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
