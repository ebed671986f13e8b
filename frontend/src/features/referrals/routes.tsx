import { Route, Routes } from "react-router";
import { InboxPage } from "./InboxPage";
import { ReferralPage } from "./ReferralPage";

export function ReferralRoutes() {
  return (
    <Routes>
      <Route index element={<InboxPage />} />
      <Route path=":referralId" element={<ReferralPage />} />
    </Routes>
  );
}
