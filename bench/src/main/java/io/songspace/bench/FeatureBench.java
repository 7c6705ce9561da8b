package io.songspace.bench;

import io.songspace.feature.audio.AudioDecodeException;
import io.songspace.feature.audio.AudioLoader;
import io.songspace.feature.audio.AudioWriter;
import io.songspace.feature.audio.MfccExtractor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Per-clip time of decoding (+ resampling) and of MFCC extraction, single-threaded, per input format, next to
 * librosa's numbers measured on the project's 2-core build machines. Clips: 30 s ones generated here (WAV 22.05 kHz
 * mono and WAV 44.1 kHz stereo written with javax.sound, MP3 44.1 kHz stereo encoded by libsndfile/LAME when it
 * can), and real clips from a fixtures folder when given.
 *
 * <p>Usage: {@code java --enable-native-access=ALL-UNNAMED -cp "bench/target/classes:bench/target/lib/*"
 * io.songspace.bench.FeatureBench [fixtures-dir] } (or {@code -Dsongspace.fixtures=…});
 * {@code -Dbench.runs=N} sets the measured runs per clip (default 30).
 */
public final class FeatureBench {

    private static final int SECONDS = 30;
    private static final int WARMUP_RUNS = 40;

    private record Clip(String source, String format, Path file) {
    }

    private record Result(String source, String format, int clips, double[] decodeMs, double[] mfccMs) {
    }

