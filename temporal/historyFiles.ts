/**
 * Workflow histories as gzipped JSON files (test/histories/*.json.gz), written and read with the
 * generated proto classes. Not the SDK's `historyToJSON`/`historyFromJSON`: with @temporalio/common
 * and @temporalio/proto each holding their own copy of protobufjs (npm cannot hoist it past the v7
 * at the root), those throw "type must be a Type". The JSON is protobufjs's object form (64-bit
 * numbers and bytes as strings, enums by name), which round-trips exactly; gzip because the
 * payloads (case snapshots with their rules) make a case's history 100 KB of JSON and 20 KB zipped.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { temporal } from '@temporalio/proto';

const History = temporal.api.history.v1.History;
export type HistoryMessage = temporal.api.history.v1.IHistory;

export const historyFileSuffix = '.json.gz';

export function historyToFileText(history: HistoryMessage): string {
  // fromObject hands back a message it is given as is, and converts a plain object.
  return JSON.stringify(History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String }));
}

export function historyFromFileText(text: string): temporal.api.history.v1.History {
  return History.fromObject(JSON.parse(text) as Record<string, unknown>);
}

export function writeHistoryFile(file: string, history: HistoryMessage): void {
  writeFileSync(file, gzipSync(historyToFileText(history), { level: 9 }));
}

export function readHistoryFile(file: string): temporal.api.history.v1.History {
  return historyFromFileText(gunzipSync(readFileSync(file)).toString('utf8'));
}
