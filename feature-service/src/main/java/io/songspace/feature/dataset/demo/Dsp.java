package io.songspace.feature.dataset.demo;

/**
 * The few sound-making primitives the demo corpus is rendered with: oscillators, plucked strings, drum
 * one-shots, noise and filters, all adding into a mono float buffer at 22,050 Hz.
 *
 * <p>Written by hand: the clips must render in tens of milliseconds and be bit-identical for a seed on every
 * JVM, so inner loops use only float arithmetic and table look-ups (no {@code Math.sin}/{@code exp}, whose
 * intrinsics may differ between platforms); {@link StrictMath} is used only to set parameters up.
 */
final class Dsp {

    static final int RATE = 22_050;
    static final int CLIP_SECONDS = 30;
    static final int CLIP_SAMPLES = CLIP_SECONDS * RATE;

    private static final int TABLE_SIZE = 4096;
    // two guard entries: a phase that rounds up to a whole cycle still interpolates inside the table
    private static final float[] SINE = new float[TABLE_SIZE + 2];

    static {
        for (int i = 0; i < SINE.length; i++) {
            SINE[i] = (float) StrictMath.sin(2 * StrictMath.PI * i / TABLE_SIZE);
        }
    }

    private Dsp() {
    }

    /** Equal-tempered frequency of a MIDI note number. */
    static double hz(double midi) {
        return 440.0 * StrictMath.pow(2.0, (midi - 69.0) / 12.0);
    }

    static int samples(double seconds) {
        return (int) StrictMath.round(seconds * RATE);
    }

    /** Per-sample multiplier that makes an amplitude fall by e every {@code 1/ratePerSecond} seconds. */
    static float decay(double ratePerSecond) {
        return (float) StrictMath.exp(-ratePerSecond / RATE);
    }

    /** Sine of a phase in cycles, by table look-up with linear interpolation. */
    static float sine(double phase) {
        double cycle = phase - (long) phase;
        double p = (cycle < 0 ? cycle + 1 : cycle) * TABLE_SIZE;
        int i = (int) p;
        float frac = (float) (p - i);
        return SINE[i] + (SINE[i + 1] - SINE[i]) * frac;
    }

    /** Oscillator shapes. */
    enum Wave { SINE, SAW, SQUARE, TRIANGLE }

    /**
     * Adds a note: {@code wave} at {@code hz} for {@code length} samples from {@code start}, with a linear attack of
     * {@code attack} samples, then an exponential decay at {@code decayRate} per second, and a short release at the
     * end so notes never click off.
     */
    static void note(float[] out, int start, int length, double hz, float amp, Wave wave, int attack,
            double decayRate) {
        int end = Math.min(out.length, start + length);
        if (start >= end || start < 0) {
            return;
        }
        double phase = 0;
        double inc = hz / RATE;
        float env = 0;
        float attackStep = attack > 0 ? 1f / attack : 1f;
        float fall = decay(decayRate);
        int releaseFrom = end - Math.min(256, (end - start) / 4);
        float gain = 1f;
        float releaseStep = 1f / Math.max(1, end - releaseFrom);
        for (int i = start, n = 0; i < end; i++, n++) {
            if (n < attack) {
                env += attackStep;
            } else {
                env = n == attack ? 1f : env * fall;
            }
            if (i >= releaseFrom) {
                gain -= releaseStep;
            }
            float p = (float) (phase - (long) phase);
            float v = switch (wave) {
                case SINE -> sine(phase);
                case SAW -> 2f * p - 1f;
                case SQUARE -> p < 0.5f ? 1f : -1f;
                case TRIANGLE -> p < 0.5f ? 4f * p - 1f : 3f - 4f * p;
            };
            out[i] += amp * env * gain * v;
            phase += inc;
        }
    }

