package dev.airlock.sandbox;

import dev.airlock.core.event.EventSink;
import dev.airlock.core.runtime.SandboxRequest;
import dev.airlock.sandbox.images.AgentJavaImage;
import dev.airlock.sandbox.images.AgentLayerImage;
import dev.airlock.sandbox.images.ClassJar;
import dev.airlock.sandbox.images.ImageBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AgentJavaImageTest {

    @Test
    void readsTheFeatureVersionFromTheRuntimesReleaseFile() throws Exception {
        assertThat(AgentJavaImage.featureVersion("IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.3\"\n"))
                .isEqualTo(25);
        assertThat(AgentJavaImage.featureVersion("JAVA_VERSION=\"21.0.5\"")).isEqualTo(21);
        assertThat(AgentJavaImage.featureVersion("nothing here")).isZero();
        assertThat(AgentJavaImage.featureVersion(Files.readString(Path.of(System.getProperty("java.home"), "release"))))
                .isEqualTo(Runtime.version().feature());
    }

    /**
     * The cache is made during the build and really used, with no option, by an agent under the full profile
     * (read-only root, a uid with no account in the image), also when an agent layer adds its own jar to the class path.
     */
    @Test
    void agentsStartFromTheAheadOfTimeCacheUnderTheAgentsProfile() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 25,
                "ahead-of-time caches need JDK 25; this JDK's image uses CDS only");
        try (DockerSandboxRuntime runtime = Engine.runtime(EventSink.NONE)) {
            Engine.ensureAgentJava(runtime);
            String layer = "airlock-test/aot-layer:" + ProcessHandle.current().pid();
            new ImageBuilder(runtime.client()).ensure(new AgentLayerImage(layer, AgentJavaImage.TAG,
                    ClassJar.entries(AgentJavaImageTest.class, "dev/airlock/sandbox/")),
                    ImageBuilder.Progress.NONE);
            try {
                for (String image : List.of(AgentJavaImage.TAG, layer)) {
                    ProbeRun run = ProbeRun.of(runtime, new SandboxRequest("aot-" + ProcessHandle.current().pid(),
                            "aot", image, List.of("java", "-Xlog:aot=info:stderr", "-version"), Map.of(), null,
                            null, null));
                    assertThat(run.exit().exitCode()).isZero();
                    assertThat(run.output()).as(image).contains("Using AOT-linked classes: true")
                            .doesNotContain("NOTE: Picked up", "[error]", "[warning]");
                }
            } finally {
                runtime.client().removeImageCmd(layer).withForce(true).exec();
            }
        }
    }
}
