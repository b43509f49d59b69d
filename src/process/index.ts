export { findFreePort } from './free-port.js';
export {
  runProcess,
  type ProcessOutcome,
  type ProcessResult,
  type RunProcessOptions,
} from './run-process.js';
