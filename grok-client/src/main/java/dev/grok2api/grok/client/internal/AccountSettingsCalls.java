package dev.grok2api.grok.client.internal;

import dev.grok2api.core.config.GrokSettings;
import dev.grok2api.core.token.SsoCredential;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.ByteString;

/**
 * The account-settings requests (accept ToS, set birth date, enable NSFW) as the reference sends them: a minimal
 * header set, a Windows Chrome user agent, and {@code sso}/{@code sso-rw} cookies; gRPC-web framed bodies for the two
 * gRPC calls.
 */
public final class AccountSettingsCalls {
    private static final String USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    private static final MediaType GRPC_WEB = MediaType.get("application/grpc-web+proto");
    private static final MediaType JSON = MediaType.get("application/json");

    /** gRPC-web frame of a 2-byte message: field 2 (varint) = 1. */
    static final ByteString TOS_BODY =
            ByteString.of((byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 2, (byte) 0x10, (byte) 0x01);

    private AccountSettingsCalls() {}

    public static Request acceptTermsOfService(GrokSettings grok, SsoCredential credential) {
        return base(grok, credential, grok.accountsUrl(), grok.accountsUrl() + "/accept-tos")
                .url(grok.accountsUrl() + "/auth_mgmt.AuthManagement/SetTosAcceptedVersion")
                .header("x-grpc-web", "1")
                .post(RequestBody.create(TOS_BODY, GRPC_WEB))
                .build();
    }

    public static Request setBirthDate(GrokSettings grok, SsoCredential credential, LocalDate birthDate) {
        String body = "{\"birthDate\":\"" + birthDate + "T16:00:00.000Z\"}";
        return base(grok, credential, grok.baseUrl(), grok.baseUrl() + "/")
                .url(grok.baseUrl() + "/rest/auth/set-birth-date")
                .post(RequestBody.create(body, JSON))
                .build();
    }

    public static Request enableNsfw(GrokSettings grok, SsoCredential credential) {
        return base(grok, credential, grok.baseUrl(), grok.baseUrl() + "/?_s=data")
                .url(grok.baseUrl() + "/auth_mgmt.AuthManagement/UpdateUserFeatureControls")
                .header("x-grpc-web", "1")
                .post(RequestBody.create(nsfwBody(), GRPC_WEB))
                .build();
    }

    /**
     * {@code UpdateUserFeatureControls} with feature {@code always_show_nsfw_content} enabled: message {@code 0a 02
     * 10 01 12 1a 0a 18 <name>} in a gRPC-web frame.
     */
    static ByteString nsfwBody() {
        byte[] name = "always_show_nsfw_content".getBytes(StandardCharsets.US_ASCII);
        Buffer message = new Buffer()
                .write(new byte[] {0x0a, 0x02, 0x10, 0x01, 0x12, (byte) (name.length + 2), 0x0a, (byte) name.length})
                .write(name);
        long length = message.size();
        Buffer frame = new Buffer().writeByte(0).writeInt((int) length);
        frame.write(message, length);
        return frame.readByteString();
    }

    private static Request.Builder base(GrokSettings grok, SsoCredential credential, String origin, String referer) {
        StringBuilder cookie = new StringBuilder("sso=")
                .append(credential.sso())
                .append("; sso-rw=")
                .append(credential.ssoRw());
        String cf = grok.cfClearance();
        if (!cf.isEmpty()) {
            cookie.append("; cf_clearance=").append(cf.startsWith("cf_clearance=") ? cf.substring(13) : cf);
        }
        return new Request.Builder()
                .header("origin", origin)
                .header("referer", referer)
                .header("user-agent", USER_AGENT)
                .header("cookie", cookie.toString());
    }
}
