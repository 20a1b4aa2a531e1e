import { OptimizeError } from '../optimize/optimize-error.ts';

/** What an optimiser can maximise: a key figure of the summary (spec §5–§6). */
export type ObjectiveName = 'npv' | 'npvWithCarryover' | 'totalRevenue';

/** How an objective is built from the per-period figures; the gradient follows the same recipe. */
export interface Objective {
  name: ObjectiveName;
  /** One line for help texts and the app. */
  description: string;
  /** Whether revenue and spend are discounted by (1 + r)^(−t / P). */
  discounted: boolean;
  /** Whether spend counts as a cost (profit) or not (revenue). */
  spendIsCost: boolean;
  /** Whether the contribution earned after the horizon (§6) counts. */
  includesCarryover: boolean;
}

/**
 * Every objective by name. All three are summary fields, so a plan's objective value is
 * `evaluate(plan)[name]`: the optimiser scores plans exactly as `simulate` would.
 */
export const OBJECTIVES: Readonly<Record<ObjectiveName, Objective>> = {
  npv: {
    name: 'npv',
    description: 'net present value of profit over the horizon',
    discounted: true,
    spendIsCost: true,
    includesCarryover: false,
  },
  npvWithCarryover: {
    name: 'npvWithCarryover',
    description: 'NPV of profit plus the discounted value that carries over after the horizon',
    discounted: true,
    spendIsCost: true,
    includesCarryover: true,
  },
  totalRevenue: {
    name: 'totalRevenue',
    description: 'revenue over the horizon, undiscounted',
    discounted: false,
    spendIsCost: false,
    includesCarryover: false,
  },
};

export const OBJECTIVE_NAMES = Object.keys(OBJECTIVES) as ObjectiveName[];

/**
 * The objective called `name`.
 * @throws {OptimizeError} (option `objective`) for an unknown name, listing the known ones
 * @example objectiveByName('npv').spendIsCost // true
 */
export function objectiveByName(name: string): Objective {
  if (Object.hasOwn(OBJECTIVES, name)) return OBJECTIVES[name as ObjectiveName];
  throw new OptimizeError('objective', `invalid objective "${name}"; choose ${inWords(OBJECTIVE_NAMES)}`);
}

/** "a, b or c": how error messages list the choices. */
export function inWords(items: readonly string[]): string {
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
