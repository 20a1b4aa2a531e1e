import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../../src/cli/args.ts';
import { FIT_OPTIONS, fitArgumentsFrom, parseColumnMap, parseNameList } from '../../src/cli/fit-arguments.ts';
import { cliErrorMessage } from './cli-harness.ts';

const FIT_SPECS = [...FIT_OPTIONS, { name: 'format', valueName: 'text|json|csv' }];
const argumentsOf = (argv: string[]) => fitArgumentsFrom(parseCommandArgs(argv, FIT_SPECS, 'fit'));
const refusal = (argv: string[]) => cliErrorMessage(() => argumentsOf(argv));

describe('fitArgumentsFrom', () => {
  it('reads the history file and --model, and leaves every option not given to the engine\'s defaults', () => {
    expect(argumentsOf(['h.csv', '--model', 'start.json'])).toEqual({
      historyFile: 'h.csv', modelFile: 'start.json', out: undefined, history: {}, fit: {},
    });
  });

  it('reads every option, in either spelling (--name value, --name=value)', () => {
    const read = argumentsOf([
      '--model=start.json', 'h.csv', '--holdout', '8', '--out', 'fitted.json', '--target', 'sales',
      '--map', 'tv_S=TV, search_S=Search', '--map=social_S=Social', '--ignore', 'week_no,notes', '--free', 'brand.halfLifeMonths',
      '--fixed', 'upstream.channels.TV.halfSaturation,market.growthPerYear', '--starts', '3', '--seed', '42',
    ]);
    expect(read).toEqual({
      historyFile: 'h.csv',
      modelFile: 'start.json',
      out: 'fitted.json',
      history: { target: 'sales', map: { tv_S: 'TV', search_S: 'Search', social_S: 'Social' }, ignore: ['week_no', 'notes'] },
      fit: {
        holdout: 8, starts: 3, seed: 42, free: ['brand.halfLifeMonths'],
        fixed: ['upstream.channels.TV.halfSaturation', 'market.growthPerYear'],
      },
    });
  });

  it('takes --holdout 0 (none held out) and the extremes of --starts and --seed', () => {
    expect(argumentsOf(['h.csv', '--model', 'm.json', '--holdout', '0']).fit.holdout).toBe(0);
    expect(argumentsOf(['h.csv', '--model', 'm.json', '--starts', '1']).fit.starts).toBe(1);
    expect(argumentsOf(['h.csv', '--model', 'm.json', '--starts', '100']).fit.starts).toBe(100);
    expect(argumentsOf(['h.csv', '--model', 'm.json', '--seed', '0']).fit.seed).toBe(0);
  });

  it.each([
    [['h.csv', '--model', 'm.json', '--holdout', '-1'], "--holdout must be a whole number from 0 to 10000, got '-1'"],
    [['h.csv', '--model', 'm.json', '--holdout', '2.5'], "--holdout must be a whole number from 0 to 10000, got '2.5'"],
    [['h.csv', '--model', 'm.json', '--holdout', 'thirteen'], "--holdout must be a whole number from 0 to 10000, got 'thirteen'"],
    [['h.csv', '--model', 'm.json', '--holdout', '10001'], "--holdout must be a whole number from 0 to 10000, got '10001'"],
    [['h.csv', '--model', 'm.json', '--starts', '0'], "--starts must be a whole number from 1 to 100, got '0'"],
    [['h.csv', '--model', 'm.json', '--seed', '-3'], "--seed must be a whole number from 0 to 9007199254740991, got '-3'"],
    [['h.csv', '--model', 'm.json', '--target', ' '], '--target needs a column name, got an empty one'],
    [['h.csv', '--model', 'm.json', '--out', ''], '--out needs a file name, got an empty one'],
    [['h.csv', '--model', 'm.json', '--out', '-'], '--out needs a file name; to print the fitted model, leave --out out and give --format json'],
    [['h.csv'], 'fit needs the starting model: --model START.json (its channels name the spend columns; see budget-sim fit --help)'],
    [['--model', 'm.json'], 'fit needs a history file: budget-sim fit <history.csv> --model <start.json>'],
    [['a.csv', 'b.csv', '--model', 'm.json'], 'fit takes one history file, got 2 (a.csv, b.csv)'],
    [['-', '--model', 'm.json'], 'fit reads the history from a file; - (standard input) is for model files only'],
    [['h.csv', '--model', 'm.json', '--free', 'brand.halfLifeMonths,market.growthPerYear', '--fixed', 'market.growthPerYear'],
      "--free and --fixed both name 'market.growthPerYear'; a setting is either estimated or kept, give it to one of them"],
  ])('refuses %j: %s', (argv, message) => {
    expect(refusal(argv)).toBe(message);
  });

  it('refuses an unknown option with a suggestion, and a value missing after an option', () => {
    expect(cliErrorMessage(() => parseCommandArgs(['h.csv', '--hold-out', '8'], FIT_SPECS, 'fit'))).toBe('unknown option --hold-out for fit; did you mean --holdout?');
    expect(cliErrorMessage(() => parseCommandArgs(['h.csv', '--model'], FIT_SPECS, 'fit'))).toBe('option --model needs a value (--model START.json)');
    expect(cliErrorMessage(() => parseCommandArgs(['h.csv', '--model', 'm.json', '--holdout', '3', '--holdout', '4'], FIT_SPECS, 'fit')))
      .toBe('option --holdout was given more than once (3, then 4); give it once');
  });
});

