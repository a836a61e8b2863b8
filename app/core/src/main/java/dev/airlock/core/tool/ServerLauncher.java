package dev.airlock.core.tool;

import dev.airlock.core.topology.ToolSpec;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Starts a tool's server and hands back its standard streams. In a run this is a hardened container attached
 * through the engine; in tests it may be a local process. Either way the server's only channel is these streams.
 */
@FunctionalInterface
public interface ServerLauncher {

    ServerLauncher NONE = spec -> {
        throw ToolException.failed("tool '" + spec.id() + "' needs a server, and this run cannot start one");
    };

    LaunchedServer launch(ToolSpec spec) throws ToolException;

    /** A running server: write to {@link #input()}, read from {@link #output()}; closing stops and removes it. */
    interface LaunchedServer extends Closeable {

        OutputStream input();

        InputStream output();

        @Override
        void close();
    }
}
