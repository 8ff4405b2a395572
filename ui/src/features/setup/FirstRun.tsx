import { useRef, useState } from "react";
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import type { Department } from "../../api/bindings/Department";
import type { Official } from "../../api/bindings/Official";
import type { OfficialRole } from "../../api/bindings/OfficialRole";
import type { Versioned } from "../../api/bindings/Versioned";
import { CoreError } from "../../api/client";
import { fmt, useMessages } from "../../i18n";
import { applyCoreError } from "../common/fieldPath";
import { sameAs } from "../common/sameAs";
import { useRequired } from "../common/FormBits";
import type { RecoveryKeyIssued } from "../../api/bindings/RecoveryKeyIssued";
import { RecoveryKeyModal } from "../settings/RecoveryKey";
import { TEXT_LIMITS } from "../../api/bindings/limits";
import { useIssueRecoveryKey } from "../settings/api";
import { useBureauSave, useDemoGenerate, useDepartmentSave, useOfficialSave, useProfileCreate } from "./api";

interface SetUp {
  bureauName: string;
  departmentName: string;
  name: string;
  staffNo: string;
  position: string;
  role: OfficialRole;
  passphrase: string;
  passphrase2: string;
}

/** The roles the first person can have (an inspector administers nothing). */
const ROLES: OfficialRole[] = ["staff", "clerk", "departmentHead", "leaderInCharge", "administrator"];


/**
 * The first screen of an empty database: set up the bureau, a department and the
 * user, who becomes the first profile (an administrator, signed in with the
 * passphrase chosen here), or load the invented demo data.
 */
