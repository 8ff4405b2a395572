import type { ReactNode } from "react";
import {
  AuditOutlined,
  BookOutlined,
  CarOutlined,
  CoffeeOutlined,
  GiftOutlined,
  HomeOutlined,
  InfoCircleOutlined,
  SettingOutlined,
  TeamOutlined,
  ContactsOutlined,
  UnorderedListOutlined,
} from "@ant-design/icons";
import type { Action } from "../../api/bindings/Action";
import type { Messages } from "../../i18n/messages";

export type AreaKey = keyof Messages["nav"];

export interface Area {
  key: AreaKey;
  path: string;
  icon: ReactNode;
  /** Shown only to someone the core lets do one of these (signed in). */
  forAnyOf?: Action[];
}

/** The product's areas, in the order of the navigation. */
export const AREAS: Area[] = [
  { key: "home", path: "/", icon: <HomeOutlined /> },
  { key: "records", path: "/records", icon: <UnorderedListOutlined /> },
  { key: "trips", path: "/trips", icon: <CarOutlined /> },
  { key: "meals", path: "/meals", icon: <CoffeeOutlined /> },
  { key: "gifts", path: "/gifts", icon: <GiftOutlined /> },
  { key: "contacts", path: "/contacts", icon: <TeamOutlined /> },
  { key: "review", path: "/review", icon: <AuditOutlined />, forAnyOf: ["approveRecord", "attestMonth"] },
  { key: "registers", path: "/registers", icon: <BookOutlined /> },
  { key: "directory", path: "/directory", icon: <ContactsOutlined /> },
  { key: "settings", path: "/settings", icon: <SettingOutlined /> },
  { key: "about", path: "/about", icon: <InfoCircleOutlined /> },
];

/** The areas someone may open: those without a condition, and those the core's `may` opens. */
export function visibleAreas(may: Action[] | null): Area[] {
  return AREAS.filter((area) => !area.forAnyOf || (may !== null && area.forAnyOf.some((action) => may.includes(action))));
}
