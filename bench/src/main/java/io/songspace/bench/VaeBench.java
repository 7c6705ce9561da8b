package io.songspace.bench;

import ai.djl.Device;
import io.songspace.common.artifacts.TrainingHistory;
import io.songspace.common.npy.NpyArray;
import io.songspace.trainer.vae.ConvVaeBlock;
import io.songspace.trainer.vae.TorchRuntime;
import io.songspace.trainer.vae.VaeBlock;
import io.songspace.trainer.vae.VaeNetwork;
import io.songspace.trainer.vae.VaeSettings;
import io.songspace.trainer.vae.VaeTrainer;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Milliseconds per epoch of the two VAEs on the CPU (Adam lr 1e-3, batch 64, latent 32), after warm-up epochs:
 * the Basic VAE (40→512→256→32) on 3,000 × 40 seeded random rows and the ConvVAE on 3,000 × 1 × 20 × 128 seeded
 * random patches. Set the thread count with {@code -Dai.djl.pytorch.num_threads=1}. Wall-clock milliseconds come from
 * the training history; the training thread's CPU milliseconds per epoch are printed too, as they are less sensitive
 * to other processes sharing the CPU. The same models in PyTorch from
 * Python: {@code bench/python/vae_torch.py} (same shapes, loss, optimiser and batching).
 * Arguments: [Basic VAE warm-up epochs (default 3)] [Basic VAE measured epochs (default 10)]
 * [ConvVAE warm-up epochs (default 1)] [ConvVAE measured epochs (default 3)]; 0 measured epochs skips a model.
 */
public final class VaeBench {

    private static final int ROWS = 3_000;
    private static final int COLS = 40;
    private static final int BATCH = 64;
    private static final int LATENT = 32;
    private static final String REFERENCE = "PyTorch from Python: bench/python/vae_torch.py";

    private VaeBench() {
    }

    public static void main(String[] args) {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int convWarmUp = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int convMeasured = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int threads = Integer.getInteger(TorchRuntime.THREADS_PROPERTY, 1);
        TorchRuntime.start(threads);

        Random random = new Random(42);
        if (measured > 0) {
            float[] data = gaussian(random, ROWS * COLS);
            run("Basic VAE", "basic", new VaeBlock(COLS, LATENT), NpyArray.ofFloats(data, ROWS, COLS), warmUp,
                    measured);
        }
        if (convMeasured > 0) {
            int h = ConvVaeBlock.STUDY_HEIGHT;
            int w = ConvVaeBlock.STUDY_WIDTH;
            float[] patches = gaussian(random, ROWS * h * w);
            run("ConvVAE", "conv", new ConvVaeBlock(LATENT), NpyArray.ofFloats(patches, ROWS, 1, h, w), convWarmUp,
                    convMeasured);
        }
    }

    private static void run(String title, String key, VaeNetwork network, NpyArray input, int warmUp, int measured) {
        VaeSettings settings = new VaeSettings(LATENT, warmUp + measured, BATCH, 1e-3f, 1f, 42L);
        long[] cpuAtEpochEnd = new long[warmUp + measured + 1];
        cpuAtEpochEnd[0] = threadCpuNanos();
        List<TrainingHistory.Epoch> epochs = new VaeTrainer(Device.cpu())
                .train(key, network, input, settings,
                        (epoch, total) -> cpuAtEpochEnd[epoch.epoch()] = threadCpuNanos())
                .history().epochs();
        double[] cpuMillis = IntStream.range(warmUp, warmUp + measured)
                .mapToDouble(i -> (cpuAtEpochEnd[i + 1] - cpuAtEpochEnd[i]) / 1e6).sorted().toArray();

        double[] millis = epochs.subList(warmUp, epochs.size()).stream().mapToDouble(TrainingHistory.Epoch::millis)
                .sorted().toArray();
        double mean = Arrays.stream(millis).average().orElseThrow();
        double median = median(millis);
        double cpuMedian = median(cpuMillis);
        int batches = (ROWS + BATCH - 1) / BATCH;
        String shape = Arrays.stream(input.shape()).mapToObj(Integer::toString)
                .reduce((a, b) -> a + "×" + b).orElseThrow();
        System.out.printf(Locale.ROOT, "%s %s, batch %d (%d batches/epoch), %d PyTorch thread(s), CPU%n",
                title, shape, BATCH, batches, TorchRuntime.threads());
        System.out.printf(Locale.ROOT, "warm-up epochs: %s ms%n", Arrays.toString(epochs.subList(0, warmUp).stream()
                .mapToLong(e -> Math.round(e.millis())).toArray()));
        System.out.printf(Locale.ROOT, "%d measured epochs: mean %.1f ms/epoch, median %.1f, min %.1f, max %.1f%n",
                millis.length, mean, median, millis[0], millis[millis.length - 1]);
        System.out.printf(Locale.ROOT, "per batch: mean %.2f ms, median %.2f ms   (compare: %s)%n",
                mean / batches, median / batches, REFERENCE);
        System.out.printf(Locale.ROOT, "training thread CPU time per measured epoch: median %.1f ms, min %.1f%n",
                cpuMedian, cpuMillis[0]);
        System.out.printf(Locale.ROOT, "RESULT model=%s median_ms_per_epoch=%.1f median_cpu_ms_per_epoch=%.1f%n",
                key, median, cpuMedian);
    }

    /** The median of sorted values. */
    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** CPU time of this thread, which runs the training (with one PyTorch thread, PyTorch computes on it too). */
    private static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static float[] gaussian(Random random, int n) {
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return data;
    }
}
