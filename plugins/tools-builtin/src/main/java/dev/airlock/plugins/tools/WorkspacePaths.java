package dev.airlock.plugins.tools;

import dev.airlock.core.tool.ToolException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Maps an agent's relative path into a workspace and refuses anything that could leave it: absolute paths,
 * {@code ..}, and symbolic links anywhere along the way (a link planted inside could point outside).
 */
final class WorkspacePaths {

    static final String RULE_TRAVERSAL = "files.traversal";
    static final String RULE_LINK = "files.link";

    private final Path root;

    WorkspacePaths(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Path resolve(String relative) throws ToolException {
        if (relative == null || relative.isBlank() || relative.indexOf('\0') >= 0) {
            throw ToolException.refused(RULE_TRAVERSAL, "a path inside the workspace is required");
        }
        Path asked;
        try {
            asked = Path.of(relative);
        } catch (InvalidPathException e) {
            throw ToolException.refused(RULE_TRAVERSAL, "'" + relative + "' is not a path");
        }
        if (asked.isAbsolute() || relative.startsWith("/") || relative.startsWith("\\")) {
            throw ToolException.refused(RULE_TRAVERSAL, "'" + relative + "' is absolute; paths are relative to the workspace");
        }
        for (Path part : asked) {
            if (part.toString().equals("..")) {
                throw ToolException.refused(RULE_TRAVERSAL, "'" + relative + "' climbs out with '..'");
            }
        }
        Path target = root.resolve(asked).normalize();
        if (!target.startsWith(root)) {
            throw ToolException.refused(RULE_TRAVERSAL, "'" + relative + "' is outside the workspace");
        }
        Path walked = root;
        for (Path part : root.relativize(target)) {
            walked = walked.resolve(part);
            if (Files.isSymbolicLink(walked)) {
                throw ToolException.refused(RULE_LINK, "'" + root.relativize(walked) + "' is a symbolic link");
            }
        }
        return target;
    }

    static LinkOption[] noFollow() {
        return new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
    }
}
