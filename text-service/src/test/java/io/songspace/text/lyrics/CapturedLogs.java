package io.songspace.text.lyrics;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every record the lyrics package logs, at every level, while open: its message, its parameters and its
 * exception, as text. JBoss Logging writes through the JBoss LogManager, which is java.util.logging's here.
 */
final class CapturedLogs implements AutoCloseable {

    private final Logger logger = Logger.getLogger("io.songspace.text.lyrics");
    private final Level previousLevel = logger.getLevel();
    private final List<String> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record.getLevel() + " " + record.getMessage() + " "
                    + Arrays.toString(record.getParameters()) + " " + record.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    CapturedLogs() {
        handler.setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    List<String> records() {
        return records;
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
    }
}
