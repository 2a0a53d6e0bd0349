/**
 * Findings with stable codes, shared by the CLI, reports and batch jobs so they all speak the
 * same language (STYLE.md §16). `message` is one plain sentence for a person; `code` is for
 * scripts and never changes meaning.
 */
export type Severity = 'info' | 'warning' | 'error';

export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
}

export function diagnostic(code: string, severity: Severity, message: string): Diagnostic {
  return { code, severity, message };
}
