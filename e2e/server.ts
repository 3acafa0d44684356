/** The end-to-end test server: the real app on its own embedded database, emptied at every start. */
import { main } from '../server/main';

void main({ dataDir: '.data/e2e', freshDatabase: true });
