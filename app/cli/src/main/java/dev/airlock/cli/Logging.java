package dev.airlock.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Quiet by default so that command output stays parseable; --debug turns the logs on. */
final class Logging {

    private Logging() {
    }

    static void configure(boolean debug) {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(debug ? Level.DEBUG : Level.WARN);
        ((Logger) LoggerFactory.getLogger("com.github.dockerjava")).setLevel(debug ? Level.DEBUG : Level.ERROR);
        ((Logger) LoggerFactory.getLogger("org.apache.hc")).setLevel(debug ? Level.INFO : Level.ERROR);
    }
}
