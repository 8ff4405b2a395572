import { useState } from "react";
import { App, Button, Empty, Image, List, Modal, Popconfirm, Space, Spin, Typography } from "antd";
import { DeleteOutlined, EyeOutlined, PaperClipOutlined } from "@ant-design/icons";
import type { AttachmentInfo } from "../../api/bindings/AttachmentInfo";
import { CoreError } from "../../api/client";
import { useMessages } from "../../i18n";
import { useAddAttachment, useAttachmentData, useAttachments, useRemoveAttachment } from "./api";

function sizeOf(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * An attachment's preview: images inline as a data: URL (the CSP allows img-src
 * data:); PDFs as a download, because WebKitGTK does not show them inline.
 */
function Preview({ info, onClose }: { info: AttachmentInfo; onClose: () => void }) {
  const m = useMessages();
  const data = useAttachmentData(info.id);
  const url = data.data ? `data:${info.mediaType};base64,${data.data.base64}` : null;
  const pdf = info.mediaType === "application/pdf";
  return (
    <Modal open title={info.name} onCancel={onClose} footer={null} width={820}>
      <div data-testid="attachment-preview">
        {!url ? (
          <Spin />
        ) : pdf ? (
          <Space orientation="vertical">
            <Typography.Text type="secondary">{m.detail.pdfHint}</Typography.Text>
            <a href={url} download={info.name} data-testid="attachment-download">
              {m.detail.download}
            </a>
          </Space>
        ) : (
          <Image src={url} alt={info.name} style={{ maxWidth: "100%" }} preview={false} />
        )}
      </div>
    </Modal>
  );
}

/** A record's attachments: add one through the system file dialog, preview, remove. */
export function Attachments({ recordId, readOnly }: { recordId: string; readOnly?: boolean }) {
  const m = useMessages();
  const { message } = App.useApp();
  const list = useAttachments(recordId);
  const add = useAddAttachment(recordId);
  const remove = useRemoveAttachment(recordId);
  const [previewing, setPreviewing] = useState<AttachmentInfo | null>(null);
  const fail = (error: unknown) => message.error(error instanceof CoreError ? error.message : String(error));
  return (
    <div data-testid="attachments">
      {!readOnly && (
        <Button
          icon={<PaperClipOutlined />}
          loading={add.isPending}
          onClick={() => add.mutateAsync().catch(fail)}
          data-testid="attachment-add"
          style={{ marginBottom: 8 }}
        >
          {m.detail.addAttachment}
        </Button>
      )}
      <List
        size="small"
        loading={list.isPending}
        dataSource={list.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.detail.noAttachments} /> }}
        renderItem={(a) => (
          <List.Item
            key={a.id}
            data-testid={`attachment-${a.id}`}
            actions={[
              <Button key="preview" size="small" icon={<EyeOutlined />} onClick={() => setPreviewing(a)} data-testid="attachment-preview-open">
                {m.detail.preview}
              </Button>,
              ...(readOnly
                ? []
                : [
                    <Popconfirm
                      key="remove"
                      title={m.detail.removeConfirm}
                      okText={m.common.ok}
                      cancelText={m.common.cancel}
                      onConfirm={() => remove.mutateAsync(a.id).catch(fail)}
                    >
                      <Button size="small" danger icon={<DeleteOutlined />} data-testid="attachment-remove">
                        {m.detail.remove}
                      </Button>
                    </Popconfirm>,
                  ]),
            ]}
          >
            <Typography.Text>{a.name}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {sizeOf(a.size)}
            </Typography.Text>
          </List.Item>
        )}
      />
      {previewing && <Preview info={previewing} onClose={() => setPreviewing(null)} />}
    </div>
  );
}
