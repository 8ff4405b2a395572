import { useState } from "react";
import { App, Button, Form, Input, Space, Typography } from "antd";
import { FolderOpenOutlined, QrcodeOutlined } from "@ant-design/icons";
import type { RegisterVerification } from "../../api/bindings/RegisterVerification";
import { CoreError } from "../../api/client";
import { usePlatform } from "../../api/platform";
import { useMessages } from "../../i18n";
import { applyCoreError } from "../common/fieldPath";
import { useVerifyRegister } from "./api";
import { VerificationView } from "./VerificationView";

/** Verifies a register PDF chosen on disk, or a register this database issued by its QR text. */
export function VerifyTab() {
  const m = useMessages();
  const r = m.registers;
  const platform = usePlatform();
  const verify = useVerifyRegister();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ qrText: string }>();
  const [result, setResult] = useState<RegisterVerification | null>(null);
  // The chosen file is no form value (a dialog gives it), so its error is kept here.
  const [pathError, setPathError] = useState<string | null>(null);
  const run = (request: { path: string } | { qrText: string }) => {
    setResult(null);
    setPathError(null);
    form.setFields([{ name: "qrText", errors: [] }]);
    verify.mutate(request, {
      onSuccess: setResult,
      onError: (e) => {
        if (e instanceof CoreError && e.field?.[0] === "path") setPathError(e.fieldMessage);
        else if (!applyCoreError(form, e)) message.error(e instanceof CoreError ? e.message : String(e));
      },
    });
  };
  return (
    <div data-testid="register-verify">
      <Typography.Paragraph type="secondary">{r.verifyHint}</Typography.Paragraph>
      <Form form={form} layout="vertical" style={{ maxWidth: 760 }}>
        <Form.Item validateStatus={pathError ? "error" : undefined} help={pathError ?? undefined}>
          <Button
            icon={<FolderOpenOutlined />}
            loading={verify.isPending}
            data-testid="verify-choose-file"
            onClick={async () => {
              const path = await platform.pickFile("register");
              if (path) run({ path });
            }}
          >
            {r.chooseFile}
          </Button>
        </Form.Item>
        <Form.Item name="qrText" label={r.qrText}>
          <Input
            data-testid="verify-qr-input"
            placeholder="qinqing-register:…"
            onPressEnter={() => run({ qrText: form.getFieldValue("qrText") ?? "" })}
          />
        </Form.Item>
        <Space>
          <Button
            icon={<QrcodeOutlined />}
            data-testid="verify-qr"
            onClick={() => run({ qrText: form.getFieldValue("qrText") ?? "" })}
          >
            {r.verifyQr}
          </Button>
        </Space>
      </Form>
      {result && (
        <div style={{ marginTop: 16 }}>
          <VerificationView result={result} />
        </div>
      )}
    </div>
  );
}
