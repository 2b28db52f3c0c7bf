import type { PropertyDeclaration, ReactiveElement } from 'lit';

/**
 * Lit's `@property` and `@state` for this package's build (experimentalDecorators on fields):
 * what Lit's own do on that path, without their code for standard decorators and accessors,
 * which the self-hosted file would otherwise carry (0.8 KB minified).
 */
export const property =
  (options?: PropertyDeclaration) =>
  (proto: ReactiveElement, name: string): void => {
    (proto.constructor as typeof ReactiveElement).createProperty(name, options);
  };

/** Internal reactive state: no attribute. */
export const state = (): ReturnType<typeof property> => property({ state: true });
