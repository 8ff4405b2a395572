import { useState } from "react";
import { App, Button, Drawer, Empty, Space, Table, Typography } from "antd";
import { EyeOutlined, SafetyOutlined, SaveOutlined, SignatureOutlined } from "@ant-design/icons";
import type { IssuedRegisterView } from "../../api/bindings/IssuedRegisterView";
import type { RegisterVerification } from "../../api/bindings/RegisterVerification";
import { CoreError } from "../../api/client";
import { usePlatform } from "../../api/platform";
import { fmt, useMessages } from "../../i18n";
import { QueryState } from "../common/QueryState";
import { PassphraseModal } from "../common/PassphraseModal";
import { useMay } from "../session/api";
import { suggestedName, useCountersignRegister, useIssuedRegisters, useRegisterPdf, useSaveRegister, useVerifyRegister } from "./api";
import { PdfPreview } from "./PdfPreview";
import { VerificationView } from "./VerificationView";
import { bureauTime } from "../common/time";

function when(time: string | undefined): string {
  return time ? bureauTime(time) : "";
}

/** A person and when they signed. */
function signedLine(name: string, time: string | undefined): string {
  return [name, when(time)].join(" ");
}

/** The start of a hash, enough to tell registers apart in a list. */
function shortHash(hash: string): string {
  return hash.slice(0, 16);
}

/** The registers signed so far: preview, save again, countersign (the leader in charge), verify. */
export function IssuedTab() {
  const m = useMessages();
  const r = m.registers;
  const { message } = App.useApp();
  const platform = usePlatform();
  const issued = useIssuedRegisters();
  const save = useSaveRegister();
  const countersign = useCountersignRegister();
  const verify = useVerifyRegister();
  const mayCountersign = useMay("countersignRegister");
  const [previewing, setPreviewing] = useState<IssuedRegisterView | null>(null);
  const [countersigning, setCountersigning] = useState<{ register: IssuedRegisterView; path: string } | null>(null);
  const [verified, setVerified] = useState<RegisterVerification | null>(null);
  const pdf = useRegisterPdf(previewing ? { registerId: previewing.id } : null);
  const fail = (e: unknown) => message.error(e instanceof CoreError ? e.message : String(e));

  return (
    <div data-testid="register-issued">
      <QueryState query={issued}>
        {(list) => (
          <Table<IssuedRegisterView>
            size="small"
            rowKey="id"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={list}
            locale={{ emptyText: <Empty description={r.issuedEmpty} /> }}
            onRow={(row) => ({ "data-testid": `issued-${row.month}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { key: "month", title: r.month, dataIndex: "month" },
              { key: "department", title: r.department, dataIndex: "department" },
              { key: "signedBy", title: r.signedBy, render: (_, row) => signedLine(row.signedBy, row.signedAt) },
              {
                key: "countersignedBy",
                title: r.countersignedBy,
                render: (_, row) =>
                  row.countersignedBy ? (
                    <span data-testid="issued-countersigned">{signedLine(row.countersignedBy, row.countersignedAt)}</span>
                  ) : (
                    <Typography.Text type="secondary">{r.notCountersigned}</Typography.Text>
                  ),
              },
              {
                key: "manifest",
                title: r.manifest,
                render: (_, row) => <Typography.Text code title={row.manifestSha256}>
                    {shortHash(row.manifestSha256)}
                  </Typography.Text>,
              },
              {
                key: "actions",
                title: r.actions,
                render: (_, row) => (
                  <Space wrap>
                    <Button size="small" icon={<EyeOutlined />} onClick={() => setPreviewing(row)} data-testid="issued-preview">
                      {r.preview}
                    </Button>
                    <Button
                      size="small"
                      icon={<SaveOutlined />}
                      data-testid="issued-save"
                      onClick={async () => {
                        const path = await platform.saveFile(suggestedName(row.department, row.month, "登记簿"));
                        if (!path) return;
                        save.mutate(
                          { registerId: row.id, path },
                          { onSuccess: (d) => message.success(fmt(r.saved, { path: d.path ?? path })), onError: fail },
                        );
                      }}
                    >
                      {r.saveAs}
                    </Button>
                    {mayCountersign && !row.countersignedBy && (
                      <Button
                        size="small"
                        icon={<SignatureOutlined />}
                        data-testid="issued-countersign"
                        onClick={async () => {
                          const path = await platform.saveFile(suggestedName(row.department, row.month, "登记簿-会签"));
                          if (path) setCountersigning({ register: row, path });
                        }}
                      >
                        {r.countersign}
                      </Button>
                    )}
                    <Button
                      size="small"
                      icon={<SafetyOutlined />}
                      data-testid="issued-verify"
                      onClick={() => verify.mutate({ qrText: row.qrText }, { onSuccess: setVerified, onError: fail })}
                    >
                      {r.verify}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <PassphraseModal
        open={countersigning !== null}
        title={fmt(r.countersignTitle, {
          department: countersigning?.register.department ?? "",
          month: countersigning?.register.month ?? "",
        })}
        description={<Typography.Paragraph>{fmt(r.countersignHint, { path: countersigning?.path ?? "" })}</Typography.Paragraph>}
        onClose={() => setCountersigning(null)}
        onSign={async ({ passphrase }) => {
          if (!countersigning) return;
          const done = await countersign.mutateAsync({
            registerId: countersigning.register.id,
            passphrase,
            path: countersigning.path,
          });
          message.success(fmt(r.countersigned, { path: done.path ?? "" }));
        }}
      />
      <Drawer
        open={previewing !== null}
        onClose={() => setPreviewing(null)}
        size="large"
        title={previewing ? `${previewing.department} ${previewing.month}` : ""}
        destroyOnHidden
      >
        <QueryState query={pdf}>{(data) => <PdfPreview base64={data.base64} testId="issued-pdf" />}</QueryState>
      </Drawer>
      <Drawer open={verified !== null} onClose={() => setVerified(null)} size="large" title={r.verify} destroyOnHidden>
        {verified && <VerificationView result={verified} />}
      </Drawer>
    </div>
  );
}
