import { useEffect, useRef, useState } from "react";
import type { ReactNode } from "react";
import { ApiError, SessionExpired } from "../api/client";

const SERVICE = "MARAC case management";

/**
 * The page's h1. It sets the document title and takes focus when the page opens, so a screen
 * reader user hears where a client-side navigation landed (WCAG 2.4.2, 2.4.3).
 */
export function PageHeading({ children, caption }: { children: string; caption?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} - ${SERVICE}`;
    ref.current?.focus();
  }, [children]);
  return (
    <>
      {caption && <span className="govuk-caption-l">{caption}</span>}
      <h1 className="govuk-heading-l" ref={ref} tabIndex={-1}>{children}</h1>
    </>
  );
}

export type Loadable<T> =
  | { status: "loading" }
  | { status: "error"; error: Error }
  | { status: "ready"; data: T };

/** Runs `load` whenever `key` changes; `reload()` runs it again. */
export function useLoad<T>(load: () => Promise<T>, key: string): [Loadable<T>, () => void] {
  const [state, setState] = useState<Loadable<T>>({ status: "loading" });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => (s.status === "ready" ? s : { status: "loading" }));
    load().then(
      (data) => live && setState({ status: "ready", data }),
      (error: Error) => live && setState({ status: "error", error }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` names what `load` reads.
  }, [key, tick]);
  return [state, () => setTick((t) => t + 1)];
}

export function Loading() {
  return <p className="govuk-body" role="status">Loading…</p>;
}

/** A failed load, in words; a 404 says "not found" without revealing whether it exists. */
export function LoadError({ error }: { error: Error }) {
  if (error instanceof SessionExpired) return null;
  const text =
    error instanceof ApiError && error.status === 404
      ? "It may have been removed, or you may not have access to it."
      : error.message;
  return (
    <div className="govuk-error-summary" role="alert">
      <h2 className="govuk-error-summary__title">
        {error instanceof ApiError && error.status === 404 ? "Not found" : "Sorry, there is a problem"}
      </h2>
      <div className="govuk-error-summary__body"><p className="govuk-body">{text}</p></div>
    </div>
  );
}

export function Tag({ colour, children }: { colour?: string; children: ReactNode }) {
  return <strong className={`govuk-tag${colour ? ` govuk-tag--${colour}` : ""}`}>{children}</strong>;
}

export function SummaryList({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="govuk-summary-list">
      {rows.map(([key, value]) => (
        <div className="govuk-summary-list__row" key={key}>
          <dt className="govuk-summary-list__key">{key}</dt>
          <dd className="govuk-summary-list__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
