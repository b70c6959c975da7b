// Vue single-file components, for TypeScript files that import them (the theme's index.ts).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
