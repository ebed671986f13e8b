// One action's history (GET /actions/{id}/history, oldest first): each change with who made
// it, when, at which meeting, and every field it moved, before and after.
import { Link, useParams } from "react-router";
import { client, unwrap } from "../../api/client";
import { usePanelLabel, usePanels } from "../../app/panels";
import { LoadError, Loading, PageHeading, useLoad } from "../../components/page";
import { formatDate, formatDateTime, humanise, shortRef } from "../../lib/format";
import { FIELD_LABELS, KIND_LABELS, fieldChanges } from "./changes";

export function HistoryPage() {
  const { actionId = "" } = useParams();
  const panelLabel = usePanelLabel();
  const panels = usePanels();
  const [loaded] = useLoad(async () => {
    const action = await unwrap(() => client.GET("/api/v1/actions/{action_id}", { params: { path: { action_id: actionId } } }));
    const history = await unwrap(() => client.GET("/api/v1/actions/{action_id}/history", { params: { path: { action_id: actionId } } }));
    return { action, changes: history.items };
  }, actionId);
  if (loaded.status === "loading") return <Loading />;
  if (loaded.status === "error") return <LoadError error={loaded.error} />;
  const { action, changes } = loaded.data;
  const agencies = panels?.find((p) => p.id === action.panel_id)?.member_agencies ?? [];
  const agencyName = (id: string) => agencies.find((a) => a.agency_id === id)?.name ?? `Agency ${shortRef(id)}`;
  const show = (field: string, value: string | null) => {
    if (value === null) return <span className="govuk-hint govuk-!-margin-bottom-0">None</span>;
    if (field === "owner_agency_id") return agencyName(value);
    if (field === "due_on") return formatDate(value);
    if (field === "status") return humanise(value);
    return value;
  };
  return (
    <>
      <Link to={`/actions/${action.id}`} className="govuk-back-link">Back to the action</Link>
      <PageHeading caption={panelLabel(action.panel_id)}>{`History: ${humanise(action.category)}`}</PageHeading>
      <p className="govuk-body">{action.description}</p>
      {changes.length === 0 && <p className="govuk-body">No changes are recorded.</p>}
      {changes.map((c, n) => (
        <table className="govuk-table" key={c.id}>
          <caption className="govuk-table__caption govuk-table__caption--m">
            {`${n + 1}. ${KIND_LABELS[c.kind] ?? humanise(c.kind)}`}
            <span className="govuk-caption-m">
              {formatDateTime(c.at)} by {c.by_kind === "api_key" ? "an agency system" : "a person"} of {agencyName(c.by_agency_id)}
              {c.meeting_id && <> at <Link className="govuk-link" to={`/meetings/${c.meeting_id}`}>a meeting</Link></>}
            </span>
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">What</th>
              <th scope="col" className="govuk-table__header">Before</th>
              <th scope="col" className="govuk-table__header">After</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {fieldChanges(c).map((f) => (
              <tr className="govuk-table__row" key={f.field}>
                <th scope="row" className="govuk-table__header">{FIELD_LABELS[f.field] ?? humanise(f.field)}</th>
                <td className="govuk-table__cell">{c.before === null ? "" : show(f.field, f.before)}</td>
                <td className="govuk-table__cell">{show(f.field, f.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </>
  );
}
