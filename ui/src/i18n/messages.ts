import type { zhCN } from "./zh-CN";

export type Catalogue<T> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };

/** The shape every catalogue has: that of the Chinese source, with any strings. */
export type Messages = Catalogue<typeof zhCN>;
