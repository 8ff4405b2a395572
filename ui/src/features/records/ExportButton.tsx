import { App, Button, Dropdown } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import type { ExportFormat } from "../../api/bindings/ExportFormat";
import type { RecordFilter } from "../../api/bindings/RecordFilter";
import { CoreError } from "../../api/client";
import { usePlatform } from "../../api/platform";
import { fmt, useMessages } from "../../i18n";
import { useRecordsExport } from "./api";

/**
 * Exports what the list's filter selects, in its order, to XLSX or CSV, or prints it:
 * a PDF list saved where the person chooses and opened in the system's viewer.
 */
export function ExportButton({ filter }: { filter: RecordFilter }) {
  const m = useMessages();
  const exportRecords = useRecordsExport();
  const platform = usePlatform();
  const { message } = App.useApp();
  const exporting = useMutation({
    mutationFn: async (format: ExportFormat) => {
      const path = await platform.saveFile(`${format === "pdf" ? m.list.printName : m.list.exportName}.${format}`);
      if (!path) return null;
      const done = await exportRecords({ filter, format, path });
      if (format === "pdf") await platform.openPath(done.path);
      return done;
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
          { key: "pdf", label: <span data-testid="export-pdf">{m.list.exportPdf}</span> },
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
