import type { CommandName, Commands } from "./bindings/commands";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { ErrorPayload } from "./bindings/ErrorPayload";
import type { FieldProblem } from "./bindings/FieldProblem";
import type { PathSegment } from "./bindings/PathSegment";
import { usePlatform, type Platform } from "./platform";

/** A refusal from the core: its code, its message (already localized) and the field. */
export class CoreError extends Error {
  readonly code: ErrorCode;
  readonly field: PathSegment[] | undefined;
  /** For a field's error, the words to show beside the field (they do not name it). */
  readonly problem: string | undefined;
  /** The other fields' problems, when the request had several (the first is `field`). */
  readonly also: FieldProblem[];

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = "CoreError";
    this.code = payload.code;
    this.field = payload.field;
    this.problem = payload.problem;
    this.also = payload.also ?? [];
  }

  /** What to show next to the field the error names. */
  get fieldMessage(): string {
    return this.problem ?? this.message;
  }
}

function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ErrorPayload).code === "string" &&
    typeof (value as ErrorPayload).message === "string"
  );
}

/** Calls a command with a request of its declared type; a wrong payload does not compile. */
export async function callCore<N extends CommandName>(
  platform: Platform,
  name: N,
  request: Commands[N]["request"],
): Promise<Commands[N]["response"]> {
  try {
    return (await platform.call(name, request)) as Commands[N]["response"];
  } catch (error) {
    if (isErrorPayload(error)) throw new CoreError(error);
    // Tauri rejects with a plain string when the IPC layer itself fails.
    throw new CoreError({ code: "internal", message: String(error) });
  }
}

export function useCoreCall() {
  const platform = usePlatform();
  return <N extends CommandName>(name: N, request: Commands[N]["request"]) =>
    callCore(platform, name, request);
}

/**
 * One command as a function of its request, for a feature's `api.ts`: components call
 * the core only through their feature's api module.
 */
export function useCommand<N extends CommandName>(name: N): (request: Commands[N]["request"]) => Promise<Commands[N]["response"]> {
  const platform = usePlatform();
  return (request) => callCore(platform, name, request);
}
