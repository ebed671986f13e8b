import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { App } from "./app/App";
import { SessionProvider } from "./app/session";
import "./styles.scss";

// GOV.UK Frontend sets this from an inline script; the CSP allows none, so it is set here.
document.body.classList.add("govuk-frontend-supported");

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <BrowserRouter>
      <SessionProvider>
        <App />
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);
