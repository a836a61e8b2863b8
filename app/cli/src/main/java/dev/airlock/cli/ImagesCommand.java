package dev.airlock.cli;

import dev.airlock.core.runtime.SandboxException;
import dev.airlock.sandbox.DockerSandboxRuntime;
import dev.airlock.sandbox.images.AgentJavaImage;
import dev.airlock.sandbox.images.ImageBuilder;
import dev.airlock.sandbox.images.ImageRecipe;
import dev.airlock.sandbox.images.ProbeImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "images", description = "Manage the sandbox images Airlock builds offline.",
        subcommands = ImagesCommand.Build.class)
final class ImagesCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Output.err().println("airlock images: name a subcommand (build)");
        return ExitCode.INVALID_INPUT;
    }

    @Command(name = "build", description = {"Build airlock/probe, airlock/agent-java and airlock/mcp-demo from local "
            + "material (busybox-static, the running JDK via jlink, the agent SDK, the demo MCP server); no registry.",
            "Images whose inputs did not change are kept."})
    static final class Build implements Callable<Integer> {

        @Option(names = "--only", split = ",", paramLabel = "IMAGE",
                description = "Build only these (airlock/probe, airlock/agent-java, airlock/mcp-demo).")
        List<String> only = List.of();

        @Override
        public Integer call() {
            try (DockerSandboxRuntime runtime = ProbeCommand.connect(Duration.ZERO)) {
                Set<String> known = Set.of(ProbeImage.TAG, AgentJavaImage.TAG, McpDemoImage.TAG);
                Set<String> wanted = only.isEmpty() ? known : Set.copyOf(only);
                for (String tag : wanted) {
                    if (!known.contains(tag)) {
                        throw new UserError("unknown image '" + tag + "' (known: " + ProbeImage.TAG + ", "
                                + AgentJavaImage.TAG + ", " + McpDemoImage.TAG + ")");
                    }
                }
                for (ImageBuilder.Result r : ensure(runtime, wanted)) {
                    Output.out().printf("%-20s %s %s%n", r.tag(), r.imageId().replace("sha256:", "").substring(0, 12),
                            r.built() ? String.format("built in %.1f s", r.seconds()) : "up to date");
                }
                return ExitCode.OK;
            }
        }
    }

    /** Builds what is missing or stale among {@code tags}, reporting each step on stderr. */
    static List<ImageBuilder.Result> ensure(DockerSandboxRuntime runtime, Set<String> tags) {
        List<ImageRecipe> recipes = new ArrayList<>();
        try {
            if (tags.contains(ProbeImage.TAG)) {
                recipes.add(ProbeImage.fromHost());
            }
            if (tags.contains(AgentJavaImage.TAG) || tags.contains(McpDemoImage.TAG)) {
                recipes.add(AgentJavaImage.fromThisProcess());
            }
            if (tags.contains(McpDemoImage.TAG)) {
                recipes.add(McpDemoImage.recipe());
            }
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
        ImageBuilder builder = new ImageBuilder(runtime.client());
        List<ImageBuilder.Result> results = new ArrayList<>();
        try {
            for (ImageRecipe recipe : recipes) {
                results.add(builder.ensure(recipe, line -> Output.err().println("airlock: " + line)));
            }
        } catch (SandboxException e) {
            throw new UserError(e.getMessage());
        }
        return results;
    }
}
