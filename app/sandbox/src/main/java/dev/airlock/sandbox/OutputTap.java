package dev.airlock.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.airlock.core.runtime.Sandbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A container's output, attached before the container starts. Following the engine's log stream once the
 * container had started raced the container's exit and lost some or all of a short command's output (10 of 40 runs
 * of {@code printf x; printf y >&2} on a busy machine); attached before the start, the engine copies every byte to
 * us. What arrives before anyone follows is held (up to {@link #MAX_HELD} bytes) and handed to the follower first.
 */
final class OutputTap implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(OutputTap.class);
    /** Output printed before the follower is set up: the time between a start and a method call, normally. */
    static final int MAX_HELD = 1 << 20;

    private final String containerId;
    private final ResultCallback.Adapter<Frame> attach;
    private final List<Frame> held = new ArrayList<>();
    private int heldBytes;
    private long droppedBytes;
    private Sandbox.OutputListener listener;
    private boolean followed;

    private OutputTap(String containerId) {
        this.containerId = containerId;
        this.attach = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                deliver(frame);
            }
        };
    }

    /**
     * Attaches to a created, not yet started container and returns once the engine has the attachment.
     *
     * @param stdout false when stdout is the agent's pipe (attached-stdio mode): only stderr is output then
     */
    static OutputTap attach(DockerClient client, String containerId, boolean stdout) throws IOException {
        OutputTap tap = new OutputTap(containerId);
        client.attachContainerCmd(containerId).withStdOut(stdout).withStdErr(true).withFollowStream(true)
                .exec(tap.attach);
        try {
            if (!tap.attach.awaitStarted(10, TimeUnit.SECONDS)) {
                tap.close();
                throw new IOException("the engine did not attach to the output of " + containerId + " within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tap.close();
            throw new IOException("interrupted while attaching to the output of " + containerId, e);
        }
        return tap;
    }

    private synchronized void deliver(Frame frame) {
        if (listener != null) {
            listener.output(frame.getStreamType() == StreamType.STDERR, frame.getPayload());
        } else if (!followed && heldBytes + frame.getPayload().length <= MAX_HELD) {
            held.add(frame);
            heldBytes += frame.getPayload().length;
        } else if (!followed) {
            droppedBytes += frame.getPayload().length;
        }
    }

    /** Hands over what was held, then everything as it comes; one follower per container. */
    Sandbox.Follow follow(Sandbox.OutputListener newListener) {
        synchronized (this) {
            if (followed) {
                throw new IllegalStateException("the output of " + containerId + " is followed already");
            }
            followed = true;
            if (droppedBytes > 0) {
                LOG.debug("{} printed {} bytes before anyone followed its output; they were dropped", containerId,
                        droppedBytes);
            }
            held.forEach(f -> newListener.output(f.getStreamType() == StreamType.STDERR, f.getPayload()));
            held.clear();
            listener = newListener;
        }
        return new Sandbox.Follow() {
            @Override
            public boolean awaitEnd(Duration timeout) throws InterruptedException {
                return attach.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }

            @Override
            public void close() {
                synchronized (OutputTap.this) {
                    listener = null;
                }
            }
        };
    }

    @Override
    public void close() {
        try {
            attach.close();
        } catch (IOException e) {
            LOG.debug("closing the output of {} failed: {}", containerId, e.toString());
        }
    }
}
