/**
 * A name a Windows file system stores as it is: the clerk's computer and case systems such as
 * Artvise (on IIS) save attachments under the name they came with. `C:evil.png` would there be
 * the file `C` with an alternate data stream `evil.png`, `CON.png` the console device, and
 * `bild.` plain `bild`. Each of `<>:"|?*` becomes `_`, trailing dots and spaces go, and a
 * device name gets a `_` in front. The submission keeps the name as the sender's device gave it.
 */
export function windowsFileName(name: string): string {
  const safe = name.replace(/[<>:"|?*]/g, '_').replace(/[. ]+$/, '');
  const device = /^(?:CON|PRN|AUX|NUL|COM[1-9¹²³]|LPT[1-9¹²³])(?:\.|$)/i.test(safe);
  if (safe === '') return '_';
  return device ? `_${safe}` : safe;
}
