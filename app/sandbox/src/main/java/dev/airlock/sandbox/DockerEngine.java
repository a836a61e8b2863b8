package dev.airlock.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.airlock.core.runtime.EngineInfo;
import dev.airlock.core.runtime.EngineUnavailableException;
import dev.airlock.core.runtime.PipeMode;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A connected engine: its client (owned; closed with this) and what it is. */
final class DockerEngine implements AutoCloseable {

    /** Forces the pipe transport ({@code unix} or {@code stdio}), e.g. to test the portable path on Linux. */
    static final String PIPE_ENV = "AIRLOCK_PIPE";

    private final DockerClient client;
    private final EngineInfo info;

    private DockerEngine(DockerClient client, EngineInfo info) {
        this.client = client;
        this.info = info;
    }

    DockerClient client() {
        return client;
    }

    EngineInfo info() {
        return info;
    }

    /** Tries every candidate in order and keeps the first that answers a ping. */
    static DockerEngine discover() {
        return discover(EngineCandidates.ofThisProcess().list(), System.getenv(PIPE_ENV));
    }

    static DockerEngine discover(List<EngineCandidates.Candidate> tried, String forcedPipe) {
        List<String> failures = new ArrayList<>();
        for (EngineCandidates.Candidate c : tried) {
            DockerClient client = null;
            try {
                client = connect(c.host(), Duration.ofSeconds(5));
                client.pingCmd().exec();
                Info engine = client.infoCmd().exec();
                client.close();
                // The probing client had a short response timeout; streams (wait, logs, stats) need none.
                DockerClient lasting = connect(c.host(), null);
                return new DockerEngine(lasting, new EngineInfo(c.host(),
                        engine.getOperatingSystem(), engine.getServerVersion(), engine.getOsType(),
                        pipeMode(c.host(), engine.getKernelVersion(), engine.getOperatingSystem(), forcedPipe,
                                perAgentSockets(engine))));
            } catch (RuntimeException | IOException e) {
                failures.add(shortReason(e));
                closeQuietly(client);
            }
        }
        throw new EngineUnavailableException("no container engine answered; tried "
                + String.join("; ", EngineCandidates.describe(tried, failures))
                + ". Start one (Linux: 'sudo systemctl start docker' or 'sudo dockerd &'; macOS/Windows: start "
                + "Docker Desktop) or set DOCKER_HOST.");
    }

    /**
     * A host Unix socket works inside a container only when the engine runs on this kernel; Docker Desktop and
     * other VM-based engines see the bind mount but cannot connect through it (docker/for-mac #483). And each
     * agent's socket must belong to the agent's own uid alone ({@code perAgentSockets}), or any host process of a
     * shared uid could become the agent; where that cannot be arranged, the attached stream is the safe pipe.
     */
    static PipeMode pipeMode(String host, String engineKernel, String engineOs, String forced,
                             boolean perAgentSockets) {
        if ("stdio".equalsIgnoreCase(forced)) {
            return PipeMode.ATTACHED_STDIO;
        }
        if ("unix".equalsIgnoreCase(forced)) {
            return PipeMode.UNIX_SOCKET;
        }
        boolean linuxHost = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        boolean sameKernel = System.getProperty("os.version", "").equals(engineKernel);
        boolean desktop = engineOs != null && engineOs.toLowerCase(Locale.ROOT).contains("desktop");
        return linuxHost && sameKernel && !desktop && host.startsWith("unix://") && perAgentSockets
                ? PipeMode.UNIX_SOCKET : PipeMode.ATTACHED_STDIO;
    }

    /**
     * Whether a socket can be handed to an agent's uid as the container sees it: this process must be able to give
     * files away (root, in practice), and the engine must not remap container uids (user-namespace remapping or a
     * rootless engine), or the uid on the socket would not be the agent's.
     */
    static boolean perAgentSockets(Info engine) {
        List<String> security = engine.getSecurityOptions() == null ? List.of() : engine.getSecurityOptions();
        boolean remapped = security.stream().anyMatch(o -> o.contains("name=userns") || o.contains("name=rootless"));
        return !remapped && ThisProcess.canHandFilesToOtherUsers();
    }

    private static DockerClient connect(String host, Duration responseTimeout) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host).build();
        ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder()
                .dockerHost(URI.create(host))
                .sslConfig(config.getSSLConfig())
                .maxConnections(100)
                .connectionTimeout(Duration.ofSeconds(3));
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        return DockerClientImpl.getInstance(config, http.build());
    }

    private static String shortReason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private static void closeQuietly(DockerClient client) {
        if (client != null) {
            try {
                client.close();
            } catch (IOException | RuntimeException ignored) {
                // Nothing to release beyond what close already attempted.
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(client);
    }
}
