/** The process logger's two outputs and the Temporal logger on top of it (observability/logger.ts). */
import { LogTimestamp } from '@temporalio/worker';
import { createLogger, temporalLogger } from '../../observability/logger';
import { prettyLine } from '../../observability/prettyLines';

function capture(format: 'json' | 'pretty', level: 'debug' | 'info' = 'info') {
  const lines: string[] = [];
  const logger = createLogger({ level, format, destination: { write: (line: string) => lines.push(line) } });
  return { logger, lines };
}

describe('process logger', () => {
  it('writes JSON lines with the level by name, an ISO time and the fields given', () => {
    const { logger, lines } = capture('json');
    logger.warn({ route: '/api/cases', status: 503 }, 'request');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', route: '/api/cases', status: 503, msg: 'request' });
    expect(JSON.parse(lines[0]!).time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('prints what npm start printed before, for a plain message, and fields as key=value', () => {
    expect(prettyLine('{"level":"info","time":"t","pid":1,"msg":"API ready at http://127.0.0.1:3000"}')).toBe(
      '[yilian] API ready at http://127.0.0.1:3000'
    );
    expect(prettyLine('{"level":"error","time":"t","msg":"request","status":500,"route":"/x","ok":false}')).toBe(
      '[yilian] error: request status=500 route=/x ok=false'
    );
    const { logger, lines } = capture('pretty');
    logger.info('stopped');
    expect(lines).toEqual(['[yilian] stopped\n']);
  });
});

describe('Temporal logger', () => {
  it('maps Temporal levels to the logger’s, keeps the metadata as fields and drops the core’s timestamp', () => {
    const { logger, lines } = capture('json', 'debug');
    const temporal = temporalLogger(logger);
    temporal.debug('Activity started', { activityType: 'recordTransition', [LogTimestamp]: 123n });
    temporal.log('WARN', 'Workflow task failed', { workflowId: 'DB-379901-1', sdkComponent: 'worker' });
    temporal.trace('below the level');

    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 'debug', msg: 'Activity started', activityType: 'recordTransition' }),
      expect.objectContaining({ level: 'warn', msg: 'Workflow task failed', workflowId: 'DB-379901-1' }),
    ]);
  });

  it('masks ID and phone numbers in a message and summarises an error without its database detail', () => {
    const { logger, lines } = capture('json');
    const error = Object.assign(new Error('duplicate key 370902197001010023'), {
      code: '23505',
      detail: 'Key (id_number)=(370902197001010023) already exists.',
    });
    temporalLogger(logger).error('Activity failed for 13800000000', { error });

    const line = lines.join('');
    expect(line).not.toContain('370902197001010023');
    expect(line).not.toContain('13800000000');
    expect(line).not.toContain('already exists');
    expect(JSON.parse(line)).toMatchObject({ level: 'error', error: expect.stringContaining('Error [23505]') });
  });
});
