/**
 * A period's label. With a start year, ISO 8601 style: "2027-03" (month), "2027-W05" (week),
 * and the common "2027-Q1" (quarter), where a model year of 52 weeks counts weeks 01–52.
 * Without one, the same shape relative to the plan: "Y1-M03", "Y1-W05", "Y1-Q1".
 *
 * With a fiscal year that starts in another month than January (`fiscalYearStartMonth`),
 * months stay calendar months ("2027-04" is April 2027 whichever plan month it is), while
 * quarters and weeks are the fiscal year's, named after the calendar year it starts in:
 * "FY2027-Q1" is the first quarter of the fiscal year starting in 2027. Without a start year
 * the labels are relative to the plan either way.
 *
 * @param t period number, 1 … T
 * @param periodsPerYear 12, 4 or 52
 * @param startYear calendar year of period 1, if the model has one
 * @param fiscalYearStartMonth calendar month (1–12) of period 1; default January
 * @example periodLabel(14, 12, 2027) // "2028-02"
 * @example periodLabel(10, 12, 2027, 4) // "2028-01"
 * @example periodLabel(2, 4, 2027, 4) // "FY2027-Q2"
 */
export function periodLabel(t: number, periodsPerYear: number, startYear?: number, fiscalYearStartMonth = 1): string {
  const yearIndex = Math.floor((t - 1) / periodsPerYear);
  const within = t - yearIndex * periodsPerYear;
  if (startYear !== undefined && periodsPerYear === 12) {
    const monthsFromJanuary = fiscalYearStartMonth - 1 + t - 1;
    return `${startYear + Math.floor(monthsFromJanuary / 12)}-${String((monthsFromJanuary % 12) + 1).padStart(2, '0')}`;
  }
  const fiscal = startYear !== undefined && fiscalYearStartMonth !== 1 ? 'FY' : '';
  const year = startYear === undefined ? `Y${yearIndex + 1}` : `${fiscal}${startYear + yearIndex}`;
  if (periodsPerYear === 4) return `${year}-Q${within}`;
  const number = String(within).padStart(2, '0');
  if (periodsPerYear === 52) return `${year}-W${number}`;
  return `${year}-M${number}`;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * What year y of the plan covers, in words: "Year 2 (Apr 2028 – Mar 2029)" with a start year,
 * "Year 2 (Apr – Mar)" with only a fiscal start month, "Year 2" with neither.
 * @param year 1-based year of the plan
 */
export function yearLabel(year: number, startYear?: number, fiscalYearStartMonth = 1): string {
  const first = MONTH_NAMES[fiscalYearStartMonth - 1];
  const last = MONTH_NAMES[(fiscalYearStartMonth + 10) % 12];
  if (startYear !== undefined) {
    const from = startYear + year - 1;
    const to = fiscalYearStartMonth === 1 ? from : from + 1;
    return `Year ${year} (${first} ${from} – ${last} ${to})`;
  }
  return fiscalYearStartMonth === 1 ? `Year ${year}` : `Year ${year} (${first} – ${last})`;
}
