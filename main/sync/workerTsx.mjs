// The sync worker under plain Node with tsx (tests, the browser harness, scripts). Node 20 does
// not apply `--import tsx` from a worker's execArgv, so the worker registers tsx itself first.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
