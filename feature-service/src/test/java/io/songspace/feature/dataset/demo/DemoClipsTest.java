package io.songspace.feature.dataset.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

class DemoClipsTest {

    @Test
    void wavIsSixteenBitMonoPcmThatJavaSoundReadsBackSampleForSample() throws Exception {
        // ties, values just below a tie, clipping both ways and NaN, each next to its expected 16-bit value
        float[] samples = {0f, 0.5f / 32767f, -0.5f / 32767f, 1.5f / 32767f, 0.49999997f / 32767f, 0.25f, -0.25f,
                1f, -1f, 1.7f, -3f, Float.NaN};
        float gain = 1f;
        short[] expected = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            expected[i] = (short) Math.round(Math.max(-1f, Math.min(1f, samples[i] * gain)) * 32767f);
        }
        assertEquals(1, expected[1]);
        assertEquals(0, expected[2]);
        assertEquals(32767, expected[9]);
        assertEquals(-32767, expected[10]);

        byte[] wav = DemoClips.wav(samples, gain);
        AudioFileFormat file = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(wav));
        assertEquals(AudioFileFormat.Type.WAVE, file.getType());
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            AudioFormat format = in.getFormat();
            assertEquals(AudioFormat.Encoding.PCM_SIGNED, format.getEncoding());
            assertEquals(Dsp.RATE, format.getSampleRate());
            assertEquals(16, format.getSampleSizeInBits());
            assertEquals(1, format.getChannels());
            assertEquals(false, format.isBigEndian());
            assertEquals(samples.length, in.getFrameLength());
            ByteBuffer pcm = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(2 * samples.length, pcm.remaining());
            for (int i = 0; i < samples.length; i++) {
                assertEquals(expected[i], pcm.getShort(), "sample " + i + " (" + samples[i] + ")");
            }
        }
    }

    @Test
    void aRenderedClipIsThirtySecondsLongAndUsesMostOfTheRange() throws Exception {
        byte[] wav = DemoClips.render(42, DemoGenre.values()[0], 3);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            assertEquals(Dsp.CLIP_SAMPLES, in.getFrameLength());
            ByteBuffer pcm = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            int peak = 0;
            while (pcm.hasRemaining()) {
                peak = Math.max(peak, Math.abs(pcm.getShort()));
            }
            // the loudness target is drawn from [0.5, 0.95] of full scale
            assertEquals(0.725, peak / 32767.0, 0.225 + 1e-4);
        }
    }
}
