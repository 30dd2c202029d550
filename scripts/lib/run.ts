// Runs one step of the test run as a child process, bounded in time: a step that outlives its
// budget is stopped with its whole process group (browsers included).
import { spawn } from 'node:child_process';

export interface StepResult {
  /** The exit code, or null when the step was stopped or died by a signal. */
  code: number | null;
  timedOut: boolean;
  /** What it printed, when `capture` was asked for (stdout and stderr interleaved). */
  output: string;
  ms: number;
}

export interface StepOptions {
  timeoutMs: number;
  /** Keep the output instead of passing it through (for noisy steps like builds). */
  capture?: boolean;
  /** The environment, when not this process's own. */
  env?: NodeJS.ProcessEnv;
}

const GRACE_MS = 5_000;

// Steps run in process groups of their own, which an interrupt of the runner would not reach.
const runningGroups = new Set<number>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const pid of runningGroups) killGroup(pid, 'SIGKILL');
    process.exit(130);
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

export function runStep(command: string, args: readonly string[], options: StepOptions): Promise<StepResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: ['ignore', options.capture ? 'pipe' : 'inherit', options.capture ? 'pipe' : 'inherit'],
      env: options.env ?? process.env,
      // Its own process group, so a timeout can stop everything it started.
      detached: true,
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

    const pid = child.pid;
    if (pid) runningGroups.add(pid);
    let timedOut = false;
    const timer = setTimeout(() => {
      if (!pid) return;
      timedOut = true;
      killGroup(pid, 'SIGTERM');
      setTimeout(() => killGroup(pid, 'SIGKILL'), GRACE_MS).unref();
    }, options.timeoutMs);

    const finish = (code: number | null): void => {
      clearTimeout(timer);
      if (pid) runningGroups.delete(pid);
      resolve({ code, timedOut, output, ms: Date.now() - started });
    };
    child.on('error', (error) => {
      output += `${error.message}\n`;
      finish(null);
    });
    child.on('close', (code) => finish(code));
  });
}
