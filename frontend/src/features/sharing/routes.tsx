// Information sharing: the panel's sharing decisions (filters: status, review overdue); propose
// one (Kent Appendix F) with an Idempotency-Key; change a draft, submit it, approve or refuse it
// (four eyes: a sharing approver of the proposing agency who did not propose it), withdraw it,
// review it, all with If-Match (a 412 offers a reload and keeps the typing); a referral's
// consent; and the case page's sharing basis.
import { useRef, useState } from "react";
import type { FormEvent } from "react";
import { Link, Route, Routes, useNavigate, useParams, useSearchParams } from "react-router";
import { ApiError, client, unwrap } from "../../api/client";
import { usePanelLabel } from "../../app/panels";
import { panelsWhere, SHARING_READERS } from "../../app/permissions";
import type { Me, Role } from "../../app/permissions";
import { useMe } from "../../app/session";
import { Radios, Select, TextInput, Textarea } from "../../components/fields";
import { LoadError, Loading, PageHeading, SummaryList, Tag, useLoad } from "../../components/page";
import { formatDate, formatDateTime, humanise, shortRef } from "../../lib/format";
import { DecisionFormFields, Summary } from "./DecisionForm";
import {
  apiErrors, consentBody, consentErrors, consentFormFrom, decisionBody, decisionErrors, emptyDecision,
  formFrom, GROUNDS, reviewBody, reviewErrors, STATUS,
} from "./form";
import type { ConsentForm, Decision, DecisionForm, DecisionStatus, Errors, ReviewForm } from "./form";
import { SuccessBanner } from "../../components/SuccessBanner";
import { Conflict } from "../../components/Conflict";

const PROPOSERS: Role[] = ["referrer", "agency_representative"];
const PANEL_WIDE: Role[] = ["coordinator", "chair"];
const CONSENT_KEEPERS: Role[] = ["coordinator", "chair", "idva"];
const PAGE_SIZE = 50;

export function SharingRoutes() {
  return (
    <Routes>
      <Route index element={<DecisionListPage />} />
      <Route path="new" element={<ProposePage />} />
      <Route path="consent/:referralId" element={<ConsentPage />} />
      <Route path=":decisionId" element={<DecisionPage />} />
      <Route path=":decisionId/edit" element={<EditPage />} />
    </Routes>
  );
}

const today = () => new Date().toISOString().slice(0, 10);
const has = (me: Me, panelId: string, roles: Role[]) => panelsWhere(me, roles).includes(panelId);

function StatusTag({ d }: { d: Pick<Decision, "status" | "review_overdue"> }) {
  const s = STATUS[d.status];
  return <><Tag colour={s.colour}>{s.text}</Tag>{d.review_overdue && <> <Tag colour="red">Review overdue</Tag></>}</>;
}

