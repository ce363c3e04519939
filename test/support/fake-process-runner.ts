/**
 * A ProcessRunner that answers from a script and records every call, so the inserters are
 * tested without any OS tool, display or desktop.
 */
import {
  CommandMissingError,
  type ProcessRunner,
  type RunOptions,
  type RunResult,
} from '../../src/main/insertion/process-runner';

export interface RecordedRun {
  command: string;
  args: readonly string[];
  input: string | undefined;
}

export type Answer = Partial<RunResult> & { stdoutText?: string };

/** Answers by the first rule whose command and first arguments match; unmatched calls exit 0. */
export class FakeRunner implements ProcessRunner {
  readonly runs: RecordedRun[] = [];
  private readonly missing = new Set<string>();
  private readonly rules: Array<{ command: string; argsStart: readonly string[]; answer: Answer }> = [];

  /** Makes `command` not installed. */
  remove(command: string): this {
    this.missing.add(command);
    return this;
  }

  answer(command: string, argsStart: readonly string[], answer: Answer): this {
    this.rules.unshift({ command, argsStart, answer });
    return this;
  }

  async run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const input = options.input === undefined ? undefined : options.input.toString();
    this.runs.push({ command, args, input });
    if (this.missing.has(command)) throw new CommandMissingError(command);
    const rule = this.rules.find(
      (candidate) =>
        candidate.command === command && candidate.argsStart.every((arg, index) => args[index] === arg),
    );
    const answer = rule?.answer ?? {};
    return {
      exitCode: answer.exitCode === undefined ? 0 : answer.exitCode,
      stdout: answer.stdout ?? Buffer.from(answer.stdoutText ?? ''),
      stderr: answer.stderr ?? '',
    };
  }

  /** "command arg arg" for each call, for readable assertions. */
  commandLines(): string[] {
    return this.runs.map((run) => [run.command, ...run.args].join(' '));
  }
}
