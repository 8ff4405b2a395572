import { Component, type ReactNode } from "react";
import { Button, Result } from "antd";
import { useMessages } from "../../i18n";
import type { Messages } from "../../i18n/messages";

interface Props {
  messages: Messages;
  children: ReactNode;
}

/** A rendering bug shows a page that says so and offers a reload, never a blank window. */
class Boundary extends Component<Props, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const m = this.props.messages;
    return (
      <Result
        status="error"
        title={m.common.crashed}
        subTitle={error.message}
        extra={<Button onClick={() => window.location.reload()}>{m.common.reload}</Button>}
      />
    );
  }
}

export function ErrorBoundary({ children }: { children: ReactNode }) {
  return <Boundary messages={useMessages()}>{children}</Boundary>;
}
