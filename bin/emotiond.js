#!/usr/bin/env node
// The `emotiond` command: runs the TypeScript sources directly through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../daemon/cli.ts');
