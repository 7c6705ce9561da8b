package io.songspace.bench;

import ai.djl.Device;
import io.songspace.common.artifacts.TrainingHistory;
import io.songspace.common.npy.NpyArray;
import io.songspace.trainer.vae.TorchRuntime;
import io.songspace.trainer.vae.VaeSettings;
import io.songspace.trainer.vae.VaeTrainer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Milliseconds per epoch of the Basic VAE (40→512→256→32, Adam, batch 64) on 3,000 × 40 seeded random rows, on
 * the CPU, after warm-up epochs; set the thread count with {@code -Dai.djl.pytorch.num_threads=1}.
 * Arguments: [warm-up epochs (default 3)] [measured epochs (default 10)].
 */
public final class VaeBench {

    private static final int ROWS = 3_000;
    private static final int COLS = 40;
    private static final int BATCH = 64;
    private static final int LATENT = 32;
    /** The study's PyTorch loop on this kind of machine, one thread: ms per batch of 64. */
    private static final String REFERENCE = "PyTorch from Python: ~1.6–2.2 ms a batch of 64";

    private VaeBench() {
    }

    public static void main(String[] args) {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int threads = Integer.getInteger(TorchRuntime.THREADS_PROPERTY, 1);
        TorchRuntime.start(threads);

        Random random = new Random(42);
        float[] data = new float[ROWS * COLS];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        VaeSettings settings = new VaeSettings(LATENT, warmUp + measured, BATCH, 1e-3f, 1f, 42L);
        List<TrainingHistory.Epoch> epochs = new VaeTrainer(Device.cpu())
                .train("vae", NpyArray.ofFloats(data, ROWS, COLS), settings, (epoch, total) -> { })
                .history().epochs();

        double[] millis = epochs.subList(warmUp, epochs.size()).stream().mapToDouble(TrainingHistory.Epoch::millis)
                .sorted().toArray();
        double mean = Arrays.stream(millis).average().orElseThrow();
        double median = millis[millis.length / 2];
        int batches = (ROWS + BATCH - 1) / BATCH;
        System.out.printf(Locale.ROOT, "Basic VAE %d×%d, batch %d (%d batches/epoch), %d PyTorch thread(s), CPU%n",
                ROWS, COLS, BATCH, batches, TorchRuntime.threads());
        System.out.printf(Locale.ROOT, "warm-up epochs: %s ms%n", Arrays.toString(epochs.subList(0, warmUp).stream()
                .mapToLong(e -> Math.round(e.millis())).toArray()));
        System.out.printf(Locale.ROOT, "%d measured epochs: mean %.1f ms/epoch, median %.1f, min %.1f, max %.1f%n",
                millis.length, mean, median, millis[0], millis[millis.length - 1]);
        System.out.printf(Locale.ROOT, "per batch: mean %.2f ms, median %.2f ms   (reference: %s)%n",
                mean / batches, median / batches, REFERENCE);
    }
}
