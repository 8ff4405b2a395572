import type { ReactNode } from "react";
import { Alert, Button, Spin } from "antd";
import type { UseQueryResult } from "@tanstack/react-query";
import { useMessages } from "../../i18n";

/** Renders a query's loading and error states the same way everywhere. */
export function QueryState<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  const m = useMessages();
  if (query.isPending) return <Spin description={m.common.loading}><div style={{ minHeight: 80 }} /></Spin>;
  if (query.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={m.common.loadFailed}
        description={query.error.message}
        action={<Button onClick={() => void query.refetch()}>{m.common.retry}</Button>}
      />
    );
  return <>{children(query.data)}</>;
}
