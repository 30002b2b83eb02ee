package dev.grok2api.server.javalin.http;

import dev.grok2api.core.config.SettingsSource;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's address as this server should believe it: the connection's address, unless that is one of the
 * reverse proxies listed in {@code app.trusted_proxies}; then the right-most address in {@code X-Forwarded-For} that
 * is not a trusted proxy (addresses further left could be forged by the client). Used for login throttling and the
 * request log. Thread-safe.
 */
public final class ClientAddresses {
    private final SettingsSource settings;
    private volatile Parsed parsed = new Parsed(List.of(), List.of());

    private record Parsed(List<String> source, List<Range> ranges) {}

    /** An address range: the first {@code bits} bits of {@code network}. */
    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    public ClientAddresses(SettingsSource settings) {
        this.settings = settings;
    }

    /** The client's address for this request. */
    public String of(Context ctx) {
        return resolve(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
    }

    /**
     * The client's address given the connection's address and the {@code X-Forwarded-For} header (may be null).
     */
    String resolve(String remote, String forwardedFor) {
        List<Range> trusted = trusted();
        if (trusted.isEmpty() || forwardedFor == null || !isTrusted(remote, trusted)) {
            return remote;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !isTrusted(hop, trusted)) {
                return hop;
            }
        }
        String first = hops.length == 0 ? "" : hops[0].trim();
        return first.isEmpty() ? remote : first;
    }

    private List<Range> trusted() {
        List<String> configured = settings.current().strings("app.trusted_proxies");
        Parsed current = parsed;
        if (!current.source().equals(configured)) {
            List<Range> ranges = new ArrayList<>();
            for (String entry : configured) {
                Range range = range(entry);
                if (range != null) {
                    ranges.add(range);
                }
            }
            current = new Parsed(configured, List.copyOf(ranges));
            parsed = current;
        }
        return current.ranges();
    }

    private static boolean isTrusted(String address, List<Range> trusted) {
        byte[] bytes = literal(address);
        if (bytes == null) {
            return false;
        }
        for (Range range : trusted) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** An address or CIDR range, or null when it is neither (such entries are ignored). */
    private static Range range(String entry) {
        String text = entry.trim();
        int slash = text.indexOf('/');
        byte[] network = literal(slash < 0 ? text : text.substring(0, slash));
        if (network == null) {
            return null;
        }
        int bits = network.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (bits < 0 || bits > network.length * 8) {
                return null;
            }
        }
        return new Range(network, bits);
    }

    /** The bytes of an IP literal, or null when the text is not one (never a DNS lookup). */
    private static byte[] literal(String text) {
        String candidate = text.trim();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        boolean ipv4 = candidate.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = candidate.contains(":") && candidate.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+");
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return InetAddress.getByName(candidate).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
