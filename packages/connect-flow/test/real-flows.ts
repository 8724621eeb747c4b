import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Flows exported from live Connect instances or deployed by AWS's samples (Connect accepted every one), read in place
 * from ../shared/real-flows beside the repository (REAL_FLOWS_DIR overrides). A checkout without them skips these
 * tests and says so, rather than failing on a missing folder.
 */
export const REAL_FLOWS = process.env.REAL_FLOWS_DIR ?? join(__dirname, '../../../../shared/real-flows');
export const realFlowFiles = existsSync(REAL_FLOWS) ? readdirSync(REAL_FLOWS).filter((name) => name.endsWith('.json')).sort() : [];
if (realFlowFiles.length === 0) console.warn(`no real flows at ${REAL_FLOWS}: their tests are skipped (set REAL_FLOWS_DIR)`);
/** `describe`, or `describe.skip` without real flows; `it.each` still gets one row so the skipped block is valid. */
export const describeRealFlows = realFlowFiles.length > 0 ? describe : describe.skip;
export const realFlowRows = realFlowFiles.length > 0 ? realFlowFiles : ['(no real flows)'];
