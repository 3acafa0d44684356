/** `npm start` — see server/main.ts. */
import { main } from './main';

void main();
