#!/usr/bin/env node
// The `zhucan` command: registers tsx so the TypeScript sources run as they are, then dispatches.
import { register } from 'tsx/esm/api';

register();
await import('./zhucan.ts');
