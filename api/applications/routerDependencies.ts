/** What the routers that read and decide cases are built from (applications, referrals). */
import type { Pool } from 'pg';
import type { WorkingCalendar } from '../../definitions/calendar';
import type { CaseCommands } from './commands';
import type { CaseEventAccess } from './eventAccess';

export interface CaseRouterDependencies {
  pool: Pool;
  commands: CaseCommands;
  eventAccess: CaseEventAccess;
  /**
   * Working days on the national calendar with the years loaded from CALENDAR_DIR laid over it: the
   * countdown the clocks themselves use (built once per app, in api/http/app.ts).
   */
  calendar: WorkingCalendar;
}
