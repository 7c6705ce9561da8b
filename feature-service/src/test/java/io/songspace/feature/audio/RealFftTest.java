package io.songspace.feature.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** FFTW's real transform against the DFT's definition. */
class RealFftTest {

    @Test
    void equalsTheDefinitionOfTheDft() {
        for (int n : new int[] {2048, 15, 1}) {
            double[] x = new Random(n).doubles(n, -1, 1).toArray();
            double[] spectrum = new double[2 * RealFft.bins(n)];
            try (RealFft fft = RealFft.of(n)) {
                fft.forward(x, spectrum);
            }
            double[] expected = dft(x);
            for (int i = 0; i < spectrum.length; i++) {
                // sums of up to 2048 terms of magnitude <= 1: rounding stays far below 1e-9
                assertEquals(expected[i], spectrum[i], 1e-9, "n " + n + ", value " + i);
            }
        }
    }

    @Test
    void threadsWithTheirOwnInstancesShareOnePlan() throws Exception {
        double[] x = new Random(7).doubles(2048, -1, 1).toArray();
        double[] reference = new double[2 * RealFft.bins(2048)];
        try (RealFft fft = RealFft.of(2048)) {
            fft.forward(x, reference);
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(threads.submit(() -> {
                    double[] out = new double[reference.length];
                    try (RealFft fft = RealFft.of(2048)) {
                        for (int i = 0; i < 200; i++) {
                            fft.forward(x, out);
                        }
                    }
                    return out;
                }));
            }
            for (Future<double[]> result : results) {
                assertArrayEquals(reference, result.get(), "the same plan gives the same bits on every thread");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void refusesAnEmptyLength() {
        assertThrows(IllegalArgumentException.class, () -> RealFft.of(0));
    }

    /** X[k] = sum x[t] e^{-2 pi i k t / n}, k = 0 .. n/2, interleaved real and imaginary parts. */
    private static double[] dft(double[] x) {
        int n = x.length;
        double[] out = new double[2 * RealFft.bins(n)];
        for (int k = 0; k < RealFft.bins(n); k++) {
            double re = 0;
            double im = 0;
            for (int t = 0; t < n; t++) {
                double angle = -2 * Math.PI * ((long) k * t % n) / n;
                re += x[t] * Math.cos(angle);
                im += x[t] * Math.sin(angle);
            }
            out[2 * k] = re;
            out[2 * k + 1] = im;
        }
        return out;
    }
}
