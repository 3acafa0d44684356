/** The names of the app's background tasks; what each does is registered in server/jobs/tasks.ts. */
export const TASKS = ['deliver-mail', 'send-account-mail', 'send-notification-digests', 'prune-expired', 'send-dialogue-reminder', 'delete-dialogue-answers', 'build-data-export', 'erase-account', 'erase-due-accounts', 'prune-personal-data'] as const;
export type TaskName = (typeof TASKS)[number];
