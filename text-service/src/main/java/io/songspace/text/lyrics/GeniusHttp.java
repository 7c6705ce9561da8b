package io.songspace.text.lyrics;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * GETs to Genius, API and song pages alike, under one rate limit and with retries. Each attempt waits for a
 * permit of its own, so retries count against the limit too. Retried: 5xx (unless Cloudflare marks it as a
 * challenge, which a retry only meets again), 429, timeouts and other I/O errors. The wait before the next attempt
 * is the response's {@code Retry-After} when it has one, cut to {@link GeniusSettings#maxRetryAfter()}, else
 * {@link GeniusSettings#initialBackoff()} doubled after each failed attempt. Any other status is the caller's.
 * Thread-safe.
 */
final class GeniusHttp implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GeniusHttp.class);
    private static final String USER_AGENT = "songspace-lyrics/1";

    private final GeniusSettings settings;
    private final Clock clock;
    private final HttpClient client;
    private final RateLimiter rateLimiter;
    private final Retry retry;

    GeniusHttp(GeniusSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        // one permit per 1/rate seconds rather than `rate` permits per second: requests are spaced, not bursts
        Duration spacing = Duration.ofNanos(Math.max(1, Math.round(1e9 / settings.requestsPerSecond())));
        this.rateLimiter = RateLimiter.of("genius", RateLimiterConfig.custom().limitForPeriod(1)
                .limitRefreshPeriod(spacing).timeoutDuration(settings.permitTimeout()).build());
        this.retry = Retry.of("genius", RetryConfig.<HttpResponse<String>>custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnException(e -> e instanceof IOException || e instanceof RetryableStatus)
                .intervalBiFunction((failedAttempts, outcome) ->
                        waitMillis(failedAttempts, outcome.isLeft() ? outcome.getLeft() : null))
                .build());
        retry.getEventPublisher().onRetry(e -> LOG.debugf("Genius request failed (%s); attempt %d of %d in %d ms",
                e.getLastThrowable(), e.getNumberOfRetryAttempts() + 1, settings.maxAttempts(),
                e.getWaitInterval().toMillis()));
    }

    /**
     * The response to a GET of {@code uri}, of any status that is not retried (or that stopped being retried
     * because Cloudflare challenges). The bearer token is sent only where the caller passes it: the API, never
     * song pages, whose address comes from Genius's data.
     *
     * @throws GeniusUnavailableException every attempt failed, no rate-limit permit came in time, or the thread
     *                                    was interrupted (its flag is set again)
     */
    HttpResponse<String> get(URI uri, Optional<String> bearerToken) throws GeniusUnavailableException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET().timeout(settings.requestTimeout())
                .header("User-Agent", USER_AGENT);
        bearerToken.ifPresent(token -> builder.header("Authorization", "Bearer " + token));
        HttpRequest request = builder.build();
        try {
            return retry.executeCallable(() -> attempt(request));
        } catch (Exception e) {
            throw unavailable(uri, e);
        }
    }

    private HttpResponse<String> attempt(HttpRequest request) throws IOException, InterruptedException,
            RetryableStatus {
        if (!rateLimiter.acquirePermission()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("waiting for a rate-limit permit");
            }
            throw RequestNotPermitted.createRequestNotPermitted(rateLimiter);
        }
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 429 || (status >= 500 && !BlockedResponses.challenged(response))) {
            throw new RetryableStatus(status, RetryAfter.parse(
                    response.headers().firstValue("Retry-After").orElse(null), clock.instant()));
        }
        return response;
    }

    private long waitMillis(int failedAttempts, Throwable failure) {
        if (failure instanceof RetryableStatus s && s.retryAfter.isPresent()) {
            Duration asked = s.retryAfter.get();
            return (asked.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : asked).toMillis();
        }
        // the shift is bounded: a configured maxAttempts of 100 must not overflow into a negative wait
        return settings.initialBackoff().toMillis() << Math.min(failedAttempts - 1, 20);
    }

    private GeniusUnavailableException unavailable(URI uri, Exception e) {
        // host and path only: the query is the track's title and artist, which the caller reports anyway
        String what = "GET " + uri.getHost() + uri.getPath();
        if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
            Thread.currentThread().interrupt();
            return new GeniusUnavailableException(what + " was interrupted", e);
        }
        String attempts = " after " + settings.maxAttempts() + " attempt(s)";
        return new GeniusUnavailableException(switch (e) {
            case RetryableStatus s -> what + " answered HTTP " + s.status + attempts;
            case HttpTimeoutException t -> what + " timed out (" + settings.requestTimeout() + " each)" + attempts;
            case IOException io -> what + " failed" + attempts + ": " + io;
            case RequestNotPermitted r -> what + " got no rate-limit permit within " + settings.permitTimeout();
            default -> what + " failed: " + e;
        }, e);
    }

    @Override
    public void close() {
        client.close();
    }

    /** A status worth another attempt, with the wait its {@code Retry-After} asks for, if any. */
    private static final class RetryableStatus extends Exception {
        private final int status;
        private final Optional<Duration> retryAfter;

        RetryableStatus(int status, Optional<Duration> retryAfter) {
            super("HTTP " + status, null, false, false);
            this.status = status;
            this.retryAfter = retryAfter;
        }
    }
}
