/** The browser's speech synthesis, when it has one. */
const synth = (): SpeechSynthesis | undefined =>
  (globalThis as { speechSynthesis?: SpeechSynthesis }).speechSynthesis ?? undefined;

/** Whether this browser can read aloud ("Lyssna" is hidden where it cannot). */
export const canSpeak = (): boolean =>
  synth() !== undefined && typeof globalThis.SpeechSynthesisUtterance === 'function';

/** The voice for a language: the exact one (`sv-SE`) if there is one, else any of it (`sv`). */
function voiceFor(
  voices: readonly SpeechSynthesisVoice[],
  lang: string,
): SpeechSynthesisVoice | undefined {
  const tag = (voice: SpeechSynthesisVoice) => voice.lang.replace('_', '-').toLowerCase();
  const wanted = lang.toLowerCase();
  return (
    voices.find((voice) => tag(voice) === wanted) ??
    voices.find((voice) => tag(voice).startsWith(wanted.slice(0, 2)))
  );
}

/**
 * Reads one screen at a time with `speechSynthesis`. `reading` says which screen is being read
 * (undefined when silent); `changed` is called when that changes by itself (the voice ended).
 */
export class Speaker {
  /** The screen being read, or undefined. */
  reading: string | undefined;
  private utterance: SpeechSynthesisUtterance | undefined;

  constructor(private readonly changed: () => void) {}

  /** Reads `text` in `lang` (`sv-SE`, `en-GB`), stopping anything read before. */
  speak(text: string, lang: string, screen: string): void {
    const speech = synth();
    if (!speech) return;
    speech.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    const voice = voiceFor(speech.getVoices(), lang);
    if (voice) utterance.voice = voice;
    utterance.onend = utterance.onerror = () => {
      if (this.utterance !== utterance) return;
      this.stop();
      this.changed();
    };
    this.utterance = utterance;
    this.reading = screen;
    speech.speak(utterance);
  }

  /** Stops reading, if reading. */
  stop(): void {
    if (this.reading === undefined) return;
    this.reading = undefined;
    this.utterance = undefined;
    synth()?.cancel();
  }
}
