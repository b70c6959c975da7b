// gradkit lesson 11-2-residual-networks: replace the TODO bodies, then run
//   pnpm gradkit grade --lesson 11-2-residual-networks 11-2-residual-networks.ts

/** One nn.Linear in PyTorch's layout: weight [out][in], bias [out]; it computes x Wᵀ + b. */
export interface LayerParams {
  weight: number[][];
  bias: number[];
}

/** The notebook's four layers. */
export interface NetworkParams {
  linear1: LayerParams;
  linear2: LayerParams;
  linear3: LayerParams;
  linear4: LayerParams;
}

// --- exercise residual-block: A residual block
/** Figure 11.5b's block on rows h [N][D]: h + linear(ReLU(h)). */
export function residualBlock(h: number[][], layer: LayerParams): number[][] {
  throw new Error('TODO: ReLU, then the linear layer, then add the input back');
}

// --- exercise residual-network: The residual network's forward pass
/** linear1, two residual blocks (ReLU + linear2, ReLU + linear3), linear4; x is [N][D_i], returns [N][D_o]. */
export function residualNetwork(x: number[][], params: NetworkParams): number[][] {
  throw new Error(
    'TODO: h1 = linear1(x); h2 = h1 + linear2(relu(h1)); h3 = h2 + linear3(relu(h2)); linear4(h3)',
  );
}
