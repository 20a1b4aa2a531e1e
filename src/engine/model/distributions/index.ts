import type { DistributionName } from '../model.ts';
import { betaDistribution } from './beta.ts';
import type { Distribution } from './distribution.ts';
import { lognormalDistribution } from './lognormal.ts';
import { normalDistribution } from './normal.ts';
import { triangularDistribution } from './triangular.ts';
import { uniformDistribution } from './uniform.ts';

export type { Distribution, DistributionParameters, ValueRange } from './distribution.ts';

/** Every distribution an `uncertainty` entry may name in `dist`. */
export const DISTRIBUTIONS: Readonly<Record<DistributionName, Distribution>> = {
  normal: normalDistribution,
  lognormal: lognormalDistribution,
  uniform: uniformDistribution,
  triangular: triangularDistribution,
  beta: betaDistribution,
};

export const DISTRIBUTION_NAMES = Object.keys(DISTRIBUTIONS) as DistributionName[];

/**
 * The distribution called `name`.
 * @throws {Error} for an unknown name, listing the known ones ("invalid distribution ...")
 * @example distributionByName('lognormal').parameters // ['median', 'sigma']
 */
export function distributionByName(name: string): Distribution {
  if (Object.hasOwn(DISTRIBUTIONS, name)) return DISTRIBUTIONS[name as DistributionName];
  throw new Error(`invalid distribution "${name}"; choose ${DISTRIBUTION_NAMES.join(', ')}`);
}
