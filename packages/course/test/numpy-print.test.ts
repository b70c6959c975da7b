// numpyStr / numpyRepr print float arrays as numpy does. Each expected string is numpy's own
// output (numpy 2.4.6) of the expression in the comment above it.
import { arange, tensor } from '@gradkit/core';
import { describe, expect, it } from 'vitest';
import { numpyRepr, numpyStr } from '../src/numpy-print.js';

describe('numpy array printing', () => {
  it('positional values: trailing zeros trimmed, padded to a common width, the sign of -0', () => {
    // str(np.zeros(4)), str(np.array([0.0, -0.0, 1.5]))
    expect(numpyStr(tensor([0, 0, 0, 0]))).toBe('[0. 0. 0. 0.]');
    expect(numpyStr(tensor([0.0, -0.0, 1.5]))).toBe('[ 0.  -0.   1.5]');
    // np.set_printoptions(precision=3); str(np.array([[1.23456], [-0.5]]))
    expect(numpyStr(tensor([[1.23456], [-0.5]]), { precision: 3 })).toBe('[[ 1.235]\n [-0.5  ]]');
    // str(np.array([0.99996, 1.00049]))
    expect(numpyStr(tensor([0.99996, 1.00049]))).toBe('[0.99996 1.00049]');
  });

  it('scientific notation when the magnitudes span more than 1000 or go below 1e-4', () => {
    // precision=3: str(np.array([1e-5, 123.0, -2.5])), str(np.array([[0.001234, 12345.6789]]))
    expect(numpyStr(tensor([1e-5, 123.0, -2.5]), { precision: 3 })).toBe('[ 1.00e-05  1.23e+02 -2.50e+00]');
    expect(numpyStr(tensor([[0.001234, 12345.6789]]), { precision: 3 })).toBe('[[1.234e-03 1.235e+04]]');
  });

  it('wraps rows at 75 characters, for str and for repr', () => {
    const a = arange(30).mul(1.5);
    // str(np.arange(30.0) * 1.5)
    expect(numpyStr(a)).toBe(
      '[ 0.   1.5  3.   4.5  6.   7.5  9.  10.5 12.  13.5 15.  16.5 18.  19.5\n' +
        ' 21.  22.5 24.  25.5 27.  28.5 30.  31.5 33.  34.5 36.  37.5 39.  40.5\n' +
        ' 42.  43.5]',
    );
    // repr(np.arange(30.0) * 1.5)
    expect(numpyRepr(a)).toBe(
      'array([ 0. ,  1.5,  3. ,  4.5,  6. ,  7.5,  9. , 10.5, 12. , 13.5, 15. ,\n' +
        '       16.5, 18. , 19.5, 21. , 22.5, 24. , 25.5, 27. , 28.5, 30. , 31.5,\n' +
        '       33. , 34.5, 36. , 37.5, 39. , 40.5, 42. , 43.5])',
    );
    // repr(np.array([0., 2., 4.]))
    expect(numpyRepr(tensor([0, 2, 4]))).toBe('array([0., 2., 4.])');
  });

  it('rejects non-finite values with a typed error', () => {
    expect(() => numpyStr(tensor([1, Number.NaN]))).toThrow(/numpyStr: only finite values/);
  });

  it("floatmode 'fixed' prints exactly `precision` digits (the convolution notebooks' print options)", () => {
    // np.set_printoptions(precision=3, floatmode='fixed'); str(np.array([1.5, -0.25, 2.0]))
    const fixed = { precision: 3, floatmode: 'fixed' } as const;
    expect(numpyStr(tensor([1.5, -0.25, 2.0]), fixed)).toBe('[ 1.500 -0.250  2.000]');
    // str(np.array([[1e-5, 123.0], [-2.5, 0.0]]))
    expect(
      numpyStr(
        tensor([
          [1e-5, 123.0],
          [-2.5, 0.0],
        ]),
        fixed,
      ),
    ).toBe('[[ 1.000e-05  1.230e+02]\n [-2.500e+00  0.000e+00]]');
    // str(np.array([-0.0001, 0.0]))
    expect(numpyStr(tensor([-0.0001, 0.0]), fixed)).toBe('[-0.000  0.000]');
  });
});

describe('large arrays', () => {
  it('prints 200,000 values without overflowing the stack, as numpy with threshold=sys.maxsize', () => {
    // np.set_printoptions(threshold=sys.maxsize); str(np.arange(200000) * 0.5): every value, in
    // scientific notation (max/min > 1000), six per line (numpyStr does not summarise with '...')
    const s = numpyStr(arange(200000).mul(0.5));
    expect(s.startsWith('[0.00000e+00 5.00000e-01 1.00000e+00 1.50000e+00 2.00000e+00 2.50000e+00\n')).toBe(
      true,
    );
    expect(s.endsWith(' 9.99990e+04 9.99995e+04]')).toBe(true);
    expect(s.split('\n')).toHaveLength(33334); // len(str(...).split('\n')) in numpy
  });
});

describe('integer arrays (int32 tensors print as numpy prints its default integer arrays)', () => {
  const int = (v: number[] | number[][]) => tensor(v, { dtype: 'int32' });
  it('right-aligns every element to the widest, sign included, without decimal points', () => {
    // str(np.array([[1, 3, 5, 3], [6, 2, 0, 8]])), str(np.array([-1, 20, 3]))
    expect(
      numpyStr(
        int([
          [1, 3, 5, 3],
          [6, 2, 0, 8],
        ]),
      ),
    ).toBe('[[1 3 5 3]\n [6 2 0 8]]');
    expect(numpyStr(int([-1, 20, 3]))).toBe('[-1 20  3]');
    // repr(np.array([[6, 8], [8, 4]]))
    expect(
      numpyRepr(
        int([
          [6, 8],
          [8, 4],
        ]),
      ),
    ).toBe('array([[6, 8],\n       [8, 4]])');
  });

  it('wraps rows at 75 characters, for str and for repr', () => {
    const a = int(Array.from({ length: 40 }, (_, i) => 7 * i));
    // str(np.arange(40) * 7)
    expect(numpyStr(a)).toBe(
      '[  0   7  14  21  28  35  42  49  56  63  70  77  84  91  98 105 112 119\n' +
        ' 126 133 140 147 154 161 168 175 182 189 196 203 210 217 224 231 238 245\n' +
        ' 252 259 266 273]',
    );
    // repr(np.arange(40) * 7)
    expect(numpyRepr(a)).toBe(
      'array([  0,   7,  14,  21,  28,  35,  42,  49,  56,  63,  70,  77,  84,\n' +
        '        91,  98, 105, 112, 119, 126, 133, 140, 147, 154, 161, 168, 175,\n' +
        '       182, 189, 196, 203, 210, 217, 224, 231, 238, 245, 252, 259, 266,\n' +
        '       273])',
    );
  });
});
