import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Lang } from "../../api/bindings/Lang";
import { useCoreCall } from "../../api/client";

export const appInfoKey = ["app_info"] as const;

export function useAppInfo() {
  const call = useCoreCall();
  return useQuery({ queryKey: appInfoKey, queryFn: () => call("app_info", {}) });
}

export function useSetLanguage() {
  const call = useCoreCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (language: Lang) => call("set_language", { language }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: appInfoKey }),
  });
}

export function useBureau() {
  const call = useCoreCall();
  return useQuery({ queryKey: ["bureau"], queryFn: () => call("bureau_get", {}) });
}

export function useSaveBureau() {
  const call = useCoreCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => call("bureau_save", { name }),
    onSuccess: (saved) => queryClient.setQueryData(["bureau"], saved),
  });
}
