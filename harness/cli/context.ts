import type { LoadedConfig } from '../config/index.js';

export interface Output {
  write(chunk: string): void;
  /** True when this is an interactive terminal (progress lines allowed). */
  isTTY?: boolean;
}

/** What a command gets besides its argv: streams, working folder, environment, config. */
export interface CliContext {
  stdout: Output;
  stderr: Output;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Loads the config once (the --config flag is passed through). */
  config(explicit?: string): Promise<LoadedConfig>;
}

export interface Command {
  name: string;
  /** One line for `proofgate --help`. */
  summary: string;
  /** Full help text for `proofgate <name> --help`. */
  help: string;
  /** Returns the exit code: 0 PASS, 1 FAIL. Usage/input/infra problems throw a ProofgateError (exit 2). */
  run(argv: string[], ctx: CliContext): Promise<number>;
}
