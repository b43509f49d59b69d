export { findFreePort } from './free-port.js';
export { isRunGroupAlive, stopRunGroup } from './leftover-group.js';
export {
  runProcess,
  type ProcessOutcome,
  type ProcessResult,
  type RunProcessOptions,
} from './run-process.js';
