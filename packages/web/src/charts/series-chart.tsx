import { useEffect, useRef } from 'react';
import { useLanguage } from '../i18n/language';
import { echarts } from './echarts';

/**
 * A count series with what a detection method made of it: the expected line, the threshold as the top of
 * a shaded band (the range the method takes as normal), and the alarmed points marked red.
 */

export interface ChartSeries {
  readonly periods: readonly string[];
  readonly observed: readonly (number | null)[];
  readonly expected?: readonly (number | null)[];
  readonly upperbound?: readonly (number | null)[];
  /** Indices of alarmed periods. */
  readonly alarms?: readonly number[];
  /** A period to mark with a vertical line (the alert's evidence day). */
  readonly marker?: string;
}

export function SeriesChart({
  data,
  height = 260,
  testId,
}: {
  data: ChartSeries;
  height?: number;
  testId?: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const { t } = useLanguage();

  useEffect(() => {
    const el = element.current;
    if (!el) return undefined;
    const chart = echarts.init(el, undefined, { renderer: 'svg' });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, []);

  useEffect(() => {
    const el = element.current;
    const chart = el ? echarts.getInstanceByDom(el) : undefined;
    if (!chart) return;
    const alarmSet = new Set(data.alarms ?? []);
    const round = (v: number | null | undefined) => (v === null || v === undefined ? null : +v.toFixed(2));
    const band = data.upperbound?.map(round);
    chart.setOption(
      {
        animation: false,
        grid: { left: 40, right: 12, top: 28, bottom: 28 },
        legend: { top: 0, itemWidth: 14, textStyle: { fontSize: 11 } },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: data.periods, axisLabel: { fontSize: 10 } },
        yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } },
        series: [
          ...(band
            ? [
                {
                  name: t('alert.threshold'),
                  type: 'line',
                  data: band,
                  symbol: 'none',
                  lineStyle: { color: '#e07b39', width: 1, type: 'dashed' },
                  areaStyle: { color: 'rgba(240,124,0,0.12)' },
                  connectNulls: false,
                },
              ]
            : []),
          ...(data.expected
            ? [
                {
                  name: t('alert.expected'),
                  type: 'line',
                  data: data.expected.map(round),
                  symbol: 'none',
                  lineStyle: { color: '#5a8f5a', width: 1.5 },
                },
              ]
            : []),
          {
            name: t('alert.observed'),
            type: 'line',
            data: data.observed.map((v, i) =>
              alarmSet.has(i)
                ? { value: v, symbol: 'circle', symbolSize: 8, itemStyle: { color: '#d62d2d' } }
                : v,
            ),
            symbol: 'none',
            lineStyle: { color: '#1f3b73', width: 2 },
            itemStyle: { color: '#1f3b73' },
            markLine: data.marker
              ? {
                  symbol: 'none',
                  data: [{ xAxis: data.marker }],
                  lineStyle: { color: '#d62d2d' },
                  label: { show: false },
                }
              : undefined,
          },
        ],
      },
      { notMerge: true },
    );
  }, [data, t]);

  return <div ref={element} className="chart" style={{ height }} data-testid={testId} />;
}
