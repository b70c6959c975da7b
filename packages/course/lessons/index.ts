/**
 * The lesson registry: one line per lesson folder. Adding a lesson is its folder
 * (`lessons/<id>/`, see CONTRIBUTING.md) and one line here.
 */
export { default as lossI } from './loss-i/index.js';
