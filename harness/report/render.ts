import { VERSION } from '../version.js';
import { renderGithub } from './render-github.js';
import { renderMaskedJson } from './render-json.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';
import { renderSarif } from './render-sarif.js';
import { redactReport } from './redact-report.js';
import { renderText } from './render-text.js';
import type { Format, Report } from './types.js';

export interface RenderOptions {
  deterministic?: boolean;
}

/** Every format renders the masked report: no credential reaches stdout, --out or a release folder. */
export function renderReport(unmasked: Report, format: Format, options: RenderOptions = {}): string {
  const report = redactReport(unmasked);
  switch (format) {
    case 'text':
      return renderText(report);
    case 'json':
      return renderMaskedJson(report, options);
    case 'markdown':
      return renderMarkdown(report);
    case 'junit':
      return renderJunit(report);
    case 'github':
      return renderGithub(report);
    case 'sarif':
      return renderSarif(report, VERSION);
  }
}
