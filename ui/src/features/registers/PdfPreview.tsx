import { useEffect, useRef, useState } from "react";
import { Alert, Spin, Typography } from "antd";
import { fmt, useMessages } from "../../i18n";

/** Decodes base64 (from the core) into the bytes pdf.js reads. */
function bytesOf(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Draws every page of a PDF with pdf.js (the webview shows no PDF itself). pdf.js is
 * loaded only when a preview is first shown; its worker ships with the app, so this
 * works offline.
 */
export function PdfPreview({
  base64,
  testId = "pdf-preview",
  draft,
}: {
  base64: string;
  testId?: string;
  /** Whether it is an unsigned draft (said to tests and assistive tools). */
  draft?: boolean;
}) {
  const m = useMessages();
  const container = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<number | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const target = container.current;
    if (!target) return;
    target.replaceChildren();
    setPages(null);
    setFailed(null);
    void (async () => {
      try {
        const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
        const worker = await import("pdfjs-dist/legacy/build/pdf.worker.min.mjs?url");
        pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
        const doc = await pdfjs.getDocument({ data: bytesOf(base64), isEvalSupported: false }).promise;
        if (cancelled) return;
        setPages(doc.numPages);
        for (let n = 1; n <= doc.numPages && !cancelled; n += 1) {
          const page = await doc.getPage(n);
          const viewport = page.getViewport({ scale: 1.5 });
          const canvas = document.createElement("canvas");
          canvas.width = viewport.width;
          canvas.height = viewport.height;
          canvas.dataset.testid = `${testId}-page`;
          canvas.setAttribute("aria-label", fmt(m.registers.pages, { pages: n }));
          canvas.style.width = "100%";
          canvas.style.border = "1px solid #d9d9d9";
          canvas.style.marginBottom = "12px";
          target.appendChild(canvas);
          await page.render({ canvas, viewport }).promise;
          canvas.dataset.drawn = "true";
        }
        await doc.destroy();
      } catch (error) {
        if (!cancelled) setFailed(String(error));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [base64, testId, m]);

  return (
    <div data-testid={testId} data-draft={draft === undefined ? undefined : String(draft)}>
      {failed && <Alert type="error" showIcon title={m.registers.previewFailed} description={failed} />}
      {pages === null && !failed && <Spin />}
      {pages !== null && (
        <Typography.Text type="secondary" data-testid={`${testId}-pages`}>
          {fmt(m.registers.pages, { pages })}
        </Typography.Text>
      )}
      <div ref={container} style={{ maxWidth: 1100, marginTop: 8 }} />
    </div>
  );
}
