/**
 * Golden histories: which integration tests' workflows `npm run histories:capture` records into
 * test/histories/ (one folder per path, one gzipped JSON history per workflow run), and how the replay test
 * reads them back. The histories come from the existing drivers of those tests, on a fresh dev
 * server, with the test factories' made-up people.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { HistoryMessage } from '../../temporal/historyFiles';
import { historyFileSuffix, readHistoryFile } from '../../temporal/historyFiles';

export const historiesDir = path.join(__dirname, '../histories');

/** A recorded path: the test (file and a unique part of its name) whose workflows make it up. */
export interface GoldenPath {
  name: string;
  file: string;
  test: string;
}

export const goldenPaths: readonly GoldenPath[] = [
  { name: 'dibao-approve', file: 'test/workflows/caseWorkflow.test.ts', test: 'an approved case is recorded' },
  { name: 'dibao-reject', file: 'test/workflows/caseWorkflow.test.ts', test: 'a rejected case ends' },
  { name: 'dibao-objection-loop', file: 'test/workflows/caseWorkflow.test.ts', test: 're-opens investigation' },
  { name: 'dibao-missing-materials', file: 'test/workflows/caseWorkflow.test.ts', test: 'loops once through' },
  { name: 'dibao-withdrawal', file: 'test/workflows/caseWorkflow.test.ts', test: 'withdrawal during the notice' },
  { name: 'dibao-continue-as-new', file: 'test/workflows/caseWorkflow.test.ts', test: 'continues as new' },
  { name: 'dibao-send-back', file: 'test/api/tasksApi.test.ts', test: 'sending a first review back' },
  { name: 'dibao-recheck-reduce-stop', file: 'test/payments/recheckPayments.test.ts', test: 'a reduction applies' },
  { name: 'dibao-phase-out', file: 'test/payments/recheckPayments.test.ts', test: 'a phase-out pays on' },
  { name: 'tekun-home-check-sample', file: 'test/api/tekunApi.test.ts', test: 'sampled case waits for its home check' },
  { name: 'tekun-termination', file: 'test/api/tekunApi.test.ts', test: 'plans a termination' },
  { name: 'temporaryHelp-help-first', file: 'test/api/temporaryHelpApi.test.ts', test: 'pays the same day' },
  { name: 'temporaryHelp-staged', file: 'test/api/temporaryHelpApi.test.ts', test: 'both pay in stages' },
  { name: 'household-application', file: 'test/api/householdApplicationsApi.test.ts', test: 'runs dibao, temporary' },
  { name: 'payment-cycle', file: 'test/payments/paymentCycle.test.ts', test: 'pays an approved case from the month' },
  { name: 'risk-sweep', file: 'test/risk/riskApi.test.ts', test: 'the sweep warns on the first case too' },
  // Cases migrated dibao@1 → the suite's staged dibao@2 (replayed with the test bundle, which stages it).
  {
    name: 'dibao-migration',
    file: 'test/workflows/definitionMigration.test.ts',
    test: 'moves the cases the plan takes',
  },
];

export function goldenPathOf(testFile: string, testName: string): GoldenPath | undefined {
  return goldenPaths.find((p) => testFile.endsWith(p.file) && testName.includes(p.test));
}

export interface GoldenHistory {
  /** Path under test/histories/, e.g. 'dibao-approve/caseWorkflow-1.json.gz'. */
  file: string;
  workflowType: string;
  history: HistoryMessage;
}

/** Every recorded history, in file order. */
export function readGoldenHistories(dir = historiesDir): GoldenHistory[] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(historyFileSuffix))
    .sort();
  return files.map((file) => {
    const history = readHistoryFile(path.join(dir, file));
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    return { file, workflowType: started?.workflowType?.name ?? 'unknown', history };
  });
}
