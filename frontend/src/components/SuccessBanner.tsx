import { useEffect, useRef } from "react";
import type { ReactNode } from "react";

/**
 * The GOV.UK success notification banner: `heading` in bold, then whatever follows (links,
 * buttons). `role="alert"` announces it; with `focus`, it also takes focus when it appears, so
 * a keyboard user lands on it after the form it replaces (WCAG 2.4.3).
 */
export function SuccessBanner({ id, title = "Success", heading, focus = false, children }: {
  id: string;
  title?: string;
  heading: ReactNode;
  focus?: boolean;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  const titleId = `${id}-title`;
  return (
    <div className="govuk-notification-banner govuk-notification-banner--success" role="alert"
      aria-labelledby={titleId} tabIndex={focus ? -1 : undefined} ref={ref}>
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>{title}</h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{heading}</p>
        {children}
      </div>
    </div>
  );
}
