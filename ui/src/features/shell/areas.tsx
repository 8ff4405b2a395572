import type { ReactNode } from "react";
import {
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
import type { Messages } from "../../i18n/messages";

export type AreaKey = keyof Messages["nav"];

/** Areas whose feature is not built yet; each page says so and what will come. */
export type PlannedArea = keyof Omit<Messages["area"], "notBuilt" | "notBuiltHint">;

export interface Area {
  key: AreaKey;
  path: string;
  icon: ReactNode;
}

/** The product's areas, in the order of the navigation. */
export const AREAS: Area[] = [
  { key: "home", path: "/", icon: <HomeOutlined /> },
  { key: "records", path: "/records", icon: <UnorderedListOutlined /> },
  { key: "trips", path: "/trips", icon: <CarOutlined /> },
  { key: "meals", path: "/meals", icon: <CoffeeOutlined /> },
  { key: "gifts", path: "/gifts", icon: <GiftOutlined /> },
  { key: "contacts", path: "/contacts", icon: <TeamOutlined /> },
  { key: "registers", path: "/registers", icon: <BookOutlined /> },
  { key: "directory", path: "/directory", icon: <ContactsOutlined /> },
  { key: "settings", path: "/settings", icon: <SettingOutlined /> },
  { key: "about", path: "/about", icon: <InfoCircleOutlined /> },
];

export const PLANNED_AREAS: PlannedArea[] = ["registers"];
