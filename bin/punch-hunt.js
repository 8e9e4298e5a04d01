#!/usr/bin/env node
// The bin of package.json: runs the TypeScript command line through tsx, so a clone needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/punch-hunt.ts');
