import { useEffect, type DependencyList, type RefObject } from 'react';

/** An ECharts option (kept loose: the chart modules load on demand, their types with them). */
export type ChartOption = Record<string, unknown>;

/**
 * Draws an ECharts chart (SVG, loaded on demand) into the element and keeps it the element's
 * size: a ResizeObserver, not the window's resize event, because the element also changes width
 * when the layout around it settles (the side menu, a scroll bar appearing), and a chart sized
 * before that overflows its card. `option` gets the element's width (to slant labels on phones);
 * null draws nothing.
 */
export function useChart(
  ref: RefObject<HTMLDivElement | null>,
  option: ((width: number) => ChartOption) | null,
  deps: DependencyList,
): void {
  useEffect(() => {
    const node = ref.current;
    if (!option || !node) return;
    let disposed = false;
    let chart: { dispose: () => void; resize: () => void } | null = null;
    const observer = new ResizeObserver(() => chart?.resize());
    void import('./echarts.ts').then(({ echarts }) => {
      if (disposed) return;
      const c = echarts.init(node, undefined, { renderer: 'svg' });
      c.setOption(option(node.clientWidth));
      chart = c;
      observer.observe(node);
    });
    return () => {
      disposed = true;
      observer.disconnect();
      chart?.dispose();
    };
    // The caller names what the option depends on.
  }, deps);
}
