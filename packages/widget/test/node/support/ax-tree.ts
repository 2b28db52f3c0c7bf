import type { Page } from 'playwright-core';

/** A node of Chromium's accessibility tree, with what a screen reader announces. */
export interface AxNode {
  /** The DevTools id. */
  id: string;
  /** The parent's id. */
  parent: string | undefined;
  /** The role: `radio`, `textbox`, `combobox`, `button`, `heading`, `radiogroup`, … */
  role: string;
  /** The accessible name. */
  name: string;
  /** The accessible description (aria-describedby and the like). */
  description: string;
  /** The value said after the name: a field's text, a native file input's "No file chosen". */
  value: string;
  /** Properties: `invalid`, `required`, `checked`, `focused`, `level`, … as strings. */
  props: Record<string, string>;
}

interface RawValue {
  value?: unknown;
}
interface RawNode {
  nodeId: string;
  parentId?: string;
  ignored: boolean;
  role?: RawValue;
  name?: RawValue;
  description?: RawValue;
  value?: RawValue;
  properties?: { name: string; value: RawValue }[];
}

const text = (value: RawValue | undefined) =>
  String(value?.value ?? '')
    .replace(/\s+/g, ' ')
    .trim();

/** Reads the page's full accessibility tree through the DevTools protocol (unignored nodes). */
export async function axTree(page: Page): Promise<AxTree> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Accessibility.enable');
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: RawNode[] };
    return new AxTree(
      nodes.map((node) => ({
        id: node.nodeId,
        parent: node.parentId,
        role: text(node.role),
        name: text(node.name),
        description: text(node.description),
        value: text(node.value),
        props: Object.fromEntries((node.properties ?? []).map((p) => [p.name, text(p.value)])),
        ignored: node.ignored,
      })),
    );
  } finally {
    await cdp.detach();
  }
}

/** The tree, with the look-ups the tests need. */
export class AxTree {
  private readonly byId: Map<string, AxNode & { ignored: boolean }>;

  constructor(private readonly all: (AxNode & { ignored: boolean })[]) {
    this.byId = new Map(all.map((node) => [node.id, node]));
  }

  /** Every node a screen reader can reach. */
  get nodes(): AxNode[] {
    return this.all.filter((node) => !node.ignored);
  }

  /** Nodes with this role (and, if given, a name matching exactly or by pattern). */
  find(role: string, name?: string | RegExp): AxNode[] {
    return this.nodes.filter(
      (node) =>
        node.role === role &&
        (name === undefined ||
          (typeof name === 'string' ? node.name === name : name.test(node.name))),
    );
  }

  /** The one node with this role and name; throws with what there is when not exactly one. */
  one(role: string, name: string | RegExp): AxNode {
    const found = this.find(role, name);
    if (found.length !== 1) {
      const same = this.find(role).map((n) => `"${n.name}"`);
      throw new Error(
        `Expected one ${role} named ${String(name)}, found ${found.length}. ${role}s: ${same.join(', ') || 'none'}`,
      );
    }
    return found[0]!;
  }

  /** The closest ancestor with this role. */
  ancestor(node: AxNode, role: string): AxNode | undefined {
    for (let at = node.parent; at; at = this.byId.get(at)?.parent) {
      const candidate = this.byId.get(at);
      if (candidate && !candidate.ignored && candidate.role === role) return candidate;
    }
    return undefined;
  }

  /** Every control a user can operate, for "nothing unnamed" checks. */
  controls(): AxNode[] {
    const roles = new Set([
      'button',
      'link',
      'textbox',
      'combobox',
      'radio',
      'checkbox',
      'spinbutton',
      'searchbox',
      'listbox',
      'Date',
      'InputTime',
      'date',
    ]);
    return this.nodes.filter((node) => roles.has(node.role));
  }
}
