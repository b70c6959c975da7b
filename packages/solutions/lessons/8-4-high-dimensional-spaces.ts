import { gammaScalar, lgammaScalar } from '@gradkit/core';

export function distanceRatio(x: number[][]): number {
  // the points are the columns of x
  const n = x[0]!.length;
  let largest = 0;
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let k = 0; k < x.length; k++) s += (x[k]![i]! - x[k]![j]!) ** 2;
      const dist = Math.sqrt(s);
      if (dist > largest) largest = dist;
      if (dist < smallest) smallest = dist;
    }
  return largest / smallest;
}

export function volumeOfHypersphere(diameter: number, dimensions: number): number {
  const r = diameter / 2;
  if (dimensions < 100)
    return (Math.PI ** (dimensions / 2) / gammaScalar(dimensions / 2 + 1)) * r ** dimensions;
  return Math.exp(
    (dimensions / 2) * Math.log(Math.PI) - lgammaScalar(dimensions / 2 + 1) + dimensions * Math.log(r),
  );
}

export function propOfVolumeInOuter1Percent(dimension: number): number {
  return 1 - 0.99 ** dimension;
}
