import { App, Button, Dropdown } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import type { ExportFormat } from "../../api/bindings/ExportFormat";
import type { RecordFilter } from "../../api/bindings/RecordFilter";
import { CoreError, useCoreCall } from "../../api/client";
import { usePlatform } from "../../api/platform";
import { fmt, useMessages } from "../../i18n";

/** Exports what the list's filter selects to XLSX or CSV, saved where the person chooses. */
export function ExportButton({ filter }: { filter: RecordFilter }) {
  const m = useMessages();
  const call = useCoreCall();
  const platform = usePlatform();
  const { message } = App.useApp();
  const exporting = useMutation({
    mutationFn: async (format: ExportFormat) => {
      const path = await platform.saveFile(`${m.list.exportName}.${format}`);
      return path ? call("records_export", { filter, format, path }) : null;
    },
    onSuccess: (done) => done && message.success(fmt(m.list.exported, { rows: done.rows, path: done.path })),
    onError: (e) => message.error(e instanceof CoreError ? e.message : String(e)),
  });
  return (
    <Dropdown
      menu={{
        items: [
          { key: "xlsx", label: <span data-testid="export-xlsx">{m.list.exportXlsx}</span> },
          { key: "csv", label: <span data-testid="export-csv">{m.list.exportCsv}</span> },
        ],
        onClick: ({ key }) => exporting.mutate(key as ExportFormat),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={exporting.isPending} data-testid="record-export">
        {m.list.export}
      </Button>
    </Dropdown>
  );
}
