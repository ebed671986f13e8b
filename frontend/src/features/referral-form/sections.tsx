// Parts of the referral form: the people lists (perpetrators, children, household members; rows
// added and removed), the victim's safety details, and the community-MARAC section.
import { Radios, Select, Textarea, TextInput } from "../../components/fields";
import { emptyRow, relationshipIndex, VULNERABILITIES } from "./form";
import type { PersonRow, ReferralForm, RowList, Withheld } from "./form";

type ErrorFor = (id: string) => string | undefined;

export function Checkboxes<T extends string>({ id, legend, hint, error, values, options, onChange }: {
  id: string; legend: string; hint?: string; error?: string | undefined; values: T[];
  options: { value: T; label: string }[]; onChange(values: T[]): void;
}) {
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={described}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint && <div id={`${id}-hint`} className="govuk-hint">{hint}</div>}
        {error && (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <div className="govuk-checkboxes govuk-checkboxes--small">
          {options.map((o, i) => {
            const optionId = i === 0 ? id : `${id}-${o.value}`;
            return (
              <div className="govuk-checkboxes__item" key={o.value}>
                <input className="govuk-checkboxes__input" id={optionId} name={id} type="checkbox" value={o.value}
                  checked={values.includes(o.value)}
                  onChange={(e) => onChange(e.target.checked ? [...values, o.value] : values.filter((v) => v !== o.value))} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={optionId}>{o.label}</label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

const LISTS: Record<RowList, { title: string; one: string; add: string; intro: string }> = {
  perpetrators: {
    title: "The person causing harm", one: "Person causing harm", add: "Add another person causing harm",
    intro: "Leave these empty if the person is not known.",
  },
  children: {
    title: "Children", one: "Child", add: "Add a child",
    intro: "Children in the household or in contact with the victim or the person causing harm.",
  },
  household_members: {
    title: "Other household members", one: "Household member", add: "Add a household member",
    intro: "Adults living with the victim, other than the person causing harm.",
  },
};

export function PeopleRows({ list, form, error, onChange }: {
  list: RowList; form: ReferralForm; error: ErrorFor; onChange(rows: PersonRow[]): void;
}) {
  const rows = form[list];
  const text = LISTS[list];
  const patch = (i: number, change: Partial<PersonRow>) => onChange(rows.map((r, n) => (n === i ? { ...r, ...change } : r)));
  return (
    <>
      <h2 className="govuk-heading-m">{text.title}</h2>
      <p className="govuk-body">{text.intro}</p>
      {rows.map((row, i) => {
        const id = `${list}-${i}`;
        const relationshipId = list === "perpetrators"
          ? `relationships-${relationshipIndex(form, i)}-relationship` : `${id}-relationship_to_victim`;
        return (
          <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={i}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
              {rows.length > 1 || list !== "perpetrators" ? `${text.one} ${i + 1}` : text.one}
            </legend>
            <TextInput id={`${id}-given_names`} label="Given names" autoComplete="off" spellCheck={false}
              value={row.given_names} error={error(`${id}-given_names`)} onChange={(given_names) => patch(i, { given_names })} />
            <TextInput id={`${id}-family_name`} label="Family name" autoComplete="off" spellCheck={false}
              value={row.family_name} error={error(`${id}-family_name`)} onChange={(family_name) => patch(i, { family_name })} />
            <TextInput id={`${id}-date_of_birth`} label="Date of birth (optional)" type="date" width="10" autoComplete="off"
              value={row.date_of_birth} error={error(`${id}-date_of_birth`)} onChange={(date_of_birth) => patch(i, { date_of_birth })} />
            <TextInput id={relationshipId} label="Relationship to the victim (optional)"
              hint={list === "children" ? "For example, son or stepdaughter" : "For example, ex-partner or son"} autoComplete="off"
              value={row.relationship} error={error(relationshipId)} onChange={(relationship) => patch(i, { relationship })} />
            {list === "children" && (
              <TextInput id={`${id}-school`} label="School or nursery (optional)" autoComplete="off"
                value={row.school} error={error(`${id}-school`)} onChange={(school) => patch(i, { school })} />
            )}
            {(rows.length > 1 || list !== "perpetrators") && (
              <button type="button" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                onClick={() => onChange(rows.filter((_, n) => n !== i))}>
                Remove<span className="govuk-visually-hidden"> {text.one.toLowerCase()} {i + 1}</span>
              </button>
            )}
          </fieldset>
        );
      })}
      {rows.length < (list === "perpetrators" ? 10 : 20) && (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => onChange([...rows, emptyRow()])}>
          {text.add}
        </button>
      )}
    </>
  );
}

const WITHHELD: { value: Withheld; label: string }[] = [
  { value: "address", label: "Address" },
  { value: "postcode", label: "Postcode" },
  { value: "date_of_birth", label: "Date of birth" },
  { value: "aliases", label: "Other names" },
];

export function SafetyDetails({ form, error, onChange }: {
  form: ReferralForm; error: ErrorFor; onChange(safety: Partial<ReferralForm["safety"]>): void;
}) {
  const s = form.safety;
  return (
    <>
      <h2 className="govuk-heading-m">Keeping the victim safe</h2>
      <Textarea id="victim-address" label="Address (optional)" rows={3} value={s.address} error={error("victim-address")}
        onChange={(address) => onChange({ address })} />
      <TextInput id="victim-accommodation" label="Accommodation (optional)" hint="For example, refuge or council tenancy"
        value={s.accommodation} error={error("victim-accommodation")} onChange={(accommodation) => onChange({ accommodation })} />
      <Radios id="victim-safe_to_call" legend="Is it safe to call the victim?" compact value={s.safe_to_call}
        error={error("victim-safe_to_call")} onChange={(v) => onChange({ safe_to_call: v as "" | "yes" | "no" })}
        options={[{ value: "yes", label: "Yes" }, { value: "no", label: "No" }]} />
      <TextInput id="victim-safe_times" label="Safe times to make contact (optional)" value={s.safe_times}
        error={error("victim-safe_times")} onChange={(safe_times) => onChange({ safe_times })} />
      <Select id="victim-preferred_contact" label="Preferred way to be contacted (optional)" value={s.preferred_contact}
        error={error("victim-preferred_contact")}
        onChange={(v) => onChange({ preferred_contact: v as ReferralForm["safety"]["preferred_contact"] })}
        options={[{ value: "", label: "Not known" }, { value: "phone", label: "Phone" }, { value: "text", label: "Text message" },
          { value: "email", label: "Email" }, { value: "letter", label: "Letter" }, { value: "in_person", label: "In person" }]} />
      <Textarea id="safe_to_talk_to" label="Who it is safe to talk to (optional)" rows={2} value={s.safe_to_talk_to}
        error={error("safe_to_talk_to")} onChange={(safe_to_talk_to) => onChange({ safe_to_talk_to })} />
      <Textarea id="unsafe_to_talk_to" label="Who it is not safe to talk to (optional)" rows={2} value={s.unsafe_to_talk_to}
        error={error("unsafe_to_talk_to")} onChange={(unsafe_to_talk_to) => onChange({ unsafe_to_talk_to })} />
      <Textarea id="victim_fears" label="Who the victim fears (optional)" rows={2} value={s.victim_fears}
        error={error("victim_fears")} onChange={(victim_fears) => onChange({ victim_fears })} />
      <TextInput id="victim-gp" label="GP surgery (optional)" value={s.gp} error={error("victim-gp")}
        onChange={(gp) => onChange({ gp })} />
      <Radios id="victim-pregnant" legend="Is the victim pregnant?" compact value={s.pregnant}
        error={error("victim-pregnant")} onChange={(v) => onChange({ pregnant: v as "" | "yes" | "no" })}
        options={[{ value: "yes", label: "Yes", reveal: (
          <Textarea id="victim-pregnancy_details" label="Details (optional)" rows={2} value={s.pregnancy_details}
            error={error("victim-pregnancy_details")} onChange={(pregnancy_details) => onChange({ pregnancy_details })} />
        ) }, { value: "no", label: "No" }]} />
      <Checkboxes id="victim-do_not_circulate" legend="Details the victim fears being shared (optional)"
        hint="These are never put in the agenda, the minutes or a case summary." values={s.do_not_circulate}
        error={error("victim-do_not_circulate")} options={WITHHELD} onChange={(do_not_circulate) => onChange({ do_not_circulate })} />
    </>
  );
}

/** Community panels: vulnerability, multi-agency need and steps already taken (the risk itself
 * is the instrument's matrix below, with its threshold). */
export function CommunityCriteria({ form, error, onChange }: {
  form: ReferralForm; error: ErrorFor; onChange(community: Partial<ReferralForm["community"]>): void;
}) {
  const c = form.community;
  return (
    <>
      <h2 className="govuk-heading-m">Community MARAC criteria</h2>
      <p className="govuk-body">
        A community MARAC hears adults who are vulnerable, at significant risk (the matrix below,
        or your professional judgement), and who need a multi-agency response.
      </p>
      <Checkboxes id="community-vulnerabilities" legend="Vulnerabilities of the victim or the person causing harm"
        values={c.vulnerabilities} error={error("community-vulnerabilities")} options={VULNERABILITIES}
        onChange={(vulnerabilities) => onChange({ vulnerabilities })} />
      <Textarea id="community-multi_agency_need" label="Why a multi-agency response is needed" rows={3}
        value={c.multi_agency_need} error={error("community-multi_agency_need")}
        onChange={(multi_agency_need) => onChange({ multi_agency_need })} />
      <Textarea id="community-steps_already_taken" label="Steps already taken" hint="One on each line" rows={3}
        value={c.steps_already_taken} error={error("community-steps_already_taken")}
        onChange={(steps_already_taken) => onChange({ steps_already_taken })} />
      <div className="govuk-form-group">
        <div className="govuk-checkboxes govuk-checkboxes--small">
          <div className="govuk-checkboxes__item">
            <input className="govuk-checkboxes__input" id="community-new_significant_incident" type="checkbox"
              checked={c.new_significant_incident}
              onChange={(e) => onChange({ new_significant_incident: e.target.checked })} />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="community-new_significant_incident">
              Referred before, and there has been a new significant incident
            </label>
          </div>
        </div>
      </div>
    </>
  );
}
