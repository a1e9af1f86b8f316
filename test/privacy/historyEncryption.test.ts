/**
 * What the Temporal server keeps of a case, read past the codec (straight from the history API, as
 * the Web UI or anyone with access to the server's database sees it): no name, ID number, phone,
 * bank account or address in clear anywhere, every payload but the search attributes encrypted,
 * failure messages too; the same history through the codec holds them all. Search attributes, which
 * the codec never sees, are the listed ones and carry no personal data.
 */
import { temporal } from '@temporalio/proto';
import { Pool } from 'pg';
import { applicationSchema } from '../../definitions/shared/application';
import { withCheckCharacter } from '../../definitions/shared/identity';
import { failureMessage } from '../../temporal/rawPayloads';
import type { HistoryMessage } from '../../temporal/historyFiles';
import { historyFromFileText, historyToFileText } from '../../temporal/historyFiles';
import { decodeHistoryPayloads, historyPayloads } from '../../temporal/historyPayloads';
import { ENCRYPTED_ENCODING } from '../../temporal/payloadCodec';
import { replayBatch, replayCode } from '../../temporal/replay';
import { retryBlockedWritesSignal } from '../../workflows/blockedWrites';
import { caseSearchAttributes } from '../../workflows/searchAttributes';
import { testEnvironment } from '../support/environment';
import { actors, anApplication, homeVisit, townshipOrgs } from '../support/factories';
import type { Stack } from '../support/stack';
import { checkRunsFinished, eventually, openStack } from '../support/stack';

const History = temporal.api.history.v1.History;
/** Search attributes the server and the SDK set on every run, beside ours. */
const SERVER_ATTRIBUTES = ['TemporalChangeVersion', 'BuildIds'];

let stack: Stack;
const orgs = townshipOrgs('213');
const window = actors.window(orgs);
const township = actors.township(orgs);

/** A household no other test has: every string below can only come from this file's case. */
const household = {
  name: '欧阳保密',
  spouse: '司马隐私',
  idNumber: withCheckCharacter('37990119650412713'),
  spouseIdNumber: withCheckCharacter('37990119670809714'),
  phone: '13971300213',
  account: '6217001300213777213',
  address: '泰山区保密路二一三号',
};
const secrets = Object.values(household);

const application = () =>
  applicationSchema.parse(
    anApplication({
      orgs,
      applicant: { name: household.name, idNumber: household.idNumber, phone: household.phone },
      household: {
        address: household.address,
        members: [
          {
            name: household.name,
            idNumber: household.idNumber,
            relation: 'self',
            birthDate: '1965-04-12',
            employment: 'unableToWork',
            disability: 'severe',
          },
          {
            name: household.spouse,
            idNumber: household.spouseIdNumber,
            relation: 'spouse',
            birthDate: '1967-08-09',
            employment: 'unemployed',
          },
        ],
      },
      payee: { holderName: household.name, bankName: '泰安市农村商业银行', accountNumber: household.account },
    })
  );

/** The history as the server stores it: the raw API, no codec in between. */
async function rawHistory(workflowId: string): Promise<temporal.api.history.v1.History> {
  const events: temporal.api.history.v1.IHistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await stack.client.workflowService.getWorkflowExecutionHistory({
      namespace: stack.client.options.namespace,
      execution: { workflowId },
      nextPageToken,
    });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return History.create({ events });
}

