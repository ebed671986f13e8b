import { useState } from "react";
import type { FormEvent } from "react";
import { ApiError, client, unwrap } from "../../api/client";
import type { Schemas } from "../../api/client";
import { useAgencies } from "../../app/panels";
import { useMe } from "../../app/session";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Select, TextInput } from "../../components/fields";
import { LoadError, Loading, PageHeading, Tag, useLoad } from "../../components/page";
import type { SummaryError } from "../../lib/fieldErrors";
import { formatDate } from "../../lib/format";
import { SuccessBanner } from "../../components/SuccessBanner";

export function ApiKeysPage() {
  const [keys, reload] = useLoad(() => unwrap(() => client.GET("/api/v1/admin/api-keys", { params: { query: { limit: 100 } } })), "keys");
  const [issued, setIssued] = useState<Schemas["ApiKeyIssued"] | null>(null);

  async function revoke(id: string) {
    await unwrap(() => client.POST("/api/v1/admin/api-keys/{key_id}/revoke", { params: { path: { key_id: id } } }));
    reload();
  }

  return (
    <>
      <PageHeading>API keys</PageHeading>
      {issued && <IssuedKey issued={issued} onDone={() => setIssued(null)} />}
      {keys.status === "loading" && <Loading />}
      {keys.status === "error" && <LoadError error={keys.error} />}
      {keys.status === "ready" && keys.data.items.length === 0 && <p className="govuk-body">No API keys have been issued.</p>}
      {keys.status === "ready" && keys.data.items.length > 0 && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Keys partner systems use</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Name</th>
              <th scope="col" className="govuk-table__header">Scopes</th>
              <th scope="col" className="govuk-table__header">Expires</th>
              <th scope="col" className="govuk-table__header">Status</th>
              <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {keys.data.items.map((k) => (
              <tr className="govuk-table__row" key={k.id}>
                <td className="govuk-table__cell">{k.name}</td>
                <td className="govuk-table__cell">{k.scopes.join(", ")}</td>
                <td className="govuk-table__cell">{formatDate(k.expires_at)}</td>
                <td className="govuk-table__cell">
                  <Tag colour={k.revoked_at ? "grey" : "green"}>{k.revoked_at ? "Revoked" : "Active"}</Tag>
                </td>
                <td className="govuk-table__cell">
                  {!k.revoked_at && (
                    <button type="button" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0" onClick={() => void revoke(k.id)}>
                      Revoke<span className="govuk-visually-hidden"> {k.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewKey onIssued={(k) => { setIssued(k); reload(); }} />
    </>
  );
}

function IssuedKey({ issued, onDone }: { issued: Schemas["ApiKeyIssued"]; onDone(): void }) {
  const [copied, setCopied] = useState(false);
  return (
    <SuccessBanner id="issued" title="Key issued" focus
      heading={`Copy the key for ${issued.name} now: this is the only time it is shown.`}>
        <p className="app-secret" id="issued-key">{issued.key}</p>
        <div className="govuk-button-group">
          <button type="button" className="govuk-button"
            onClick={() => void navigator.clipboard.writeText(issued.key).then(() => setCopied(true), () => setCopied(false))}>
            {copied ? "Copied" : "Copy key"}
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onDone}>I have stored it</button>
        </div>
        <p className="govuk-visually-hidden" role="status">{copied ? "Key copied to the clipboard" : ""}</p>
    </SuccessBanner>
  );
}

function NewKey({ onIssued }: { onIssued(key: Schemas["ApiKeyIssued"]): void }) {
  const me = useMe();
  const [name, setName] = useState("");
  const [agencyId, setAgencyId] = useState(me.agency_id);
  const agencies = useAgencies();
  const [read, setRead] = useState(false);
  const [errors, setErrors] = useState<SummaryError[]>([]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setErrors([{ href: "#key-name", text: "Enter a name for the key" }]);
    try {
      const scopes: Schemas["Scope"][] = read ? ["referrals:submit", "referrals:read"] : ["referrals:submit"];
      onIssued(await unwrap(() => client.POST("/api/v1/admin/api-keys", {
        body: { name: name.trim(), agency_id: agencyId.trim(), scopes, expires_in_days: 90 },
      })));
      setErrors([]);
      setName("");
    } catch (error) {
      if (error instanceof ApiError) setErrors([{ href: "#key-name", text: error.message }]);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-key-heading">
      <h2 className="govuk-heading-m" id="new-key-heading">Issue a key</h2>
      <ErrorSummary errors={errors} />
      <TextInput id="key-name" label="Name" hint="Which system uses it, for example: Police case system"
        value={name} onChange={setName} error={errors.find((e) => e.href === "#key-name")?.text} />
      {agencies && agencies.length > 0 ? (
        <Select id="key-agency" label="Agency" hint="The agency the key's referrals are attributed to."
          value={agencyId} onChange={setAgencyId} options={agencies.map((ag) => ({ value: ag.id, label: ag.name }))} />
      ) : (
        <TextInput id="key-agency" label="Agency reference" hint="The agency the key's referrals are attributed to."
          value={agencyId} onChange={setAgencyId} spellCheck={false} />
      )}
      <div className="govuk-form-group">
        <div className="govuk-checkboxes govuk-checkboxes--small">
          <div className="govuk-checkboxes__item">
            <input className="govuk-checkboxes__input" id="key-read" type="checkbox" checked={read} onChange={(e) => setRead(e.target.checked)} />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="key-read">
              May also read back the referrals it submitted
            </label>
          </div>
        </div>
      </div>
      <button type="submit" className="govuk-button">Issue key</button>
    </form>
  );
}
