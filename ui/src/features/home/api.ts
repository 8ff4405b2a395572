import { useQuery } from "@tanstack/react-query";
import { useCoreCall } from "../../api/client";

/** The home screen's month at a glance (refreshed with the records). */
export function useHomeSummary() {
  const call = useCoreCall();
  return useQuery({
    queryKey: ["records", "home_summary"],
    queryFn: () => call("home_summary", { month: null, departmentId: null }),
  });
}
