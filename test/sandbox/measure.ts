/**
 * Measures the sandbox as the benchmark uses it: started by its CLI in a child process, every
 * page of patients, appointments and guarantors fetched at limit 4999 (JSON, gzip) and parsed.
 * Reports the time per resource and the child's peak RSS (VmHWM, Linux).
 *
 *   npx tsx test/sandbox/measure.ts [patients=100000] [rounds=1]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

interface Started {
  baseUrl: string;
  appId: string;
  appKey: string;
  offices: { officeId: string; secretKey: string }[];
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function main(): Promise<void> {
  const patients = Number(process.argv[2] ?? 100_000);
  const rounds = Number(process.argv[3] ?? 1);
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/sandbox/cli.ts', '--port', '0', '--patients', String(patients), '--domains', 'Dental'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const firstLine = await new Promise<string>((resolve) => {
    createInterface({ input: child.stdout }).once('line', resolve);
  });
  const started = JSON.parse(firstLine) as Started;
  const office = started.offices[0];
  if (office === undefined || child.pid === undefined) throw new Error('no office');
  console.log(`sandbox pid ${child.pid}, ${patients} patients, RSS after start ${peakRssMb(child.pid)} MB`);
  const startResponse = await fetch(`${started.baseUrl}/v2/start?app_id=${started.appId}&app_key=${started.appKey}&office_id=${office.officeId}&secret_key=${office.secretKey}`);
  const key = ((await startResponse.json()) as [{ request_key: string }])[0].request_key;

  for (let round = 0; round < rounds; round++) {
    let total = 0;
    for (const resource of ['patients', 'appointments', 'guarantors']) {
      let rows = 0;
      let fetching = 0;
      let parsing = 0;
      const began = performance.now();
      const cpuBefore = cpuSeconds(child.pid);
      for (let offset = 0; ; offset++) {
        const t0 = performance.now();
        const response = await fetch(`${started.baseUrl}/v2/${resource}?request_key=${key}&limit=4999&offset=${offset}`, { headers: { 'Accept-Encoding': 'gzip' } });
        if (response.status === 204) break;
        const text = await response.text();
        const t1 = performance.now();
        const body = JSON.parse(text) as [{ items: unknown[] }];
        parsing += performance.now() - t1;
        fetching += t1 - t0;
        rows += body[0].items.length;
      }
      const elapsed = performance.now() - began;
      total += elapsed;
      const serverCpu = cpuSeconds(child.pid) - cpuBefore;
      console.log(`${resource.padEnd(12)} ${String(rows).padStart(7)} rows  ${(elapsed / 1000).toFixed(2)} s  (fetch+gunzip ${(fetching / 1000).toFixed(2)} s, parse ${(parsing / 1000).toFixed(2)} s; sandbox CPU ${serverCpu.toFixed(2)} s)`);
    }
    console.log(`round ${round + 1}: all pages ${(total / 1000).toFixed(2)} s; sandbox peak RSS ${peakRssMb(child.pid)} MB`);
  }
  child.kill('SIGTERM');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
