/**
 * Works the job queue in this app process (graphile-worker over its own small pools). Several processes may
 * work it at once: each job is taken by one of them. When the database goes away a runner may give up; it
 * is started again once the database answers.
 *
 * Each runner has a worker id naming this process, and its connections carry the process's name, so that a
 * process can tell when another one was killed while holding jobs and give them back at once
 * (releaseJobsOfStoppedProcesses) instead of after graphile-worker's four hours.
 */
import crypto from 'node:crypto';
import { Logger, run, type Runner } from 'graphile-worker';
import { sql } from '#app/database/client.server';
import { JOB_CONNECTION_PREFIX, releaseJobsOfStoppedProcesses } from '#app/domain/jobs/queue.server';
import { CRONTAB, TASK_LIST } from './tasks';

/** How often a process looks for jobs held by processes that are gone. */
const RELEASE_EVERY_MS = 30_000;

export interface JobWorker {
  stop(): Promise<void>;
}

function connectionStringFor(databaseUrl: string, processName: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', processName);
  return url.href;
}

export async function startJobWorker(databaseUrl: string, log: (line: string) => void, options: { concurrency?: number } = {}): Promise<JobWorker> {
  const logger = new Logger(() => (level, message) => {
    if (level === 'error') log(`Jobs: ${message}`);
  });
  const processName = `${JOB_CONNECTION_PREFIX}:${crypto.randomUUID()}`;
  // graphile-worker names a runner only when it runs one job at a time: so one runner per parallel job.
  // The first also schedules the recurring work (which runs once per tick however many processes do this).
  const runners: (Runner | null)[] = Array.from({ length: options.concurrency ?? 2 }, () => null);
  const retries = new Set<NodeJS.Timeout>();
  let stopped = false;

  const releaseOrphanedJobs = async () => {
    try {
      const released = await releaseJobsOfStoppedProcesses(sql);
      if (released > 0) log(`Jobs: gave back the jobs of ${released} worker(s) of a process that stopped without finishing them.`);
    } catch {
      // The database is away; the next round tries again.
    }
  };

  const start = async (index: number): Promise<void> => {
    const again = () => {
      const retry = setTimeout(() => {
        retries.delete(retry);
        void start(index);
      }, 2000);
      retries.add(retry);
    };
    try {
      const runner = await run({
        connectionString: connectionStringFor(databaseUrl, processName),
        // Honoured by run() for a runner of one (dist/main.js), though missing from RunnerOptions' type.
        ...({ workerId: `${processName}:${index}` } as object),
        concurrency: 1,
        maxPoolSize: 2,
        noHandleSignals: true,
        pollInterval: 2000,
        taskList: TASK_LIST,
        ...(index === 0 ? { crontab: CRONTAB } : {}),
        logger,
      });
      runners[index] = runner;
      runner.promise.catch((error) => {
        if (stopped) return;
        log(`The job worker stopped (${String(error)}); starting it again in 2 s.`);
        runners[index] = null;
        again();
      });
    } catch (error) {
      if (stopped) return;
      log(`The job worker could not start (${String(error)}); trying again in 2 s.`);
      again();
    }
  };
  await releaseOrphanedJobs();
  await Promise.all(runners.map((_, index) => start(index)));
  const releasing = setInterval(() => void releaseOrphanedJobs(), RELEASE_EVERY_MS);
  releasing.unref();

  return {
    async stop() {
      stopped = true;
      clearInterval(releasing);
      for (const retry of retries) clearTimeout(retry);
      await Promise.all(runners.map((runner) => runner?.stop().catch(() => {})));
    },
  };
}
