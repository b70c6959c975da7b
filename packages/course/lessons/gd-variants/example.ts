import { minimize, pathological } from '@gradkit/optimizers';

// Run three optimizers from the lesson's start point on the pathological-curvature surface.
for (const optimizer of ['sgd', 'momentum', 'adam'] as const) {
  const t = minimize(pathological, [5, 5], { optimizer, lr: optimizer === 'adam' ? 1 : 10, steps: 100 });
  console.log(
    optimizer.padEnd(8),
    'final',
    t.final.map((v) => v.toFixed(3)).join(', '),
    'loss',
    t.loss.at(-1)?.toFixed(4),
  );
}