    private FeatureBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 30);
        String fixturesArg = args.length > 0 ? args[0] : System.getProperty("songspace.fixtures");
        Path work = Files.createTempDirectory("songspace-bench");
        try {
            List<Clip> clips = new ArrayList<>(generatedClips(work));
            clips.addAll(fixtureClips(fixturesArg));

            System.out.printf(Locale.ROOT, "warming up (%d runs of each of %d clips)…%n", WARMUP_RUNS / 4, clips.size());
            for (int i = 0; i < WARMUP_RUNS / 4; i++) {
                for (Clip clip : clips) {
                    MfccExtractor.extract(AudioLoader.load(clip.file()));
                }
            }
            // the first clip warms decode + MFCC at full length several times more
            for (int i = 0; i < WARMUP_RUNS; i++) {
                MfccExtractor.extract(AudioLoader.load(clips.getFirst().file()));
            }
            List<Result> results = measure(clips, runs);
            print(results, runs);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static List<Result> measure(List<Clip> clips, int runs) throws AudioDecodeException {
        List<Result> results = new ArrayList<>();
        for (String source : List.of("generated", "fixtures")) {
            for (String format : List.of(WAV22, WAV44, MP3)) {
                List<Clip> group = clips.stream()
                        .filter(c -> c.source().equals(source) && c.format().equals(format)).toList();
                if (group.isEmpty()) {
                    continue;
                }
                double[] decode = new double[group.size() * runs];
                double[] mfcc = new double[group.size() * runs];
                int n = 0;
                for (int r = 0; r < runs; r++) {
                    for (Clip clip : group) {
                        long t0 = System.nanoTime();
                        float[] y = AudioLoader.load(clip.file());
                        long t1 = System.nanoTime();
                        MfccExtractor.extract(y);
                        long t2 = System.nanoTime();
                        decode[n] = (t1 - t0) / 1e6;
                        mfcc[n++] = (t2 - t1) / 1e6;
                    }
                }
                results.add(new Result(source, format, group.size(), decode, mfcc));
            }
        }
        return results;
    }

    private static final String WAV22 = "WAV 22.05 kHz mono";
    private static final String WAV44 = "WAV 44.1 kHz stereo";
    private static final String MP3 = "MP3 44.1 kHz stereo";

    private static void print(List<Result> results, int runs) {
        System.out.printf(Locale.ROOT, "%nsongspace feature bench: Java %s, %d cores, one thread, %d runs a clip, "
                + "times in ms a clip (median / mean); system load average now %.1f%n%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), runs,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        String header = String.format(Locale.ROOT, "%-10s %-20s %5s  %-15s %-15s %-15s", "clips", "format", "n",
                "decode+resample", "MFCC", "total");
        System.out.println(header);
        System.out.println("-".repeat(header.length()));
        for (Result r : results) {
            double[] total = new double[r.decodeMs().length];
            Arrays.setAll(total, i -> r.decodeMs()[i] + r.mfccMs()[i]);
            System.out.printf(Locale.ROOT, "%-10s %-20s %5d  %-15s %-15s %-15s%n", r.source(), r.format(), r.clips(),
                    stats(r.decodeMs()), stats(r.mfccMs()), stats(total));
        }
        System.out.printf(Locale.ROOT, "%nlibrosa 0.10 on the 2-core build machines: MFCC ~13-16, MP3 decode ~9, "
                + "about 22-35 a clip; the goal is 1.5x faster: about 15-23 a clip.%n");
    }

    private static String stats(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return String.format(Locale.ROOT, "%6.2f / %6.2f", median, Arrays.stream(ms).average().orElse(0));
    }

    private static List<Clip> generatedClips(Path dir) throws IOException {
        List<Clip> clips = new ArrayList<>();
        Path wav22 = dir.resolve("generated-22k-mono.wav");
        writeWav(wav22, music(22_050, 1), 1, 22_050);
        clips.add(new Clip("generated", WAV22, wav22));

        float[] stereo = music(44_100, 2);
        Path wav44 = dir.resolve("generated-44k-stereo.wav");
        writeWav(wav44, stereo, 2, 44_100);
        clips.add(new Clip("generated", WAV44, wav44));

        if (AudioWriter.canWrite(AudioWriter.Format.MP3, 44_100, 2)) {
            Path mp3 = dir.resolve("generated-44k-stereo.mp3");
            AudioWriter.write(mp3, stereo, 2, 44_100, AudioWriter.Format.MP3);
            System.out.printf(Locale.ROOT, "generated MP3: libsndfile/LAME defaults, %.0f kbps%n",
                    Files.size(mp3) * 8 / 1000.0 / SECONDS);
            clips.add(new Clip("generated", MP3, mp3));
        } else {
            System.out.println("this libsndfile cannot encode MP3: the MP3 row uses the fixture clip only");
        }
        return clips;
    }

    private static List<Clip> fixtureClips(String fixturesArg) throws IOException {
        Path audio = fixturesArg == null ? null : Path.of(fixturesArg).resolve("audio");
        if (audio == null || !Files.isDirectory(audio)) {
            System.out.println("fixtures " + (fixturesArg == null ? "(not given)" : audio)
                    + " absent: benchmarking generated clips only");
            return List.of();
        }
        List<Clip> clips = new ArrayList<>();
        for (String[] set : new String[][] {{"wav22k", WAV22}, {"wav44k", WAV44}, {"fma", MP3}}) {
            Path setDir = audio.resolve(set[0]);
            if (Files.isDirectory(setDir)) {
                try (Stream<Path> files = Files.list(setDir)) {
                    files.sorted().forEach(f -> clips.add(new Clip("fixtures", set[1], f)));
                }
            }
        }
        return clips;
    }

    /**
     * 30 s of something with a music-like spectrum, the same on every run: a chord that changes every half
     * second, with a few harmonics, plus noise bursts on the beat.
     */
    private static float[] music(int rate, int channels) {
        Random random = new Random(42);
        int frames = SECONDS * rate;
        float[] out = new float[frames * channels];
        double[] pitches = new double[3];
        for (int i = 0; i < frames; i++) {
            if (i % (rate / 2) == 0) {
                for (int p = 0; p < pitches.length; p++) {
                    pitches[p] = 110 * Math.pow(2, random.nextInt(36) / 12.0);
                }
            }
            double t = (double) i / rate;
            double v = 0;
            for (double f : pitches) {
                for (int h = 1; h <= 4; h++) {
                    v += 0.05 / h * Math.sin(2 * Math.PI * f * h * t);
                }
            }
            double beat = (i % (rate / 2)) / (double) rate;
            v += 0.2 * Math.exp(-beat * 40) * random.nextGaussian();
            for (int c = 0; c < channels; c++) {
                out[i * channels + c] = (float) Math.max(-1, Math.min(1, v * (c == 0 ? 1.0 : 0.8)));
            }
        }
        return out;
    }

    private static void writeWav(Path file, float[] interleaved, int channels, int rate) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(2 * interleaved.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : interleaved) {
            bytes.putShort((short) Math.round(v * 32767));
        }
        AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes.array()), format,
                interleaved.length / channels)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
