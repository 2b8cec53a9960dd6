/** One series of a chart: the row key it reads, its legend label, an optional colour. */
export interface ChartSeries {
  key: string;
  label: string;
  colour?: string;
}
