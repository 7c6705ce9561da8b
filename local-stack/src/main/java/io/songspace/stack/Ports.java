package io.songspace.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on 127.0.0.1. */
public final class Ports {
    private Ports() {
    }

    /** A port that was free a moment ago (the OS picks it). */
    public static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code preferred} when it is free, else any free port. */
    public static int preferred(int preferred) {
        return ManagedProcess.isListening(preferred) ? free() : preferred;
    }
}
