package io.songspace.feature.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link AudioLoader} on files these tests write: tones in several formats and rates, and broken files. */
class AudioLoaderTest {

    private static final float AMPLITUDE = 0.5f;

    @TempDir
    Path dir;

    @Test
    void wav22kMonoIsReturnedSampleForSample() throws Exception {
        short[] pcm = new short[22_050];
        Random random = new Random(7);
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) random.nextInt(-20_000, 20_000);
        }
        Path wav = dir.resolve("mono22k.wav");
        writeWav(wav, pcm, 1, 22_050);

        float[] y = AudioLoader.load(wav);

        assertEquals(pcm.length, y.length);
        for (int i = 0; i < pcm.length; i++) {
            assertEquals(pcm[i] / 32768f, y[i], "sample " + i); // libsndfile's int16 -> float scaling, exact
        }
    }

    @Test
    void wav44kStereoIsMixedAndResampledKeepingFrequencyAndAmplitude() throws Exception {
        int rate = 44_100;
        int frames = 3 * rate;
        short[] pcm = new short[2 * frames];
        for (int i = 0; i < frames; i++) {
            short v = (short) Math.round(AMPLITUDE * 32767 * Math.sin(2 * Math.PI * 440 * i / rate));
            pcm[2 * i] = v;
            pcm[2 * i + 1] = v;
        }
        Path wav = dir.resolve("stereo44k.wav");
        writeWav(wav, pcm, 2, rate);

        float[] y = AudioLoader.load(wav);

        assertEquals(frames / 2, y.length, "librosa's length: ceil(n * 22050 / 44100)");
        assertTone(y, 440, AMPLITUDE);
    }

    @ParameterizedTest
    @ValueSource(ints = {8_000, 16_000, 32_000, 48_000, 96_000})
    void otherRatesAreResampledToLibrosasLength(int rate) throws Exception {
        int frames = 2 * rate + 7;
        short[] pcm = new short[frames];
        for (int i = 0; i < frames; i++) {
            pcm[i] = (short) Math.round(AMPLITUDE * 32767 * Math.sin(2 * Math.PI * 300 * i / rate));
        }
        Path wav = dir.resolve("mono" + rate + ".wav");
        writeWav(wav, pcm, 1, rate);

        float[] y = AudioLoader.load(wav);

        assertEquals((int) Math.ceil(frames * (22_050.0 / rate)), y.length, "ceil(n * 22050 / rate)");
        assertTone(y, 300, AMPLITUDE);
    }

    @Test
    void channelsAreAveraged() throws Exception {
        int rate = 44_100;
        int frames = rate;
        short[] pcm = new short[2 * frames];
        for (int i = 0; i < frames; i++) {
            pcm[2 * i] = (short) Math.round(AMPLITUDE * 32767 * Math.sin(2 * Math.PI * 1000 * i / rate));
        }
        Path wav = dir.resolve("left-only.wav");
        writeWav(wav, pcm, 2, rate);

        assertTone(AudioLoader.load(wav), 1000, AMPLITUDE / 2);
    }

    @Test
    void onlyTheFirstThirtySecondsAreRead() throws Exception {
        Path wav = dir.resolve("long.wav");
        writeWav(wav, new short[40 * 22_050], 1, 22_050);

        assertEquals(30 * 22_050, AudioLoader.load(wav).length);
    }

    @Test
    void flacAndOggWrittenByLibsndfileDecodeToTheExpectedLength() throws Exception {
        int rate = 44_100;
        int frames = 2 * rate;
        float[] stereo = stereoTone(frames, rate, 660);
        for (AudioWriter.Format format : new AudioWriter.Format[] {AudioWriter.Format.FLAC,
                AudioWriter.Format.OGG_VORBIS}) {
            Assumptions.assumeTrue(AudioWriter.canWrite(format, rate, 2), "libsndfile cannot write " + format);
            Path file = dir.resolve("tone." + format.name().toLowerCase());
            AudioWriter.write(file, stereo, 2, rate, format);

            float[] y = AudioLoader.load(file);

            assertEquals(frames / 2, y.length, format + " length");
            assertTone(y, 660, AMPLITUDE);
        }
    }

    @Test
    void mp3WrittenByLibsndfileDecodesGaplessly() throws Exception {
        int rate = 44_100;
        int frames = 2 * rate;
        Assumptions.assumeTrue(AudioWriter.canWrite(AudioWriter.Format.MP3, rate, 2),
                "this libsndfile cannot write MP3");
        Path mp3 = dir.resolve("tone.mp3");
        AudioWriter.write(mp3, stereoTone(frames, rate, 660), 2, rate, AudioWriter.Format.MP3);

        float[] y = AudioLoader.load(mp3);

        // LAME writes its delay and padding into the Xing/LAME tag; mpg123 (gapless) removes both
        assertEquals(frames / 2, y.length, "MP3 length after gapless decoding");
        assertTone(y, 660, AMPLITUDE);
    }

    @Test
    void randomBytesAreNotAudio() throws Exception {
        byte[] noise = new byte[50_000];
        new Random(1).nextBytes(noise);
        Path file = Files.write(dir.resolve("noise.wav"), noise);

        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> AudioLoader.load(file));
        assertTrue(e.getMessage().startsWith("not a recognised audio file: "), e.getMessage());
        assertTrue(e.getMessage().length() > "not a recognised audio file: ".length(), "libsndfile's reason");
    }

    @Test
    void emptyFileIsRejected() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.mp3"));

        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> AudioLoader.load(file));
        assertEquals("empty file (0 bytes)", e.getMessage());
    }

    @Test
    void truncatedWavHeaderIsRejectedWithLibsndfilesReason() throws Exception {
        Path wav = dir.resolve("whole.wav");
        writeWav(wav, new short[1000], 1, 22_050);
        Path truncated = Files.write(dir.resolve("truncated.wav"), Arrays.copyOf(Files.readAllBytes(wav), 20));

        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> AudioLoader.load(truncated));
        assertTrue(e.getMessage().contains("WAV"), e.getMessage());
    }

    @Test
    void headerWithoutSamplesHasNoFrames() throws Exception {
        Path wav = dir.resolve("whole.wav");
        writeWav(wav, new short[1000], 1, 22_050);
        Path headerOnly = Files.write(dir.resolve("header-only.wav"), Arrays.copyOf(Files.readAllBytes(wav), 44));

        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> AudioLoader.load(headerOnly));
        assertEquals("the file contains no audio frames", e.getMessage());
    }

    @Test
    void wavCutShortInItsDataYieldsTheSamplesThatAreThere() throws Exception {
        Path wav = dir.resolve("whole.wav");
        writeWav(wav, new short[22_050], 1, 22_050);
        Path cut = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(Files.readAllBytes(wav), 44 + 2 * 1000));

        assertEquals(1000, AudioLoader.load(cut).length);
    }

    @Test
    void missingFileAndDirectoryAreRejected() {
        AudioDecodeException missing = assertThrows(AudioDecodeException.class,
                () -> AudioLoader.load(dir.resolve("absent.wav")));
        assertTrue(missing.getMessage().startsWith("no such file"), missing.getMessage());
        AudioDecodeException directory = assertThrows(AudioDecodeException.class, () -> AudioLoader.load(dir));
        assertTrue(directory.getMessage().startsWith("not a regular file"), directory.getMessage());
    }

    @Test
    void floatWavWithNaNIsRejected() throws Exception {
        float[] samples = new float[1000];
        samples[500] = Float.NaN;
        Path wav = Files.write(dir.resolve("nan.wav"), floatWav(samples, 22_050));

        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> AudioLoader.load(wav));
        assertEquals("the file contains NaN or infinite samples", e.getMessage());
    }

    /** Frequency from zero crossings and amplitude from RMS, over the middle of the signal (away from edges). */
    private static void assertTone(float[] y, double hz, double amplitude) {
        int from = y.length / 4;
        int to = 3 * y.length / 4;
        int crossings = 0;
        double squares = 0;
        for (int i = from; i < to; i++) {
            if ((y[i - 1] < 0) != (y[i] < 0)) {
                crossings++;
            }
            squares += (double) y[i] * y[i];
        }
        double seconds = (to - from) / (double) AudioLoader.SAMPLE_RATE;
        double measuredHz = crossings / 2.0 / seconds;
        double rms = Math.sqrt(squares / (to - from));
        assertEquals(hz, measuredHz, hz * 0.01, "frequency");
        assertEquals(amplitude / Math.sqrt(2), rms, amplitude * 0.01, "RMS");
    }

    private static float[] stereoTone(int frames, int rate, double hz) {
        float[] stereo = new float[2 * frames];
        for (int i = 0; i < frames; i++) {
            float v = (float) (AMPLITUDE * Math.sin(2 * Math.PI * hz * i / rate));
            stereo[2 * i] = v;
            stereo[2 * i + 1] = v;
        }
        return stereo;
    }

    /** A 16-bit PCM WAV written by javax.sound (an encoder independent of libsndfile). */
    static void writeWav(Path file, short[] interleaved, int channels, int rate) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(2 * interleaved.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(interleaved);
        AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes.array()), format,
                interleaved.length / channels)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    /** A mono IEEE-float WAV, by hand: RIFF header, 'fmt ' chunk with format tag 3, 'data' chunk. */
    private static byte[] floatWav(float[] samples, int rate) {
        int data = 4 * samples.length;
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 3).putShort((short) 1).putInt(rate).putInt(4 * rate)
                .putShort((short) 4).putShort((short) 32);
        b.put("data".getBytes()).putInt(data);
        b.asFloatBuffer().put(samples);
        return b.array();
    }
}
