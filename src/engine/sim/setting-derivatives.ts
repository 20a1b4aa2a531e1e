import type { CompiledModel } from './compile-model.ts';
import type { Model } from '../model/model.ts';
import { modelChannels } from '../model/model-channels.ts';
import { hill, hillHalfSaturationSlope, hillShapeSlope, hillSlope } from './hill.ts';
import { type Target, targetOf } from './recompile.ts';
import type { ConstantsAdjoint } from './run-adjoint.ts';

/** Turns the adjoint of a run's constants into derivatives with respect to model settings. */
export interface SettingDerivatives {
  /**
   * out[k] = ∂J/∂(the setting at paths[k], in its own units), at `values` (one per path, the
   * values the compiled model was last recompiled with), from ∂J/∂(compiled constants).
   * When the model's starting equity is "history" and not one of the paths, it is E* of the
   * settings (the recompiler recomputes it), so ∂J/∂E₀ is first passed on to the settings E*
   * is made of; `adjoint` is changed by that.
   */
  fromConstants(adjoint: ConstantsAdjoint, values: Float64Array, out: Float64Array): void;
}

/** dρ/dH for ρ = 0.5^(1/(H·pm)), a half-life H in months: ρ · ln ρ² · pm / ln 2, from ρ alone. */
function retentionSlope(retention: number, periodsPerMonth: number): number {
  const logRetention = Math.log(retention);
  return (retention * logRetention * logRetention * periodsPerMonth) / Math.LN2;
}

/** The scalar settings and the constant each one is (the half-life's retention is handled apart). */
const SCALAR_CONSTANTS: Readonly<Record<string, keyof ConstantsAdjoint>> = {
  'brand.initialEquity': 'initialEquity',
  'brand.maxEquity': 'maxEquity',
  'brand.demandLift': 'demandLift',
  'brand.conversionLift': 'conversionLift',
  'upstream.insightFeedback': 'insightFeedback',
  'economics.baseConversion': 'baseConversion',
  'economics.valuePerSale': 'valuePerSale',
};

/**
 * The chain rule from a compiled model's constants back to the settings at `paths`, through
 * `compileModel`'s closed forms (docs/calibration.md, "Finding the best fit"): an amount per month is
 * amount / pm per period, a half-life H gives the retention 0.5^(1/(H·pm)), a lag peak θ and
 * concentration c give the weights wₗ = c^((l − θ·pm)²). Which lags count (a cut-off that moves
 * with the upstream shape) is held fixed: it drops weights below 1e-16 of the peak.
 * @param model the model the recompiler was made from
 * @param compiled the recompiler's compiled model (read at each call, after `apply`)
 * @throws {Error} for a path that is not a constant of a run (the market's size and growth,
 *   the discount rate: per-period arrays) or cannot vary
 */
