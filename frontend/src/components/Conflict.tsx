/**
 * What a 412 shows: someone else changed the record (`what`: "referral", "action", ...) since
 * it was loaded. Reloading fetches their change; the form keeps what was typed. `buttonId` is
 * where the error summary's link for the 412 points; `announce` makes it a live alert where no
 * error summary announces it.
 */
export function Conflict({ what, onReload, buttonId, announce = false }: {
  what: string;
  onReload(): void;
  buttonId?: string;
  announce?: boolean;
}) {
  return (
    <div className="govuk-warning-text" role={announce ? "alert" : undefined}>
      <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
      <div className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        Someone else changed this {what} while you were looking at it. Reload it to see their
        change; what you have typed here is kept.
        <div className="govuk-!-margin-top-3">
          <button id={buttonId} type="button" className="govuk-button govuk-button--secondary" onClick={onReload}>
            Reload the {what}
          </button>
        </div>
      </div>
    </div>
  );
}
