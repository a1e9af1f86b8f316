/**
 * Registers the case search attributes on a cluster we did not start ourselves (TEMPORAL_ADDRESS).
 * A dev server we launch gets them on its command line; an external cluster needs them added once,
 * and workflows fail to upsert until it has them. Safe to call on every start: only missing ones are added.
 */
import type { Connection } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { caseSearchAttributes } from '../workflows/searchAttributes';

type CaseAttributeType = (typeof caseSearchAttributes)[number]['type'];
/** The proto enum, named without depending on @temporalio/proto directly. */
type IndexedValueType = NonNullable<ReturnType<typeof encodeSearchAttributeIndexedValueType>>;

function indexedValueType(type: CaseAttributeType): IndexedValueType {
  const encoded = encodeSearchAttributeIndexedValueType(type === 'Keyword' ? 'KEYWORD' : 'DATETIME');
  if (encoded === undefined) throw new Error(`Unknown search attribute type ${type}`);
  return encoded;
}

function typeName(indexed: IndexedValueType): string {
  const match = Object.values(SearchAttributeType).find((t) => encodeSearchAttributeIndexedValueType(t) === indexed);
  return match ?? `#${indexed}`;
}

async function missingAttributes(connection: Connection, namespace: string): Promise<Record<string, IndexedValueType>> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const existing = customAttributes ?? {};
  const missing: Record<string, IndexedValueType> = {};
  const conflicts: string[] = [];
  for (const { name, type } of caseSearchAttributes) {
    const wanted = indexedValueType(type);
    const current = existing[name];
    if (current === undefined) missing[name] = wanted;
    // A same-named attribute of another type cannot be changed in place; say so instead of failing later.
    else if (current !== wanted) conflicts.push(`${name} is ${typeName(current)}, expected ${type}`);
  }
  if (conflicts.length > 0) {
    throw new Error(`Namespace ${namespace} has case search attributes of the wrong type: ${conflicts.join('; ')}`);
  }
  return missing;
}

/** Returns the names it added (empty when the cluster already had them all). */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const missing = await missingAttributes(connection, namespace);
  const names = Object.keys(missing);
  if (names.length === 0) return [];
  try {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
  } catch (error) {
    // Another process starting at the same moment may have added them first; that is success too.
    if (Object.keys(await missingAttributes(connection, namespace)).length > 0) throw error;
  }
  return names;
}
