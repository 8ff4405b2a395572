import { useState } from "react";
import type { Cursor } from "../../api/bindings/Cursor";
import type { RecordFilter } from "../../api/bindings/RecordFilter";

/** Where pages start, by 0-based page index, for the pages seen so far (page 0 at null). */
export type KnownStarts = Record<number, Cursor | null>;

/**
 * How to ask the core for page `index`: after the cursor where it starts when that is
 * known (the keyset path, cheapest), otherwise by its number (a jump).
 */
export function pageRequest(known: KnownStarts, index: number): { after: Cursor | null; page: number | null } {
  return index in known ? { after: known[index] ?? null, page: null } : { after: null, page: index + 1 };
}

/**
 * The page shown of a filtered list, and the cursors learnt on the way: each page's
 * `next` is where the following page starts. A new filter or page size starts at page 1.
 */
export function usePaging(filter: RecordFilter, pageSize: number) {
  const key = JSON.stringify([filter, pageSize]);
  const fresh = { key, index: 0, known: { 0: null } as KnownStarts };
  const [state, setState] = useState(fresh);
  if (state.key !== key) setState(fresh);
  const current = state.key === key ? state : fresh;
  return {
    index: current.index,
    request: pageRequest(current.known, current.index),
    /** Records where the page after `index` starts, once a page has told us. */
    learn(index: number, next: Cursor | null) {
      if (next && current.known[index + 1] === undefined)
        setState((s) => (s.key === key ? { ...s, known: { ...s.known, [index + 1]: next } } : s));
    },
    go(index: number) {
      setState((s) => ({ ...(s.key === key ? s : fresh), index: Math.max(0, index) }));
    },
  };
}
