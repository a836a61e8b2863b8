package dev.airlock.run.docker;

import dev.airlock.core.event.EventSink;
import dev.airlock.core.runtime.SandboxException;
import dev.airlock.run.Compartments;
import dev.airlock.run.RunException;
import dev.airlock.sandbox.DockerSandboxRuntime;
import dev.airlock.sandbox.images.AgentJavaImage;
import dev.airlock.sandbox.images.GateImage;
import dev.airlock.sandbox.images.ImageBuilder;
import dev.airlock.sandbox.images.ImageRecipe;
import dev.airlock.sandbox.images.ProbeImage;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The images Airlock builds offline from local material, by tag. */
public final class SandboxImages {

    public static final String PROBE = ProbeImage.TAG;
    public static final String AGENT_JAVA = AgentJavaImage.TAG;
    public static final String MCP_DEMO = McpDemoImage.TAG;
    public static final Set<String> ALL = Set.of(PROBE, AGENT_JAVA, MCP_DEMO);
    /**
     * The gate as a workload (Compose, Kubernetes). Not in {@link #ALL}: runs do not need it, and only a packaged
     * Airlock can build it, since it carries the packaged jar.
     */
    public static final String GATE = GateImage.TAG;

    /** What {@code airlock images build} builds when told nothing: {@link #ALL}, and the gate when it can. */
    public static Set<String> buildableHere() {
        if (!GateImage.buildableHere()) {
            return ALL;
        }
        Set<String> all = new java.util.HashSet<>(ALL);
        all.add(GATE);
        return Set.copyOf(all);
    }

    /** One image after {@link #ensure}: built now, or already up to date. */
    public record Outcome(String tag, String shortId, boolean built, double seconds) {
    }

    private SandboxImages() {
    }

    /** Connects to the engine and builds what is missing or stale among {@code tags}. */
    public static List<Outcome> build(Set<String> tags, Compartments.Progress progress) {
        try (DockerSandboxRuntime runtime = DockerCompartments.connect(EventSink.NONE, Duration.ZERO)) {
            return ensure(runtime, tags, progress);
        }
    }

    /** Whether each image Airlock builds is there and built from today's inputs, by tag; builds nothing. */
    public static Map<String, ImageBuilder.State> states(DockerSandboxRuntime runtime) {
        Map<String, ImageBuilder.State> states = new TreeMap<>();
        ImageBuilder builder = new ImageBuilder(runtime.client());
        try {
            for (ImageRecipe recipe : recipes(ALL)) {
                states.put(recipe.tag(), builder.state(recipe));
            }
        } catch (SandboxException e) {
            throw new RunException(e.getMessage());
        }
        return states;
    }

    /** The gate image's state, when this process can build it (a packaged Airlock); empty otherwise. */
    public static java.util.Optional<ImageBuilder.State> gateState(DockerSandboxRuntime runtime) {
        if (!GateImage.buildableHere()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new ImageBuilder(runtime.client()).state(GateImage.fromThisProcess()));
        } catch (IOException | SandboxException e) {
            throw new RunException(e.getMessage());
        }
    }

    /** Builds what is missing or stale among {@code tags}, reporting each step to {@code progress}. */
    static List<Outcome> ensure(DockerSandboxRuntime runtime, Set<String> tags, Compartments.Progress progress) {
        List<ImageRecipe> recipes = recipes(tags);
        ImageBuilder builder = new ImageBuilder(runtime.client());
        List<Outcome> results = new ArrayList<>();
        try {
            for (ImageRecipe recipe : recipes) {
                ImageBuilder.Result r = builder.ensure(recipe, progress::step);
                results.add(new Outcome(r.tag(), r.imageId().replace("sha256:", "").substring(0, 12), r.built(),
                        r.seconds()));
            }
        } catch (SandboxException e) {
            throw new RunException(e.getMessage());
        }
        return results;
    }

    private static List<ImageRecipe> recipes(Set<String> tags) {
        List<ImageRecipe> recipes = new ArrayList<>();
        try {
            if (tags.contains(PROBE)) {
                recipes.add(ProbeImage.fromHost());
            }
            if (tags.contains(AGENT_JAVA) || tags.contains(MCP_DEMO)) {
                recipes.add(AgentJavaImage.fromThisProcess());
            }
            if (tags.contains(MCP_DEMO)) {
                recipes.add(McpDemoImage.recipe());
            }
            if (tags.contains(GATE)) {
                recipes.add(GateImage.fromThisProcess());
            }
        } catch (IOException e) {
            throw new RunException(e.getMessage());
        }
        return recipes;
    }
}
