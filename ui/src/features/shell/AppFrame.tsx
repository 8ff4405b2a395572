import { Layout, Menu, Space, Typography } from "antd";
import { Outlet, useLocation, useNavigate } from "react-router-dom";
import { useMessages } from "../../i18n";
import { useSession } from "../session/api";
import { SessionBar, SessionGate, useSignInRequired } from "./SessionGate";
import { AREAS, visibleAreas } from "./areas";
import { LanguageSwitch } from "./LanguageSwitch";

const { Header, Sider, Content } = Layout;

export function AppFrame() {
  const m = useMessages();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const signInRequired = useSignInRequired();
  const areas = signInRequired ? [] : visibleAreas(session.data?.user ? session.data.may : null);
  const selected = AREAS.find((area) => area.path === location.pathname)?.key ?? "home";

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Sider width={200} theme="light" breakpoint="lg" collapsedWidth={64}>
        <div style={{ padding: "16px 20px" }}>
          <Typography.Text strong data-testid="app-title">
            {m.app.title}
          </Typography.Text>
        </div>
        <Menu
          mode="inline"
          data-testid="nav"
          selectedKeys={[selected]}
          // At once rather than as a transition: a transition renders the next page in
          // slices between frames, which on a slow PC doubled the time to its rows.
          onClick={({ key }) => navigate(AREAS.find((area) => area.key === key)?.path ?? "/", { flushSync: true })}
          items={areas.map((area) => ({
            key: area.key,
            icon: area.icon,
            label: <span data-testid={`nav-${area.key}`}>{m.nav[area.key]}</span>,
          }))}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: "transparent",
            display: "flex",
            justifyContent: "space-between",
            alignItems: "center",
            paddingInline: 24,
          }}
        >
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="page-title">
            {signInRequired ? m.session.signInTitle : m.nav[selected]}
          </Typography.Title>
          <Space size="middle">
            <SessionBar />
            <LanguageSwitch />
          </Space>
        </Header>
        <Content style={{ padding: "0 24px 24px" }}>
          <SessionGate>
            <Outlet />
          </SessionGate>
        </Content>
      </Layout>
    </Layout>
  );
}
