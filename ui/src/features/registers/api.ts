import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RegisterCountersignRequest } from "../../api/bindings/RegisterCountersignRequest";
import type { RegisterDraftRequest } from "../../api/bindings/RegisterDraftRequest";
import type { RegisterSaveRequest } from "../../api/bindings/RegisterSaveRequest";
import type { RegisterSignRequest } from "../../api/bindings/RegisterSignRequest";
import type { RegisterVerifyRequest } from "../../api/bindings/RegisterVerifyRequest";
import { useCoreCall } from "../../api/client";

/** Under "records": a record's change can unblock (or block) a month's register. */
export const registerPreviewKey = ["records", "register_preview"] as const;
export const issuedKey = ["registers"] as const;

/** A department's month as the register would state it now, with what blocks signing. */
export function useRegisterPreview(departmentId: string | null, month: string) {
  const call = useCoreCall();
  return useQuery({
    queryKey: [...registerPreviewKey, departmentId, month],
    queryFn: () => call("register_preview", { departmentId: departmentId!, month }),
    enabled: departmentId !== null,
  });
}

/** The issued registers, newest month first. */
export function useIssuedRegisters() {
  const call = useCoreCall();
  return useQuery({ queryKey: issuedKey, queryFn: () => call("register_list", {}) });
}

/** The PDF to preview: an issued register as stored, or a month's draft. */
export function useRegisterPdf(source: { registerId: string } | { departmentId: string; month: string } | null) {
  const call = useCoreCall();
  return useQuery({
    queryKey: ["records", "register_pdf", source],
    queryFn: () => call("register_pdf", source!),
    enabled: source !== null,
    staleTime: Infinity,
  });
}

/** Signing, countersigning and saving change the registers, the records' locks and their reviews. */
function useRegisterMutation<R, T>(run: (request: R) => Promise<T>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: issuedKey }),
        queryClient.invalidateQueries({ queryKey: ["records"] }),
        queryClient.invalidateQueries({ queryKey: ["record"] }),
        queryClient.invalidateQueries({ queryKey: ["review"] }),
      ]),
  });
}

export function useSignRegister() {
  const call = useCoreCall();
  return useRegisterMutation((request: RegisterSignRequest) => call("register_sign", request));
}

export function useCountersignRegister() {
  const call = useCoreCall();
  return useRegisterMutation((request: RegisterCountersignRequest) => call("register_countersign", request));
}

export function useSaveRegister() {
  const call = useCoreCall();
  return useRegisterMutation((request: RegisterSaveRequest) => call("register_save", request));
}

export function useSaveDraft() {
  const call = useCoreCall();
  return useMutation({ mutationFn: (request: RegisterDraftRequest) => call("register_draft_pdf", request) });
}

export function useVerifyRegister() {
  const call = useCoreCall();
  return useMutation({ mutationFn: (request: RegisterVerifyRequest) => call("register_verify", request) });
}

/** The file name the save dialog suggests: department, month, and what it is. */
export function suggestedName(department: string, month: string, what: string): string {
  return `${department}-${month}-${what}.pdf`.replace(/[\\/:*?"<>|]+/g, "_");
}
