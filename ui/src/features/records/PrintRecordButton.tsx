import { App, Button } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { CoreError } from "../../api/client";
import { usePlatform } from "../../api/platform";
import { fmt, useMessages } from "../../i18n";
import { useRecordPrint } from "./api";

/**
 * Prints one record whole: the core writes its sheet (fields, findings, attachments,
 * history) as a PDF where the person chooses, opened in the system's viewer to print.
 */
export function PrintRecordButton({ id }: { id: string }) {
  const m = useMessages();
  const printRecord = useRecordPrint();
  const platform = usePlatform();
  const { message } = App.useApp();
  const printing = useMutation({
    mutationFn: async () => {
      const path = await platform.saveFile(`${m.detail.printName}.pdf`);
      if (!path) return null;
      const done = await printRecord({ id, path });
      await platform.openPath(done.path);
      return done;
    },
    onSuccess: (done) => done && message.success(fmt(m.detail.printed, { path: done.path })),
    onError: (e) => message.error(e instanceof CoreError ? e.message : String(e)),
  });
  return (
    <Button icon={<PrinterOutlined />} loading={printing.isPending} onClick={() => printing.mutate()} data-testid="detail-print">
      {m.detail.print}
    </Button>
  );
}
