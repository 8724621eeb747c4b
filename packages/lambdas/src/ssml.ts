/** One per-environment rewrite of the agent's text, e.g. a pronunciation fix or a `<break>` after a sentence. */
export interface SsmlConversion {
  /** Compiled with flags `gi`. */
  readonly searchFor: RegExp;
  readonly replaceWith: string;
}

export interface SpeechText {
  readonly text: string;
  readonly textType: 'text' | 'ssml';
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => XML_ESCAPES[character] ?? character);
}

/**
 * What the flow should speak. With conversions, the text is escaped first (so `&` or `<` from the agent cannot break
 * the SSML), then each conversion is applied in order, then it is wrapped in `<speak>`. Without, it passes unchanged.
 */
export function toSpeech(agentText: string, conversions: readonly SsmlConversion[]): SpeechText {
  if (conversions.length === 0) return { text: agentText, textType: 'text' };
  let ssml = escapeXml(agentText);
  for (const { searchFor, replaceWith } of conversions) ssml = ssml.replaceAll(searchFor, replaceWith);
  return { text: `<speak>${ssml}</speak>`, textType: 'ssml' };
}
