/**
 * The business figures (db/businessFigures.ts) as Prometheus gauges, counted when Prometheus
 * scrapes — so they are as fresh as the read model and cost nothing between scrapes. One read per
 * scrape feeds every gauge (prom-client collects them in parallel). When the read fails, the gauges
 * are left empty and `yilian_business_figures_up` says 0: a scrape never fails for it, and an alert
 * can tell "no overdue cases" from "could not count".
 */
import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import { Gauge } from 'prom-client';
import type { BusinessFigures } from '../db/businessFigures';
import { readBusinessFigures } from '../db/businessFigures';
import type { Logger } from './logger';

/** Gauges collected within this long of each other share one read: they belong to the same scrape. */
const ONE_SCRAPE_MS = 1_000;

export function registerBusinessGauges(registry: Registry, { pool, logger }: { pool: Pool; logger: Logger }): void {
  let last: { at: number; figures: Promise<BusinessFigures | undefined> } | undefined;
  const figures = (): Promise<BusinessFigures | undefined> => {
    if (last && Date.now() - last.at < ONE_SCRAPE_MS) return last.figures;
    const read = readBusinessFigures(pool).catch((error: unknown) => {
      logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'business figures not read');
      return undefined;
    });
    last = { at: Date.now(), figures: read };
    return read;
  };

  /** A gauge whose series are replaced by each scrape's figures (a step no case is in any more disappears). */
  const gauge = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    fill: (g: Gauge<L>, f: BusinessFigures) => void
  ): void => {
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const read = await figures();
        this.reset();
        if (read) fill(this, read);
      },
    });
  };

  gauge(
    'yilian_cases_open',
    'Active cases, by county, program and the step they are in.',
    ['county', 'program', 'step'],
    (g, f) => {
      for (const r of f.open) g.set({ county: r.county, program: r.program, step: r.step }, r.count);
    }
  );
  gauge(
    'yilian_cases_overdue',
    'Active cases past their due date, by county and program.',
    ['county', 'program'],
    (g, f) => {
      for (const r of f.overdue) g.set({ county: r.county, program: r.program }, r.count);
    }
  );
  gauge(
    'yilian_cases_stalled',
    'Active cases nobody is waiting on whose read model has not moved for an hour past any clock, by county and program.',
    ['county', 'program'],
    (g, f) => {
      for (const r of f.stalled) g.set({ county: r.county, program: r.program }, r.count);
    }
  );
  gauge(
    'yilian_payment_cycle_state',
    "Each county's payment cycles of the current and the previous month: 1 for the state the cycle is in.",
    ['county', 'period', 'state'],
    (g, f) => {
      for (const r of f.cycles) g.set({ county: r.county, period: r.period, state: r.state }, 1);
    }
  );
  new Gauge({
    name: 'yilian_business_figures_up',
    help: '1 when this scrape read the business figures from PostgreSQL, 0 when it could not.',
    registers: [registry],
    async collect() {
      this.set((await figures()) ? 1 : 0);
    },
  });
}
