import { useState } from "react";
import { Alert, App, Button, Card, Col, Form, Input, Row, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { CoreError, useCoreCall } from "../../api/client";
import { fmt, useMessages } from "../../i18n";
import { applyCoreError } from "../records/fieldPath";

interface SetUp {
  bureauName: string;
  departmentName: string;
  name: string;
  staffNo: string;
  position: string;
}

/**
 * The first screen of an empty database: set up the bureau, a department and the
 * user (who becomes this machine's profile), or load the invented demo data.
 */
export function FirstRun() {
  const m = useMessages();
  const call = useCoreCall();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<SetUp>();
  const [busy, setBusy] = useState<"setup" | "demo" | null>(null);
  const [error, setError] = useState<string | null>(null);

  const done = async () => {
    await queryClient.invalidateQueries();
  };

  const setUp = async (values: SetUp) => {
    setBusy("setup");
    setError(null);
    try {
      // Each step is checked by the core; an error names the field of its own request.
      await call("bureau_save", { name: values.bureauName }).catch((e) => rethrow(e, "bureauName"));
      const department = await call("department_save", {
        id: null,
        version: null,
        value: { name: values.departmentName, active: true },
      }).catch((e) => rethrow(e, "departmentName"));
      const official = await call("official_save", {
        id: null,
        version: null,
        value: {
          name: values.name,
          staffNo: values.staffNo,
          departmentId: department.id,
          position: values.position,
          role: "administrator",
          travelTier: "other",
          enforcementPowers: false,
          active: true,
        },
      }).catch((e) => rethrow(e, null));
      await call("profile_save", { officialId: official.id });
      message.success(m.setup.done);
      await done();
    } catch (e) {
      if (!applyCoreError(form, e)) setError(e instanceof CoreError ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const loadDemo = async () => {
    setBusy("demo");
    setError(null);
    try {
      const report = await call("demo_generate", { records: 200, seed: 1, batch: null });
      message.success(fmt(m.setup.demoDone, { records: report.recordsAdded }));
      await done();
    } catch (e) {
      setError(e instanceof CoreError ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={m.setup.title} data-testid="first-run">
      <Typography.Paragraph>{m.setup.intro}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="setup-error" />}
      <Row gutter={24}>
        <Col span={14}>
          <Form form={form} layout="vertical" onFinish={(values) => void setUp(values)} data-testid="setup-form">
            <Form.Item name="bureauName" label={m.setup.bureauName}>
              <Input data-testid="setup-bureau" />
            </Form.Item>
            <Form.Item name="departmentName" label={m.setup.departmentName}>
              <Input data-testid="setup-department" />
            </Form.Item>
            <Row gutter={12}>
              <Col span={10}>
                <Form.Item name="name" label={m.setup.myName}>
                  <Input data-testid="setup-name" />
                </Form.Item>
              </Col>
              <Col span={7}>
                <Form.Item name="staffNo" label={m.setup.staffNo}>
                  <Input data-testid="setup-staffNo" />
                </Form.Item>
              </Col>
              <Col span={7}>
                <Form.Item name="position" label={m.setup.position}>
                  <Input data-testid="setup-position" />
                </Form.Item>
              </Col>
            </Row>
            <Button type="primary" htmlType="submit" loading={busy === "setup"} disabled={busy !== null} data-testid="setup-submit">
              {m.setup.setUp}
            </Button>
          </Form>
        </Col>
        <Col span={10}>
          <Typography.Paragraph type="secondary">{m.setup.demoHint}</Typography.Paragraph>
          <Button loading={busy === "demo"} disabled={busy !== null} onClick={() => void loadDemo()} data-testid="setup-demo">
            {m.setup.loadDemo}
          </Button>
        </Col>
      </Row>
    </Card>
  );
}

/** Re-labels a directory error so it lands on the set-up form's own field. */
function rethrow(error: unknown, field: string | null): never {
  if (error instanceof CoreError && error.field && field) {
    throw new CoreError({ code: error.code, message: error.message, field: [field] });
  }
  throw error;
}
