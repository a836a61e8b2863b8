package dev.airlock.cli;

import dev.airlock.core.plugin.Plugins;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads the plugin folder before any command runs, so that validation, runs, scans and the workbench all see the
 * same catalog: {@code --plugins DIR} when given (it must exist), else the user's config folder when it exists.
 * Each refused jar is one line on stderr; the command runs on without it.
 */
final class PluginFolder {

    static final String OPTION = "--plugins";

    private PluginFolder() {
    }

    static void install(CommandLine.ParseResult parsed, Map<String, String> env) {
        Path given = null;
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(OPTION)) {
                given = p.matchedOptionValue(OPTION, null);
            }
        }
        if (given != null && !Files.isDirectory(given)) {
            throw new UserError(OPTION + ": " + given + " is not a directory; name the folder that holds the "
                    + "plugin jars");
        }
        Plugins plugins = Plugins.install(given != null ? given : userFolder(env));
        for (Plugins.Refused r : plugins.refused()) {
            Output.err().println("airlock: plugin " + r.jar() + " refused: " + r.reason());
        }
    }

    /** {@code $XDG_CONFIG_HOME/airlock/plugins}, else {@code ~/.config/airlock/plugins}. */
    static Path userFolder(Map<String, String> env) {
        String config = env.get("XDG_CONFIG_HOME");
        Path base = config != null && !config.isBlank() ? Path.of(config)
                : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("airlock").resolve("plugins");
    }
}
