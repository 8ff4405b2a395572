import { useState } from "react";
import { App, Button, Card, Checkbox, DatePicker, Form, Space, Typography } from "antd";
import { CloudUploadOutlined, ImportOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import dayjs from "dayjs";
import type { ImportReport } from "../../api/bindings/ImportReport";
import type { RecordKind } from "../../api/bindings/RecordKind";
import type { Resolution } from "../../api/bindings/Resolution";
import { CoreError } from "../../api/client";
import { usePlatform } from "../../api/platform";
import { fmt, useMessages } from "../../i18n";
import { PassphraseModal } from "../common/PassphraseModal";
import { useMay } from "../session/api";
import { BundleReport } from "./BundleReport";
import { SheetImport } from "./SheetImport";

import { ISO_DATE } from "../common/DateField";
import { useBundleExport, useBundleImport, useDirectoryBundleExport } from "./api";
const KINDS: RecordKind[] = ["trip", "meal", "gift", "contact"];

interface Selection {
  from: string | null;
  to: string | null;
  kinds: RecordKind[];
  notYetExported: boolean;
}

/**
 * Settings → Exchange: a field laptop exports what was registered away from the office
 * as a bundle signed with the person's key; the office imports it after a dry run
 * that shows every record's outcome and asks for a choice where records differ.
 */
export function ExchangeSection() {
  const m = useMessages();
  const x = m.exchange;
  const exportDirectory = useDirectoryBundleExport();
  const exportRecords = useBundleExport();
  const importBundle = useBundleImport();
  const platform = usePlatform();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const mayExport = useMay("exportBundle");
  const mayImport = useMay("importBundle");
  const mayDirectory = useMay("manageDirectory");
  const [selection, setSelection] = useState<Selection>({ from: null, to: null, kinds: [], notYetExported: true });
  // Which bundle the passphrase signs: the selected records or the directory.
  const [signing, setSigning] = useState<"records" | "directory" | null>(null);
  const [checked, setChecked] = useState<{ path: string; report: ImportReport } | null>(null);
  const fail = (e: unknown) => message.error(e instanceof CoreError ? e.message : String(e));

  // Refusals come back to the passphrase dialog, which shows them where they belong.
  const exportBundle = async (passphrase: string) => {
    const stamp = dayjs().format("YYYYMMDD-HHmm");
    const directory = signing === "directory";
    const path = await platform.saveFile(directory ? `名录-${stamp}.qqb` : `交换包-${stamp}.qqb`);
    if (!path) return;
    const done = directory
      ? await exportDirectory({ path, passphrase })
      : await exportRecords({ selection, path, passphrase });
    message.success(fmt(x.exported, { records: done.records, files: done.files, path: done.path }));
    // A record bundle says whether it is encrypted for the hub; a directory bundle is
    // for every spoke, so it is only signed.
    if (!directory) {
      if (done.sealedTo) message.info(x.sealed);
      else message.warning(x.notSealed, 10);
    }
  };
  const check = useMutation({
    mutationFn: (path: string) => importBundle({ path, dryRun: true, resolutions: {}, trustFingerprint: null }),
    onSuccess: (report, path) => setChecked({ path, report }),
    onError: fail,
  });
  const apply = useMutation({
    mutationFn: (args: { path: string; resolutions: Record<string, Resolution>; trustFingerprint: string | null }) =>
      importBundle({ path: args.path, dryRun: false, resolutions: args.resolutions, trustFingerprint: args.trustFingerprint }),
    onSuccess: async (report) => {
      setChecked(null);
      const c = report.counts;
      message.success(
        fmt(x.imported, { new: c.new, took: c.tookTheirs, amendments: c.amendments, both: c.keptBoth, mine: c.keptMine }),
      );
      await queryClient.invalidateQueries();
    },
    onError: fail,
  });

  return (
    <Card title={x.title} data-testid="exchange-section">
      <Typography.Paragraph type="secondary">{x.hint}</Typography.Paragraph>
      {mayExport && (
        <Form layout="vertical" style={{ maxWidth: 640 }}>
          <Form.Item label={x.range}>
            <DatePicker.RangePicker
              data-testid="exchange-range"
              format={ISO_DATE}
              allowEmpty={[true, true]}
              value={[selection.from ? dayjs(selection.from) : null, selection.to ? dayjs(selection.to) : null]}
              onChange={(range) =>
                setSelection({ ...selection, from: range?.[0]?.format(ISO_DATE) ?? null, to: range?.[1]?.format(ISO_DATE) ?? null })
              }
            />
          </Form.Item>
          <Form.Item label={x.kinds}>
            <Checkbox.Group
              data-testid="exchange-kinds"
              value={selection.kinds}
              onChange={(kinds) => setSelection({ ...selection, kinds: kinds as RecordKind[] })}
              options={KINDS.map((k) => ({ value: k, label: m.kind[k] }))}
            />
          </Form.Item>
          <Form.Item>
            <Checkbox
              data-testid="exchange-not-yet"
              checked={selection.notYetExported}
              onChange={(e) => setSelection({ ...selection, notYetExported: e.target.checked })}
            >
              {x.notYetExported}
            </Checkbox>
          </Form.Item>
        </Form>
      )}
      <Space wrap>
        {mayExport && (
          <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setSigning("records")} data-testid="exchange-export">
            {x.exportButton}
          </Button>
        )}
        {mayDirectory && (
          <Button icon={<CloudUploadOutlined />} onClick={() => setSigning("directory")} data-testid="exchange-export-directory">
            {x.exportDirectory}
          </Button>
        )}
        {mayImport && (
          <Button
            icon={<ImportOutlined />}
            loading={check.isPending}
            data-testid="exchange-import"
            onClick={async () => {
              const path = await platform.pickFile("bundle");
              if (path) check.mutate(path);
            }}
          >
            {check.isPending ? x.checking : x.importButton}
          </Button>
        )}
        {mayImport && <SheetImport />}
      </Space>
      <PassphraseModal
        open={signing !== null}
        title={signing === "directory" ? x.exportDirectory : x.passphraseTitle}
        onClose={() => setSigning(null)}
        onSign={({ passphrase }) => exportBundle(passphrase)}
      />
      {checked && (
        <BundleReport
          report={checked.report}
          applying={apply.isPending}
          onApply={(resolutions, trustFingerprint) => apply.mutate({ path: checked.path, resolutions, trustFingerprint })}
          onCancel={() => setChecked(null)}
        />
      )}
    </Card>
  );
}
