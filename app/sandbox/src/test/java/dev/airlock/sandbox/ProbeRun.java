package dev.airlock.sandbox;

import dev.airlock.core.runtime.Sandbox;
import dev.airlock.core.runtime.SandboxExit;
import dev.airlock.core.runtime.SandboxRequest;
import dev.airlock.core.runtime.SandboxRuntime;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** What a command run in a sandbox printed (stdout and stderr together) and how it ended. */
record ProbeRun(SandboxExit exit, String output) {

    static ProbeRun of(SandboxRuntime runtime, SandboxRequest request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Sandbox sandbox = runtime.launch(request)) {
            Sandbox.Follow follow = sandbox.followOutput((stderr, bytes) -> {
                synchronized (out) {
                    out.writeBytes(bytes);
                }
            });
            SandboxExit exit = sandbox.exit().get(60, TimeUnit.SECONDS);
            follow.awaitEnd(Duration.ofSeconds(10));
            follow.close();
            synchronized (out) {
                return new ProbeRun(exit, out.toString());
            }
        }
    }
}
