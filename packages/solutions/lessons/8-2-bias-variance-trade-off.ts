export function getModelMeanVariance(
  nData: number,
  nDatasets: number,
  nHidden: number,
  sigmaFunc: number,
  xModel: number[],
  generateData: (nData: number, sigmaY: number) => [number[], number[]],
  fitModelClosedForm: (x: number[], y: number[], nHidden: number) => { beta: number; omega: number[] },
  network: (x: number[], beta: number, omega: number[]) => number[],
): [number[], number[]] {
  // one row of predictions per data set
  const yModelAll: number[][] = [];
  for (let c = 0; c < nDatasets; c++) {
    const [x, y] = generateData(nData, sigmaFunc);
    const { beta, omega } = fitModelClosedForm(x, y, nHidden);
    yModelAll.push(network(xModel, beta, omega));
  }
  const meanModel = xModel.map((_, j) => {
    let s = 0;
    for (const row of yModelAll) s += row[j]!;
    return s / nDatasets;
  });
  const stdModel = xModel.map((_, j) => {
    let s = 0;
    for (const row of yModelAll) s += (row[j]! - meanModel[j]!) ** 2;
    return Math.sqrt(s / nDatasets);
  });
  return [meanModel, stdModel];
}

export function estimateBiasVariance(
  meanModel: number[],
  stdModel: number[],
  yFunc: number[],
): { bias: number; variance: number } {
  let variance = 0;
  let bias = 0;
  for (let i = 0; i < meanModel.length; i++) {
    variance += stdModel[i]! * stdModel[i]!;
    bias += (meanModel[i]! - yFunc[i]!) ** 2;
  }
  return { bias: bias / meanModel.length, variance: variance / meanModel.length };
}
