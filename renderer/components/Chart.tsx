import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Colours read from the stylesheet's variables, so charts follow the light and dark themes. */
export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  accent: string;
  series: string[];
}

function readTheme(): ChartTheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#1d1d1f'),
    muted: v('--muted', '#6b6b70'),
    grid: v('--border', '#dcdcdf'),
    accent: v('--accent', '#3457d5'),
    series: [1, 2, 3, 4, 5, 6].map((i) => v(`--series-${i}`, '#3457d5')),
  };
}

const isDark = () => document.documentElement.dataset['theme'] === 'dark';

/**
 * Calls `on` whenever the app's theme changes: `data-theme` on the document, set by
 * use-appearance.ts from the person's choice or the system's (never the media query alone,
 * which misses a theme chosen in the app).
 */
function onThemeChange(on: () => void): () => void {
  const watch = new MutationObserver(on);
  watch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => watch.disconnect();
}

/** Whether the app shows its dark theme now. */
export function useDarkTheme(): boolean {
  const [dark, setDark] = useState(isDark);
  useEffect(() => onThemeChange(() => setDark(isDark())), []);
  return dark;
}

/** The theme's colours now, re-read when the theme changes. */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(readTheme);
  useEffect(() => onThemeChange(() => setTheme(readTheme())), []);
  return theme;
}

export function axis(theme: ChartTheme, extra: Partial<uPlot.Axis> = {}): uPlot.Axis {
  return {
    stroke: theme.muted,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1 },
    font: '12px system-ui, sans-serif',
    labelFont: '12px system-ui, sans-serif',
    ...extra,
  };
}

/**
 * A vertical axis's width from its longest tick label (uPlot's default is a fixed 50 px, which
 * cuts "40,000" to "0,000"). As in uPlot's auto-size demo: sizing runs in cycles, settle after
 * the second.
 */
export function fitToLabels(
  self: uPlot,
  values: string[] | null,
  axisIdx: number,
  cycleNum: number,
): number {
  const a = self.axes[axisIdx]! as uPlot.Axis & { _size?: number };
  if (cycleNum > 1 && a._size) return a._size;
  const gap = typeof a.gap === 'number' ? a.gap : 5;
  const ticks = typeof a.ticks?.size === 'number' ? a.ticks.size : 10;
  const longest = (values ?? []).reduce((l, v) => (v.length > l.length ? v : l), '');
  let width = 0;
  if (longest) {
    self.ctx.font = Array.isArray(a.font) ? String(a.font[0]) : String(a.font ?? '12px sans-serif');
    width = self.ctx.measureText(longest).width / devicePixelRatio;
  }
  return Math.ceil(gap + ticks + width + 4);
}

/**
 * A uPlot chart (canvas, fast with many points) sized to its container. Rebuilt when the data
 * or the theme changes; `build` returns the options and data for the given width.
 */
export function Chart({
  build,
  height = 220,
  testId,
  label,
}: {
  build: (width: number) => {
    options: Omit<uPlot.Options, 'width' | 'height'>;
    data: uPlot.AlignedData;
  };
  height?: number;
  testId: string;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = box.current!;
    const ro = new ResizeObserver(() => setWidth(Math.floor(el.clientWidth)));
    ro.observe(el);
    setWidth(Math.floor(el.clientWidth));
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    if (width <= 0) return;
    const { options, data } = build(width);
    // The legend is a key to the series: uPlot's live values read "Value: --" until the
    // pointer is on a point, and the exact numbers are in the tables beside each chart.
    const plot = new uPlot(
      { ...options, legend: { live: false, ...options.legend }, width, height },
      data,
      box.current!,
    );
    return () => plot.destroy();
  }, [build, width, height]);
  return <div className="chart" ref={box} data-testid={testId} role="img" aria-label={label} />;
}

/** Draw vertical interval whiskers (lower/upper per x) with a point at the estimate. */
export function whiskers(
  lower: Array<number | null>,
  upper: Array<number | null>,
  colour: string,
): Array<(u: uPlot) => void> {
  return [
    (u: uPlot) => {
      const ctx = u.ctx;
      ctx.save();
      ctx.strokeStyle = colour;
      ctx.lineWidth = 2 * devicePixelRatio;
      const xs = u.data[0];
      for (let i = 0; i < xs.length; i++) {
        if (u.data[1]?.[i] === null || u.data[1]?.[i] === undefined) continue;
        // An unbounded side (null) runs to the edge of the plot.
        const lo = lower[i] ?? u.scales['y']?.min;
        const hi = upper[i] ?? u.scales['y']?.max;
        if (lo === null || hi === null || lo === undefined || hi === undefined) continue;
        const x = u.valToPos(xs[i]!, 'x', true);
        const y0 = u.valToPos(lo, 'y', true);
        const y1 = u.valToPos(hi, 'y', true);
        const cap = 6 * devicePixelRatio;
        ctx.beginPath();
        ctx.moveTo(x, y0);
        ctx.lineTo(x, y1);
        ctx.moveTo(x - cap, y0);
        ctx.lineTo(x + cap, y0);
        ctx.moveTo(x - cap, y1);
        ctx.lineTo(x + cap, y1);
        ctx.stroke();
      }
      ctx.restore();
    },
  ];
}