    /**
     * Adds a Karplus–Strong plucked string: a noise burst circulating in a delay line one period long, averaged
     * (low-passed) each pass. {@code brightness} in (0, 1] sets how much of the averaging is applied; {@code damping}
     * slightly below 1 sets how fast the string dies.
     */
    static void pluck(float[] out, int start, int length, double hz, float amp, float brightness, float damping,
            Noise noise) {
        int end = Math.min(out.length, start + length);
        if (start >= end || start < 0) {
            return;
        }
        int period = Math.max(2, (int) StrictMath.round(RATE / hz));
        float[] line = new float[period];
        float prev = 0;
        for (int i = 0; i < period; i++) {
            // a slightly low-passed burst: softer attack than white noise
            prev += brightness * (noise.next() - prev);
            line[i] = prev;
        }
        int idx = 0;
        float last = line[period - 1];
        int fadeFrom = end - Math.min(512, (end - start) / 4);
        float gain = 1f;
        float fadeStep = 1f / Math.max(1, end - fadeFrom);
        for (int i = start; i < end; i++) {
            float cur = line[idx];
            float avg = damping * (cur * (1f - 0.5f * brightness) + last * 0.5f * brightness);
            last = cur;
            line[idx] = avg;
            if (i >= fadeFrom) {
                gain -= fadeStep;
            }
            out[i] += amp * gain * cur;
            if (++idx == period) {
                idx = 0;
            }
        }
    }

    /**
     * Adds an FM tone: a sine carrier phase-modulated by a sine at {@code ratio}×{@code hz} with modulation index
     * {@code index}; the index falls with the amplitude envelope so the tone darkens as it decays.
     */
    static void fm(float[] out, int start, int length, double hz, double ratio, float index, float amp,
            int attack, double decayRate) {
        int end = Math.min(out.length, start + length);
        if (start >= end || start < 0) {
            return;
        }
        double carrier = 0;
        double modulator = 0;
        double inc = hz / RATE;
        double modInc = hz * ratio / RATE;
        float env = 0;
        float attackStep = attack > 0 ? 1f / attack : 1f;
        float fall = decay(decayRate);
        int releaseFrom = end - Math.min(512, (end - start) / 4);
        float gain = 1f;
        float releaseStep = 1f / Math.max(1, end - releaseFrom);
        for (int i = start, n = 0; i < end; i++, n++) {
            env = n < attack ? env + attackStep : env * fall;
            if (i >= releaseFrom) {
                gain -= releaseStep;
            }
            float mod = index * env * sine(modulator);
            out[i] += amp * env * gain * sine(carrier + mod);
            carrier += inc;
            modulator += modInc;
        }
    }

    /**
     * Adds a sung or blown line (flute, fiddle, voice): a sine with a touch of second harmonic, a slow attack and
     * vibrato of {@code vibratoDepth} semitones at {@code vibratoHz}.
     */
    static void sing(float[] out, int start, int length, double hz, float amp, int attack, double vibratoHz,
            double vibratoDepth) {
        int end = Math.min(out.length, start + length);
        if (start >= end || start < 0) {
            return;
        }
        double phase = 0;
        double lfo = 0;
        double inc = hz / RATE;
        double lfoInc = vibratoHz / RATE;
        // vibrato as a small proportional change of the phase increment (d semitones ≈ d·ln2/12 relative)
        double depth = vibratoDepth * 0.0578;
        int releaseFrom = end - Math.min(2048, (end - start) / 3);
        float releaseStep = 1f / Math.max(1, end - releaseFrom);
        float env = 0;
        float attackStep = 1f / Math.max(1, attack);
        for (int i = start, n = 0; i < end; i++, n++) {
            if (n < attack) {
                env += attackStep;
            } else if (i >= releaseFrom) {
                env = Math.max(0f, env - releaseStep);
            }
            float v = sine(phase) + 0.22f * sine(2 * phase);
            out[i] += amp * env * v;
            phase += inc * (1 + depth * sine(lfo));
            lfo += lfoInc;
        }
    }

    /**
     * Adds a stretch of filtered noise whose one-pole low-pass coefficient sweeps from {@code fromCoef} to
     * {@code toCoef} (dark rumble to hiss or back), faded in and out over {@code fade} samples.
     */
    static void noiseSweep(float[] out, int start, int length, float amp, float fromCoef, float toCoef, int fade,
            Noise noise) {
        int end = Math.min(out.length, start + length);
        if (start >= end || start < 0) {
            return;
        }
        int len = end - start;
        float coef = fromCoef;
        float step = (toCoef - fromCoef) / len;
        int f = Math.max(1, Math.min(fade, len / 2));
        float y = 0;
        for (int i = start, n = 0; i < end; i++, n++) {
            y += coef * (noise.next() - y);
            coef += step;
            float env = n < f ? (float) n / f : n > len - f ? (float) (len - n) / f : 1f;
            out[i] += amp * env * y;
        }
    }

