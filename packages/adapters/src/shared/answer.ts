/** The answer's headers came in time, but its body did not. */
export class AnswerTimeoutError extends Error {}

/**
 * The body as text, or `undefined` when it is longer than `maxBytes`: the rest is not read, so
 * an endless or huge answer cannot fill the memory. With `timeoutMs`, the body must come within
 * that time (ky's timeout ends when the headers arrive, so an endpoint that sends them and then
 * stalls would hold the sender for minutes), else an {@link AnswerTimeoutError}. Throws a network
 * error when the connection breaks. (Kept small: the widget's bundle carries it.)
 */
export async function textOf(
  response: Response,
  maxBytes: number,
  timeoutMs?: number,
): Promise<string | undefined> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    if (timeoutMs !== undefined)
      timer = setTimeout(() => reject(new AnswerTimeoutError()), timeoutMs);
  });
  try {
    for (let read; !(read = await Promise.race([reader.read(), expired])).done;) {
      if ((size += read.value.byteLength) > maxBytes) return undefined;
      text += decoder.decode(read.value, { stream: true });
    }
  } finally {
    clearTimeout(timer);
    // Frees the connection of an answer read no further; a no-op on one read to the end.
    void reader.cancel().catch(() => undefined);
  }
  return text + decoder.decode();
}