function DecisionTable({ items, caption, hiddenCaption = false }: { items: Decision[]; caption: string; hiddenCaption?: boolean }) {
  return (
    <table className="govuk-table">
      <caption className={`govuk-table__caption ${hiddenCaption ? "govuk-visually-hidden" : "govuk-table__caption--m"}`}>{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Review date</th>
          <th scope="col" className="govuk-table__header">Who is at risk</th>
          <th scope="col" className="govuk-table__header">Case</th>
          <th scope="col" className="govuk-table__header">Status</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {items.map((d) => (
          <tr className="govuk-table__row" key={d.id}>
            <td className="govuk-table__cell">{formatDate(d.review_date)}</td>
            <td className="govuk-table__cell">
              <Link className="govuk-link" to={`/sharing/${d.id}`}>{d.at_risk.length > 60 ? `${d.at_risk.slice(0, 57)}…` : d.at_risk}</Link>
            </td>
            <td className="govuk-table__cell">
              {d.case_id ? <Link className="govuk-link" to={`/cases/${d.case_id}`}>Case {shortRef(d.case_id)}</Link> : "Not triaged yet"}
            </td>
            <td className="govuk-table__cell"><StatusTag d={d} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DecisionListPage() {
  const me = useMe();
  const panelLabel = usePanelLabel();
  const panels = panelsWhere(me, SHARING_READERS);
  const [params, setParams] = useSearchParams();
  const panelId = params.get("panel") ?? panels[0] ?? "";
  const status = (params.get("status") ?? "") as DecisionStatus | "";
  const overdue = params.get("overdue") === "true";
  const cursor = params.get("cursor") ?? "";
  const [draft, setDraft] = useState({ status: status as string, overdue });
  const [list] = useLoad(
    () => unwrap(() => client.GET("/api/v1/information-sharing-decisions", {
      params: { query: {
        panel_id: panelId, limit: PAGE_SIZE, review_overdue: overdue,
        ...(status ? { status } : {}), ...(cursor ? { cursor } : {}),
      } },
    })),
    `${panelId}/${status}/${overdue}/${cursor}`,
  );
  // Cursor paging goes forwards only; earlier cursors are kept for "Previous".
  const [history, setHistory] = useState<string[]>([]);
  const show = (filters: { status: string; overdue: boolean }, at: string) =>
    setParams(Object.fromEntries(Object.entries({
      panel: panelId, status: filters.status, overdue: filters.overdue ? "true" : "", cursor: at,
    }).filter(([, v]) => v)));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setHistory([]);
    show(draft, "");
  };
  const go = (at: string, back: boolean) => {
    setHistory((h) => (back ? h.slice(0, -1) : [...h, cursor]));
    show({ status, overdue }, at);
  };
  return (
    <>
      <PageHeading caption={panels.length === 1 ? panelLabel(panelId) : undefined}>Sharing decisions</PageHeading>
      <p className="govuk-body">
        Decisions to share a case's information without the victim's consent, the earliest review first.
        {has(me, panelId, PANEL_WIDE) ? " Every agency's decisions on this panel." : " Your agency's decisions and those whose review you own."}
      </p>
      <form onSubmit={apply} noValidate className="govuk-!-margin-bottom-6">
        {panels.length > 1 && (
          <Select id="panel" label="Panel" value={panelId} onChange={(panel) => { setHistory([]); setParams({ panel }); }}
            options={panels.map((p) => ({ value: p, label: panelLabel(p) }))} />
        )}
        <Select id="status" label="Status" value={draft.status} onChange={(v) => setDraft({ ...draft, status: v })}
          options={[{ value: "", label: "Any status" },
            ...Object.entries(STATUS).map(([value, s]) => ({ value, label: s.text }))]} />
        <div className="govuk-form-group">
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <div className="govuk-checkboxes__item">
              <input className="govuk-checkboxes__input" id="overdue" type="checkbox" checked={draft.overdue}
                onChange={(e) => setDraft({ ...draft, overdue: e.target.checked })} />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="overdue">Only those past their review date</label>
            </div>
          </div>
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">Apply filters</button>
      </form>
      {list.status === "loading" && <Loading />}
      {list.status === "error" && <LoadError error={list.error} />}
      {list.status === "ready" && (list.data.items.length
        ? <DecisionTable items={list.data.items} caption="Sharing decisions" hiddenCaption />
        : <p className="govuk-body">No sharing decisions match these filters.</p>)}
      {list.status === "ready" && (cursor || list.data.next_cursor) && (
        <nav className="govuk-pagination govuk-pagination--block" aria-label="Pages of sharing decisions">
          {cursor && (
            <div className="govuk-pagination__prev">
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => go(history.at(-1) ?? "", true)}>
                Previous page
              </button>
            </div>
          )}
          {list.data.next_cursor && (
            <div className="govuk-pagination__next">
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => go(list.data.next_cursor ?? "", false)}>
                Next page
              </button>
            </div>
          )}
        </nav>
      )}
    </>
  );
}

/** The case page's part: the sharing basis, the case's decisions, consent and propose links. */
export function CaseSharing({ caseId, panelId, referrals }: {
  caseId: string; panelId: string; referrals: { id: string; referral_date: string }[];
}) {
  const me = useMe();
  const readsBasis = has(me, panelId, CONSENT_KEEPERS);
  const proposes = has(me, panelId, PROPOSERS);
  const [basis] = useLoad(
    () => readsBasis
      ? unwrap(() => client.GET("/api/v1/cases/{case_id}/sharing-basis", { params: { path: { case_id: caseId } } }))
      : Promise.resolve(null),
    `${caseId}/basis`,
  );
  // Per referral (a case has few), so a panel's many decisions never push this case's out.
  const [decisions] = useLoad(
    () => Promise.all(referrals.map((r) => unwrap(() => client.GET("/api/v1/information-sharing-decisions", {
      params: { query: { panel_id: panelId, referral_id: r.id, limit: 100 } },
    })))).then((pages) => pages.flatMap((p) => p.items), () => null),
    `${caseId}/decisions`,
  );
  if (!has(me, panelId, SHARING_READERS)) return null;
  const sorted = [...referrals].sort((a, b) => b.referral_date.localeCompare(a.referral_date));
  return (
    <section aria-labelledby="sharing-heading">
      <h2 className="govuk-heading-m" id="sharing-heading">Information sharing</h2>
      {basis.status === "error" && <LoadError error={basis.error} />}
      {basis.status === "ready" && basis.data && (
        <SummaryList rows={[["Sharing basis", basis.data.basis === "consent" ? "The victim's consent"
          : basis.data.basis === "decision" ? (
            basis.data.decision_id
              ? <Link className="govuk-link" to={`/sharing/${basis.data.decision_id}`}>Approved sharing decision</Link>
              : "Approved sharing decision"
          ) : (
            <><Tag colour="red">Awaiting sharing basis</Tag><p className="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0">{basis.data.missing}</p></>
          )]]} />
      )}
      {decisions.status === "ready" && decisions.data && (decisions.data.length
        ? <DecisionTable items={decisions.data} caption="Sharing decisions of this case" />
        : <p className="govuk-body">No decision to share this case without consent has been proposed.</p>)}
      <ul className="govuk-list">
        {sorted.map((r) => (
          <li key={r.id}>
            {(proposes || readsBasis) && (
              <Link className="govuk-link" to={`/sharing/consent/${r.id}`}>
                Consent<span className="govuk-visually-hidden"> for the referral</span> of {formatDate(r.referral_date)}
              </Link>
            )}
            {proposes && <>{" · "}<Link className="govuk-link" to={`/sharing/new?referral=${r.id}`}>
              Propose sharing without consent<span className="govuk-visually-hidden"> for the referral of {formatDate(r.referral_date)}</span>
            </Link></>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The referral page's part: its sharing decisions, its consent, proposing one. */
export function ReferralSharing({ referralId, panelId }: { referralId: string; panelId: string }) {
  const me = useMe();
  const proposes = has(me, panelId, PROPOSERS);
  const keeps = proposes || has(me, panelId, CONSENT_KEEPERS);
  const [decisions] = useLoad(
    () => unwrap(() => client.GET("/api/v1/information-sharing-decisions", {
      params: { query: { panel_id: panelId, referral_id: referralId, limit: 100 } },
    })).then((d) => d.items, () => null),
    `${referralId}/decisions`,
  );
  if (!has(me, panelId, SHARING_READERS)) return null;
  return (
    <section aria-labelledby="sharing-heading">
      <h2 className="govuk-heading-m" id="sharing-heading">Information sharing</h2>
      {decisions.status === "ready" && decisions.data && (decisions.data.length
        ? <DecisionTable items={decisions.data} caption="Sharing decisions of this referral" hiddenCaption />
        : <p className="govuk-body">No decision to share without consent has been proposed for this referral.</p>)}
      <ul className="govuk-list">
        {keeps && <li><Link className="govuk-link" to={`/sharing/consent/${referralId}`}>Consent to share</Link></li>}
        {proposes && <li><Link className="govuk-link" to={`/sharing/new?referral=${referralId}`}>Propose sharing without consent</Link></li>}
      </ul>
    </section>
  );
}

function ProposePage() {
  const [params] = useSearchParams();
  const referralId = params.get("referral") ?? "";
  const navigate = useNavigate();
  const [form, setForm] = useState<DecisionForm>(emptyDecision);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  // Retries of the same body reuse the key (the API answers the first response again).
  const sent = useRef<{ body: string; key: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = decisionErrors(form, today());
    setErrors(found);
    if (Object.keys(found).length) return;
    const body = { ...decisionBody(form), referral_id: referralId };
    const text = JSON.stringify(body);
    if (sent.current?.body !== text) sent.current = { body: text, key: crypto.randomUUID() };
    setBusy(true);
    try {
      const made = await unwrap(() => client.POST("/api/v1/information-sharing-decisions", {
        body, params: { header: { "Idempotency-Key": sent.current?.key ?? crypto.randomUUID() } },
      }));
      navigate(`/sharing/${made.id}?done=proposed`);
    } catch (error) {
      setErrors(apiErrors(error, "at_risk"));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Link to={`/referrals/${referralId}`} className="govuk-back-link">Back to the referral</Link>
      <PageHeading caption={`Referral ${shortRef(referralId)}`}>Propose sharing without consent</PageHeading>
      <Summary errors={errors} />
      <p className="govuk-body">
        The Kent protocol's Appendix F: it is saved as a draft, which you can change until you submit it
        for a sharing approver of your agency to approve.
      </p>
      <form onSubmit={submit} noValidate>
        <DecisionFormFields form={form} set={(p) => setForm({ ...form, ...p })} errors={errors} />
        <button type="submit" className="govuk-button" disabled={busy}>Save as a draft</button>
      </form>
    </>
  );
}

async function loadDecision(id: string): Promise<{ decision: Decision; etag: string }> {
  let etag = "";
  const decision = await unwrap(async () => {
    const result = await client.GET("/api/v1/information-sharing-decisions/{decision_id}", {
      params: { path: { decision_id: id } },
    });
    etag = result.response.headers.get("ETag") ?? "";
    return result;
  });
  return { decision, etag };
}

function EditPage() {
  const { decisionId = "" } = useParams();
  const [loaded, reload] = useLoad(() => loadDecision(decisionId), decisionId);
  if (loaded.status === "loading") return <Loading />;
  if (loaded.status === "error") return <LoadError error={loaded.error} />;
  return <EditForm decision={loaded.data.decision} etag={loaded.data.etag} onReload={reload} />;
}

function EditForm({ decision, etag, onReload }: { decision: Decision; etag: string; onReload(): void }) {
  const navigate = useNavigate();
  const [form, setForm] = useState<DecisionForm>(() => formFrom(decision));
  const [errors, setErrors] = useState<Errors>({});
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = decisionErrors(form, today());
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await unwrap(() => client.PUT("/api/v1/information-sharing-decisions/{decision_id}", {
        body: decisionBody(form), params: { path: { decision_id: decision.id }, header: { "If-Match": etag } },
      }));
      navigate(`/sharing/${decision.id}?done=changed`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setConflict(true);
      else setErrors(apiErrors(error, "at_risk"));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Link to={`/sharing/${decision.id}`} className="govuk-back-link">Back to the decision</Link>
      <PageHeading caption={`Sharing decision ${shortRef(decision.id)}`}>Change the draft</PageHeading>
      <Summary errors={errors} />
      {conflict && <Conflict announce what="decision" onReload={() => { setConflict(false); onReload(); }} />}
      <form onSubmit={submit} noValidate>
        <DecisionFormFields form={form} set={(p) => setForm({ ...form, ...p })} errors={errors} />
        <button type="submit" className="govuk-button" disabled={busy}>Save the draft</button>
      </form>
    </>
  );
}

const DONE: Record<string, string> = {
  proposed: "Sharing decision saved as a draft.", changed: "Draft saved.", submitted: "Submitted for approval.",
  approved: "Sharing decision approved.", refused: "Sharing decision refused.", withdrawn: "Sharing decision withdrawn.",
  reviewed: "Review recorded.",
};

function DecisionPage() {
  const { decisionId = "" } = useParams();
  const me = useMe();
  const panelLabel = usePanelLabel();
  const [params, setParams] = useSearchParams();
  const [loaded, reload] = useLoad(() => loadDecision(decisionId), decisionId);
  if (loaded.status === "loading") return <Loading />;
  if (loaded.status === "error") return <LoadError error={loaded.error} />;
  const { decision: d, etag } = loaded.data;
  const done = DONE[params.get("done") ?? ""];
  const after = (what: string) => { setParams({ done: what }); reload(); };
  const mine = d.proposed_by_id === me.user_id;
  const approver = me.is_sharing_approver && me.agency_id === d.proposer_agency_id;
  const panelWide = has(me, d.panel_id, PANEL_WIDE);
  const who = (id: string | null) => (id === null ? "Not known" : id === me.user_id ? "You" : `User ${shortRef(id)}`);
  const grounds = Object.fromEntries(GROUNDS.map((g) => [g.value, g.label]));
  const step = { d, etag, onReload: reload, after };
  return (
    <>
      <Link to={`/sharing?panel=${d.panel_id}`} className="govuk-back-link">Back to sharing decisions</Link>
      <PageHeading caption={panelLabel(d.panel_id)}>{`Sharing decision ${shortRef(d.id)}`}</PageHeading>
      {done && (
        <SuccessBanner id="done" heading={done} />
      )}
      <SummaryList rows={[
        ["Status", <StatusTag d={d} />],
        ["Case", d.case_id ? <Link className="govuk-link" to={`/cases/${d.case_id}`}>Case {shortRef(d.case_id)}</Link> : "Not triaged yet"],
        ["Who is at risk", d.at_risk],
        ["From whom", d.risk_from],
        ["Concerns", d.concerns],
        ["Legal grounds", <ul className="govuk-list">{d.legal_grounds.map((g) => (
          <li key={g.ground}><strong>{grounds[g.ground] ?? humanise(g.ground)}</strong>: {g.explanation}</li>
        ))}</ul>],
        ["Why necessary", d.necessity],
        ["Why proportionate", d.proportionality],
        ["Without sharing", d.without_sharing],
        ["Consultations", d.consultations.length ? <ul className="govuk-list">{d.consultations.map((c, i) => (
          <li key={i}>{c.consulted}{c.consulted_on && ` (${formatDate(c.consulted_on)})`}{c.advice && `: ${c.advice}`}</li>
        ))}</ul> : "None"],
        ["Victim told", d.victim_told === null ? "Not yet" : d.victim_told
          ? `Yes${d.victim_told_on ? `, ${formatDate(d.victim_told_on)}` : ""}` : `No: ${d.victim_not_told_reason ?? ""}`],
        ["Review date", formatDate(d.review_date)],
        ["Review owner", who(d.review_owner_id)],
      ]} />
      <h2 className="govuk-heading-m">History</h2>
      <ul className="govuk-list govuk-list--bullet">
        <li>Proposed by {who(d.proposed_by_id)} on {formatDateTime(d.proposed_at)}</li>
        {d.submitted_at && <li>Submitted for approval on {formatDateTime(d.submitted_at)}</li>}
        {d.decided_at && <li>{d.status === "refused" ? "Refused" : "Approved"} by {who(d.decided_by_id)} on {formatDateTime(d.decided_at)}
          {d.decision_reason && `: ${d.decision_reason}`}</li>}
        {d.withdrawn_at && <li>Withdrawn by {who(d.withdrawn_by_id)} on {formatDateTime(d.withdrawn_at)}: {d.withdrawal_reason}</li>}
      </ul>
      <h2 className="govuk-heading-m">Reviews</h2>
      {d.reviews.length ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Reviews, oldest first</caption>
          <thead className="govuk-table__head"><tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Reviewed</th>
            <th scope="col" className="govuk-table__header">By</th>
            <th scope="col" className="govuk-table__header">Note</th>
            <th scope="col" className="govuk-table__header">Next review</th>
          </tr></thead>
          <tbody className="govuk-table__body">
            {d.reviews.map((r) => (
              <tr className="govuk-table__row" key={r.reviewed_at}>
                <td className="govuk-table__cell">{formatDateTime(r.reviewed_at)}</td>
                <td className="govuk-table__cell">{who(r.reviewed_by_id)}</td>
                <td className="govuk-table__cell">{r.note}</td>
                <td className="govuk-table__cell">{formatDate(r.next_review_date)} ({who(r.review_owner_id)})</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p className="govuk-body">Not reviewed yet.</p>}
      {d.status === "drafted" && mine && <SubmitDraft {...step} />}
      {d.status === "submitted" && approver && !mine && <Decide {...step} />}
      {d.status === "submitted" && mine && (
        <p className="govuk-body">A sharing approver of your agency, not you, approves or refuses it.</p>
      )}
      {d.status === "approved" && (mine || approver || panelWide) && <Withdraw {...step} />}
      {["drafted", "submitted", "approved"].includes(d.status) &&
        (mine || panelWide || d.review_owner_id === me.user_id) && <Review {...step} me={me.user_id} />}
    </>
  );
}

interface StepProps { d: Decision; etag: string; onReload(): void; after(what: string): void }

/** Sends one step with If-Match; a 412 shows the conflict warning and keeps the form. */
function useStep(props: StepProps, fallback: string) {
  const [errors, setErrors] = useState<Errors>({});
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = async (send: (header: { "If-Match": string }) => Promise<unknown>, what: string) => {
    setBusy(true);
    try {
      await send({ "If-Match": props.etag });
      setErrors({});
      props.after(what);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setConflict(true);
      else setErrors(apiErrors(error, fallback));
    } finally {
      setBusy(false);
    }
  };
  const warning = conflict ? <Conflict announce what="decision" onReload={() => { setConflict(false); props.onReload(); }} /> : null;
  return { errors, setErrors, busy, run, warning };
}

function SubmitDraft(props: StepProps) {
  const s = useStep(props, "submit");
  const path = { decision_id: props.d.id };
  return (
    <section aria-labelledby="submit-heading">
      <h2 className="govuk-heading-m" id="submit-heading">Your draft</h2>
      <Summary errors={s.errors} />
      {s.warning}
      <div className="govuk-button-group">
        <Link className="govuk-button govuk-button--secondary" to={`/sharing/${props.d.id}/edit`}>Change the draft</Link>
        <button id="submit" type="button" className="govuk-button" disabled={s.busy}
          onClick={() => s.run((header) => unwrap(() => client.POST("/api/v1/information-sharing-decisions/{decision_id}/submission", {
            params: { path, header },
          })), "submitted")}>
          Submit for approval
        </button>
      </div>
    </section>
  );
}

function Decide(props: StepProps) {
  const s = useStep(props, "outcome");
  const [outcome, setOutcome] = useState("");
  const [reason, setReason] = useState("");
  const path = { decision_id: props.d.id };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Errors = {};
    if (!outcome) found.outcome = "Select whether you approve or refuse sharing";
    if (outcome === "refuse" && !reason.trim()) found.reason = "Enter why you refuse it";
    s.setErrors(found);
    if (Object.keys(found).length) return;
    const text = reason.trim();
    void s.run((header) => outcome === "approve"
      ? unwrap(() => client.POST("/api/v1/information-sharing-decisions/{decision_id}/approval", {
        params: { path, header }, body: { reason: text || null },
      }))
      : unwrap(() => client.POST("/api/v1/information-sharing-decisions/{decision_id}/refusal", {
        params: { path, header }, body: { reason: text },
      })), outcome === "approve" ? "approved" : "refused");
  };
  return (
    <section aria-labelledby="decide-heading">
      <h2 className="govuk-heading-m" id="decide-heading">Approve or refuse</h2>
      <Summary errors={s.errors} />
      {s.warning}
      <form onSubmit={submit} noValidate>
        <Radios id="outcome" legend="As a sharing approver of the proposing agency, do you approve sharing?"
          value={outcome} error={s.errors.outcome} onChange={setOutcome}
          options={[{ value: "approve", label: "Approve" }, { value: "refuse", label: "Refuse" }]} />
        <Textarea id="reason" label={outcome === "refuse" ? "Why you refuse it" : "Your reasons (optional when approving)"}
          value={reason} error={s.errors.reason} onChange={setReason} />
        <button type="submit" className="govuk-button" disabled={s.busy}>Record the decision</button>
      </form>
    </section>
  );
}

function Withdraw(props: StepProps) {
  const s = useStep(props, "reason");
  const [reason, setReason] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) { s.setErrors({ reason: "Enter why the decision is withdrawn" }); return; }
    void s.run((header) => unwrap(() => client.POST("/api/v1/information-sharing-decisions/{decision_id}/withdrawal", {
      params: { path: { decision_id: props.d.id }, header }, body: { reason: reason.trim() },
    })), "withdrawn");
  };
  return (
    <section aria-labelledby="withdraw-heading">
      <h2 className="govuk-heading-m" id="withdraw-heading">Withdraw the decision</h2>
      <Summary errors={s.errors} />
      {s.warning}
      <form onSubmit={submit} noValidate>
        <Textarea id="reason" label="Why it is withdrawn" hint="The case then waits for a sharing basis again."
          value={reason} error={s.errors.reason} onChange={setReason} />
        <button type="submit" className="govuk-button govuk-button--warning" disabled={s.busy}>Withdraw the decision</button>
      </form>
    </section>
  );
}

function Review(props: StepProps & { me: string }) {
  const s = useStep(props, "note");
  const [form, setForm] = useState<ReviewForm>({
    note: "", next_review_date: "", take_ownership: false, victim_told: "unchanged",
    victim_told_on: "", victim_not_told_reason: "",
  });
  const set = (patch: Partial<ReviewForm>) => setForm({ ...form, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = reviewErrors(form, today());
    s.setErrors(found);
    if (Object.keys(found).length) return;
    void s.run((header) => unwrap(() => client.POST("/api/v1/information-sharing-decisions/{decision_id}/reviews", {
      params: { path: { decision_id: props.d.id }, header }, body: reviewBody(form, props.me),
    })), "reviewed");
  };
  const owner = props.d.review_owner_id === props.me;
  return (
    <section aria-labelledby="review-heading">
      <h2 className="govuk-heading-m" id="review-heading">Record a review</h2>
      <Summary errors={s.errors} />
      {s.warning}
      <form onSubmit={submit} noValidate>
        <Textarea id="note" label="What the review found" value={form.note} error={s.errors.note} onChange={(v) => set({ note: v })} />
        <TextInput id="next_review_date" label="Next review date" hint="Today or later." type="date" width="10"
          value={form.next_review_date} error={s.errors.next_review_date} onChange={(v) => set({ next_review_date: v })} />
        {!owner && (
          <div className="govuk-form-group">
            <div className="govuk-checkboxes govuk-checkboxes--small">
              <div className="govuk-checkboxes__item">
                <input className="govuk-checkboxes__input" id="take_ownership" type="checkbox" checked={form.take_ownership}
                  onChange={(e) => set({ take_ownership: e.target.checked })} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor="take_ownership">I own the next review</label>
              </div>
            </div>
          </div>
        )}
        <Radios id="victim_told" legend="Has the victim now been told?" value={form.victim_told}
          error={s.errors.victim_told} onChange={(v) => set({ victim_told: v as ReviewForm["victim_told"] })}
          options={[
            { value: "unchanged", label: "No change" },
            {
              value: "yes", label: "Yes, they have now been told",
              reveal: <TextInput id="victim_told_on" label="When they were told (optional)" type="date" width="10"
                value={form.victim_told_on} error={s.errors.victim_told_on} onChange={(v) => set({ victim_told_on: v })} />,
            },
            {
              value: "no", label: "No, and they will not be",
              reveal: <Textarea id="victim_not_told_reason" label="Why they will not be told" value={form.victim_not_told_reason}
                error={s.errors.victim_not_told_reason} onChange={(v) => set({ victim_not_told_reason: v })} />,
            },
          ]} />
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={s.busy}>Record the review</button>
      </form>
    </section>
  );
}

async function loadConsent(referralId: string) {
  let etag = "";
  const consent = await unwrap(async () => {
    const result = await client.GET("/api/v1/referrals/{referral_id}/consent", { params: { path: { referral_id: referralId } } });
    etag = result.response.headers.get("ETag") ?? "";
    return result;
  });
  return { consent, etag };
}

const CONSENT: Record<string, string> = { given: "Given", refused: "Refused", not_sought: "Not sought" };

function ConsentPage() {
  const { referralId = "" } = useParams();
  const [loaded, reload] = useLoad(() => loadConsent(referralId), referralId);
  if (loaded.status === "loading") return <Loading />;
  if (loaded.status === "error") return <LoadError error={loaded.error} />;
  const { consent, etag } = loaded.data;
  return (
    <>
      <Link to={`/referrals/${referralId}`} className="govuk-back-link">Back to the referral</Link>
      <PageHeading caption={`Referral ${shortRef(referralId)}`}>Consent to share</PageHeading>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">Consent history, oldest first</caption>
        <thead className="govuk-table__head"><tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Recorded</th>
          <th scope="col" className="govuk-table__header">Consent</th>
          <th scope="col" className="govuk-table__header">How, by whom, when</th>
          <th scope="col" className="govuk-table__header">Victim aware of the referral</th>
        </tr></thead>
        <tbody className="govuk-table__body">
          {consent.history.map((c) => (
            <tr className="govuk-table__row" key={c.sequence}>
              <td className="govuk-table__cell">{formatDateTime(c.recorded_at)}{c.sequence === 1 && " (the referral)"}</td>
              <td className="govuk-table__cell">{CONSENT[c.status] ?? humanise(c.status)}{c.reason && `: ${c.reason}`}</td>
              <td className="govuk-table__cell">{[c.method && humanise(c.method), c.obtained_by, c.obtained_on && formatDate(c.obtained_on)]
                .filter(Boolean).join(", ") || "Not recorded"}</td>
              <td className="govuk-table__cell">{c.victim_aware ? "Yes" : `No: ${c.victim_unaware_reason ?? ""}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConsentEditor initial={consentFormFrom(consent)} referralId={referralId} etag={etag} onReload={reload} />
    </>
  );
}

function ConsentEditor({ initial, referralId, etag, onReload }: {
  initial: ConsentForm; referralId: string; etag: string; onReload(): void;
}) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [conflict, setConflict] = useState(false);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<ConsentForm>) => setForm({ ...form, ...patch });
  // A reload after a 412 brings a new ETag and history; the typing here is kept.
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = consentErrors(form);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await unwrap(() => client.PUT("/api/v1/referrals/{referral_id}/consent", {
        params: { path: { referral_id: referralId }, header: { "If-Match": etag } }, body: consentBody(form),
      }));
      setSaved(true);
      onReload();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setConflict(true);
      else setErrors(apiErrors(error, "status"));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="consent-heading">
      <h2 className="govuk-heading-m" id="consent-heading">Record the consent as it stands now</h2>
      {saved && <p className="govuk-body" role="status">Consent recorded.</p>}
      <Summary errors={errors} />
      {conflict && <Conflict announce what="consent" onReload={() => { setConflict(false); onReload(); }} />}
      <form onSubmit={submit} noValidate>
        <Radios id="status" legend="Has the victim consented to sharing?" value={form.status} error={errors.status}
          onChange={(v) => set({ status: v as ConsentForm["status"] })}
          options={[
            {
              value: "given", label: "Yes, consent given",
              reveal: <>
                <Radios id="method" legend="How" compact value={form.method} error={errors.method}
                  onChange={(v) => set({ method: v as ConsentForm["method"] })}
                  options={[{ value: "written", label: "In writing" }, { value: "verbal", label: "Verbally" }]} />
                <TextInput id="obtained_by" label="Obtained by (optional)" value={form.obtained_by} error={errors.obtained_by}
                  onChange={(v) => set({ obtained_by: v })} />
                <TextInput id="obtained_on" label="Obtained on (optional)" type="date" width="10" value={form.obtained_on}
                  error={errors.obtained_on} onChange={(v) => set({ obtained_on: v })} />
              </>,
            },
            { value: "refused", label: "No, consent refused" },
            { value: "not_sought", label: "Consent not sought" },
          ]} />
        {(form.status === "refused" || form.status === "not_sought") && (
          <Textarea id="reason" label={form.status === "refused" ? "Why consent was refused" : "Why consent was not sought"}
            value={form.reason} error={errors.reason} onChange={(v) => set({ reason: v })} />
        )}
        <Radios id="victim_aware" legend="Is the victim aware of the referral?" value={form.victim_aware}
          error={errors.victim_aware} onChange={(v) => set({ victim_aware: v as ConsentForm["victim_aware"] })}
          options={[
            { value: "yes", label: "Yes" },
            {
              value: "no", label: "No",
              reveal: <Textarea id="victim_unaware_reason" label="Why not" value={form.victim_unaware_reason}
                error={errors.victim_unaware_reason} onChange={(v) => set({ victim_unaware_reason: v })} />,
            },
          ]} />
        <button type="submit" className="govuk-button" disabled={busy}>Record the consent</button>
      </form>
    </section>
  );
}
