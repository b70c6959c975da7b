import { PythonRandom } from '@gradkit/core';
import { addLabelNoise, closestIndex, doubleDescentData, sweep } from './notebook.js';

// Python's random.seed(0) stream, draw for draw: the notebook's first draws
const r = new PythonRandom(0);
console.log(r.random(), r.random()); // 0.8444218515250481 0.7579544029403025

// 15% of the 4000 training labels redrawn, exactly as the notebook's loop does
const data = doubleDescentData();
const noisy = addLabelNoise(data.yClean.data, new PythonRandom(0), 0.15);
console.log('labels changed:', noisy.filter((y, i) => y !== data.yClean.data[i]).length, 'of', noisy.length);

// A reduced sweep: three widths, two epochs each (the notebook: 28 widths × 1000 epochs)
const results = await sweep([4, 40, 120], 2);
for (const w of results)
  console.log(
    `D = ${w.nHidden}: ${w.totalWeights} weights, train ${w.errorsTrain.toFixed(2)}%, test ${w.errorsTest.toFixed(2)}%`,
  );
console.log(
  'closest to 4000 weights: index',
  closestIndex(
    results.map((w) => w.totalWeights),
    4000,
  ),
); // 1 (D = 40)
