// The names people know the areas by, for the follow-up report. The relay itself is given only
// the ids the form sends; the names an operator already wrote for the clerk's mail
// (`areaLabels`, e-mail) or the case titles (`areaNames`, Artvise) are reused, not asked again.

import type { TargetConfig } from './config.js';

const NAME_KEYS = ['areaLabels', 'areaNames'] as const;

/** Area id → name from the targets' settings; the first target that names an area wins. */
export function areaNamesOf(targets: readonly TargetConfig[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const target of targets) {
    if (target.type === 'module') continue; // its settings are its own
    for (const key of NAME_KEYS) {
      const map = target.settings[key];
      if (typeof map !== 'object' || map === null || Array.isArray(map)) continue;
      for (const [area, name] of Object.entries(map)) {
        if (typeof name === 'string' && name.trim() !== '' && !Object.hasOwn(names, area)) {
          names[area] = name.trim();
        }
      }
    }
  }
  return names;
}
