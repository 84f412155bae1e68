// Charts drawn with TradingView Lightweight Charts (v5). Its attribution logo stays on
// every chart, as its licence asks (NOTICE: "TradingView Lightweight Charts™ Copyright (c)
// TradingView, Inc. https://www.tradingview.com/"). Times are Unix seconds, shown in UTC.

import { useEffect, useRef } from 'react';
import {
  BaselineSeries, CandlestickSeries, ColorType, createChart, createSeriesMarkers, CrosshairMode, HistogramSeries,
  LineSeries, type DeepPartial, type ChartOptions, type IChartApi, type SeriesMarker, type UTCTimestamp,
} from 'lightweight-charts';
import type { Candle } from '../api/types';

export const COLORS = {
  up: '#26a69a',
  down: '#ef5350',
  lines: ['#f0b429', '#4dabf7', '#da77f2', '#69db7c', '#ff922b'],
  equity: '#4dabf7',
  benchmark: '#adb5bd',
  drawdown: '#ef5350',
};

function baseOptions(height: number): DeepPartial<ChartOptions> {
  return {
    autoSize: true,
    height,
    layout: {
      background: { type: ColorType.Solid, color: '#10151b' },
      textColor: '#9aa6b2',
      fontSize: 11,
      attributionLogo: true,
    },
    grid: { vertLines: { color: '#1b232c' }, horzLines: { color: '#1b232c' } },
    rightPriceScale: { borderColor: '#27313c' },
    timeScale: { borderColor: '#27313c', timeVisible: true, secondsVisible: false },
    crosshair: { mode: CrosshairMode.Normal },
    localization: { locale: 'en-US' },
  };
}

/** Creates a chart in `container` for as long as the inputs stay the same. */
function useChart(build: (chart: IChartApi) => void, deps: unknown[], height: number) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return undefined;
    const chart = createChart(container.current, baseOptions(height));
    build(chart);
    chart.timeScale().fitContent();
    return () => chart.remove();
    // Deliberately keyed on the inputs listed, not on the callback.
  }, deps);
  return container;
}

export interface Overlay {
  name: string;
  color: string;
  values: (number | null)[];
}

export interface TradeMarker {
  time: number;
  kind: 'buy' | 'sell';
  text: string;
}

// Stable defaults: a new [] on every render would rebuild the chart every render.
const NO_OVERLAYS: Overlay[] = [];
const NO_MARKERS: TradeMarker[] = [];

/** Snaps a time to the open time of the candle that contains it. */
export function snapToCandle(openTimes: number[], time: number): number | undefined {
  let low = 0;
  let high = openTimes.length - 1;
  if (high < 0 || time < openTimes[0]) return undefined;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (openTimes[middle] <= time) low = middle;
    else high = middle - 1;
  }
  return openTimes[low];
}

export function CandleChart({
  candles,
  overlays = NO_OVERLAYS,
  markers = NO_MARKERS,
  height = 420,
  testId = 'candle-chart',
}: {
  candles: Candle[];
  overlays?: Overlay[];
  markers?: TradeMarker[];
  height?: number;
  testId?: string;
}) {
  const container = useChart(
    (chart) => {
      const series = chart.addSeries(CandlestickSeries, {
        upColor: COLORS.up,
        downColor: COLORS.down,
        wickUpColor: COLORS.up,
        wickDownColor: COLORS.down,
        borderVisible: false,
      });
      series.setData(
        candles.map((candle) => ({
          time: candle.open_time as UTCTimestamp,
          open: candle.open,
          high: candle.high,
          low: candle.low,
          close: candle.close,
        })),
      );
      const volume = chart.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' } });
      chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
      volume.setData(
        candles.map((candle) => ({
          time: candle.open_time as UTCTimestamp,
          value: candle.volume,
          color: candle.close >= candle.open ? 'rgba(38,166,154,0.35)' : 'rgba(239,83,80,0.35)',
        })),
      );
      for (const overlay of overlays) {
        const line = chart.addSeries(LineSeries, {
          color: overlay.color,
          lineWidth: 1,
          priceLineVisible: false,
          lastValueVisible: false,
          title: overlay.name,
        });
        line.setData(
          candles.flatMap((candle, index) =>
            overlay.values[index] === null ? [] : [{ time: candle.open_time as UTCTimestamp, value: overlay.values[index]! }],
          ),
        );
      }
      if (markers.length > 0) {
        const openTimes = candles.map((candle) => candle.open_time);
        const placed: SeriesMarker<UTCTimestamp>[] = markers
          .flatMap((marker) => {
            const time = snapToCandle(openTimes, marker.time);
            if (time === undefined) return [];
            return [
              {
                time: time as UTCTimestamp,
                position: marker.kind === 'buy' ? ('belowBar' as const) : ('aboveBar' as const),
                shape: marker.kind === 'buy' ? ('arrowUp' as const) : ('arrowDown' as const),
                color: marker.kind === 'buy' ? COLORS.up : COLORS.down,
                text: marker.text,
              },
            ];
          })
          .sort((a, b) => a.time - b.time);
        createSeriesMarkers(series, placed);
      }
    },
    [candles, overlays, markers, height],
    height,
  );
  return (
    <div className="chart-frame" data-testid={testId} data-points={candles.length} data-markers={markers.length}>
      <div ref={container} className="chart" style={{ height }} />
      <span className="chart-utc">UTC</span>
    </div>
  );
}

export interface LineSpec {
  name: string;
  color: string;
  points: { time: number; value: number }[];
  area?: boolean;
}

export function LinesChart({
  lines,
  height = 300,
  testId,
  percent = false,
  precision = 2,
}: {
  lines: LineSpec[];
  height?: number;
  testId?: string;
  /** Values are fractions shown as percentages. `area` lines are filled down to zero. */
  percent?: boolean;
  /** Decimals of the price scale (plain values). */
  precision?: number;
}) {
  const container = useChart(
    (chart) => {
      const priceFormat = percent
        ? { type: 'custom' as const, formatter: (value: number) => `${(value * 100).toFixed(2)}%`, minMove: 0.0001 }
        : { type: 'price' as const, precision, minMove: 10 ** -precision };
      for (const line of lines) {
        const data = line.points.map((point) => ({ time: point.time as UTCTimestamp, value: point.value }));
        if (line.area) {
          // Filled between the line and zero: an underwater (drawdown) curve.
          const series = chart.addSeries(BaselineSeries, {
            baseValue: { type: 'price', price: 0 },
            topLineColor: line.color,
            topFillColor1: 'rgba(0,0,0,0)',
            topFillColor2: 'rgba(0,0,0,0)',
            bottomLineColor: line.color,
            bottomFillColor1: 'rgba(239,83,80,0.15)',
            bottomFillColor2: 'rgba(239,83,80,0.45)',
            lineWidth: 1,
            title: line.name,
            priceFormat,
          });
          series.setData(data);
        } else {
          const series = chart.addSeries(LineSeries, { color: line.color, lineWidth: 2, title: line.name, priceFormat });
          series.setData(data);
        }
      }
    },
    [lines, height, percent, precision],
    height,
  );
  const count = lines.reduce((total, line) => total + line.points.length, 0);
  return (
    <div className="chart-frame" data-testid={testId} data-points={count}>
      <div className="chart-legend">
        {lines.map((line) => (
          <span key={line.name}>
            <i style={{ background: line.color }} /> {line.name}
          </span>
        ))}
      </div>
      <div ref={container} className="chart" style={{ height }} />
      <span className="chart-utc">UTC</span>
    </div>
  );
}
