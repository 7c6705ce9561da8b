package io.songspace.text.lyrics;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;

/**
 * How Genius says "not you": a 403, Cloudflare's {@code cf-mitigated: challenge} header (whatever the status), or
 * a page carrying a challenge or captcha marker where lyrics or JSON were expected, which Cloudflare may serve
 * with a 200. The markers are only consulted when the expected content is missing, so a real song page that
 * mentions a captcha in its scripts is never taken for a block.
 */
final class BlockedResponses {

    /**
     * Cloudflare's challenge ids, script path and Turnstile widget; the widgets of reCAPTCHA, hCaptcha, DataDome
     * and PerimeterX. Not the bare word "captcha", which ordinary pages' scripts may contain.
     */
    private static final List<String> CHALLENGE_MARKERS = List.of("cf-challenge", "challenge-platform", "cf_chl_",
            "cf-turnstile", "g-recaptcha", "h-captcha", "captcha-delivery", "px-captcha");

    private BlockedResponses() {
    }

    /** Whether the response refuses the request, from its status or headers alone. */
    static boolean refused(HttpResponse<?> response) {
        return response.statusCode() == 403 || challenged(response);
    }

    /** Whether Cloudflare answered with a challenge; retrying such a response soon only gets it again. */
    static boolean challenged(HttpResponse<?> response) {
        return response.headers().firstValue("cf-mitigated").filter("challenge"::equalsIgnoreCase).isPresent();
    }

    /** Whether the body carries a challenge or captcha marker, case-insensitively. */
    static boolean looksLikeChallenge(String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        return CHALLENGE_MARKERS.stream().anyMatch(lower::contains);
    }
}
