package dev.grok2api.testkit.grok;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request {@link MockGrokServer} received, kept for assertions.
 *
 * @param method HTTP method
 * @param path path with query
 * @param headers header name (lower-case) → values in order
 * @param body the body as UTF-8 text
 * @param bodyBytes the raw body (for binary gRPC-web frames)
 */
public record RecordedGrokRequest(
        String method, String path, Map<String, List<String>> headers, String body, byte[] bodyBytes) {
    public RecordedGrokRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
        bodyBytes = bodyBytes.clone();
    }

    /** A copy of the raw body. */
    @Override
    public byte[] bodyBytes() {
        return bodyBytes.clone();
    }

    /** The first value of a header (case-insensitive name), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The cookies of the {@code Cookie} header; both {@code ;} and {@code ; } separators are accepted. */
    public Map<String, String> cookies() {
        Map<String, String> cookies = new LinkedHashMap<>();
        String header = header("cookie");
        if (header != null) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.put(
                            pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
        }
        return cookies;
    }

    /** The account the request was made as: the {@code sso} cookie, else {@code sso-rw}; null without either. */
    public String sso() {
        Map<String, String> cookies = cookies();
        return cookies.getOrDefault("sso", cookies.get("sso-rw"));
    }

    /** The body parsed as JSON ({@link JsonText#parse}). */
    public Object json() {
        return JsonText.parse(body);
    }

    /** A field of the JSON body by dotted path, e.g. {@code responseMetadata.requestModelDetails.modelId}. */
    public Object jsonAt(String path) {
        return JsonText.at(json(), path);
    }
}
