/**
 * The lesson of each preset in models/, in three short parts: the situation, what to try and
 * what to notice. Fields are named by their labels on screen (src/engine/model-fields.ts, the
 * plan controls and the key figures), and "what to try" carries the change itself, which the
 * preset picker applies with one click ("Try it") by sending the same events a field edit sends,
 * so the change is an ordinary, undoable edit.
 *
 * tests/engine/presets.test.ts checks every claim below against the engine (docs/evidence.md
 * shows how the presets are grounded in published evidence).
 */

/** One setting to change: a field's path (as in model files), or `horizonYears`. */
export interface LessonChange {
  path: string;
  value: number;
}

export interface Lesson {
  /** Who the preset is and what it faces. */
  situation: string;
  /** One thing to change, in words; `change` is the same thing as data. */
  tryThis: string;
  change: readonly LessonChange[];
  /** What the change shows, and why. */
  notice: string;
}

/** Paths a lesson may change besides the number fields: the horizon has its own event. */
export const HORIZON_PATH = 'horizonYears';

export const LESSONS: Readonly<Record<string, Lesson>> = {
  default: {
    situation: 'An established consumer brand spends 1.2 million a year, half on brand building (upstream) and half on conversion (downstream), over a 3-year horizon. Past spend carries on after the plan.',
    tryThis: 'Set Horizon (years) to 1.',
    change: [{ path: HORIZON_PATH, value: 1 }],
    notice: 'The Best upstream share falls below 50 % (about 45 %); at 5 years it is above 50 %. Brand spend keeps paying after a short horizon stops counting.',
  },
  'new-product-launch': {
    situation: 'A new product nobody knows yet: no brand equity and no past spend, with a launch budget of 2.4 million that tapers to 1.5 million by year 3.',
    tryThis: 'Set Upstream share to 0 % (everything on conversion).',
    change: [{ path: 'budget.upstreamShare', value: 0 }],
    notice: 'Marketing NPV with carryover turns into a loss: conversion spend has almost nobody aware of the product to convert. With the planned shares, year 1 loses money and Payback comes only in year 3.',
  },
  'new-market-entry': {
    situation: 'Entering a new country, planned by quarter: the brand is unknown there and the category is small but growing 40 % a year; the budget ramps from 0.6 to 1.4 million.',
    tryThis: 'Set Market growth to 0.',
    change: [{ path: 'market.growthPerYear', value: 0 }],
    notice: 'The Best upstream share falls by about 9 points: brand built early is multiplied by a market that keeps growing into it. With growth, ROI climbs every year, from a loss in year 1.',
  },
  'short-term-revenue': {
    situation: 'A one-year push for revenue, planned week by week: performance ads convert fast, money is valued at a 30 % discount rate and nothing after the year is counted (Carryover years 0).',
    tryThis: 'Set Horizon (years) to 5.',
    change: [{ path: HORIZON_PATH, value: 5 }],
    notice: 'The Best upstream share roughly doubles, from about 16 % to about 35 %: brand spend that does not pay within one year pays over five. At one year the plan pays back within 13 weeks.',
  },
  'brand-repositioning': {
    situation: 'An established brand changing what it stands for: the new message takes about 3 months to land (Lag to peak), and the plan puts 70 %, 60 % and 50 % upstream in years 1 to 3.',
    tryThis: 'Set Lag to peak to 0 months.',
    change: [{ path: 'upstream.lagMonths', value: 0 }],
    notice: 'Payback comes about 4 months sooner: the lag is what makes the repositioning pay back late. ROI by year is negative in year 1 and positive after.',
  },
  'conversion-improvement': {
    situation: 'A team improving conversion with retargeting, offers and checkout work; demand peaks at the end of each year, and what the campaigns learn about buyers feeds the brand work (Insight feedback).',
    tryThis: 'Set Insight feedback to 0.',
    change: [{ path: 'upstream.insightFeedback', value: 0 }],
    notice: 'Marketing NPV with carryover falls by about a sixth: the same brand budget works harder when conversion activity informs it. The plan pays back in its first month.',
  },
  'long-term-growth': {
    situation: 'A brand planning five years of growth in a market growing 3 % a year, with profit discounted at only 5 % and four more years of effect counted after the horizon.',
    tryThis: 'Set Horizon (years) to 1 and Carryover years to 0.',
    change: [{ path: HORIZON_PATH, value: 1 }, { path: 'economics.carryoverYears', value: 0 }],
    notice: 'The Best upstream share falls from about 67 % to about 27 %: a one-year scorecard starves a brand that pays over years. Over five years ROI rises every year.',
  },
};
