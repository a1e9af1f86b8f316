import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';
import { withCheckCharacter } from '../../definitions/shared/identity';
import { createPool } from '../../db/pool';
import { parseCsv } from '../../registries/csv';
import { loadRegistryDirectory, loadRegistryFiles } from '../../registries/registryLoader';
import { createRegistrySource } from '../../registries/sources/registrySource';
import { testEnvironment } from '../support/environment';

// A county of this file's own, so no other test's records share an id number or reference.
const owner = withCheckCharacter('37991219650412003');
const other = withCheckCharacter('37991219880101024');

const vehiclesCsv = [
  'record_ref,id_number,plate,vehicle_type,assessed_value,registered_on',
  `LD-CL-1,${owner},鲁J12345,passengerCar,85000,2020-05-01`,
  `LD-CL-2,${owner},"鲁J,残01",disabilityVehicle,,`,
  `LD-CL-3,${other},鲁J88888,truck,120000.5,2019-01-15`,
  '',
].join('\r\n');

const civilAffairsJson = JSON.stringify([
  { record_ref: 'LD-MZ-1', id_number: other, event: 'marriage', event_date: '2012-10-01', note: null },
  { record_ref: 'LD-MZ-2', id_number: owner, event: 'death', event_date: '2026-08-09' },
]);

const authorised = { signed: true as const, signedAt: '2026-11-30T02:00:00Z' };

describe('loading registry files', () => {
  let pool: Pool;
  let dir: string;

  beforeAll(async () => {
    pool = createPool(testEnvironment().databaseUrl, { max: 2 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'yilian-registry-'));
    await writeFile(path.join(dir, 'vehicles.csv'), `\uFEFF${vehiclesCsv}`);
    await writeFile(path.join(dir, 'registry_civil_affairs.json'), civilAffairsJson);
    await writeFile(path.join(dir, 'README.txt'), 'not a registry file');
  });
  afterAll(async () => {
    await pool?.end();
    await rm(dir, { recursive: true, force: true });
  });

  it('loads every CSV and JSON file of a directory into its source’s table', async () => {
    const reports = await loadRegistryDirectory(pool, dir);
    expect(reports.map(({ sourceId, rows, written }) => ({ sourceId, rows, written }))).toEqual([
      { sourceId: 'civilAffairs', rows: 2, written: 2 },
      { sourceId: 'vehicles', rows: 3, written: 3 },
    ]);
    const vehicles = await createRegistrySource(pool, 'vehicles').query({
      caseId: 'c',
      run: 1,
      members: [{ idNumber: owner, name: '车主' }],
      authorisation: authorised,
    });
    expect(vehicles.findings).toMatchObject([
      { reference: 'LD-CL-1', kind: 'vehicle', category: 'passengerCar', amount: 85000, date: '2020-05-01' },
      {
        reference: 'LD-CL-2',
        kind: 'vehicle',
        category: 'disabilityVehicle',
        detail: '残疾人专用代步车鲁J,残01，价值不明',
      },
    ]);
    expect(vehicles.findings[1]).not.toHaveProperty('amount');
  });

  it('is idempotent: loading the same files again writes nothing', async () => {
    const again = await loadRegistryDirectory(pool, dir);
    expect(again.map((r) => [r.sourceId, r.written, r.unchanged])).toEqual([
      ['civilAffairs', 0, 2],
      ['vehicles', 0, 3],
    ]);
    const { rows } = await pool.query(
      "SELECT count(*)::int AS n FROM registry_vehicles WHERE record_ref LIKE 'LD-CL-%'"
    );
    expect(rows[0]).toEqual({ n: 3 });
  });

  it('updates a record whose values changed, keyed by its reference', async () => {
    const file = path.join(dir, 'vehicles.csv');
    await writeFile(file, vehiclesCsv.replace('85000', '60000'));
    const [report] = await loadRegistryFiles(pool, [file]);
    expect(report).toMatchObject({ sourceId: 'vehicles', rows: 3, written: 1, unchanged: 2 });
    const { rows } = await pool.query("SELECT assessed_value FROM registry_vehicles WHERE record_ref = 'LD-CL-1'");
    expect(rows[0]).toEqual({ assessed_value: '60000.00' });
  });

  it('refuses an invalid row, naming file, line and column, and writes nothing of the load', async () => {
    const bad = await mkdtemp(path.join(os.tmpdir(), 'yilian-registry-bad-'));
    try {
      await writeFile(
        path.join(bad, 'banks.csv'),
        `record_ref,id_number,bank_name,account_no,balance,as_of\nLD-YH-1,${owner},泰安银行,****1,500,2026-11-30\n`
      );
      await writeFile(
        path.join(bad, 'tax.csv'),
        `record_ref,id_number,tax_year,income_type,annual_income\nLD-SW-1,${owner},2025,salary,12000\n`
      );
      await expect(loadRegistryDirectory(pool, bad)).rejects.toThrow(/tax\.csv line 2: income_type/);
      const { rows } = await pool.query("SELECT count(*)::int AS n FROM registry_banks WHERE record_ref = 'LD-YH-1'");
      expect(rows[0]).toEqual({ n: 0 });
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });

  it('refuses a file not named after a source, a column it does not know, and a reference given twice', async () => {
    const odd = await mkdtemp(path.join(os.tmpdir(), 'yilian-registry-odd-'));
    try {
      await writeFile(path.join(odd, 'salaries.csv'), 'record_ref,id_number\n');
      await expect(loadRegistryFiles(pool, [path.join(odd, 'salaries.csv')])).rejects.toThrow(
        /not named after a source/
      );
      await writeFile(path.join(odd, 'banks.csv'), 'record_ref,id_number,iban\n');
      await expect(loadRegistryFiles(pool, [path.join(odd, 'banks.csv')])).rejects.toThrow(/unknown column\(s\) iban/);
      const row = {
        record_ref: 'LD-HLW-1',
        id_number: owner,
        platform: '某支付平台',
        product: '余额理财',
        balance: 10,
        as_of: '2026-11-30',
      };
      await writeFile(path.join(odd, 'internetFinance.json'), JSON.stringify([row, row]));
      await expect(loadRegistryFiles(pool, [path.join(odd, 'internetFinance.json')])).rejects.toThrow(/appears twice/);
    } finally {
      await rm(odd, { recursive: true, force: true });
    }
  });
});

describe('the CSV reader', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const { header, rows } = parseCsv('a,b,c\n1,"x, ""y""","two\nlines"\n');
    expect(header).toEqual(['a', 'b', 'c']);
    expect(rows).toEqual([{ line: 2, values: { a: '1', b: 'x, "y"', c: 'two\nlines' } }]);
  });

  it('refuses a row with the wrong number of fields', () => {
    expect(() => parseCsv('a,b\n1,2,3\n')).toThrow(/line 2: 3 fields/);
  });
});
