package io.songspace.feature.dataset.demo;

/**
 * A tempo grid in sixteenth-note steps: where step {@code s} of bar {@code b} falls, in samples. Odd sixteenths
 * are delayed by {@code swing} (a fraction of a step), the shuffle of boom-bap and folk strumming.
 */
record Grid(double bpm, int stepsPerBar, double swing) {

    double stepSeconds() {
        return 60.0 / bpm / 4.0;
    }

    /** Bars needed to cover the whole clip. */
    int bars() {
        return (int) StrictMath.ceil(Dsp.CLIP_SECONDS / (stepSeconds() * stepsPerBar)) ;
    }

    /** Sample index of step {@code step} (may be fractional) of bar {@code bar}. */
    int at(int bar, double step) {
        boolean odd = ((long) StrictMath.floor(step)) % 2 == 1;
        double steps = bar * (double) stepsPerBar + step + (odd ? swing : 0);
        return Dsp.samples(steps * stepSeconds());
    }

    /** Length of {@code steps} steps, in samples. */
    int length(double steps) {
        return Dsp.samples(steps * stepSeconds());
    }
}
