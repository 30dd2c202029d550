// `npm run server [-- --port 8787] [--latency 80] [--leads 50000] [--drift]`: the local MEGA server
// for the demo and for manual testing, on 127.0.0.1 only. `--drift` also serves custom fields of
// shapes MEGA's published schema does not allow (lists, objects), as real data drifts.
import { parseArgs } from 'node:util';
import { DEMO_ACCOUNTS } from './credentials.ts';
import { createMegaServer } from './mega-server.ts';
import { MAX_LEAD_COUNT } from './seed.ts';

function numberOption(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max) {
    console.error(`--${name} must be an integer from 0 to ${max}`);
    process.exit(2);
  }
  return Number(value);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    latency: { type: 'string' },
    leads: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    drift: { type: 'boolean', default: false },
  },
});

const server = await createMegaServer({
  port: numberOption('port', values.port, 8787, 65535),
  latencyMs: numberOption('latency', values.latency, 0, 600_000),
  ...(values.leads === undefined ? {} : { leadCount: numberOption('leads', values.leads, 0, MAX_LEAD_COUNT) }),
  quiet: values.quiet,
  drift: values.drift,
}).catch((error: NodeJS.ErrnoException) => {
  if (error instanceof RangeError) {
    // A lead count below the hand-shaped demo set.
    console.error(`--leads: ${error.message}`);
    process.exit(2);
  }
  console.error(
    error.code === 'EADDRINUSE' ? `Port ${values.port ?? 8787} is in use; pick another with --port.` : error,
  );
  process.exit(1);
});

// The one place tokens are printed: fixed, fake credentials that only this local server accepts,
// shown so the extension's options page can be filled in for the demo.
const accounts = DEMO_ACCOUNTS.map(
  (account) => `  ${account.label}:
    Customer ID:  ${account.customerId}
    API token:    ${account.token}
    Leads:        ${server.leads.filter((lead) => lead.customer_id === account.customerId).length}`,
).join('\n');
console.log(`Local MEGA API server listening on ${server.url}
  API base URL: ${server.url}
${accounts}
  (fake demo credentials, valid only on this local server)
  Demo page:    ${server.url}/pages/demo.html
Press Ctrl+C to stop.`);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal} received, stopping.`);
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
