// GOV.UK form fields: a label for every control, hint and error linked by aria-describedby.
import type { ReactNode } from "react";

interface Common {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function Group({ id, label, hint, error, children }: Common & { children: ReactNode }) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>{label}</label>
      {hint && <div id={`${id}-hint`} className="govuk-hint">{hint}</div>}
      {error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      {children}
    </div>
  );
}

export function TextInput(props: Common & {
  value: string;
  onChange(value: string): void;
  type?: string;
  autoComplete?: string;
  width?: string;
  spellCheck?: boolean;
}) {
  const { id, hint, error, value, onChange, type = "text", autoComplete, width } = props;
  return (
    <Group {...props}>
      <input
        id={id}
        name={id}
        type={type}
        value={value}
        autoComplete={autoComplete}
        spellCheck={props.spellCheck}
        aria-describedby={describedBy(id, hint, error)}
        className={`govuk-input${width ? ` govuk-input--width-${width}` : ""}${error ? " govuk-input--error" : ""}`}
        onChange={(e) => onChange(e.target.value)}
      />
    </Group>
  );
}

export function Textarea(props: Common & { value: string; onChange(value: string): void; rows?: number }) {
  const { id, hint, error, value, onChange, rows = 4 } = props;
  return (
    <Group {...props}>
      <textarea
        id={id}
        name={id}
        rows={rows}
        value={value}
        aria-describedby={describedBy(id, hint, error)}
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        onChange={(e) => onChange(e.target.value)}
      />
    </Group>
  );
}

export function Select(props: Common & {
  value: string;
  onChange(value: string): void;
  options: { value: string; label: string }[];
}) {
  const { id, hint, error, value, onChange, options } = props;
  return (
    <Group {...props}>
      <select
        id={id}
        name={id}
        value={value}
        aria-describedby={describedBy(id, hint, error)}
        className={`govuk-select${error ? " govuk-select--error" : ""}`}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </Group>
  );
}

export interface RadioOption {
  value: string;
  label: string;
  hint?: string;
  /** Shown under the chosen option (GOV.UK conditional reveal), rendered only when chosen. */
  reveal?: ReactNode;
}

export function Radios(props: {
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  onChange(value: string): void;
  options: RadioOption[];
  /** Small legend and inline, small radios: for long lists of short questions. */
  compact?: boolean;
}) {
  const { id, legend, hint, error, value, onChange, options, compact = false } = props;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={`govuk-fieldset__legend govuk-fieldset__legend--${compact ? "s" : "m"}`}>{legend}</legend>
        {hint && <div id={`${id}-hint`} className="govuk-hint">{hint}</div>}
        {error && (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <div className={`govuk-radios${compact ? " govuk-radios--inline govuk-radios--small" : ""}`}>
          {options.map((o, i) => {
            const optionId = i === 0 ? id : `${id}-${o.value}`;
            return (
              <div key={o.value}>
                <div className="govuk-radios__item">
                  <input
                    className="govuk-radios__input"
                    id={optionId}
                    name={id}
                    type="radio"
                    value={o.value}
                    checked={value === o.value}
                    aria-describedby={o.hint ? `${optionId}-hint` : undefined}
                    onChange={() => onChange(o.value)}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={optionId}>{o.label}</label>
                  {o.hint && <div id={`${optionId}-hint`} className="govuk-hint govuk-radios__hint">{o.hint}</div>}
                </div>
                {o.reveal && value === o.value && (
                  <div className="govuk-radios__conditional">{o.reveal}</div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
