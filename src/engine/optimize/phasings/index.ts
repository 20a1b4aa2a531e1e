import type { PhasingName } from '../optimize-options.ts';
import { constantPhasing } from './constant.ts';
import { flightingPhasing } from './flighting.ts';
import { periodPhasing } from './period.ts';
import type { Phasing } from './phasing.ts';
import { yearlyPhasing } from './yearly.ts';

export type { Phasing, PhasingOutcome, SearchControl } from './phasing.ts';

/** Every phasing by name, from the coarsest to the richest. */
export const PHASINGS: Readonly<Record<PhasingName, Phasing>> = {
  constant: constantPhasing,
  yearly: yearlyPhasing,
  period: periodPhasing,
  flighting: flightingPhasing,
};

/**
 * The phasings to search, coarsest first, to reach `name`: each one's best plan starts the
 * next, so a richer phasing can never end below a coarser one.
 * @example phasingChain('yearly').map((phasing) => phasing.name) // ['constant', 'yearly']
 */
export function phasingChain(name: PhasingName): Phasing[] {
  const chain: Phasing[] = [];
  for (let phasing: Phasing | undefined = PHASINGS[name]; phasing !== undefined; phasing = phasing.refines === null ? undefined : PHASINGS[phasing.refines]) {
    chain.unshift(phasing);
  }
  return chain;
}
