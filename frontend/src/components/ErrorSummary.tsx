import { useEffect, useRef } from "react";
import type { SummaryError } from "../lib/fieldErrors";

/** GOV.UK error summary: focused when it appears so screen readers announce it. */
export function ErrorSummary({ errors, title = "There is a problem" }: {
  errors: SummaryError[];
  title?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [errors]);
  if (!errors.length) return null;
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((e) => (
              <li key={e.href + e.text}>
                {e.href === "#" ? e.text : <a href={e.href} onClick={focusField(e.href)}>{e.text}</a>}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

// The client router would treat a hash link as navigation; move focus to the field instead.
function focusField(href: string) {
  return (event: React.MouseEvent) => {
    const target = document.getElementById(href.slice(1));
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView({ block: "center" });
  };
}
