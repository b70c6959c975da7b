/**
 * `importNodeModule`: `import()` of a Node-only module (`node:fs`, `@gradkit/datasets/node`,
 * `@gradkit/transformers/node`) at the moment a lesson's `run` needs it. The specifier is a
 * variable, so browser bundlers (the course site bundles the lesson registry) do not follow it
 * into Node-only code; in a browser the call rejects.
 *
 * @example
 *   const { loadDefaultModel } = await importNodeModule<typeof import('@gradkit/transformers/node')>(
 *     '@gradkit/transformers/node',
 *   );
 */
export function importNodeModule<T>(specifier: string): Promise<T> {
  return import(/* @vite-ignore */ specifier) as Promise<T>;
}
