import { useState, type ReactNode } from "react";
import { Alert, App, Button, Space, Spin, Tag, Typography } from "antd";
import { LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { useNavigate } from "react-router-dom";
import { CoreError } from "../../api/client";
import { useMessages } from "../../i18n";
import { useDirectory } from "../directory/api";
import { useSession, useSignOut } from "../session/api";
import { profileLabel, SignIn } from "../session/SignIn";

/** True when the database has profiles and nobody is signed in: only the sign-in screen shows. */
export function useSignInRequired(): boolean {
  const info = useSession().data;
  return !!info && info.profilesExist && !info.user;
}

/** Until the first profile exists anyone may do anything: says so, and how to end it. */
function NoProfilesBanner() {
  const m = useMessages();
  const departments = useDirectory("department");
  const [dismissed, setDismissed] = useState(false);
  // The first-run screen (an empty directory) says enough on its own.
  if (dismissed || !departments.isSuccess || departments.data.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      closable={{ onClose: () => setDismissed(true) }}
      data-testid="no-profiles-banner"
      title={m.session.noProfiles}
      style={{ marginBottom: 16 }}
    />
  );
}

/**
 * The frame's content, or the sign-in screen when the core says someone must sign in
 * first. A core that cannot answer (an error) leaves the app as it was.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const m = useMessages();
  const session = useSession();
  if (session.isPending) return <Spin description={m.common.loading}><div style={{ minHeight: 120 }} /></Spin>;
  const info = session.data;
  if (info && info.profilesExist && !info.user) return <SignIn profiles={info.profiles} />;
  return (
    <>
      {info && !info.profilesExist && <NoProfilesBanner />}
      {children}
    </>
  );
}

/** The person signed in, in the header, and signing out. */
export function SessionBar() {
  const m = useMessages();
  const { message } = App.useApp();
  const user = useSession().data?.user;
  const signOut = useSignOut();
  const navigate = useNavigate();
  if (!user) return null;
  const { profile } = user;
  return (
    <Space>
      <Space size={4} data-testid="session-user" data-profile-id={profile.id}>
        <UserOutlined />
        <Typography.Text>{profileLabel(profile)}</Typography.Text>
        <Tag color="red">{m.role[profile.role]}</Tag>
        {profile.administrator && profile.role !== "administrator" && <Tag>{m.session.administrator}</Tag>}
      </Space>
      <Button
        size="small"
        icon={<LogoutOutlined />}
        loading={signOut.isPending}
        data-testid="sign-out"
        onClick={() =>
          signOut
            .mutateAsync()
            // Whoever signs in next starts at home, not on the page the last person left.
            .then(() => navigate("/"))
            .catch((e) => message.error(e instanceof CoreError ? e.message : String(e)))
        }
      >
        {m.session.signOut}
      </Button>
    </Space>
  );
}
