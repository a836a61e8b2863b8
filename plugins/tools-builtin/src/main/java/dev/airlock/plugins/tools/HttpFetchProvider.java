package dev.airlock.plugins.tools;

import dev.airlock.core.tool.Tool;
import dev.airlock.core.tool.ToolContext;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.tool.ToolProvider;
import dev.airlock.core.topology.ByteSize;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;

import java.time.Duration;

/**
 * Options: {@code maxBytes} (default 1Mi, larger pages are cut), {@code timeoutSeconds} (default 10), {@code site}
 * (a directory beside the topology that stands in for the web, see {@link SiteFixture}).
 */
public final class HttpFetchProvider implements ToolProvider {

    @Override
    public ToolType type() {
        return ToolType.HTTP_FETCH;
    }

    @Override
    public Tool create(ToolSpec spec, ToolContext context) throws ToolException {
        String site = spec.options().get("site");
        return create(spec, HostResolver.SYSTEM, site == null ? null : new SiteFixture(context.baseDir().resolve(site)));
    }

    static HttpFetchTool create(ToolSpec spec, HostResolver resolver, SiteFixture site) throws ToolException {
        long maxBytes;
        int timeout;
        try {
            maxBytes = ByteSize.parse(spec.options().getOrDefault("maxBytes", "1Mi")).bytes();
            timeout = Integer.parseInt(spec.options().getOrDefault("timeoutSeconds", "10"));
        } catch (IllegalArgumentException e) {
            throw ToolException.failed("tool '" + spec.id() + "': " + e.getMessage());
        }
        if (maxBytes < 1 || maxBytes > 64L << 20 || timeout < 1 || timeout > 300) {
            throw ToolException.failed("tool '" + spec.id() + "': maxBytes must be 1..64Mi and timeoutSeconds 1..300");
        }
        return new HttpFetchTool(spec.id(), spec.description(), new EgressPolicy(spec.allow()), resolver,
                (int) maxBytes, Duration.ofSeconds(timeout), site);
    }
}
