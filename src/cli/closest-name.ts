// The command's "did you mean" and the history reader's share one rule: it lives in the engine,
// which the command may import (the engine may not import the command).
export { closestName } from '../engine/io/closest-name.ts';
