import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flowModulesDir } from './paths';

/** The flow templates in flow-modules/ (shared with the sandbox, which runs the same content). */
const flowTemplates = {
  generativeAgentModule: 'generative-agent-module.json',
  pstnTransferFlow: 'pstn-transfer-flow.json',
  sampleInboundFlow: 'sample-inbound-flow.json',
} as const;

export function readFlowTemplate(template: keyof typeof flowTemplates): string {
  return readFileSync(resolve(flowModulesDir, flowTemplates[template]), 'utf8');
}
