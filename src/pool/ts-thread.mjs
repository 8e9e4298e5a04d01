// A worker thread's entry: threads do not inherit tsx's loader from the process, so register it here, then load the
// TypeScript module the thread is for (workerData.script).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.script);
