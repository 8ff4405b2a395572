import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AttestRequest } from "../../api/bindings/AttestRequest";
import type { ReviewRequest } from "../../api/bindings/ReviewRequest";
import { useCoreCall } from "../../api/client";

export const reviewKey = (id: string) => ["review", id] as const;
/** Under "records": every record change invalidates it (counts by status change). */
export const monthOverviewKey = ["records", "month_overview"] as const;

/** A record's review as the person signed in sees it, with what they may do to it. */
export function useReview(id: string | null) {
  const call = useCoreCall();
  return useQuery({
    queryKey: reviewKey(id ?? ""),
    queryFn: () => call("review_get", { id: id! }),
    enabled: id !== null,
    placeholderData: undefined,
  });
}

/** Submit, withdraw, approve or return records: then every view of them is read again. */
export function useRecordReview() {
  const call = useCoreCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ReviewRequest) => call("record_review", request),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["review"] }),
        queryClient.invalidateQueries({ queryKey: ["records"] }),
        queryClient.invalidateQueries({ queryKey: ["record"] }),
      ]),
  });
}

/** Per official of a department: registered, incomplete, declared empty or silent. */
export function useMonthOverview(departmentId: string | null, month: string) {
  const call = useCoreCall();
  return useQuery({
    queryKey: [...monthOverviewKey, departmentId, month],
    queryFn: () => call("month_overview", { departmentId: departmentId!, month }),
    enabled: departmentId !== null,
  });
}

/** Declares (or withdraws) a month with nothing to register; signed. */
export function useAttestMonth() {
  const call = useCoreCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: AttestRequest) => call("attest_month", request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: monthOverviewKey }),
  });
}
