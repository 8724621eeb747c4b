/** What a CLI command may touch besides the file system, so tests can run commands in-process. */
export interface CliIo {
  /** Relative paths resolve from here (the root scripts run from the repository root). */
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
