package dev.airlock.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;

/**
 * A one-way byte pipe between threads, backed by the operating system's pipe. Unlike {@link java.io.PipedInputStream},
 * whose reads fail with "Pipe broken" once the last thread that wrote has ended, it does not care which threads
 * write: the MCP client and docker-java write from pool threads that come and go.
 */
final class OsPipe {

    private final InputStream in;
    private final OutputStream out;

    OsPipe() {
        try {
            Pipe pipe = Pipe.open();
            in = Channels.newInputStream(pipe.source());
            out = Channels.newOutputStream(pipe.sink());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a pipe: " + e.getMessage(), e);
        }
    }

    InputStream in() {
        return in;
    }

    OutputStream out() {
        return out;
    }
}
