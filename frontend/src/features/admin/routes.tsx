import { Route, Routes } from "react-router";
import { useMe } from "../../app/session";
import { PageHeading } from "../../components/page";
import { ApiKeysPage } from "./ApiKeysPage";
import { UsersPage } from "./UsersPage";

export function AdminRoutes() {
  const me = useMe();
  if (!me.is_administrator) {
    return <PageHeading>You cannot administer this service</PageHeading>;
  }
  return (
    <Routes>
      <Route path="users" element={<UsersPage />} />
      <Route path="api-keys" element={<ApiKeysPage />} />
    </Routes>
  );
}
