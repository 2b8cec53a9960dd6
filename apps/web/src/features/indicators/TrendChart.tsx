/**
 * The trend chart of an indicator (recharts): its value at each year end and on the date asked, the
 * target as a line, the projection to the deadline as a dashed segment. Loaded lazily by the page
 * (React.lazy) so recharts never enters the first page's bundle.
 */
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { IndicatorDetail } from '@nang-tam/contracts';
import { useI18n } from '../../i18n';
import { formatDate } from '../../shared/format';

export default function TrendChart({ indicator }: { indicator: IndicatorDetail }) {
  const { t } = useI18n();
  const share = indicator.target.kind === 'share';
  const points: { label: string; value: number | null; projection: number | null }[] = (indicator.trend ?? []).map((p) => ({
    label: p.date.endsWith('-12-31') ? p.date.slice(0, 4) : formatDate(p.date),
    value: p.value,
    projection: null,
  }));
  if (indicator.projection && points.length > 0) {
    points[points.length - 1]!.projection = points[points.length - 1]!.value;
    points.push({ label: `${formatDate(indicator.projection.deadline)} (${t('ind.projected')})`, value: null, projection: indicator.projection.value });
  }
  return (
    <div style={{ width: '100%', height: 320 }} data-testid="indicator-chart">
      <ResponsiveContainer>
        <LineChart data={points} margin={{ top: 16, right: 24, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis domain={share ? [0, 100] : [0, 'auto']} unit={share ? '%' : ''} />
          <Tooltip />
          <Legend />
          <ReferenceLine y={indicator.target.value} stroke="#cf1322" strokeDasharray="6 3" label={t('ind.target')} />
          <Line type="monotone" dataKey="value" name={t('ind.value')} stroke="#1d4ed8" strokeWidth={2} connectNulls={false} isAnimationActive={false} />
          <Line type="linear" dataKey="projection" name={t('ind.projection')} stroke="#7c3aed" strokeDasharray="4 4" connectNulls isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
