// Actions: an agency representative's open actions (their agency's), a coordinator's or
// chair's for the whole panel with its overdue list; one action's page to close it (done with
// an outcome, not done with a reason) with If-Match; and the case page's list of its actions.
import { useState } from "react";
import type { FormEvent } from "react";
import { Link, Route, Routes, useParams, useSearchParams } from "react-router";
import { ApiError, asProblem, client, unwrap } from "../../api/client";
import { usePanelLabel } from "../../app/panels";
import { ACTION_READERS, panelsWhere, runsActions } from "../../app/permissions";
import { useMe } from "../../app/session";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Radios, Select, Textarea } from "../../components/fields";
import { LoadError, Loading, PageHeading, SummaryList, Tag, useLoad } from "../../components/page";
import type { SummaryError } from "../../lib/fieldErrors";
import { formatDate, humanise, shortRef } from "../../lib/format";
import { HistoryPage } from "./HistoryPage";
import { ReassignAction } from "./ReassignAction";
import { actionState, updateBody, updateErrors } from "./update";
import type { Action, UpdateForm } from "./update";
import { SuccessBanner } from "../../components/SuccessBanner";
import { Conflict } from "../../components/Conflict";

export function ActionRoutes() {
  return (
    <Routes>
      <Route index element={<ActionsPage />} />
      <Route path=":actionId" element={<ActionPage />} />
      <Route path=":actionId/history" element={<HistoryPage />} />
    </Routes>
  );
}

type Page = { items: Action[]; next_cursor: string | null };

/** The lists also answer CSV (for spreadsheets); the screens ask for, and read, JSON. */
function jsonPage(data: Page | string): Page {
  if (typeof data === "string") throw new ApiError(500, null);
  return data;
}

function ActionsPage() {
  const me = useMe();
  const panelLabel = usePanelLabel();
  const panels = panelsWhere(me, ACTION_READERS);
  const [params, setParams] = useSearchParams();
  const panelId = params.get("panel") ?? panels[0] ?? "";
  const cursor = params.get("cursor") ?? "";
  const overdueCursor = params.get("overdue") ?? "";
  const runs = runsActions(me, panelId);
  const [open] = useLoad(
    () => unwrap(() => client.GET("/api/v1/actions", {
      params: { query: { panel_id: panelId, limit: 25, ...(cursor ? { cursor } : {}) } },
    })).then(jsonPage),
    `${panelId}/${cursor}`,
  );
  const [overdue] = useLoad<Page | null>(
    () => runs
      ? unwrap(() => client.GET("/api/v1/panels/{panel_id}/actions/overdue", {
        params: { path: { panel_id: panelId }, query: { limit: 25, ...(overdueCursor ? { cursor: overdueCursor } : {}) } },
      })).then(jsonPage)
      : Promise.resolve(null),
    `${panelId}/${overdueCursor}/${runs}`,
  );
  const page = (patch: Record<string, string>) => {
    const next = { panel: panelId, cursor, overdue: overdueCursor, ...patch };
    setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v)));
  };
  return (
    <>
      <PageHeading caption={panels.length === 1 ? panelLabel(panelId) : undefined}>Actions</PageHeading>
      {panels.length > 1 && (
        <Select id="panel" label="Panel" value={panelId} onChange={(panel) => setParams({ panel })}
          options={panels.map((p) => ({ value: p, label: panelLabel(p) }))} />
      )}
      <p className="govuk-body">
        {runs
          ? "Every agency's open actions on this panel, the earliest due first. Overdue ones are marked."
          : "Your agency's open actions, the earliest due first. Overdue ones are marked."}
      </p>
      {open.status === "loading" && <Loading />}
      {open.status === "error" && <LoadError error={open.error} />}
      {open.status === "ready" && (
        <>
          <ActionTable caption={runs ? "Open actions of the panel" : "Your agency's open actions"}
            items={open.data.items} empty="There are no open actions." showAgency={runs} />
          <Pager label="Pages of open actions" first={!!cursor} next={open.data.next_cursor}
            onFirst={() => page({ cursor: "" })} onNext={(c) => page({ cursor: c })} />
        </>
      )}
      {runs && overdue.status === "error" && <LoadError error={overdue.error} />}
      {runs && overdue.status === "ready" && overdue.data && (
        <>
          <ActionTable caption="Overdue actions" items={overdue.data.items}
            empty="No action of this panel is overdue." showAgency />
          <Pager label="Pages of overdue actions" first={!!overdueCursor} next={overdue.data.next_cursor}
            onFirst={() => page({ overdue: "" })} onNext={(c) => page({ overdue: c })} />
        </>
      )}
    </>
  );
}

