export { type BlockChange, diffFlows, type FlowDiff, isEmptyDiff, type TransitionChange, type ValueChange } from './flow-diff';
export { diffToMermaid, formatFlowDiff } from './format-diff';
