package dev.airlock.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.WaitResponse;
import dev.airlock.core.event.EventSink;
import dev.airlock.core.event.SandboxRemoved;
import dev.airlock.core.runtime.Sandbox;
import dev.airlock.core.runtime.SandboxExit;
import dev.airlock.core.runtime.SandboxStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** One container: watches its exit, follows its output, stops and removes it exactly once. */
final class DockerSandbox implements Sandbox {

    private static final Logger LOG = LoggerFactory.getLogger(DockerSandbox.class);

    private static final int SIGKILL_EXIT = 137;
    private static final Duration OOM_FLAG_GRACE = Duration.ofSeconds(2);

    private final DockerClient client;
    private final String runId;
    private final String agentId;
    private final String containerId;
    private final EventSink events;
    private final StdioPipe stdio;
    private final OutputTap output;
    private final CompletableFuture<SandboxExit> exit = new CompletableFuture<>();
    private final List<Closeable> streams = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Done when the first {@link #close()} has removed the container; later callers wait for it. */
    private final CompletableFuture<Void> removed = new CompletableFuture<>();

    DockerSandbox(DockerClient client, String runId, String agentId, String containerId, EventSink events,
                  StdioPipe stdio, OutputTap output) {
        this.client = client;
        this.runId = runId;
        this.agentId = agentId;
        this.containerId = containerId;
        this.events = events;
        this.stdio = stdio;
        this.output = output;
        if (stdio != null) {
            streams.add(stdio);
        }
        streams.add(output);
    }

    /** Starts watching for the exit; call once, right after the container started. */
    void watchExit() {
        WaitContainerResultCallback wait = new WaitContainerResultCallback() {
            @Override
            public void onNext(WaitResponse response) {
                exit.complete(describeExit(response.getStatusCode()));
            }

            @Override
            public void onError(Throwable error) {
                // The wait stream ends with an error when the engine connection drops or we close the callback.
                exit.complete(describeExit(inspectExitCode()));
            }
        };
        streams.add(client.waitContainerCmd(containerId).exec(wait));
    }

    private int inspectExitCode() {
        try {
            Integer code = client.inspectContainerCmd(containerId).exec().getState().getExitCode();
            return code == null ? -1 : code;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private SandboxExit describeExit(Integer statusCode) {
        int code = statusCode == null ? -1 : statusCode;
        boolean oom = oomKilled();
        // The engine learns of an OOM kill from an event of its own, which on a loaded host (cgroup v1) can come
        // after the exit: a SIGKILL nobody asked for gets a moment for the flag to arrive.
        long deadline = System.nanoTime() + OOM_FLAG_GRACE.toNanos();
        while (!oom && code == SIGKILL_EXIT && !stopRequested.get() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            oom = oomKilled();
        }
        return SandboxExit.of(code, oom, stopRequested.get());
    }

    private boolean oomKilled() {
        try {
            InspectContainerResponse.ContainerState state = client.inspectContainerCmd(containerId).exec().getState();
            return Boolean.TRUE.equals(state.getOOMKilled());
        } catch (RuntimeException e) {
            LOG.debug("cannot inspect {} after its exit: {}", containerId, e.toString());
            return false;
        }
    }

    @Override
    public String agentId() {
        return agentId;
    }

    @Override
    public String id() {
        return containerId;
    }

    @Override
    public CompletableFuture<SandboxExit> exit() {
        return exit;
    }

    @Override
    public Optional<SandboxStreams> stdio() {
        return Optional.ofNullable(stdio).map(StdioPipe::streams);
    }

    @Override
    public Follow followOutput(OutputListener listener) {
        return output.follow(listener);
    }

    @Override
    public void stop(Duration grace) {
        if (exit.isDone() || !stopRequested.compareAndSet(false, true)) {
            return;
        }
        try {
            client.stopContainerCmd(containerId).withTimeout((int) Math.max(0, grace.toSeconds())).exec();
        } catch (NotModifiedException | NotFoundException e) {
            // Already stopped or gone: nothing to do.
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            // The exit watcher and the launcher's stop both close a sandbox; whichever comes second must not
            // return while the first is still removing the container, or "closed" would not mean "gone".
            removed.join();
            return;
        }
        try {
            stopAndRemove();
        } finally {
            // Completed before the exit is told: its listeners close this sandbox again, on this thread.
            removed.complete(null);
        }
        exit.complete(SandboxExit.of(-1, false, true));
        for (Closeable stream : streams) {
            try {
                stream.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing a stream of {} failed: {}", containerId, e.toString());
            }
        }
        streams.clear();
    }

    private void stopAndRemove() {
        try {
            stop(DEFAULT_GRACE);
        } catch (RuntimeException e) {
            LOG.debug("stopping {} failed: {}", containerId, e.toString());
        }
        try {
            client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
            events.publish(new SandboxRemoved(System.nanoTime(), System.currentTimeMillis(), runId, agentId,
                    "container", containerId, false));
        } catch (NotFoundException e) {
            // Removed by someone else (or the reaper): the goal is reached.
        }
    }
}
