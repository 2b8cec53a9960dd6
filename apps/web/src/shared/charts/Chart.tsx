/**
 * The recharts drawing of a ChartPanel. Only ever loaded through React.lazy (ChartPanel), so
 * recharts stays out of the first page's JavaScript.
 */
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartSeries } from './types';

const COLOURS = ['#1f5fa8', '#c0392b', '#2e8b57', '#b8860b', '#6a5acd', '#008b8b'];

export default function Chart({
  kind,
  data,
  xKey,
  series,
  height,
  format,
}: {
  kind: 'bar' | 'line';
  data: Record<string, string | number | null>[];
  xKey: string;
  series: ChartSeries[];
  height: number;
  format: (n: number) => string;
}) {
  const tick = { fontSize: 12 };
  const common = (
    <>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey={xKey} tick={tick} interval={0} angle={data.length > 8 ? -30 : 0} textAnchor={data.length > 8 ? 'end' : 'middle'} height={data.length > 8 ? 70 : 30} />
      <YAxis tick={tick} tickFormatter={(v: number) => format(v)} width={70} />
      <Tooltip formatter={(v) => (typeof v === 'number' ? format(v) : String(v))} />
      <Legend />
    </>
  );
  return (
    <ResponsiveContainer width="100%" height={height}>
      {kind === 'bar' ? (
        <BarChart data={data}>
          {common}
          {series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.colour ?? COLOURS[i % COLOURS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      ) : (
        <LineChart data={data}>
          {common}
          {series.map((s, i) => (
            <Line key={s.key} dataKey={s.key} name={s.label} stroke={s.colour ?? COLOURS[i % COLOURS.length]} strokeWidth={2} isAnimationActive={false} />
          ))}
        </LineChart>
      )}
    </ResponsiveContainer>
  );
}
