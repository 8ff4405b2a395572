import { useRef, useState } from "react";
import { Alert, Button, Card, Form, Input, Select, Space, Tag, Typography, type InputRef } from "antd";
import { LoginOutlined } from "@ant-design/icons";
import type { SignInChoice } from "../../api/bindings/SignInChoice";
import { CoreError } from "../../api/client";
import { useMessages } from "../../i18n";
import { useAppInfo } from "../app/api";
import { useSignIn } from "./api";
import { RecoverModal } from "./RecoverModal";

interface SignInValues {
  profileId: string | undefined;
  passphrase: string;
}

/** "王明（001）": how a profile is named wherever someone picks one. */
export function profileLabel(profile: Pick<SignInChoice, "name" | "staffNo">): string {
  return profile.staffNo ? `${profile.name}（${profile.staffNo}）` : profile.name;
}

/**
 * The sign-in screen of a database with profiles: choose yourself, enter your
 * passphrase, Enter signs in. A refusal is the core's message; the passphrase is
 * cleared for the next try.
 */
export function SignIn({ profiles }: { profiles: SignInChoice[] }) {
  const m = useMessages();
  const [form] = Form.useForm<SignInValues>();
  const signIn = useSignIn();
  const [error, setError] = useState<string | null>(null);
  const passphraseRef = useRef<InputRef>(null);
  const [recovering, setRecovering] = useState(false);
  // A database from before encryption is encrypted at an administrator's sign-in.
  const plain = useAppInfo().data?.protection === "plain";

  const submit = async (values: SignInValues) => {
    setError(null);
    try {
      await signIn.mutateAsync({ profileId: values.profileId ?? "", passphrase: values.passphrase ?? "" });
    } catch (e) {
      setError(e instanceof CoreError ? e.message : String(e));
      form.setFieldValue("passphrase", "");
      passphraseRef.current?.focus();
    }
  };

  return (
    <Card title={m.session.signInTitle} data-testid="signin" style={{ maxWidth: 520, margin: "48px auto" }}>
      <Typography.Paragraph type="secondary">{m.session.signInIntro}</Typography.Paragraph>
      {plain && <Alert type="info" showIcon data-testid="signin-plain" title={m.encryption.plainSignIn} style={{ marginBottom: 16 }} />}
      {error && (
        <Alert type="error" showIcon data-testid="signin-error" title={m.session.signInFailed} description={error} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ profileId: profiles.length === 1 ? profiles[0]!.id : undefined, passphrase: "" }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="profileId" label={m.session.profile}>
          <Select
            data-testid="signin-profile"
            placeholder={m.session.profilePlaceholder}
            showSearch={{ optionFilterProp: "search" }}
            onChange={() => passphraseRef.current?.focus()}
            options={profiles.map((p) => ({
              value: p.id,
              label: profileLabel(p),
              search: `${p.name} ${p.staffNo} ${p.departmentName}`,
              profile: p,
            }))}
            optionRender={(option) => {
              const p = option.data.profile as SignInChoice;
              return (
                <Space>
                  <span>{profileLabel(p)}</span>
                  <Typography.Text type="secondary">{p.departmentName}</Typography.Text>
                  <Tag>{m.role[p.role]}</Tag>
                </Space>
              );
            }}
          />
        </Form.Item>
        <Form.Item name="passphrase" label={m.session.passphrase}>
          <Input.Password ref={passphraseRef} data-testid="signin-passphrase" autoComplete="current-password" autoFocus={profiles.length === 1} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<LoginOutlined />} loading={signIn.isPending} data-testid="signin-submit">
          {m.session.signIn}
        </Button>
        <Button type="link" onClick={() => setRecovering(true)} data-testid="signin-recover">
          {m.encryption.recoverLink}
        </Button>
      </Form>
      <RecoverModal open={recovering} profiles={profiles} onClose={() => setRecovering(false)} />
    </Card>
  );
}
