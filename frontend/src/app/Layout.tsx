import type { ReactNode } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { navigation } from "./permissions";
import { useSession } from "./session";

/** Skip link, service navigation (only what the role may use) and the main landmark. */
export function Layout({ children }: { children: ReactNode }) {
  const { state, signOut } = useSession();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const me = state.status === "signed-in" ? state.me : null;
  const items = me ? navigation(me) : [];
  const current = items
    .filter((i) => pathname === i.href || pathname.startsWith(`${i.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <>
      <a href="#main-content" className="govuk-skip-link" onClick={skipToMain}>Skip to main content</a>
      <header className="govuk-service-navigation" role="banner">
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container">
            <span className="govuk-service-navigation__service-name">
              <Link to="/" className="govuk-service-navigation__link">MARAC case management</Link>
            </span>
            {me && (
              <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
                <ul className="govuk-service-navigation__list">
                  {items.map((item) => (
                    <li
                      key={item.href}
                      className={`govuk-service-navigation__item${item.href === current ? " govuk-service-navigation__item--active" : ""}`}
                    >
                      <Link
                        className="govuk-service-navigation__link"
                        to={item.href}
                        aria-current={item.href === current ? "page" : undefined}
                      >
                        {item.href === current ? (
                          <strong className="govuk-service-navigation__active-fallback">{item.label}</strong>
                        ) : item.label}
                      </Link>
                    </li>
                  ))}
                  <li className="govuk-service-navigation__item">
                    <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => void signOut().finally(() => navigate("/", { replace: true }))}>
                      Sign out
                    </button>
                  </li>
                </ul>
              </nav>
            )}
          </div>
        </div>
      </header>
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="govuk-footer">
        <div className="govuk-width-container">
          <p className="govuk-body-s">
            Contains sensitive personal data: use only for the MARAC process.
          </p>
        </div>
      </footer>
    </>
  );
}

function skipToMain(event: React.MouseEvent) {
  event.preventDefault();
  document.getElementById("main-content")?.focus();
}
