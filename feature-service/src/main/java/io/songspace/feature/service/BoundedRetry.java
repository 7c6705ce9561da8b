package io.songspace.feature.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs an action a few times, waiting a little longer after each failure, before giving up with the last failure.
 * Written by hand: SmallRye Fault Tolerance is not on this module's classpath, and a three-line loop does not
 * justify adding it.
 */
public final class BoundedRetry {

    private static final Logger LOG = Logger.getLogger(BoundedRetry.class);

    /** Tries per action: the first try and two retries. */
    public static final int ATTEMPTS = 3;
    /** Wait after the first failure; doubled after each further one. */
    public static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    private BoundedRetry() {
    }

    /**
     * The action's result, trying up to {@link #ATTEMPTS} times.
     *
     * @param what names the action in log lines
     * @throws RuntimeException the last failure, with the earlier ones suppressed, once every try failed
     */
    public static <T> T call(String what, Supplier<T> action) {
        List<RuntimeException> failures = new ArrayList<>(ATTEMPTS);
        long backoff = FIRST_BACKOFF.toMillis();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                failures.add(e);
                if (attempt < ATTEMPTS) {
                    LOG.warnf("%s failed (try %d of %d), retrying in %d ms: %s", what, attempt, ATTEMPTS, backoff,
                            e.toString());
                    sleep(backoff);
                    backoff *= 2;
                }
            }
        }
        RuntimeException last = failures.getLast();
        failures.subList(0, failures.size() - 1).forEach(last::addSuppressed);
        throw last;
    }

    /** Runs the action, trying up to {@link #ATTEMPTS} times; see {@link #call}. */
    public static void run(String what, Runnable action) {
        call(what, () -> {
            action.run();
            return null;
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