export function FirstRun() {
  const m = useMessages();
  const saveBureau = useBureauSave();
  const saveDepartment = useDepartmentSave();
  const saveOfficial = useOfficialSave();
  const createProfile = useProfileCreate();
  const issueRecoveryKey = useIssueRecoveryKey();
  const generateDemo = useDemoGenerate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<SetUp>();
  // Marks what must be filled in; the core checks it again (and everything else).
  const required = useRequired();
  const [busy, setBusy] = useState<"setup" | "demo" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [demo, setDemo] = useState<{ records: number; passphrase: string } | null>(null);
  const [recovery, setRecovery] = useState<RecoveryKeyIssued | null>(null);
  // What an attempt already saved: a retry amends it rather than adding it twice.
  const saved = useRef<{ department?: Versioned<Department>; official?: Versioned<Official> }>({});

  const done = async () => {
    await queryClient.invalidateQueries();
  };

  const setUp = async (values: SetUp) => {
    setBusy("setup");
    setError(null);
    try {
      // Each step is checked by the core; an error names the field of its own request.
      await saveBureau({ name: values.bureauName }).catch((e) => rethrow(e, "bureauName"));
      const department = await saveDepartment({
        id: saved.current.department?.id ?? null,
        version: saved.current.department?.version ?? null,
        value: { name: values.departmentName, active: true },
      }).catch((e) => rethrow(e, "departmentName"));
      saved.current.department = department;
      const official = await saveOfficial({
        id: saved.current.official?.id ?? null,
        version: saved.current.official?.version ?? null,
        value: {
          name: values.name,
          staffNo: values.staffNo,
          departmentId: department.id,
          position: values.position,
          role: values.role,
          travelTier: "other",
          enforcementPowers: false,
          active: true,
        },
      }).catch((e) => rethrow(e, null));
      saved.current.official = official;
      // The first profile administers; the core signs its creator in. From now on
      // the database opens only with a passphrase, so the recovery key is issued and
      // shown at once (the setup ends when it is kept).
      await createProfile({ officialId: official.id, administrator: true, passphrase: values.passphrase ?? "" });
      message.success(m.setup.done);
      setRecovery(await issueRecoveryKey.mutateAsync());
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
      // The demo comes with profiles (and a review history) so review can be tried;
      // the passphrase the core gave them stays on screen.
      const report = await generateDemo({ records: DEMO_RECORDS, seed: 1, batch: null, profiles: true });
      // Shown until the person goes on to sign in: the passphrase is needed there.
      setDemo({ records: report.recordsAdded, passphrase: report.passphrase ?? "" });
    } catch (e) {
      setError(e instanceof CoreError ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={m.setup.title} data-testid="first-run">
      <RecoveryKeyModal
        issued={recovery}
        onClose={() => {
          setRecovery(null);
          void done();
        }}
      />
      <Typography.Paragraph>{m.setup.intro}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="setup-error" />}
      <Row gutter={24}>
        <Col span={14}>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ role: "departmentHead" }}
            onFinish={(values) => void setUp(values)}
            data-testid="setup-form"
          >
            <Form.Item name="bureauName" label={m.setup.bureauName} rules={required}>
              <Input data-testid="setup-bureau" maxLength={TEXT_LIMITS.bureau.name} showCount />
            </Form.Item>
            <Form.Item name="departmentName" label={m.setup.departmentName} rules={required}>
              <Input data-testid="setup-department" maxLength={TEXT_LIMITS.department.name} showCount />
            </Form.Item>
            <Row gutter={12}>
              <Col span={10}>
                <Form.Item name="name" label={m.setup.myName} rules={required}>
                  <Input data-testid="setup-name" maxLength={TEXT_LIMITS.official.name} showCount />
                </Form.Item>
              </Col>
              <Col span={7}>
                <Form.Item name="staffNo" label={m.setup.staffNo} rules={required}>
                  <Input data-testid="setup-staffNo" maxLength={TEXT_LIMITS.official.staffNo} showCount />
                </Form.Item>
              </Col>
              <Col span={7}>
                <Form.Item name="position" label={m.setup.position}>
                  <Input data-testid="setup-position" maxLength={TEXT_LIMITS.official.position} showCount />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="role" label={m.setup.role}>
              <Select<OfficialRole>
                data-testid="setup-role"
                options={ROLES.map((role) => ({ value: role, label: m.role[role] }))}
              />
            </Form.Item>
            <Typography.Paragraph type="secondary">{m.setup.passphraseHint}</Typography.Paragraph>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="passphrase" label={m.setup.passphrase} rules={required} extra={m.setup.passphraseMinimum}>
                  <Input.Password data-testid="setup-passphrase" autoComplete="new-password" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="passphrase2"
                  label={m.setup.passphrase2}
                  dependencies={["passphrase"]}
                  rules={[sameAs("passphrase", m.setup.mismatch)]}
                >
                  <Input.Password data-testid="setup-passphrase2" autoComplete="new-password" />
                </Form.Item>
              </Col>
            </Row>
            <Button type="primary" htmlType="submit" loading={busy === "setup"} disabled={busy !== null} data-testid="setup-submit">
              {m.setup.setUp}
            </Button>
          </Form>
        </Col>
        <Col span={10}>
          <Typography.Paragraph type="secondary">{fmt(m.setup.demoHint, { records: DEMO_RECORDS })}</Typography.Paragraph>
          {demo ? (
            <Alert
              type="success"
              showIcon
              data-testid="setup-demo-done"
              message={fmt(m.setup.demoDone, demo)}
              action={
                <Button type="primary" onClick={() => void done()} data-testid="setup-demo-continue">
                  {m.setup.demoContinue}
                </Button>
              }
            />
          ) : (
            <Button loading={busy === "demo"} disabled={busy !== null} onClick={() => void loadDemo()} data-testid="setup-demo">
              {m.setup.loadDemo}
            </Button>
          )}
        </Col>
      </Row>
    </Card>
  );
}

/** How many invented records the demo loads (the hint says the same number). */
const DEMO_RECORDS = 300;

/** Re-labels a directory error so it lands on the set-up form's own field. */
function rethrow(error: unknown, field: string | null): never {
  if (error instanceof CoreError && error.field && field) {
    throw new CoreError({ code: error.code, message: error.message, field: [field] });
  }
  throw error;
}