    /** Adds a prepared one-shot (a drum hit) at {@code start}. */
    static void hit(float[] out, int start, float[] sample, float gain) {
        if (start < 0) {
            return;
        }
        int n = Math.min(sample.length, out.length - start);
        for (int i = 0; i < n; i++) {
            out[start + i] += gain * sample[i];
        }
    }

    /** A kick drum: a sine falling in pitch from {@code fromHz} to {@code toHz}, with a fast amplitude decay. */
    static float[] kick(double fromHz, double toHz, double pitchRate, double decayRate, double seconds) {
        float[] s = new float[samples(seconds)];
        double phase = 0;
        float env = 1f;
        float fall = decay(decayRate);
        float sweep = decay(pitchRate);
        double f = fromHz - toHz;
        for (int i = 0; i < s.length; i++) {
            s[i] = env * sine(phase);
            phase += (toHz + f) / RATE;
            f *= sweep;
            env *= fall;
        }
        fadeOut(s, 128);
        return s;
    }

    /**
     * A noise hit (snare, hat, clap, crash, shaker): noise through a one-pole low-pass ({@code lowpass} in (0, 1],
     * 1 = none) and a one-pole high-pass ({@code highpass} in [0, 1), 0 = none), with a decay, plus an optional
     * decaying tone (a snare's body) at {@code toneHz} with weight {@code toneMix}.
     */
    static float[] noiseHit(Noise noise, float lowpass, float highpass, double decayRate, double seconds,
            double toneHz, float toneMix) {
        float[] s = new float[samples(seconds)];
        float env = 1f;
        float fall = decay(decayRate);
        float toneFall = decay(decayRate * 1.5);
        float toneEnv = 1f;
        float lp = 0;
        float hpIn = 0;
        float hp = 0;
        double phase = 0;
        double inc = toneHz / RATE;
        for (int i = 0; i < s.length; i++) {
            lp += lowpass * (noise.next() - lp);
            // one-pole high-pass: y[n] = a (y[n-1] + x[n] - x[n-1])
            hp = highpass > 0 ? highpass * (hp + lp - hpIn) : lp;
            hpIn = lp;
            float tone = toneMix > 0 ? toneMix * toneEnv * sine(phase) : 0f;
            s[i] = env * (1f - toneMix) * hp + tone;
            env *= fall;
            toneEnv *= toneFall;
            phase += inc;
        }
        fadeOut(s, 64);
        return s;
    }

    /** Runs a one-pole low-pass over {@code [from, to)} in place. */
    static void lowpass(float[] buf, int from, int to, float coefficient) {
        float y = 0;
        for (int i = from; i < to; i++) {
            y += coefficient * (buf[i] - y);
            buf[i] = y;
        }
    }

    /** Soft clipping distortion {@code g·x / (1 + |g·x|)}: the louder the input, the squarer the wave. */
    static void distort(float[] buf, float drive) {
        for (int i = 0; i < buf.length; i++) {
            float x = drive * buf[i];
            buf[i] = x / (1f + Math.abs(x));
        }
    }

    /** Adds {@code src}·{@code gain} into {@code dst}. */
    static void mix(float[] dst, float[] src, float gain) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] += gain * src[i];
        }
    }

    static float peak(float[] buf) {
        float p = 0;
        for (float v : buf) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }

    private static void fadeOut(float[] s, int n) {
        int from = Math.max(0, s.length - n);
        for (int i = from; i < s.length; i++) {
            s[i] *= (float) (s.length - i) / (s.length - from);
        }
    }

    /**
     * xorshift32 white noise in [-1, 1): a few integer operations per sample, deterministic for its seed.
     * Inlined here rather than {@code java.util.Random} because noise is drawn per sample.
     */
    static final class Noise {
        private int state;

        Noise(int seed) {
            this.state = seed == 0 ? 0x9E3779B9 : seed;
        }

        float next() {
            int x = state;
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            state = x;
            return x * (1f / 2147483648f);
        }
    }
}