function Pager({ label, first, next, onFirst, onNext }: {
  label: string; first: boolean; next: string | null; onFirst(): void; onNext(cursor: string): void;
}) {
  if (!first && !next) return null;
  return (
    <nav className="govuk-pagination govuk-pagination--block" aria-label={label}>
      {first && (
        <div className="govuk-pagination__prev">
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onFirst}>First page</button>
        </div>
      )}
      {next && (
        <div className="govuk-pagination__next">
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onNext(next)}>Next page</button>
        </div>
      )}
    </nav>
  );
}

/** A table of actions; each links to its page (where the owner or a runner updates it). */
export function ActionTable({ caption, items, empty, showAgency, hiddenCaption = false }: {
  caption: string; items: Action[]; empty: string; showAgency: boolean; hiddenCaption?: boolean;
}) {
  if (!items.length) {
    return (
      <>
        {!hiddenCaption && <h2 className="govuk-heading-m">{caption}</h2>}
        <p className="govuk-body">{empty}</p>
      </>
    );
  }
  return (
    <table className="govuk-table">
      <caption className={`govuk-table__caption ${hiddenCaption ? "govuk-visually-hidden" : "govuk-table__caption--m"}`}>{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Due</th>
          <th scope="col" className="govuk-table__header">Action</th>
          {showAgency && <th scope="col" className="govuk-table__header">Agency</th>}
          <th scope="col" className="govuk-table__header">Case</th>
          <th scope="col" className="govuk-table__header">Status</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {items.map((a) => {
          const state = actionState(a);
          return (
            <tr className="govuk-table__row" key={a.id}>
              <td className="govuk-table__cell">{formatDate(a.due_on)}</td>
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/actions/${a.id}`}>{humanise(a.category)}</Link>
                <br />{a.description}
              </td>
              {showAgency && <td className="govuk-table__cell">{a.owner_agency}</td>}
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/cases/${a.case_id}`}>Case {shortRef(a.case_id)}</Link>
              </td>
              <td className="govuk-table__cell"><Tag colour={state.colour}>{state.text}</Tag></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The case page's actions (all of them, open and closed, as the API lists them). */
export function CaseActions({ caseId }: { caseId: string }) {
  const [cursor, setCursor] = useState("");
  const [actions] = useLoad(
    () => unwrap(() => client.GET("/api/v1/cases/{case_id}/actions", {
      params: { path: { case_id: caseId }, query: { limit: 50, ...(cursor ? { cursor } : {}) } },
    })).then(jsonPage),
    `${caseId}/${cursor}`,
  );
  if (actions.status === "loading") return null;
  if (actions.status === "error") {
    // Roles that may read the case but not its action plan are simply not shown it.
    return actions.error instanceof ApiError && actions.error.status === 403 ? null : <LoadError error={actions.error} />;
  }
  return (
    <>
      <h2 className="govuk-heading-m">Actions</h2>
      <ActionTable caption="Actions of this case" hiddenCaption items={actions.data.items}
        empty="No actions have been agreed for this case yet." showAgency />
      <Pager label="Pages of this case's actions" first={!!cursor} next={actions.data.next_cursor}
        onFirst={() => setCursor("")} onNext={setCursor} />
    </>
  );
}

async function loadAction(actionId: string): Promise<{ action: Action; etag: string }> {
  let etag = "";
  const action = await unwrap(async () => {
    const result = await client.GET("/api/v1/actions/{action_id}", { params: { path: { action_id: actionId } } });
    etag = result.response.headers.get("ETag") ?? "";
    return result;
  });
  if (!etag) throw new ApiError(500, asProblem(null));
  return { action, etag };
}

function ActionPage() {
  const { actionId = "" } = useParams();
  const me = useMe();
  const panelLabel = usePanelLabel();
  const [loaded, reload] = useLoad(() => loadAction(actionId), actionId);
  if (loaded.status === "loading") return <Loading />;
  if (loaded.status === "error") return <LoadError error={loaded.error} />;
  const { action: a, etag } = loaded.data;
  const state = actionState(a);
  return (
    <>
      <Link to={`/actions?panel=${a.panel_id}`} className="govuk-back-link">Back to actions</Link>
      <PageHeading caption={panelLabel(a.panel_id)}>{`Action: ${humanise(a.category)}`}</PageHeading>
      <SummaryList rows={[
        ["Action", a.description],
        ["Agency", a.owner_agency],
        ["Due", formatDate(a.due_on)],
        ["Status", <Tag colour={state.colour}>{state.text}</Tag>],
        ["Case", <Link className="govuk-link" to={`/cases/${a.case_id}`}>Case {shortRef(a.case_id)}</Link>],
        ["Agreed at", <Link className="govuk-link" to={`/meetings/${a.meeting_id}`}>The meeting</Link>],
        ...(a.progress ? [["Progress", a.progress] as [string, string]] : []),
        ...(a.outcome ? [["Outcome", a.outcome] as [string, string]] : []),
        ...(a.reason ? [["Why not done", a.reason] as [string, string]] : []),
        ...(a.closed_on ? [["Closed", formatDate(a.closed_on)] as [string, string]] : []),
      ]} />
      <p className="govuk-body">
        <Link className="govuk-link" to={`/actions/${a.id}/history`}>See the action's history</Link>
      </p>
      {a.status === "open" && <UpdateAction action={a} etag={etag} onReload={reload} />}
      {a.status === "open" && runsActions(me, a.panel_id) && <ReassignAction action={a} etag={etag} onReload={reload} />}
    </>
  );
}

function UpdateAction({ action, etag, onReload }: { action: Action; etag: string; onReload(): void }) {
  const [form, setForm] = useState<UpdateForm>({ status: "", outcome: "", reason: "" });
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState("");
  const errorFor = (id: string) => errors.find((e) => e.href === `#${id}`)?.text;
  const set = (patch: Partial<UpdateForm>) => setForm((f) => ({ ...f, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setConflict(false);
    if (!form.status) {
      setErrors([{ href: "#status", text: "Select whether the action is done or not done" }]);
      return;
    }
    setBusy(true);
    try {
      await unwrap(() => client.PATCH("/api/v1/actions/{action_id}", {
        params: { path: { action_id: action.id }, header: { "If-Match": etag } },
        body: updateBody(form),
      }));
      setErrors([]);
      setSaved(form.status === "done" ? "Action updated: done." : "Action updated: not done.");
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setConflict(true);
        setErrors([{ href: "#reload", text: "Someone else changed this action while you were looking at it" }]);
      } else {
        setErrors(updateErrors(error));
      }
    } finally {
      setBusy(false);
    }
  }

  if (saved) {
    return (
      <SuccessBanner id="saved" heading={saved}>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onReload}>Show the action</button>
      </SuccessBanner>
    );
  }
  return (
    <section aria-labelledby="update-heading">
      <h2 className="govuk-heading-m" id="update-heading">Update the action</h2>
      <ErrorSummary errors={errors} />
      {conflict && (
        <Conflict what="action" buttonId="reload"
          onReload={() => { setConflict(false); setErrors([]); onReload(); }} />
      )}
      <form onSubmit={submit} noValidate>
        <Radios id="status" legend="Is the action done?" value={form.status} error={errorFor("status")}
          onChange={(v) => set({ status: v as UpdateForm["status"] })}
          options={[
            {
              value: "done", label: "Done",
              reveal: <Textarea id="outcome" label="Outcome" hint="What was done, and what came of it."
                value={form.outcome} onChange={(v) => set({ outcome: v })} error={errorFor("outcome")} />,
            },
            {
              value: "not_done", label: "Not done",
              reveal: <Textarea id="reason" label="Why it was not done"
                value={form.reason} onChange={(v) => set({ reason: v })} error={errorFor("reason")} />,
            },
          ]} />
        <button type="submit" className="govuk-button" disabled={busy}>Save the update</button>
      </form>
    </section>
  );
}