export function createSettingDerivatives(model: Model, paths: readonly string[], compiled: CompiledModel): SettingDerivatives {
  const periodsPerMonth = model.periodsPerYear / 12;
  const channels = modelChannels(model);
  const targets: Target[] = paths.map((path) => {
    const target = targetOf(model, path, channels);
    if (typeof target === 'string') throw new Error(target);
    if (target.kind === 'demand' || target.kind === 'discount') throw new Error(`${path} is not a constant of a run: it has no derivative here`);
    if (target.kind === 'scalar' && !Object.hasOwn(SCALAR_CONSTANTS, path) && path !== 'brand.halfLifeMonths' && path !== 'economics.margin') {
      throw new Error(`${path} has no derivative here`);
    }
    return target;
  });
  const equityFollowsSettings = compiled.equityFromHistory && !paths.includes('brand.initialEquity');
  // A lag setting's current value: the one being tried when it is a path, else the model's.
  const lagSetting = (channel: number, key: 'lagMonths' | 'lagConcentration', values: Float64Array) => {
    const index = targets.findIndex((target) => target.kind === 'upstream' && target.channel === channel && target.key === key);
    return index < 0 ? channels.upstream[channel][key] : values[index];
  };

  return {
    fromConstants(adjoint, values, out) {
      if (equityFollowsSettings) passOnStartingEquity(compiled, adjoint);
      for (let index = 0; index < targets.length; index += 1) {
        const target = targets[index];
        const path = paths[index];
        if (target.kind === 'scalar') {
          out[index] = path === 'brand.halfLifeMonths' ? adjoint.equityRetention * retentionSlope(compiled.equityRetention, periodsPerMonth)
            : path === 'economics.margin' ? 0 : adjoint[SCALAR_CONSTANTS[path]] as number;
        } else if (target.kind === 'downstream') {
          const settings = compiled.downstreamChannels[target.channel];
          const slot = adjoint.downstream[target.channel];
          switch (target.key) {
            case 'historyPerMonth': out[index] = slot.history / periodsPerMonth; break;
            case 'halfLifeMonths': out[index] = slot.retention * retentionSlope(settings.retention, periodsPerMonth); break;
            case 'halfSaturation': out[index] = slot.halfSaturation / periodsPerMonth; break;
            case 'shape': out[index] = slot.shape; break;
            case 'maxConversionLift': out[index] = slot.maxConversionLift; break;
            default: throw new Error(`${path} has no derivative here`);
          }
        } else if (target.kind === 'upstream') {
          const settings = compiled.upstreamChannels[target.channel];
          const slot = adjoint.upstream[target.channel];
          switch (target.key) {
            case 'historyPerMonth': out[index] = slot.history / periodsPerMonth; break;
            case 'lagMonths':
            case 'lagConcentration': {
              const peak = lagSetting(target.channel, 'lagMonths', values) * periodsPerMonth;
              const concentration = lagSetting(target.channel, 'lagConcentration', values);
              const logConcentration = Math.log(concentration);
              let sum = 0;
              for (let lag = settings.lagFirst; lag <= settings.lagLast; lag += 1) {
                const distance = lag - peak;
                // ∂wₗ/∂(lag months) = wₗ · ln c · −2(l − θ) · pm; ∂wₗ/∂c = wₗ · (l − θ)² / c.
                const slope = target.key === 'lagMonths' ? -2 * distance * logConcentration * periodsPerMonth : (distance * distance) / concentration;
                sum += slot.lagWeights[lag] * settings.lagWeights[lag] * slope;
              }
              out[index] = sum;
              break;
            }
            case 'halfSaturation': out[index] = slot.halfSaturation / periodsPerMonth; break;
            case 'shape': out[index] = slot.shape; break;
            case 'maxEquityShare': out[index] = slot.equityShare; break;
            case 'shortTerm.halfLifeMonths': out[index] = slot.shortTermRetention * retentionSlope(settings.shortTermRetention, periodsPerMonth); break;
            case 'shortTerm.halfSaturation': out[index] = slot.shortTermHalfSaturation / periodsPerMonth; break;
            case 'shortTerm.shape': out[index] = slot.shortTermShape; break;
            case 'shortTerm.maxConversionLift': out[index] = slot.shortTermMaxConversionLift; break;
            default: throw new Error(`${path} has no derivative here`);
          }
        }
      }
    },
  };
}

/**
 * Adds ∂J/∂E₀ · ∂E* / ∂(each constant) into `adjoint`, for E₀ = E* (starting-equity.ts):
 *   E* = M · Σᵢ βᵢ · Hill(uᵢ·(1 + κA*); K'ᵢ, Sᵢ),  A* = (1/n_D) · Σⱼ Hill(dⱼ; K'ⱼ, Sⱼ).
 */
function passOnStartingEquity(compiled: CompiledModel, adjoint: ConstantsAdjoint): void {
  const startAdjoint = adjoint.initialEquity;
  const { upstreamChannels, downstreamChannels, maxEquity, insightFeedback } = compiled;
  let activity = 0;
  for (const channel of downstreamChannels) activity += hill(channel.history, channel.halfSaturation, channel.shape);
  if (downstreamChannels.length > 0) activity /= downstreamChannels.length;
  let activityAdjoint = 0;
  upstreamChannels.forEach((channel, index) => {
    const slot = adjoint.upstream[index];
    const effective = channel.history * (1 + insightFeedback * activity);
    const response = hill(effective, channel.halfSaturation, channel.shape);
    const responseAdjoint = startAdjoint * maxEquity * channel.equityShare;
    const effectiveAdjoint = responseAdjoint * hillSlope(effective, response, channel.halfSaturation, channel.shape);
    adjoint.maxEquity += startAdjoint * channel.equityShare * response;
    slot.equityShare += startAdjoint * maxEquity * response;
    slot.halfSaturation += responseAdjoint * hillHalfSaturationSlope(response, channel.halfSaturation, channel.shape);
    slot.shape += responseAdjoint * hillShapeSlope(effective, response, channel.halfSaturation);
    slot.history += effectiveAdjoint * (1 + insightFeedback * activity);
    adjoint.insightFeedback += effectiveAdjoint * channel.history * activity;
    activityAdjoint += effectiveAdjoint * channel.history * insightFeedback;
  });
  const share = downstreamChannels.length > 0 ? activityAdjoint / downstreamChannels.length : 0;
  downstreamChannels.forEach((channel, index) => {
    const slot = adjoint.downstream[index];
    const response = hill(channel.history, channel.halfSaturation, channel.shape);
    slot.history += share * hillSlope(channel.history, response, channel.halfSaturation, channel.shape);
    slot.halfSaturation += share * hillHalfSaturationSlope(response, channel.halfSaturation, channel.shape);
    slot.shape += share * hillShapeSlope(channel.history, response, channel.halfSaturation);
  });
}
