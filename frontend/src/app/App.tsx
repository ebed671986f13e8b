import { Fragment } from "react";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { Layout } from "./Layout";
import { homePath } from "./permissions";
import { PanelsProvider } from "./panels";
import { useSession } from "./session";
import { ActionRoutes } from "../features/actions/routes";
import { AdminRoutes } from "../features/admin/routes";
import { CaseRoutes } from "../features/cases/routes";
import { MeetingRoutes } from "../features/meetings/routes";
import { ReferralFormPage } from "../features/referral-form/ReferralFormPage";
import { ReferralRoutes } from "../features/referrals/routes";
import { SharingRoutes } from "../features/sharing/routes";
import { SignInPage } from "../features/signin/SignInPage";
import { Loading, PageHeading } from "../components/page";

/** Each feature contributes its own routes; a new screen is a folder under src/features/. */
function SignedInRoutes() {
  const { state } = useSession();
  const me = state.status === "signed-in" || state.status === "expired" ? state.me : null;
  return (
    <Routes>
      <Route path="/" element={me ? <Navigate to={homePath(me)} replace /> : null} />
      <Route path="/sign-in" element={me ? <Navigate to={homePath(me)} replace /> : null} />
      <Route path="/referrals/new" element={<ReferralFormPage />} />
      <Route path="/referrals/*" element={<ReferralRoutes />} />
      <Route path="/cases/*" element={<CaseRoutes />} />
      <Route path="/meetings/*" element={<MeetingRoutes />} />
      <Route path="/actions/*" element={<ActionRoutes />} />
      <Route path="/sharing/*" element={<SharingRoutes />} />
      <Route path="/admin/*" element={<AdminRoutes />} />
      <Route path="/no-access" element={<NoAccess />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

export function App() {
  const { state } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  if (state.status === "loading") {
    return <Layout><Loading /></Layout>;
  }
  if (state.status === "signed-out") {
    const back = location.pathname === "/sign-in" ? "/" : location.pathname + location.search;
    return (
      <Layout>
        <SignInPage onSignedIn={(me) => navigate(back === "/" ? homePath(me) : back, { replace: true })} />
      </Layout>
    );
  }
  // Signed in, or expired: the page stays mounted (hidden) so typed input survives a re-sign-in.
  // Keyed by user, so a different person signing in never sees the previous person's state.
  const expired = state.status === "expired";
  return (
    <Layout>
      {expired && <SignInPage expired />}
      <div hidden={expired}>
        <Fragment key={state.me.user_id}>
          <PanelsProvider>
            <SignedInRoutes />
          </PanelsProvider>
        </Fragment>
      </div>
    </Layout>
  );
}

function NotFound() {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
    </>
  );
}

function NoAccess() {
  return (
    <>
      <PageHeading>You have no roles yet</PageHeading>
      <p className="govuk-body">Ask your MARAC coordinator or an administrator to give you a role on a panel.</p>
    </>
  );
}
