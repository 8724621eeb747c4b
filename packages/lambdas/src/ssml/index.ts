// No imports from outside this folder: infra validates SSML_CONVERSIONS at synth with it (`@genagent-connect/lambdas/ssml`).

export {
  type ReplacementPart,
  parseSsmlConversion,
  type SsmlConversion,
  type SsmlConversionParseResult,
  type SsmlConversionRule,
} from './conversion';
export { markupProblem } from './markup-check';
export { type SpeechText, toSpeech } from './to-speech';
export { escapeXml } from './xml-text';
