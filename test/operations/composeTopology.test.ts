/**
 * docker-compose.yml describes the same topology as `npm run start:cluster` runs natively
 * (scripts/cluster/topology.ts): no Docker engine here runs the file, so this keeps it honest — the
 * same processes, commands, variable names, ports, server version and schema steps.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { envSchema, loadEnv } from '../../config/env';
import { clusterSettingsFrom, loadLauncherEnv } from '../../scripts/cluster/settings';
import type { ClusterProcess } from '../../scripts/cluster/topology';
import { clusterProcesses, COMPOSE_SUPPORT_SERVICES, temporalSchemaSteps } from '../../scripts/cluster/topology';
import { TEMPORAL_SERVER_VERSION } from '../../temporal/serverBinaries';

interface ComposeService {
  image?: string;
  command?: string[] | string;
  environment?: Record<string, string | number>;
  ports?: string[];
}

const compose = parse(readFileSync(path.join(__dirname, '../../docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
// The defaults: what `npm run start:cluster` runs with no variables set.
const defaults = clusterSettingsFrom(loadEnv({}), loadLauncherEnv({}));
const processes = clusterProcesses(defaults);
const serverVersion = TEMPORAL_SERVER_VERSION.replace(/^v/, '');

function serviceOf(process: ClusterProcess): ComposeService {
  const service = compose.services[process.name];
  if (service === undefined) throw new Error(`docker-compose.yml has no service ${process.name}`);
  return service;
}

/** Variables whose value is a port: the same number in both, or the processes would not find each other. */
const isPortVariable = (name: string): boolean => name === 'PORT' || name.endsWith('_PORT');

describe('docker-compose.yml / in step with the native topology', () => {
  it('has a service for each process of the topology and otherwise only the set-up and support services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      [...processes.map((p) => p.name), ...COMPOSE_SUPPORT_SERVICES].sort()
    );
  });

  it.each(processes.map((p) => [p.name, p] as const))('%s gets every variable the topology sets', (_, process) => {
    const environment = serviceOf(process).environment ?? {};
    expect(Object.keys(environment)).toEqual(expect.arrayContaining(Object.keys(process.env)));
    for (const [name, value] of Object.entries(process.env)) {
      if (isPortVariable(name)) expect({ name, value: String(environment[name]) }).toEqual({ name, value });
    }
  });

  it.each(processes.filter((p) => p.role !== 'temporal').map((p) => [p.name, p] as const))(
    '%s runs the same command',
    (_, process) => {
      expect(serviceOf(process).command).toEqual(process.command);
    }
  );

  it('runs the Temporal server and its admin tools of the version the native cluster builds', () => {
    expect(compose.services.temporal?.image).toBe(`temporalio/server:${serverVersion}`);
    expect(compose.services['temporal-schema']?.image).toBe(`temporalio/admin-tools:${serverVersion}`);
  });

  it('publishes the proxy and the Temporal frontend on the ports the native cluster uses, on loopback only', () => {
    expect(compose.services.proxy?.ports).toEqual([`127.0.0.1:${defaults.proxyPort}:${defaults.proxyPort}`]);
    expect(compose.services.temporal?.ports).toEqual([`127.0.0.1:${defaults.temporalPort}:${defaults.temporalPort}`]);
  });

  it('sends the proxy to every API process on its port', () => {
    const upstreams = String(compose.services.proxy?.environment?.API_UPSTREAMS).split(',');
    const apis = processes.filter((p) => p.role === 'api');
    expect(upstreams).toEqual(apis.map((p) => `http://${p.name}:${p.port}`));
  });

  it('sets up the Temporal schema with the same steps as the native bootstrap', () => {
    const script = String(compose.services['temporal-schema']?.command);
    for (const step of temporalSchemaSteps({ ...defaults.temporalDatabase, name: 'temporal' })) {
      expect(script).toContain(`tool --database ${step.database} ${step.args.join(' ')}`);
    }
  });

  it('gives the workers and the APIs only variables the app knows (config/env.ts)', () => {
    const known = Object.keys(envSchema.shape);
    for (const process of processes.filter((p) => p.role === 'worker' || p.role === 'api')) {
      const names = Object.keys(serviceOf(process).environment ?? {});
      expect({ service: process.name, unknown: names.filter((n) => !known.includes(n)) }).toEqual({
        service: process.name,
        unknown: [],
      });
    }
  });
});
