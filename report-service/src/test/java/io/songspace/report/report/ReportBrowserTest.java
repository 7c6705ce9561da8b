package io.songspace.report.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.events.RunSpec;
import io.songspace.common.store.ObjectStore;
import io.songspace.report.TestRuns;
import io.songspace.report.registry.RunRegistry;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A hard run's report opened in headless Chromium, as a reader opens the downloaded folder: no console error, every
 * image decodes, every local link resolves, and a 1280 px screenshot is kept in {@code target/} to look at.
 */
@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class ReportBrowserTest {

    private static final Pattern LOCAL_LINK = Pattern.compile("(?:href|src)=\"(?!https?:|#|\\.\\./)([^\"]+)\"");

    @Inject
    ObjectStore store;

    @Inject
    RunRegistry registry;

    @Inject
    ReportBuilder builder;

    @Test
    void theHardReportLoadsCleanlyInABrowser() throws Exception {
        String chromium = HeadlessChromium.executable().orElse(null);
        Assumptions.assumeTrue(chromium != null, "no chromium on PATH (Debian package chromium): browser check skipped");
        String id = TestRuns.createDemo();
        SyntheticRun.write(store, id, true, RunSpec.HARD);
        builder.build(registry.find(id).orElseThrow());
        Path folder = Files.createDirectories(Path.of("target", "report-browser", id));
        String prefix = ArtifactKeys.reportPrefix(id);
        for (String key : store.list(prefix)) {
            Files.write(folder.resolve(key.substring(prefix.length())), store.require(key));
        }
        Path index = folder.resolve(ReportBuilder.INDEX).toAbsolutePath();

        String html = Files.readString(index);
        Matcher links = LOCAL_LINK.matcher(html);
        int local = 0;
        while (links.find()) {
            local++;
            assertTrue(Files.exists(folder.resolve(links.group(1))), "broken link in index.html: " + links.group(1));
        }
        assertTrue(local > 10, "the page links its figures and tables");

        try (HeadlessChromium browser = new HeadlessChromium(chromium)) {
            HeadlessChromium.PageCheck page = browser.check(index, 1280);
            assertEquals(java.util.List.of(), page.errors(), "console errors or exceptions");
            assertTrue(page.imagesDecoded().size() >= 8, "figures shown: " + page.imagesDecoded());
            for (Map.Entry<String, Boolean> image : page.imagesDecoded().entrySet()) {
                assertTrue(image.getValue(), image.getKey() + " did not decode");
            }
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(page.screenshot()));
            assertEquals(1280, shot.getWidth(), "screenshot at 1280 px");
            assertTrue(shot.getHeight() > 2000, "the whole page, not a viewport");
            Files.write(Path.of("target", "report-browser", "report-1280.png"), page.screenshot());
        }
    }
}
