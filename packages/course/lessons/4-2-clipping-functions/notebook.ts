/**
 * Notebook 4.2 — Clipping functions (`4_2_Clipping_functions.md`), the notebook translated to
 * library calls: a deep network with one input, two hidden layers of three ReLU units and one
 * output, written out as UDL eqs. 4.7–4.9 with the parameters in the notebook's padded arrays
 * (`theta[k, ·]`, `psi[k, ·]`, `phi[k]`, row 0 of `theta` and `psi` unused so the indices match the
 * book). The TODO `shallow_1_1_3_3` is {@link shallow1133}; the same network in matrix form is
 * `deepNetwork` of `@gradkit/nn` (eq. 4.15), which the lesson's test checks it against. The
 * notebook prints nothing: it plots the second layer's pre-activations, their clipped versions and
 * the weighted sum (UDL figure 4.5), then asks what three changes of the parameters would do.
 */
import { add, arange, mul, type Tensor, type TensorLike } from '@gradkit/core';
import { type ActivationFn, relu } from '@gradkit/nn';
import type { Notebook } from '../../src/notebook.js';

/** The notebook's parameters: `theta` `[4, 2]`, `psi` `[4, 4]`, `phi` `[4, 1]` (row 0 of theta and psi padding). */
export interface ClippingParameters {
  theta: number[][];
  psi: number[][];
  phi: number[][];
}

/** The notebook's parameter cell. */
export function getParameters(): ClippingParameters {
  return {
    theta: [
      [0, 0],
      [0.3, -1.0],
      [-1.0, 2.0],
      [-0.5, 0.65],
    ],
    psi: [
      [0, 0, 0, 0],
      [0.3, 2.0, -1.0, 7.0],
      [-0.2, 2.0, 1.2, -8.0],
      [0.3, -2.3, -0.8, 2.0],
    ],
    phi: [[0.0], [0.5], [-1.5], [2.2]],
  };
}

/** What `shallow_1_1_3_3` returns, under the notebook's names. */
export interface Shallow1133Result {
  y: Tensor;
  layer2_pre_1: Tensor;
  layer2_pre_2: Tensor;
  layer2_pre_3: Tensor;
  h1_prime: Tensor;
  h2_prime: Tensor;
  h3_prime: Tensor;
  phi1_h1_prime: Tensor;
  phi2_h2_prime: Tensor;
  phi3_h3_prime: Tensor;
}

/**
 * The notebook's `shallow_1_1_3_3(x, activation_fn, phi, psi, theta)` (its TODO): UDL eq. 4.7
 * `h_d = a[θ_d0 + θ_d1 x]`, eq. 4.8 `h'_d = a[ψ_d0 + ψ_d1 h_1 + ψ_d2 h_2 + ψ_d3 h_3]` and eq. 4.9
 * `y = φ_0 + φ_1 h'_1 + φ_2 h'_2 + φ_3 h'_3`, summed in the book's order, element-wise over `x`.
 */
export function shallow1133(
  x: TensorLike,
  activationFn: ActivationFn,
  phi: readonly (readonly number[])[],
  psi: readonly (readonly number[])[],
  theta: readonly (readonly number[])[],
): Shallow1133Result {
  const p = (k: number) => phi[k]![0]!;
  // Preactivations and activations at layer 1 (eq. 4.7)
  const [h1, h2, h3] = [1, 2, 3].map((d) => activationFn(add(theta[d]![0]!, mul(theta[d]![1]!, x))));
  // Preactivations at layer 2 (the terms in brackets of eq. 4.8)
  const [layer2_pre_1, layer2_pre_2, layer2_pre_3] = [1, 2, 3].map((d) => {
    const s = psi[d]!;
    return add(add(add(s[0]!, mul(s[1]!, h1!)), mul(s[2]!, h2!)), mul(s[3]!, h3!));
  }) as [Tensor, Tensor, Tensor];
  // Activations at layer 2 (the rest of eq. 4.8)
  const h1_prime = activationFn(layer2_pre_1);
  const h2_prime = activationFn(layer2_pre_2);
  const h3_prime = activationFn(layer2_pre_3);
  // Weighted outputs and their sum with the offset (eq. 4.9)
  const phi1_h1_prime = mul(p(1), h1_prime);
  const phi2_h2_prime = mul(p(2), h2_prime);
  const phi3_h3_prime = mul(p(3), h3_prime);
  const y = add(add(add(p(0), phi1_h1_prime), phi2_h2_prime), phi3_h3_prime);
  return {
    y,
    layer2_pre_1,
    layer2_pre_2,
    layer2_pre_3,
    h1_prime,
    h2_prime,
    h3_prime,
    phi1_h1_prime,
    phi2_h2_prime,
    phi3_h3_prime,
  };
}

/**
 * The parameters after one of the notebook's three questions: `psi10-up` raises ψ_10 (by
 * `amount`, default 0.5), `psi2-negated` multiplies ψ_20…ψ_23 by −1, `phi3-negative` sets φ_3 = −1.
 */
export function changedParameters(
  change: 'psi10-up' | 'psi2-negated' | 'phi3-negative',
  amount = 0.5,
): ClippingParameters {
  const p = getParameters();
  if (change === 'psi10-up') p.psi[1]![0]! += amount;
  else if (change === 'psi2-negated') p.psi[2] = p.psi[2]!.map((v) => v * -1);
  else p.phi[3]![0] = -1;
  return p;
}

export function run(nb: Notebook): void {
  const { theta, psi, phi } = getParameters();
  nb.setAll({ theta, psi, phi });
  // Define a range of input values and run the network
  const x = arange(0, 1, 0.01);
  const r = shallow1133(x, relu, phi, psi, theta);
  nb.set('x', x);
  nb.setAll({ ...r });
}
