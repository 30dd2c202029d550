// `npm run demo [-- --firefox]`: the first thing to run after cloning. Builds the extension,
// starts the local MEGA server, and opens a browser with Lead Lens installed and connected to it,
// on a demo page full of contacts. Ctrl+C stops everything.
import { parseArgs } from 'node:util';
import { createMegaServer, type MegaServer } from '../server/mega-server.ts';
import { launchFirefox } from '../e2e/firefox/launch.ts';
import { ExtensionBrowser } from '../e2e/pages/extension-browser.ts';
import { connectThroughOptions } from '../e2e/shared/connect.ts';
import { demoConnection } from '../e2e/shared/fixtures.ts';
import { connectExtension, launchExtensionContext } from './lib/chromium.ts';
import { outputDir } from './lib/build-output.ts';
import { runStep } from './lib/run.ts';

const { values } = parseArgs({ options: { firefox: { type: 'boolean', default: false }, port: { type: 'string' } } });
const browserName = values.firefox ? 'Firefox' : 'Chromium';

const hasDisplay =
  process.platform === 'darwin' ||
  process.platform === 'win32' ||
  Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (!hasDisplay) {
  console.log(`No display here to open ${browserName} on (DISPLAY is not set).
See every screen as images instead:   npm run screenshots -- out/
Or run the local MEGA server alone:    npm run server`);
  process.exit(1);
}

console.log(`Building the ${values.firefox ? 'Firefox' : 'Chrome'} extension…`);
const built = await runStep('npm', ['run', '--silent', values.firefox ? 'build:firefox' : 'build'], {
  timeoutMs: 240_000,
  capture: true,
});
if (built.code !== 0) {
  console.error(built.output);
  process.exit(1);
}

async function startServer(): Promise<MegaServer> {
  const port = values.port ? Number(values.port) : 8787;
  // A server already on 8787 (npm run server in another terminal) is fine: take a free port.
  return createMegaServer({ port, quiet: true }).catch(() => createMegaServer({ quiet: true }));
}

const server = await startServer();
const demoPage = `${server.url}/pages/demo.html`;
let close: () => Promise<void>;

if (values.firefox) {
  // Firefox keeps its extension storage to itself: connect through the options page, as a user would.
  const browser = new ExtensionBrowser(await launchFirefox({ headless: false }));
  await connectThroughOptions(browser, demoConnection(server.url));
  await browser.openWebPage(demoPage);
  close = () => browser.close();
} else {
  const ext = await launchExtensionContext(outputDir('chrome'), {
    headless: false,
    shownToPeople: true,
    viewport: null,
  });
  await connectExtension(ext.worker, demoConnection(server.url));
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  await page.goto(demoPage);
  ext.context.on('close', () => void stop());
  close = () => ext.close();
}

console.log(`
Lead Lens is running in ${browserName}, connected to the local MEGA server at ${server.url}.
Select a phone number or an email on the demo page (${demoPage}) to see the lead,
or click the Lead Lens toolbar button to search. Close the browser or press Ctrl+C to stop.`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await close().catch(() => undefined);
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
