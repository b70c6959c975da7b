export function percentError(logits: number[][], labels: number[]): number {
  let wrong = 0;
  logits.forEach((row, i) => {
    let best = 0;
    for (let k = 1; k < row.length; k++) if (row[k]! > row[best]!) best = k;
    if (best !== labels[i]) wrong++;
  });
  return (100 * wrong) / labels.length;
}