describe('parseColumnMap', () => {
  const example = 'write column=channel pairs separated by commas, e.g. --map "tv_S=TV,search_S=Search"';

  it('reads column=channel pairs, spaces around each part ignored, several values adding up', () => {
    expect({ ...parseColumnMap(['tv_S=TV,search_S=Search']) }).toEqual({ tv_S: 'TV', search_S: 'Search' });
    expect({ ...parseColumnMap([' TV spend = TV ', 'Retail media spend=Retail media']) }).toEqual({ 'TV spend': 'TV', 'Retail media spend': 'Retail media' });
  });

  it('keeps "__proto__" and "constructor" as ordinary columns: the map has no prototype to pollute', () => {
    const map = parseColumnMap(['__proto__=TV,constructor=Search']);
    expect(Object.getPrototypeOf(map)).toBeNull();
    expect(Object.keys(map)).toEqual(['__proto__', 'constructor']);
    expect(map.constructor).toBe('Search');
    expect(({} as Record<string, unknown>).TV).toBeUndefined();
  });

  it.each([
    [['a='], `--map pair 'a=' has no channel after '='; ${example}`],
    [['=TV'], `--map pair '=TV' has no column before '='; ${example}`],
    [['tvS'], `--map pair 'tvS' has no '='; ${example}`],
    [['a=b=c'], `--map pair 'a=b=c' has more than one '='; ${example}`],
    [['a=TV,,b=Search'], `--map 'a=TV,,b=Search' has an empty pair; ${example}`],
    [['a=TV,'], `--map 'a=TV,' has an empty pair; ${example}`],
    [[''], `--map '' has an empty pair; ${example}`],
    [['a=TV', 'a=Search'], "--map gives column 'a' twice (to TV and to Search); a column is one channel's spend"],
    [['a=TV,b=TV'], "--map gives channel 'TV' two columns ('a' and 'b'); a channel's spend is one column"],
  ])('refuses %j', (values, message) => {
    expect(cliErrorMessage(() => parseColumnMap(values))).toBe(message);
  });

  it('reads back any map written as column=channel pairs (names without "," or "=" and not blank)', () => {
    const name = fc.string({ minLength: 1, maxLength: 12 }).filter((text) => !/[,=]/.test(text) && text.trim() === text && text !== '');
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(name, name), { minLength: 1, maxLength: 6, selector: ([column]) => column })
      .filter((pairs) => new Set(pairs.map(([, channel]) => channel)).size === pairs.length), (pairs) => {
      const map = parseColumnMap([pairs.map(([column, channel]) => `${column}=${channel}`).join(',')]);
      expect({ ...map }).toEqual(Object.fromEntries(pairs));
    }));
  });
});

describe('parseNameList', () => {
  it('splits on commas, trims, drops repeats, and adds up several values', () => {
    expect(parseNameList('ignore', 'column', ['week_no, notes', 'notes,store'])).toEqual(['week_no', 'notes', 'store']);
  });

  it('refuses an empty name', () => {
    expect(cliErrorMessage(() => parseNameList('ignore', 'column', ['a,,b']))).toBe("--ignore 'a,,b' has an empty column; give names separated by commas, e.g. --ignore a,b");
    expect(cliErrorMessage(() => parseNameList('free', 'path', ['']))).toBe("--free '' has an empty path; give names separated by commas, e.g. --free a,b");
  });
});
