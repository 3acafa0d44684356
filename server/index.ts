/** `npm start` — see server/supervisor.ts. */
import { supervise } from './supervisor';

void supervise();
