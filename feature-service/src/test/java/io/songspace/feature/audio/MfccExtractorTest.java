package io.songspace.feature.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@link MfccExtractor} on signals made here: tones, silence, noise, short and broken input. */
class MfccExtractorTest {

    private static final int SR = AudioLoader.SAMPLE_RATE;

    @Test
    void aToneLandsInTheMelBandThatPeaksAtItsFrequency() {
        float[][] filterbank = MfccExtractor.melFilterbank();
        double binHz = (double) SR / MfccExtractor.N_FFT;
        for (int bin : new int[] {20, 93, 279, 743}) { // about 215, 1000, 3000 and 8000 Hz, on bin centres
            double hz = bin * binHz;
            float[] y = tone(hz, 0.5, SR);
            int frames = 1 + y.length / MfccExtractor.HOP;
            float[] db = MfccExtractor.melDb(y, frames);
            int t = frames / 2;
            int loudest = 0;
            for (int m = 1; m < MfccExtractor.N_MELS; m++) {
                if (db[m * frames + t] > db[loudest * frames + t]) {
                    loudest = m;
                }
            }
            // the band that weighs the tone's bin most, found on the filterbank independently of the signal; the
            // Hann window spreads a tone over neighbouring bins, so at low frequencies (bands 2-3 bins wide) the
            // next band may collect slightly more
            int expected = 0;
            for (int m = 1; m < MfccExtractor.N_MELS; m++) {
                if (filterbank[m][bin] > filterbank[expected][bin]) {
                    expected = m;
                }
            }
            assertTrue(Math.abs(expected - loudest) <= 1, hz + " Hz: band " + loudest + ", expected " + expected);
            float far = db[((loudest + 40) % MfccExtractor.N_MELS) * frames + t];
            assertTrue(db[loudest * frames + t] - far > 40, hz + " Hz: the tone stands 40 dB above a far band");
        }
    }

    @Test
    void silenceGivesTheDecibelFloorEverywhere() {
        MfccFeatures f = MfccExtractor.extract(new float[5 * SR]);

        // every mel band at 10 log10(1e-10) = -100 dB; the DCT of a constant is c0 = -100 * sqrt(128), rest 0
        assertEquals(-100 * Math.sqrt(MfccExtractor.N_MELS), f.mfcc40()[0], 1e-3);
        for (int i = 1; i < f.mfcc40().length; i++) {
            assertEquals(0, f.mfcc40()[i], 1e-3, "value " + i);
        }
        for (float v : f.patch()) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void framesAndPatchFollowLibrosaForShortInput() {
        float[] y = noise(10_000, 3);
        MfccFeatures f = MfccExtractor.extract(y);

        assertEquals(1 + 10_000 / 512, f.frames());
        for (int c = 0; c < MfccExtractor.N_MFCC; c++) {
            for (int t = 0; t < MfccExtractor.PATCH_FRAMES; t++) {
                float v = f.patch()[c * MfccExtractor.PATCH_FRAMES + t];
                assertTrue(t < f.frames() ? v != 0f : v == 0f, "patch[" + c + "][" + t + "] = " + v);
            }
        }
        // the stds are population stds of the patch's rows when the whole clip fits in the patch
        for (int c = 0; c < MfccExtractor.N_MFCC; c++) {
            double mean = 0;
            for (int t = 0; t < f.frames(); t++) {
                mean += f.patch()[c * MfccExtractor.PATCH_FRAMES + t];
            }
            mean /= f.frames();
            double var = 0;
            for (int t = 0; t < f.frames(); t++) {
                double d = f.patch()[c * MfccExtractor.PATCH_FRAMES + t] - mean;
                var += d * d;
            }
            assertEquals(mean, f.mfcc40()[c], 1e-3);
            assertEquals(Math.sqrt(var / f.frames()), f.mfcc40()[MfccExtractor.N_MFCC + c], 1e-3);
        }
    }

    @Test
    void tinyInputStillHasOneFrame() {
        assertEquals(1, MfccExtractor.extract(new float[] {0.1f, -0.2f, 0.3f}).frames());
    }

    @Test
    void emptyAndNonFiniteInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> MfccExtractor.extract(new float[0]));
        float[] y = noise(SR, 5);
        y[1234] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> MfccExtractor.extract(y));
        y[1234] = Float.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> MfccExtractor.extract(y));
    }

    @Test
    void tableLog10MatchesMathLog10() {
        Random random = new Random(11);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            float x = (float) Math.pow(10, -10 + 20 * random.nextDouble());
            worst = Math.max(worst, Math.abs(MfccExtractor.log10(x) - Math.log10(x)));
        }
        for (float x : new float[] {1e-10f, 1f, 2f, 10f, Float.MIN_NORMAL, Float.MAX_VALUE, Math.nextDown(2f)}) {
            worst = Math.max(worst, Math.abs(MfccExtractor.log10(x) - Math.log10(x)));
        }
        assertTrue(worst < 1e-13, "max abs error " + worst);
    }

    @Test
    void concurrentCallsGiveTheSameResult() {
        float[] y = noise(10 * SR, 9);
        MfccFeatures alone = MfccExtractor.extract(y);
        var futures = new java.util.ArrayList<CompletableFuture<MfccFeatures>>();
        for (int i = 0; i < 4; i++) {
            futures.add(CompletableFuture.supplyAsync(() -> MfccExtractor.extract(y)));
        }
        for (CompletableFuture<MfccFeatures> f : futures) {
            assertArrayEquals(alone.mfcc40(), f.join().mfcc40());
            assertArrayEquals(alone.patch(), f.join().patch());
        }
    }

    private static float[] tone(double hz, double amplitude, int samples) {
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            y[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / SR));
        }
        return y;
    }

    private static float[] noise(int samples, long seed) {
        Random random = new Random(seed);
        float[] y = new float[samples];
        for (int i = 0; i < samples; i++) {
            y[i] = (float) (0.1 * random.nextGaussian());
        }
        return y;
    }
}
