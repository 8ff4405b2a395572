import { useEffect, useRef, useState } from "react";
import { Typography } from "antd";
import * as echarts from "echarts/core";
import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { EChartsCoreOption } from "echarts/core";
import { useMessages } from "../../i18n";

// Only what the home page draws; SVG renders crisp text and needs no canvas.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** A small React wrapper over ECharts: one instance per element, options set on change. */
export function Chart({ option, height = 280, testId }: { option: EChartsCoreOption; height?: number; testId?: string }) {
  const m = useMessages();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const el = element.current;
    if (!el) return;
    let instance: echarts.ECharts;
    try {
      instance = echarts.init(el, undefined, { renderer: "svg" });
    } catch {
      // A host that cannot draw (a test DOM) shows a line of text instead.
      queueMicrotask(() => setFailed(true));
      return;
    }
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    try {
      chart.current?.setOption(option, true);
    } catch {
      queueMicrotask(() => setFailed(true));
    }
  }, [option]);

  return (
    <div data-testid={testId}>
      {failed && <Typography.Text type="secondary">{m.home.chartUnavailable}</Typography.Text>}
      <div ref={element} style={{ width: "100%", height, display: failed ? "none" : "block" }} />
    </div>
  );
}
