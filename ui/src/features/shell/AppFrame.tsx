import { Layout, Menu, Space, Typography } from "antd";
import { Outlet, useLocation, useNavigate } from "react-router-dom";
import { useMessages } from "../../i18n";
import { AREAS } from "./areas";
import { LanguageSwitch } from "./LanguageSwitch";

const { Header, Sider, Content } = Layout;

export function AppFrame() {
  const m = useMessages();
  const navigate = useNavigate();
  const location = useLocation();
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
          onClick={({ key }) => navigate(AREAS.find((area) => area.key === key)?.path ?? "/")}
          items={AREAS.map((area) => ({
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
            {m.nav[selected]}
          </Typography.Title>
          <Space>
            <LanguageSwitch />
          </Space>
        </Header>
        <Content style={{ padding: "0 24px 24px" }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
