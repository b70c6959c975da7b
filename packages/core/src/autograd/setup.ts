// Wires the engine's late-bound ops (accumulation and seed creation) and Tensor.clone.
import { add } from '../ops/arith.js';
import { onesLike, setCloneImpl, Tensor } from '../tensor.js';
import { record, setEngineOps } from './engine.js';

setEngineOps({ add: (a, b) => add(a, b), onesLike: (t) => onesLike(t) });
setCloneImpl((t: Tensor) => record(new Tensor(t.data.slice(), t.shape, t.dtype), 'clone', [t], (g) => [g]));
