// `node --import tsx --import ./scripts/lib/server-only-hook.mjs <entry>`: resolves the
// `server-only` package as Next does on the server (its empty module), and nothing else with
// React's react-server condition. A process that renders email needs this instead of
// `--conditions=react-server`, under which React refuses react-dom/server (React Email).
import { register } from 'node:module';

register('./react-server-condition.mjs', import.meta.url);
