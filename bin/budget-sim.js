#!/usr/bin/env node
// The installed `budget-sim` command. The CLI is written in TypeScript and run from source, so
// this registers tsx's loader (a dependency of the project) and then starts src/cli/main.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
