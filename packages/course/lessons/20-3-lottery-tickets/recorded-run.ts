// Written by ./record-run.ts: do not edit by hand.
// Notebook 20.3's prune-and-retrain cycle run by the lesson's code at scale 0.1 of its settings
// (RandomState(42)): the test loss and accuracy after retraining at each sparsity. 49 s.
export const RECORDED_RUN = {
  scale: 0.1,
  sparsitySchedule: [
    0, 0.1111111111111111, 0.2222222222222222, 0.3333333333333333, 0.4444444444444444, 0.5555555555555556,
    0.6666666666666666, 0.7777777777777777, 0.8888888888888888, 1,
  ],
  testLosses: [
    1.3310856819152832, 1.3080796003341675, 1.2826517820358276, 1.2861835956573486, 1.2936179637908936,
    1.1527496576309204, 1.1056725978851318, 1.1465842723846436, 1.0668236017227173, 2.3025851249694824,
  ],
  testAccs: [52.6, 53.2, 54.1, 52.8, 53.6, 57.7, 59.1, 59.4, 59.6, 10.2],
};
