/** The end-to-end test server: `npm start` on its own embedded database, emptied at every start. */
import { supervise } from '../server/supervisor';

void supervise({ dataDir: '.data/e2e', freshDatabase: true });
