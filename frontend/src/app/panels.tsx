// The panels the signed-in person may see (GET /api/v1/panels), loaded once per sign-in, so
// screens name a panel ("North MARAC") instead of showing its id.
import { createContext, useCallback, useContext, useEffect, useState } from "react";
import type { ReactNode } from "react";
import { client, unwrap } from "../api/client";
import type { Schemas } from "../api/client";
import { panelLabel } from "./permissions";
import { useMe } from "./session";

export type Panel = Schemas["PanelRead"];

const PanelsContext = createContext<Panel[] | null>(null);

export function PanelsProvider({ children }: { children: ReactNode }) {
  const [panels, setPanels] = useState<Panel[] | null>(null);
  useEffect(() => {
    let live = true;
    unwrap(() => client.GET("/api/v1/panels")).then(
      (list) => live && setPanels(list.items),
      () => live && setPanels([]), // names are a nicety: screens fall back to a short reference
    );
    return () => {
      live = false;
    };
  }, []);
  return <PanelsContext.Provider value={panels}>{children}</PanelsContext.Provider>;
}

/** The visible panels; null while they load. */
export function usePanels(): Panel[] | null {
  return useContext(PanelsContext);
}

/** A function naming a panel by its id: its name when known, else "Panel n (ref)". */
export function usePanelLabel(): (panelId: string) => string {
  const me = useMe();
  const panels = useContext(PanelsContext);
  return useCallback(
    (panelId: string) => panels?.find((p) => p.id === panelId)?.name ?? panelLabel(me, panelId),
    [me, panels],
  );
}

export type Agency = Schemas["AgencyRead"];

/** Every agency (administrators only: GET /api/v1/agencies); null while loading or refused. */
export function useAgencies(): Agency[] | null {
  const [agencies, setAgencies] = useState<Agency[] | null>(null);
  useEffect(() => {
    let live = true;
    unwrap(() => client.GET("/api/v1/agencies")).then(
      (list) => live && setAgencies(list.items),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return agencies;
}
