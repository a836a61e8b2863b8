package dev.airlock.cli;

import dev.airlock.run.docker.SandboxImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
            "From the packaged command also airlock/gate (the gate as a workload: this jar and a linked runtime).",
            "Images whose inputs did not change are kept."})
    static final class Build implements Callable<Integer> {

        @Option(names = "--only", split = ",", paramLabel = "IMAGE",
                description = "Build only these (airlock/probe, airlock/agent-java, airlock/mcp-demo, airlock/gate).")
        List<String> only = List.of();

        @Override
        public Integer call() {
            for (String tag : only) {
                if (!SandboxImages.ALL.contains(tag) && !SandboxImages.GATE.equals(tag)) {
                    TreeSet<String> known = new TreeSet<>(SandboxImages.ALL);
                    known.add(SandboxImages.GATE);
                    throw new UserError("unknown image '" + tag + "' (known: " + String.join(", ", known) + ")");
                }
            }
            Set<String> wanted = only.isEmpty() ? SandboxImages.buildableHere() : Set.copyOf(only);
            for (SandboxImages.Outcome r : SandboxImages.build(wanted, line -> Output.err().println("airlock: " + line))) {
                Output.out().printf("%-20s %s %s%n", r.tag(), r.shortId(),
                        r.built() ? String.format("built in %.1f s", r.seconds()) : "up to date");
            }
            return ExitCode.OK;
        }
    }
}
