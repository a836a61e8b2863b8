package dev.airlock.core.runtime;

import java.io.InputStream;
import java.io.OutputStream;

/** The agent's attached stdio as a pipe: what it writes arrives on {@code fromAgent}. */
public record SandboxStreams(InputStream fromAgent, OutputStream toAgent) {
}
