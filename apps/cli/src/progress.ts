/**
 * Training progress for `gradkit train`: on a TTY a live progress bar (cli-progress) on stderr
 * showing the epoch, batch, running loss and the last epoch's train/val error; otherwise one JSON
 * line per epoch on stderr (stdout stays for the result). Subscribes to a Trainer's events.
 */
import type { EpochRecord, Trainer } from '@gradkit/nn';
import cliProgress from 'cli-progress';

/** Attach progress output to a trainer; returns a function that finishes (stops the bar). */
export function attachProgress(
  trainer: Trainer,
  options: { epochs: number; label?: string; tty?: boolean; stream?: NodeJS.WriteStream } = { epochs: 0 },
): () => void {
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? Boolean(stream.isTTY);
  const label = options.label ? `${options.label} ` : '';
  if (!tty) {
    const off = trainer.on('epoch', (r: EpochRecord) => {
      stream.write(`${JSON.stringify({ ...(options.label ? { run: options.label } : {}), ...r })}\n`);
    });
    return off;
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label}epoch {epochNo}/{epochs} |{bar}| {percentage}% | loss {loss} | train {trainError}% val {valError}% | lr {lr} | {duration_formatted}`,
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let last = { trainError: '-', valError: '-', lr: '-' };
  const offs = [
    trainer.on('batch', (b) => {
      const batches = Number.isFinite(b.batches) ? b.batches : 1;
      const total = options.epochs * batches;
      const payload = {
        epochNo: b.epoch + 1,
        epochs: options.epochs,
        loss: b.runningLoss.toFixed(4),
        ...last,
      };
      if (!started) {
        bar.start(total, 0, payload);
        started = true;
      }
      bar.update(b.epoch * batches + b.batch + 1, payload);
    }),
    trainer.on('epoch', (r) => {
      last = {
        trainError: r.trainError.toFixed(2),
        valError: Number.isNaN(r.valError) ? '-' : r.valError.toFixed(2),
        lr: r.lr.toPrecision(3),
      };
      if (started) bar.update(last);
    }),
  ];
  return () => {
    for (const off of offs) off();
    if (started) bar.stop();
  };
}
