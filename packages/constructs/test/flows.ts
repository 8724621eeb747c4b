import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The real flow templates the stacks deploy. */
export function flowTemplate(name: 'generative-agent-module' | 'pstn-transfer-flow' | 'sample-inbound-flow'): string {
  return readFileSync(join(__dirname, '..', '..', '..', 'flow-modules', `${name}.json`), 'utf8');
}
