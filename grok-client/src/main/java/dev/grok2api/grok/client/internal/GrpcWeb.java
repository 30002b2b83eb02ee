package dev.grok2api.grok.client.internal;

import dev.grok2api.core.error.UpstreamException;
import java.nio.charset.StandardCharsets;

/**
 * gRPC-web status handling: the status arrives as a {@code grpc-status} header or in a trailer frame (flag {@code
 * 0x80}) at the end of the body. Absent or {@code 0} means success.
 */
public final class GrpcWeb {
    private GrpcWeb() {}

    /** A gRPC-web answer: status and message headers (or null) and the raw body. */
    public record Reply(String statusHeader, String messageHeader, byte[] body) {}

    /**
     * @param what the step, for the error message
     * @throws UpstreamException when the call reported a non-zero gRPC status
     */
    public static void requireOk(Reply reply, String what) {
        String status =
                reply.statusHeader() != null ? reply.statusHeader().trim() : trailerValue(reply.body(), "grpc-status");
        if (status == null || status.isEmpty() || status.equals("0")) {
            return;
        }
        String message =
                reply.messageHeader() != null ? reply.messageHeader() : trailerValue(reply.body(), "grpc-message");
        throw new UpstreamException(
                200, "gRPC status " + status + " on " + what + (message == null ? "" : ": " + message));
    }

    /** The value of a trailer field in the body's trailer frames, or null. */
    static String trailerValue(byte[] body, String name) {
        int position = 0;
        while (position + 5 <= body.length) {
            int flags = body[position] & 0xff;
            int length = ((body[position + 1] & 0xff) << 24)
                    | ((body[position + 2] & 0xff) << 16)
                    | ((body[position + 3] & 0xff) << 8)
                    | (body[position + 4] & 0xff);
            int start = position + 5;
            if (length < 0 || start + length > body.length) {
                return null;
            }
            if ((flags & 0x80) != 0) {
                String trailers = new String(body, start, length, StandardCharsets.UTF_8);
                for (String line : trailers.split("\r\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                        return line.substring(colon + 1).trim();
                    }
                }
            }
            position = start + length;
        }
        return null;
    }
}
