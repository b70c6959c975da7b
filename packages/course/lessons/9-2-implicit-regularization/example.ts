import { minimize, udl92, withImplicitRegularization } from '@gradkit/optimizers';

// Gradient descent with a typical step against (almost) gradient flow, on the original loss
// and on the loss with the implicit regularizer (α/4)‖∇L‖² (UDL eq. 9.8).
const alpha = 0.05;
const discrete = minimize(udl92, [...udl92.init], { optimizer: 'gd', lr: alpha, steps: 100 });
const flow = minimize(udl92, [...udl92.init], { optimizer: 'gd', lr: 0.001, steps: 5000 });
const regularized = withImplicitRegularization(udl92, alpha);
const flowReg = minimize(regularized, [...udl92.init], { optimizer: 'gd', lr: 0.001, steps: 5000 });
const show = (p: readonly number[]) => p.map((v) => v.toFixed(3)).join(', ');
console.log('discrete steps end at      ', show(discrete.final));
console.log('gradient flow on L ends at ', show(flow.final));
console.log('gradient flow on L̃ ends at ', show(flowReg.final));
