package dev.airlock.sandbox;

import dev.airlock.core.event.EventSink;
import dev.airlock.core.runtime.SandboxRequest;
import dev.airlock.core.topology.Resources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A host process for the kill -9 test: starts a sandbox with a pipe directory and a temporary image, says so on
 * stdout, then waits to be killed without any chance to clean up.
 */
public final class DyingHost {

    private DyingHost() {
    }

    public static void main(String[] args) throws Exception {
        String runId = args[0];
        DockerSandboxRuntime runtime = DockerSandboxRuntime.connect(EventSink.NONE, Duration.ZERO);
        Path run = runtime.directories().createRun(runId);
        Path pipe = Files.createDirectory(run.resolve("0-victim"));
        new dev.airlock.sandbox.images.ImageBuilder(runtime.client()).ensure(
                new dev.airlock.sandbox.images.AgentLayerImage("airlock-test/tmp-" + runId, "airlock/probe",
                        Map.of("marker.txt", runId.getBytes())),
                dev.airlock.sandbox.images.ImageBuilder.Progress.NONE,
                dev.airlock.sandbox.images.ImageBuilder.temporaryLabels(runId));
        runtime.launch(new SandboxRequest(runId, "victim", "airlock-test/tmp-" + runId, List.of("sleep", "300"),
                Map.of(), Resources.DEFAULT, null, pipe));
        System.out.println("UP");
        System.out.flush();
        Thread.sleep(600_000);
    }
}
