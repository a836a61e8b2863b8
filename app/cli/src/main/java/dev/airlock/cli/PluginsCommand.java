package dev.airlock.cli;

import dev.airlock.core.export.Exporter;
import dev.airlock.core.guard.GuardDetector;
import dev.airlock.core.model.ModelBackendProvider;
import dev.airlock.core.plugin.Plugins;
import dev.airlock.core.tool.ToolProvider;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "plugins", description = {"List what Airlock loaded: the bundled providers, the plugin jars of the "
        + "plugin folder (--plugins DIR, else " + "~/.config/airlock/plugins) with what each provides, and the jars "
        + "that were refused and why."})
final class PluginsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Plugins plugins = Plugins.installed();
        PrintStream out = Output.out();
        out.println("plugin API " + Plugins.API_VERSION);
        out.println("bundled: " + String.join(", ", plugins.bundled(
                List.of(ModelBackendProvider.class, ToolProvider.class, GuardDetector.class, Exporter.class))));
        Path folder = plugins.folder();
        out.println("folder: " + (folder == null ? "none" : folder + (folder.toFile().isDirectory() ? ""
                : " (does not exist: no plugins)")));
        for (Plugins.Loaded l : plugins.loaded()) {
            out.println("  loaded  " + l.jar().getFileName() + ": " + String.join(", ", l.provides()));
        }
        for (Plugins.Refused r : plugins.refused()) {
            out.println("  refused " + r.jar().getFileName() + ": " + r.reason());
        }
        return ExitCode.OK;
    }
}
