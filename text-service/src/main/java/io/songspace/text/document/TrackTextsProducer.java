package io.songspace.text.document;

import io.songspace.common.store.ObjectStore;
import io.songspace.text.config.TextConfig;
import io.songspace.text.lyrics.GeniusSettings;
import io.songspace.text.lyrics.LyricsAnswer;
import io.songspace.text.lyrics.LyricsLookup;
import io.songspace.text.lyrics.ObjectStoreLyricsCache;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The service's {@link TrackTexts}: with Genius lyrics (cached in the object store for every run) when a token is
 * configured, else from the datasets' own lyrics and metadata only.
 */
@ApplicationScoped
public class TrackTextsProducer {

    private static final Logger LOG = Logger.getLogger(TrackTextsProducer.class);

    private LyricsLookup lookup;

    @Produces
    @ApplicationScoped
    TrackTexts trackTexts(TextConfig config, ObjectStore store) {
        TextConfig.Genius g = config.genius();
        Optional<String> token = g.token().filter(t -> !t.isBlank());
        if (token.isEmpty()) {
            LOG.info("no Genius token configured: texts come from the datasets' lyrics and metadata");
            return new TrackTexts(Optional.empty());
        }
        GeniusSettings settings = new GeniusSettings(g.apiBase(), token, g.requestsPerSecond(), g.maxAttempts(),
                g.requestTimeout(), g.initialBackoff(), g.maxRetryAfter(), g.permitTimeout(), g.negativeTtl(),
                g.blockedTtl(), g.keepSectionHeaders());
        LOG.infof("Genius lyrics on: %s", settings);
        lookup = new LyricsLookup(settings, new ObjectStoreLyricsCache(store), Clock.systemUTC());
        return new TrackTexts(Optional.of((title, artist) -> {
            LyricsAnswer answer = lookup.find(title, artist);
            return answer.status() == LyricsAnswer.Status.FOUND ? LyricsSource.Lookup.found(answer.lyrics())
                    : LyricsSource.Lookup.none("Genius: " + answer.status().name().toLowerCase(Locale.ROOT)
                            + (answer.reason() == null ? "" : " (" + answer.reason() + ")"));
        }));
    }

    @PreDestroy
    void close() {
        if (lookup != null) {
            lookup.close();
        }
    }
}
