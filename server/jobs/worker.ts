/**
 * Works the job queue in this app process (graphile-worker over its own small pool, application_name
 * "weltoffen-jobs"). Several processes may work it at once: each job is taken by one of them. When the
 * database goes away the runner may give up; it is started again once the database answers.
 */
import { Logger, run, type Runner } from 'graphile-worker';
import { CRONTAB, TASK_LIST } from './tasks';

export interface JobWorker {
  stop(): Promise<void>;
}

function connectionStringFor(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', 'weltoffen-jobs');
  return url.href;
}

export async function startJobWorker(databaseUrl: string, log: (line: string) => void, options: { concurrency?: number } = {}): Promise<JobWorker> {
  const logger = new Logger(() => (level, message) => {
    if (level === 'error') log(`Jobs: ${message}`);
  });
  let runner: Runner | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const start = async (): Promise<void> => {
    try {
      runner = await run({
        connectionString: connectionStringFor(databaseUrl),
        concurrency: options.concurrency ?? 2,
        maxPoolSize: 4,
        noHandleSignals: true,
        pollInterval: 2000,
        taskList: TASK_LIST,
        crontab: CRONTAB,
        logger,
      });
    } catch (error) {
      if (stopped) return;
      log(`The job worker could not start (${String(error)}); trying again in 2 s.`);
      retry = setTimeout(() => void start(), 2000);
      return;
    }
    runner.promise.catch((error) => {
      if (stopped) return;
      log(`The job worker stopped (${String(error)}); starting it again in 2 s.`);
      runner = null;
      retry = setTimeout(() => void start(), 2000);
    });
  };
  await start();

  return {
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await runner?.stop().catch(() => {});
    },
  };
}
