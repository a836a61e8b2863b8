package dev.airlock.core.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** One running compartment. Closing it stops it (with the default grace period) and removes it. */
public interface Sandbox extends AutoCloseable {

    Duration DEFAULT_GRACE = Duration.ofSeconds(3);

    String agentId();

    /** The engine's id of the compartment, for people and logs. */
    String id();

    /** Completes once when the compartment's main process ends, however it ended. */
    CompletableFuture<SandboxExit> exit();

    /** The agent's pipe when the engine cannot pass a Unix socket in ({@link PipeMode#ATTACHED_STDIO}). */
    Optional<SandboxStreams> stdio();

    /** Follows the compartment's output (stdout and stderr) from its start until it ends or the handle closes. */
    Follow followOutput(OutputListener listener);

    /** Asks the main process to stop (SIGTERM), waits up to {@code grace}, then kills it. Idempotent. */
    void stop(Duration grace);

    @Override
    void close();

    /** A running output follow. */
    interface Follow extends AutoCloseable {

        /** Waits until every byte the compartment wrote has been delivered (its output ends after its exit). */
        boolean awaitEnd(Duration timeout) throws InterruptedException;

        @Override
        void close();
    }

    /** Receives chunks of output as they come. */
    @FunctionalInterface
    interface OutputListener {
        void output(boolean stderr, byte[] bytes);
    }
}
