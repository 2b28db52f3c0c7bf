/**
 * The promise's outcome, or the signal's reason as soon as the signal aborts, whichever comes
 * first. What the promise stands for is not stopped: use it where the work must not be cut off
 * (a mail on its way) or cannot be (an adapter that does not listen to the signal).
 *
 * ```ts
 * const receipt = await untilAborted(adapter.submit(submission), signal);
 * ```
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    const done = () => signal.removeEventListener('abort', onAbort);
    promise.then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}
