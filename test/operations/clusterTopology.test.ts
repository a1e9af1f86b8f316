/** The cluster topology as data (scripts/cluster/topology.ts): what `npm run start:cluster` runs. */
import { loadEnv } from '../../config/env';
import { clusterSettingsFrom, loadLauncherEnv } from '../../scripts/cluster/settings';
import { checkServerPorts, clusterProcesses, temporalServerPorts } from '../../scripts/cluster/topology';

const settingsWith = (env: Record<string, string>) => clusterSettingsFrom(loadEnv(env), loadLauncherEnv(env));

describe('cluster topology', () => {
  it("puts the Temporal server on Temporal's usual ports when TEMPORAL_PORT is 7233", () => {
    expect(temporalServerPorts(7233)).toEqual({
      FRONTEND_GRPC_PORT: 7233,
      FRONTEND_HTTP_PORT: 7243,
      HISTORY_GRPC_PORT: 7234,
      MATCHING_GRPC_PORT: 7235,
      WORKER_GRPC_PORT: 7239,
      FRONTEND_MEMBERSHIP_PORT: 6933,
      HISTORY_MEMBERSHIP_PORT: 6934,
      MATCHING_MEMBERSHIP_PORT: 6935,
      WORKER_MEMBERSHIP_PORT: 6939,
    });
  });

  it('refuses a TEMPORAL_PORT that would put a membership port beyond what the server can store', () => {
    expect(() => checkServerPorts(33_061)).not.toThrow();
    expect(() => checkServerPorts(33_062)).toThrow(/WORKER_MEMBERSHIP_PORT=32768.*between 301 and 33061/);
  });

  it('starts the server, then CLUSTER_WORKERS workers, CLUSTER_APIS APIs on the ports after PORT, then the proxy', () => {
    const processes = clusterProcesses(settingsWith({ PORT: '4000', CLUSTER_WORKERS: '3', CLUSTER_APIS: '2' }));

    expect(processes.map((p) => [p.name, p.port])).toEqual([
      ['temporal', 7233],
      ['worker-1', undefined],
      ['worker-2', undefined],
      ['worker-3', undefined],
      ['api-1', 4001],
      ['api-2', 4002],
      ['proxy', 4000],
    ]);
    expect(processes.at(-1)?.env.API_UPSTREAMS).toBe('http://127.0.0.1:4001,http://127.0.0.1:4002');
  });

  it('points the server at its databases from TEMPORAL_DATABASE_URL, and every app process at the same Temporal', () => {
    const processes = clusterProcesses(
      settingsWith({ TEMPORAL_DATABASE_URL: 'postgres://temporal:s3cret@db.example:6543/county_temporal' })
    );
    const server = processes.find((p) => p.role === 'temporal');

    expect(server?.env).toMatchObject({
      POSTGRES_SEEDS: 'db.example',
      DB_PORT: '6543',
      POSTGRES_USER: 'temporal',
      POSTGRES_PWD: 's3cret',
      DBNAME: 'county_temporal',
      VISIBILITY_DBNAME: 'county_temporal_visibility',
    });
    const addresses = processes
      .filter((p) => p.role === 'worker' || p.role === 'api')
      .map((p) => p.env.TEMPORAL_ADDRESS);
    expect(new Set(addresses)).toEqual(new Set(['127.0.0.1:7233']));
  });
});
