import { useState } from "react";
import type { FormEvent } from "react";
import { ApiError, client, unwrap } from "../../api/client";
import type { Schemas } from "../../api/client";
import { useAgencies, usePanelLabel, usePanels } from "../../app/panels";
import { useMe } from "../../app/session";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Select, TextInput } from "../../components/fields";
import { LoadError, Loading, PageHeading, Tag, useLoad } from "../../components/page";
import { errorsByField, summaryFrom } from "../../lib/fieldErrors";
import type { SummaryError } from "../../lib/fieldErrors";
import { humanise } from "../../lib/format";

const ROLES: Schemas["Role"][] = ["coordinator", "chair", "agency_representative", "referrer", "idva", "analyst"];

export function UsersPage() {
  const panelLabel = usePanelLabel();
  const [users, reload] = useLoad(() => unwrap(() => client.GET("/api/v1/admin/users", { params: { query: { limit: 100 } } })), "users");
  return (
    <>
      <PageHeading>Users</PageHeading>
      {users.status === "loading" && <Loading />}
      {users.status === "error" && <LoadError error={users.error} />}
      {users.status === "ready" && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">People who can sign in</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Email</th>
              <th scope="col" className="govuk-table__header">Roles</th>
              <th scope="col" className="govuk-table__header">Status</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {users.data.items.map((u) => (
              <tr className="govuk-table__row" key={u.id}>
                <td className="govuk-table__cell">{u.email}</td>
                <td className="govuk-table__cell">
                  {[u.is_administrator ? "Administrator" : "", ...u.memberships.map((m) => `${humanise(m.role)} (${panelLabel(m.panel_id)})`)]
                    .filter(Boolean).join(", ") || "None"}
                </td>
                <td className="govuk-table__cell">
                  <Tag colour={u.is_active ? "green" : "grey"}>{u.is_active ? "Active" : "Disabled"}</Tag>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewUser onCreated={reload} />
    </>
  );
}

function NewUser({ onCreated }: { onCreated(): void }) {
  const me = useMe();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [panelId, setPanelId] = useState("");
  const [agencyId, setAgencyId] = useState(me.agency_id);
  const panels = usePanels() ?? [];
  const agencies = useAgencies();
  const [role, setRole] = useState<Schemas["Role"]>("referrer");
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [created, setCreated] = useState("");
  const errorFor = (id: string) => errors.find((e) => e.href === `#${id}`)?.text;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setCreated("");
    try {
      const user = await unwrap(() => client.POST("/api/v1/admin/users", {
        body: {
          email: email.trim(),
          password,
          agency_id: agencyId,
          is_administrator: false,
          is_sharing_approver: false,
          memberships: panelId ? [{ panel_id: panelId, role }] : [],
        },
      }));
      setErrors([]);
      setEmail("");
      setPassword("");
      setCreated(user.email);
      onCreated();
    } catch (error) {
      if (!(error instanceof ApiError)) return;
      const byField = errorsByField(error.fieldErrors);
      setErrors(Object.keys(byField).length ? summaryFrom(byField) : [{ href: "#new-user-email", text: error.message }]);
    }
  }

  // The API points at body fields ("/email"); this form prefixes its ids to stay unique.
  const mapped = errors.map((e) => ({ ...e, href: e.href.startsWith("#new-user-") ? e.href : `#new-user-${e.href.slice(1)}` }));
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-user-heading">
      <h2 className="govuk-heading-m" id="new-user-heading">Add a user</h2>
      <ErrorSummary errors={mapped} />
      {created && <p className="govuk-body" role="status">Added {created}.</p>}
      <TextInput id="new-user-email" label="Email address" type="email" autoComplete="off" spellCheck={false}
        value={email} onChange={setEmail} error={errorFor("email") ?? errorFor("new-user-email")} />
      <TextInput id="new-user-password" label="Initial password" type="password" autoComplete="new-password"
        hint="12 to 128 characters, not a common password. Give it to the person by a separate channel."
        value={password} onChange={setPassword} error={errorFor("password")} />
      {agencies && agencies.length > 0 ? (
        <Select id="new-user-agency_id" label="Agency" value={agencyId} onChange={setAgencyId}
          error={errorFor("agency_id") ?? errorFor("new-user-agency_id")}
          options={agencies.map((a) => ({ value: a.id, label: a.name }))} />
      ) : <p className="govuk-body">The user joins your agency.</p>}
      <Select id="new-user-panel" label="Panel" value={panelId} onChange={setPanelId}
        options={[{ value: "", label: "No panel role yet" }, ...panels.map((p) => ({ value: p.id, label: p.name }))]} />
      <Select id="new-user-role" label="Role on the panel" value={role} onChange={(v) => setRole(v as Schemas["Role"])}
        options={ROLES.map((r) => ({ value: r, label: humanise(r) }))} />
      <button type="submit" className="govuk-button">Add user</button>
    </form>
  );
}
