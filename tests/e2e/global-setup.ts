import type { TestProject } from 'vitest/node';
import { serveProductionBuild } from './serve-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const served = await serveProductionBuild();
  project.provide('baseUrl', served.url);
  return served.close;
}
