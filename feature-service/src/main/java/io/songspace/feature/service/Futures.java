package io.songspace.feature.service;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for the assembly's parallel reads and writes. */
final class Futures {

    private Futures() {
    }

    /**
     * The task's result; its own runtime exception rethrown as it is (an error naming the object), anything else
     * wrapped. {@code doing} names the work in the message of an interruption.
     */
    static <T> T join(Future<T> future, String doing) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + doing, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
