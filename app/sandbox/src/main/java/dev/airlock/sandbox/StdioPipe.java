package dev.airlock.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.airlock.core.runtime.SandboxStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * The agent's pipe over its attached stdin/stdout, for engines in a VM where a host socket cannot be passed in.
 * Attach before start so that no early byte is lost; stderr goes to the log, never into the pipe.
 */
final class StdioPipe implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(StdioPipe.class);
    private final OutputStream toAgent;
    private final InputStream stdinOfAgent;
    private final InputStream fromAgent;
    private final OutputStream stdoutOfAgent;
    private final ResultCallback.Adapter<Frame> attach;

    private StdioPipe(DockerClient client, String containerId, String agentId) throws IOException {
        OsPipe stdin = new OsPipe();
        toAgent = stdin.out();
        stdinOfAgent = stdin.in();
        OsPipe stdout = new OsPipe();
        stdoutOfAgent = stdout.out();
        fromAgent = stdout.in();
        attach = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                try {
                    if (frame.getStreamType() == StreamType.STDOUT || frame.getStreamType() == StreamType.RAW) {
                        stdoutOfAgent.write(frame.getPayload());
                        stdoutOfAgent.flush();
                    } else {
                        LOG.info("[{}] {}", agentId, new String(frame.getPayload()).stripTrailing());
                    }
                } catch (IOException e) {
                    LOG.debug("pipe of {} closed: {}", agentId, e.toString());
                }
            }

            @Override
            public void onComplete() {
                closeQuietly(stdoutOfAgent);
                super.onComplete();
            }
        };
        client.attachContainerCmd(containerId).withStdIn(stdinOfAgent).withStdOut(true).withStdErr(true)
                .withFollowStream(true).exec(attach);
        try {
            attach.awaitStarted(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while attaching to " + agentId, e);
        }
    }

    static StdioPipe attach(DockerClient client, String containerId, String agentId) throws IOException {
        return new StdioPipe(client, containerId, agentId);
    }

    SandboxStreams streams() {
        return new SandboxStreams(fromAgent, toAgent);
    }

    @Override
    public void close() {
        closeQuietly(toAgent);
        closeQuietly(attach);
        closeQuietly(stdoutOfAgent);
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("close failed: {}", e.toString());
        }
    }
}
