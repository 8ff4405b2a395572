import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CalendarDay } from "../../api/bindings/CalendarDay";
import type { Standard } from "../../api/bindings/Standard";
import { useCoreCall } from "../../api/client";

const standardsKey = ["standard_list"] as const;
const rulesKey = ["rule_list"] as const;
const holidaysKey = ["holiday_list"] as const;

/** Every standard, withdrawn ones included. */
export function useStandards() {
  const call = useCoreCall();
  return useQuery({ queryKey: standardsKey, queryFn: () => call("standard_list", { includeInactive: true }) });
}

/** The rules and what each standard is (label, unit). */
export function useRuleCatalogue() {
  const call = useCoreCall();
  return useQuery({ queryKey: rulesKey, queryFn: () => call("rule_list", {}) });
}

type Save<T> = { id: string | null; version: number | null; value: T };

/** Findings and the home screen rest on standards and the calendar: asked again after a save. */
const dependsOnRules = (key: readonly unknown[]) => String(key[0]).startsWith("record") || key[0] === "home_summary";

export function useSaveStandard(onSaved: () => void) {
  const call = useCoreCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: Save<Standard>) => call("standard_save", request),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: standardsKey });
      await queryClient.invalidateQueries({ predicate: (q) => dependsOnRules(q.queryKey) });
      onSaved();
    },
  });
}

/** The administrator's corrections to the holiday calendar. */
export function useHolidays() {
  const call = useCoreCall();
  return useQuery({ queryKey: holidaysKey, queryFn: () => call("holiday_list", { includeInactive: true }) });
}

export function useSaveHoliday(onSaved: () => void) {
  const call = useCoreCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: Save<CalendarDay>) => call("holiday_save", request),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: holidaysKey });
      await queryClient.invalidateQueries({ predicate: (q) => dependsOnRules(q.queryKey) });
      onSaved();
    },
  });
}
