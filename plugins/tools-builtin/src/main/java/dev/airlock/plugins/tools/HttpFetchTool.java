package dev.airlock.plugins.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.core.model.ToolDefinition;
import dev.airlock.core.tool.Tool;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.tool.ToolInvocation;
import dev.airlock.core.tool.ToolResult;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code http.fetch}: GET a page from an allowlisted host. Each URL, each redirect target and each DNS answer is
 * checked by the {@link EgressPolicy} before a connection is attempted, and again by the resolver the HTTP client
 * connects through, so an answer that changes between check and connect is still caught. With a
 * {@link SiteFixture} (workshops, offline samples) pages come from files instead, after the same allowlist check.
 */
final class HttpFetchTool implements Tool {

    static final String RULE_REDIRECT = "egress.redirect";
    private static final int MAX_REDIRECTS = 5;
    private static final String SCHEMA = """
            {"type":"object","properties":{"url":{"type":"string","description":"http(s) URL on an allowlisted host"}},\
            "required":["url"]}""";

    private final String id;
    private final String description;
    private final EgressPolicy policy;
    private final HostResolver resolver;
    private final int maxBytes;
    private final SiteFixture site;
    private final CloseableHttpClient client;
    private final Set<String> addressesHandedOut = ConcurrentHashMap.newKeySet();

    HttpFetchTool(String id, String description, EgressPolicy policy, HostResolver resolver, int maxBytes, Duration timeout,
                  SiteFixture site) {
        this.id = id;
        this.description = description.isEmpty() ? "Fetch a web page from an allowlisted host" : description;
        this.policy = policy;
        this.resolver = resolver;
        this.maxBytes = maxBytes;
        this.site = site;
        Timeout t = Timeout.of(timeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckingResolver())
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(t).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    @Override
    public List<ToolDefinition> definitions() {
        return List.of(new ToolDefinition(id, description, SCHEMA));
    }

    /** Every address the HTTP client was ever given to connect to; a refused call adds none. */
    Set<String> addressesHandedOut() {
        return Set.copyOf(addressesHandedOut);
    }

    @Override
    public ToolResult call(ToolInvocation invocation) throws ToolException {
        URI url = parseUrl(Json.read(invocation.argumentsJson()).path("url").asText(""));
        for (int hop = 0; ; hop++) {
            checkBeforeConnecting(url);
            Page page = get(url);
            if (page.location() == null) {
                return new ToolResult(page.toJson(url).toString());
            }
            if (hop == MAX_REDIRECTS) {
                throw ToolException.refused(RULE_REDIRECT, "more than " + MAX_REDIRECTS + " redirects from " + url);
            }
            URI next = url.resolve(page.location());
            try {
                checkBeforeConnecting(next);
            } catch (ToolException e) {
                throw ToolException.refused(RULE_REDIRECT, "redirect from " + url + " to " + next + " refused ("
                        + e.rule() + "): " + e.getMessage());
            }
            url = next;
        }
    }

    private static URI parseUrl(String text) throws ToolException {
        try {
            URI url = new URI(text);
            if (!url.isAbsolute()) {
                throw ToolException.refused(EgressPolicy.RULE_SCHEME, "'" + text + "' is not an absolute URL");
            }
            return url;
        } catch (URISyntaxException e) {
            throw ToolException.refused(EgressPolicy.RULE_SCHEME, "'" + text + "' is not a URL");
        }
    }

    private void checkBeforeConnecting(URI url) throws ToolException {
        policy.checkUrl(url);
        if (site != null) {
            return; // fixture pages are files: no name is resolved, nothing is connected to
        }
        String host = EgressPolicy.host(url);
        try {
            policy.checkAddresses(host, resolver.resolve(host));
        } catch (UnknownHostException e) {
            throw ToolException.failed("cannot resolve '" + host + "'");
        }
    }

    private Page get(URI url) throws ToolException {
        if (site != null) {
            return site.page(url, maxBytes);
        }
        try {
            return client.execute(new HttpGet(url), this::read);
        } catch (RefusedHost e) {
            throw e.refusal;
        } catch (InterruptedIOException e) {
            throw ToolException.failed(url + " did not answer in time");
        } catch (IOException e) {
            throw ToolException.failed("cannot fetch " + url + ": " + e.getMessage());
        }
    }

    private Page read(ClassicHttpResponse response) throws IOException {
        int status = response.getCode();
        Header location = response.getFirstHeader("Location");
        if (status / 100 == 3 && location != null) {
            return Page.redirect(status, location.getValue());
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new Page(status, "", "", false, null);
        }
        try (InputStream in = entity.getContent()) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            boolean truncated = bytes.length > maxBytes;
            int length = Math.min(bytes.length, maxBytes);
            String contentType = entity.getContentType() == null ? "" : entity.getContentType();
            return new Page(status, contentType, new String(bytes, 0, length, StandardCharsets.UTF_8), truncated, null);
        }
    }

    @Override
    public void close() {
        client.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE);
    }

    /** Carries a refusal out of the HTTP client, which only lets I/O exceptions through its resolver. */
    private static final class RefusedHost extends UnknownHostException {
        private final transient ToolException refusal;

        RefusedHost(ToolException refusal) {
            super(refusal.getMessage());
            this.refusal = refusal;
        }
    }

    private final class CheckingResolver implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = resolver.resolve(host);
            try {
                policy.checkAddresses(host, addresses);
            } catch (ToolException e) {
                throw new RefusedHost(e);
            }
            for (InetAddress a : addresses) {
                addressesHandedOut.add(a.getHostAddress());
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }
}
