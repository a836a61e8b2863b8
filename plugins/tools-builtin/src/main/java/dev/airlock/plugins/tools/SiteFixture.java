package dev.airlock.plugins.tools;

import dev.airlock.core.tool.ToolException;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * An offline web for workshops and samples: {@code SITE/HOST/PATH} answers {@code http(s)://HOST/PATH}, a
 * directory answers with its {@code index.html}, and a file named {@code NAME.redirect} holding a URL answers with
 * a 302 to it. Nothing leaves the machine; the allowlist and redirect checks still apply to every URL.
 */
final class SiteFixture {

    private final WorkspacePaths root;

    SiteFixture(Path dir) {
        this.root = new WorkspacePaths(dir);
    }

    Page page(URI url, int maxBytes) throws ToolException {
        String path = url.getPath() == null || url.getPath().isEmpty() ? "/" : url.getPath();
        String relative = EgressPolicy.host(url) + path;
        Path file;
        try {
            file = root.resolve(relative.endsWith("/") ? relative + "index.html" : relative);
        } catch (ToolException e) {
            return notFound();
        }
        try {
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                file = file.resolve("index.html");
            }
            Path redirect = file.resolveSibling(file.getFileName() + ".redirect");
            if (Files.isRegularFile(redirect, LinkOption.NOFOLLOW_LINKS)) {
                return Page.redirect(302, Files.readString(redirect).trim());
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return notFound();
            }
            byte[] bytes = Files.readAllBytes(file);
            boolean truncated = bytes.length > maxBytes;
            String body = new String(bytes, 0, Math.min(bytes.length, maxBytes), StandardCharsets.UTF_8);
            return new Page(200, contentType(file), body, truncated, null);
        } catch (IOException e) {
            throw ToolException.failed("fixture page unreadable: " + relative);
        }
    }

    private static Page notFound() {
        return new Page(404, "text/plain", "not found", false, null);
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        return name.endsWith(".json") ? "application/json" : "text/plain; charset=utf-8";
    }
}
