package dev.airlock.plugins.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;

/** One HTTP answer as http.fetch reports it; {@code location} is set for a redirect. */
record Page(int status, String contentType, String body, boolean truncated, String location) {

    static Page redirect(int status, String location) {
        return new Page(status, "", "", false, location);
    }

    ObjectNode toJson(URI url) {
        ObjectNode out = Json.MAPPER.createObjectNode().put("url", url.toString()).put("status", status)
                .put("contentType", contentType);
        out.put("body", body);
        return truncated ? out.put("truncated", true) : out;
    }
}