/** Every string of the history, bytes read as UTF-8 text: what a person reading the stored history could see. */
function asText(history: HistoryMessage): string {
  return JSON.stringify(history.events, (_key, value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : value
  );
}

/** The history in its stored (wire) form, searched byte by byte. */
const wireBytes = (history: HistoryMessage): Buffer => Buffer.from(History.encode(history).finish());

const found = (history: HistoryMessage): string[] => {
  const text = asText(history);
  const bytes = wireBytes(history);
  const payloadBytes = historyPayloads(history).flatMap(({ payload }) => [
    Buffer.from(payload.data ?? new Uint8Array()),
    ...Object.values(payload.metadata ?? {}).map((v) => Buffer.from(v ?? new Uint8Array())),
  ]);
  return secrets.filter(
    (secret) => text.includes(secret) || bytes.includes(secret) || payloadBytes.some((b) => b.includes(secret))
  );
};

/**
 * Payloads the codec never sees: search attributes, and the bookkeeping the SDK's core writes into
 * its own markers (a local activity's seq, attempt, type and times; a patch's id) beside the
 * encrypted result.
 */
const notForTheCodec = (path: string) =>
  /(^|\.)searchAttributes\.indexedFields\./.test(path) ||
  /\.markerRecordedEventAttributes\.details\.(data|patch-data)\./.test(path);

beforeAll(async () => {
  stack = await openStack('privacy');
  await stack.startWorker();
});
afterAll(async () => {
  await stack?.close();
});

describe('privacy / a dibao case history on the Temporal server', () => {
  let caseId: string;
  let raw: temporal.api.history.v1.History;

  beforeAll(async () => {
    const { view } = await stack.commands.startApplication(application(), window, undefined);
    caseId = view.id;
    await stack.commands.submitEvent(caseId, { type: 'ACCEPT', actor: window, payload: {} });
    // The data check's activities carry the household's ID numbers to the registries and back.
    await checkRunsFinished(stack.commands, caseId);
    await stack.commands.submitEvent(caseId, { type: 'RECORD_HOME_VISIT', actor: township, payload: homeVisit });
    raw = await rawHistory(caseId);
  });

  it('holds no name, ID number, phone, bank account or address in clear', () => {
    expect(raw.events?.length).toBeGreaterThan(20);
    expect(found(raw)).toEqual([]);
  });

  it('encrypts every payload except the search attributes', () => {
    const payloads = historyPayloads(raw);
    const clear = payloads
      .filter(({ path }) => !notForTheCodec(path))
      .filter(({ payload }) => Buffer.from(payload.metadata?.encoding ?? []).toString() !== ENCRYPTED_ENCODING)
      .map(({ path }) => path);
    expect(clear).toEqual([]);
    // The memo (idempotency hash and token) is among them.
    expect(payloads.some(({ path }) => /\.memo\.fields\.requestHash$/.test(path))).toBe(true);
  });

  it('holds all of them once decoded with the key ring', async () => {
    const decoded = await decodeHistoryPayloads(raw, stack.client.options.loadedDataConverter.payloadCodecs);
    expect(found(decoded).sort()).toEqual([...secrets].sort());
  });

  it('once decoded, as histories:capture records golden histories, replays without any key', async () => {
    const decoded = await decodeHistoryPayloads(raw, stack.client.options.loadedDataConverter.payloadCodecs);
    const file = historyFromFileText(historyToFileText(decoded));
    const withoutKey = await replayCode({}, testEnvironment().workflowBundlePath);
    const replay = (history: HistoryMessage) =>
      replayBatch(withoutKey, [{ label: caseId, workflowType: 'caseWorkflow', history }]);
    expect(await replay(file)).toEqual({ replayed: 1, failures: [] });
    // As the server holds it, it does not replay without the key: the decoding is what made the difference.
    expect((await replay(raw)).failures).toHaveLength(1);
  });

  it('has only the listed search attributes, and none of them holds personal data', async () => {
    const { raw: description } = await stack.client.workflow.getHandle(caseId).describe();
    const indexed = description.workflowExecutionInfo?.searchAttributes?.indexedFields ?? {};
    const values = Object.fromEntries(
      Object.entries(indexed).map(([name, payload]) => [name, Buffer.from(payload.data ?? []).toString('utf8')])
    );
    const ours = Object.keys(values).filter((name) => !SERVER_ATTRIBUTES.includes(name));
    expect(ours.sort()).toEqual(caseSearchAttributes.map((a) => a.name).sort());
    expect(values).toEqual({
      // The server's own: the patches the run went through, and the worker build that ran it.
      TemporalChangeVersion: expect.stringMatching(/^\["[\w-]+"(,"[\w-]+")*\]$/),
      BuildIds: expect.stringMatching(/^\["unversioned"/),
      YilianState: expect.stringMatching(/^"[a-zA-Z.]+"$/),
      YilianProgram: '"dibao"',
      YilianCounty: `"${orgs.county}"`,
      YilianTownship: `"${orgs.township}"`,
      YilianDueAt: expect.stringMatching(/^"\d{4}-\d\d-\d\dT[\d:.]+Z"$/),
      YilianDefinitionVersion: expect.stringMatching(/^"dibao@\d+"$/),
    });
    expect(secrets.filter((secret) => JSON.stringify(values).includes(secret))).toEqual([]);
  });
});

describe('privacy / failure messages in the history', () => {
  /** Only this file's comments carry it; the constraint below refuses any event row that does. */
  const MARKER = '加密测试拒写';
  const CONSTRAINT = 'test_privacy_refuse_marker';

  // The schema is the owner's to change; the app role (stack.pool) may not.
  let owner: Pool;
  beforeAll(async () => {
    owner = new Pool({ connectionString: testEnvironment().ownerDatabaseUrl, max: 1 });
    await owner.query(
      `ALTER TABLE case_events ADD CONSTRAINT ${CONSTRAINT}
         CHECK (comment IS NULL OR position('${MARKER}' IN comment) = 0) NOT VALID`
    );
  });
  afterAll(async () => {
    await owner?.query(`ALTER TABLE case_events DROP CONSTRAINT IF EXISTS ${CONSTRAINT}`);
    await owner?.end();
  });

  it('keeps an activity failure and a workflow failure encrypted, and readable through the codec', async () => {
    const { view } = await stack.commands.startApplication(application(), window, undefined);
    const refused = await stack.commands
      .submitEvent(view.id, { type: 'ACCEPT', actor: window, payload: { comment: `${MARKER}：${household.name}` } })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 422 });

    const raw = await rawHistory(view.id);
    const events = raw.events ?? [];
    // The refused write (the worker's activity side) and the decision it held up (the workflow side).
    const activityFailure = events.find((e) => e.activityTaskFailedEventAttributes)?.activityTaskFailedEventAttributes
      ?.failure;
    const updateFailure = events.find((e) => e.workflowExecutionUpdateCompletedEventAttributes?.outcome?.failure)
      ?.workflowExecutionUpdateCompletedEventAttributes?.outcome?.failure;
    for (const failure of [activityFailure, updateFailure]) {
      expect(failure).toMatchObject({ message: 'Encoded failure', stackTrace: '' });
      expect(Buffer.from(failure!.encodedAttributes!.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
    }
    expect(found(raw)).toEqual([]);

    const converter = stack.client.options.loadedDataConverter;
    expect(await failureMessage(activityFailure, converter)).toContain(CONSTRAINT);
    expect(await failureMessage(updateFailure, converter)).toContain('recordTransition: SQLSTATE 23514');

    // Let the held decision land, so the case does not wait for ever.
    await owner.query(`ALTER TABLE case_events DROP CONSTRAINT IF EXISTS ${CONSTRAINT}`);
    await stack.client.workflow.getHandle(view.id).signal(retryBlockedWritesSignal);
    await eventually(async () => ((await stack.commands.readCase(view.id)).step !== 'intake' ? true : undefined));
  });
});
