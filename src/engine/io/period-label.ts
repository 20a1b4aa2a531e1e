/**
 * A period's label. With a start year, ISO 8601 style: "2027-03" (month), "2027-W05" (week),
 * and the common "2027-Q1" (quarter), where a model year of 52 weeks counts weeks 01–52.
 * Without one, the same shape relative to the plan: "Y1-M03", "Y1-W05", "Y1-Q1".
 *
 * @param t period number, 1 … T
 * @param periodsPerYear 12, 4 or 52
 * @param startYear calendar year of period 1, if the model has one
 * @example periodLabel(14, 12, 2027) // "2028-02"
 */
export function periodLabel(t: number, periodsPerYear: number, startYear?: number): string {
  const yearIndex = Math.floor((t - 1) / periodsPerYear);
  const within = t - yearIndex * periodsPerYear;
  const year = startYear === undefined ? `Y${yearIndex + 1}` : String(startYear + yearIndex);
  if (periodsPerYear === 4) return `${year}-Q${within}`;
  const number = String(within).padStart(2, '0');
  if (periodsPerYear === 52) return `${year}-W${number}`;
  return startYear === undefined ? `${year}-M${number}` : `${year}-${number}`;
}
