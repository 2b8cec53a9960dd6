/** The before/after and event shares of graduates beside comparable people (recharts, loaded lazily). */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Comparison } from '@nang-tam/contracts';
import { useI18n } from '../../i18n';

export default function ResultsChart({ comparison }: { comparison: Comparison }) {
  const { t } = useI18n();
  const rows = (['beforeGood', 'afterGood', 'planned', 'rotated', 'promoted'] as const).map((k) => ({
    name: t(`evr.metric.${k}`),
    graduates: comparison.graduateShares[k] ?? 0,
    controls: comparison.controlShares[k] ?? 0,
  }));
  return (
    <div style={{ width: '100%', height: 300 }} role="img" aria-label={t('evr.chartLabel')}>
      <ResponsiveContainer>
        <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
          <YAxis unit="%" domain={[0, 100]} />
          <Tooltip formatter={(v) => `${Number(v).toLocaleString('vi-VN')}%`} />
          <Legend />
          <Bar dataKey="graduates" name={t('evr.graduates')} fill="#1d4ed8" />
          <Bar dataKey="controls" name={t('evr.controls')} fill="#9ca3af" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
