import type { FitDriver } from './fit-result.ts';

/** A driver's effect as the report and the app show it: the reading that does not depend on the driver's units. */
export interface DriverEffectShown {
  effect: number;
  lower: number;
  upper: number;
  /**
   * What the effect is of: one standard deviation `sd` of a numeric driver (linear form), a
   * doubling (log form), a unit (a numeric driver that never varied), or a text value against
   * the most common one ('value').
   */
  basis: { kind: 'sd'; sd: number } | { kind: 'doubling' } | { kind: 'unit' } | { kind: 'value' };
}

/**
 * The effect to show for a driver: per standard deviation for a numeric one in the linear form
 * (per unit, a large-unit column such as competitor sales reads +0.0 %), per doubling in the log
 * form, and a text value's own effect.
 */
export function driverEffectShown(driver: FitDriver): DriverEffectShown {
  if (driver.perSd !== undefined) {
    const { sd, effect, lower, upper } = driver.perSd;
    return { effect, lower, upper, basis: { kind: 'sd', sd } };
  }
  const basis: DriverEffectShown['basis'] = driver.form === 'log' ? { kind: 'doubling' } : driver.name.includes('=') ? { kind: 'value' } : { kind: 'unit' };
  return { effect: driver.effect, lower: driver.lower, upper: driver.upper, basis };
}

/** "per sd (3,400)", "per doubling", "per unit" or "" (a text value), with `format` writing the sd. */
export function driverBasisText(shown: DriverEffectShown, format: (value: number) => string): string {
  switch (shown.basis.kind) {
    case 'sd': return `per sd (${format(shown.basis.sd)})`;
    case 'doubling': return 'per doubling';
    case 'unit': return 'per unit';
    default: return '';
  }
}
