// An agency representative's page of a case: the minimal summary (getCaseSummary), only of a
// case on a meeting their agency is invited to. Each read is logged by the API as a disclosure.
import { Link, useParams } from "react-router";
import { client, unwrap } from "../../api/client";
import type { Schemas } from "../../api/client";
import { usePanelLabel } from "../../app/panels";
import { Loading, PageHeading, SummaryList, useLoad } from "../../components/page";
import { formatDate } from "../../lib/format";
import { CaseProblem } from "./CaseProblem";
import { born, orNone, personName } from "./people";

type Person = Schemas["PersonSummary"];

export function CaseSummaryPage() {
  const { caseId = "" } = useParams();
  const panelLabel = usePanelLabel();
  const [loaded] = useLoad(
    () => unwrap(() => client.GET("/api/v1/cases/{case_id}/summary", { params: { path: { case_id: caseId } } })),
    caseId,
  );
  if (loaded.status === "loading") return <Loading />;
  if (loaded.status === "error") return <CaseProblem error={loaded.error} />;
  const s = loaded.data;
  return (
    <>
      <Link to="/cases" className="govuk-back-link">Back to cases</Link>
      <PageHeading caption={panelLabel(s.panel_id)}>Case summary</PageHeading>
      <div className="govuk-inset-text">
        This is the need-to-know summary of a case on a meeting your agency is invited to. It leaves
        out contact details and anything the victim asked to keep back. Your reading it is recorded.
      </div>
      <SummaryList rows={[
        ["Referral date", formatDate(s.referral_date)],
        ["Repeat referral", s.repeat ? "Yes" : "No"],
        ["Referring agency", s.referring_agency],
      ]} />
      <h2 className="govuk-heading-m">Victim</h2>
      {s.victim ? <PersonRows person={s.victim} /> : <p className="govuk-body">Not given.</p>}
      <People title="Perpetrators" people={s.perpetrators} none="No perpetrator is named." />
      <People title="Children" people={s.children} none="No children are named." />
    </>
  );
}

function PersonRows({ person }: { person: Person }) {
  return (
    <SummaryList rows={[
      ["Name", personName(person)],
      ["Also known as", person.aliases?.length ? person.aliases.join(", ") : "Not given"],
      ["Date of birth", born(person.date_of_birth)],
      ["Address", orNone(person.address)],
      ["Postcode", orNone(person.postcode)],
    ]} />
  );
}

function People({ title, people, none }: { title: string; people: Person[]; none: string }) {
  return (
    <>
      <h2 className="govuk-heading-m">{title}</h2>
      {people.length === 0 && <p className="govuk-body">{none}</p>}
      {people.length > 0 && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">{title} of this case</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Name</th>
              <th scope="col" className="govuk-table__header">Date of birth</th>
              <th scope="col" className="govuk-table__header">Address</th>
              <th scope="col" className="govuk-table__header">Postcode</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {people.map((p, i) => (
              <tr className="govuk-table__row" key={i}>
                <td className="govuk-table__cell">{personName(p)}</td>
                <td className="govuk-table__cell">{born(p.date_of_birth)}</td>
                <td className="govuk-table__cell">{orNone(p.address)}</td>
                <td className="govuk-table__cell">{orNone(p.postcode)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
