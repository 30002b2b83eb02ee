package dev.grok2api.server.javalin.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes each log event as one JSON object per line: {@code time} (ISO-8601 with milliseconds and offset), {@code
 * level}, {@code logger}, {@code thread}, {@code request_id} (when the event happened during a request), {@code msg},
 * any other logging-context entries, and {@code stacktrace} when an exception was logged. Machine-readable for log
 * shippers; the admin log viewer renders it back into one readable line. Thread-safe (stateless).
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final byte[] NOTHING = new byte[0];

    private ZoneId zone = ZoneId.systemDefault();

    /** The zone times are written in (tests); the system's by default. */
    public void setZone(String zoneId) {
        this.zone = ZoneId.of(zoneId);
    }

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(256);
        out.append('{');
        field(out, "time", TIME.format(event.getInstant().atZone(zone)), true);
        field(out, "level", event.getLevel().toString(), false);
        field(out, "logger", event.getLoggerName(), false);
        field(out, "thread", event.getThreadName(), false);
        Map<String, String> context = new TreeMap<>(event.getMDCPropertyMap());
        String requestId = context.remove("requestId");
        if (requestId != null) {
            field(out, "request_id", requestId, false);
        }
        field(out, "msg", event.getFormattedMessage(), false);
        context.forEach((key, value) -> field(out, key, value, false));
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            field(out, "stacktrace", ThrowableProxyUtil.asString(thrown), false);
        }
        out.append("}\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }

    private static void field(StringBuilder out, String name, String value, boolean first) {
        if (!first) {
            out.append(',');
        }
        quote(out, name);
        out.append(':');
        quote(out, value == null ? "" : value);
    }

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
