package dev.grok2api.grok.client;

import dev.grok2api.core.config.GrokSettings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.UpstreamStreamException;
import dev.grok2api.core.error.UpstreamTimeoutException;
import dev.grok2api.core.error.UpstreamUnavailableException;
import dev.grok2api.core.port.GrokUpstream;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.upstream.ConversationRequest;
import dev.grok2api.core.upstream.GrokEvent;
import dev.grok2api.core.upstream.GrokEventSink;
import dev.grok2api.core.upstream.RateLimits;
import dev.grok2api.grok.client.internal.AccountSettingsCalls;
import dev.grok2api.grok.client.internal.ChatBody;
import dev.grok2api.grok.client.internal.GrokErrorClassifier;
import dev.grok2api.grok.client.internal.GrokFrameDecoder;
import dev.grok2api.grok.client.internal.GrokHeaders;
import dev.grok2api.grok.client.internal.GrokStreamReader;
import dev.grok2api.grok.client.internal.GrpcWeb;
import dev.grok2api.grok.client.internal.HttpClients;
import dev.grok2api.grok.client.internal.RateLimitsReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.Objects;
import java.util.random.RandomGenerator;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * {@link GrokUpstream} over OkHttp: the reference generation of Grok's web API ({@code conversations/new} with an
 * NDJSON answer stream). Base URLs, proxies, timeouts and headers come from the settings in force at each call.
 *
 * <p>Thread-safe; one instance serves the whole process.
 */
public final class OkHttpGrokUpstream implements GrokUpstream {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int ERROR_BODY_LIMIT = 4096;

    private final SettingsSource settings;
    private final HttpClients clients;
    private final GrokHeaders headers;
    private final InstantSource clock;

    private OkHttpGrokUpstream(Builder builder) {
        this.settings = Objects.requireNonNull(builder.settings, "settings");
        this.clients = new HttpClients(builder.client != null ? builder.client : new OkHttpClient());
        this.headers = new GrokHeaders(builder.random);
        this.clock = builder.clock;
    }

    /** Starts a builder; only the settings source is required. */
    public static Builder builder(SettingsSource settings) {
        return new Builder(settings);
    }

    @Override
    public void chat(ConversationRequest request, SsoCredential credential, GrokEventSink sink) {
        GrokSettings grok = settings.current().grok();
        Request httpRequest = headers.apply(new Request.Builder(), grok, credential, grok.baseUrl() + "/")
                .url(grok.baseUrl() + "/rest/app-chat/conversations/new")
                .post(RequestBody.create(
                        ChatBody.write(request, grok.temporary()).readByteString(), JSON))
                .build();
        Call call = clients.forChat(grok).newCall(httpRequest);
        try (Response response = execute(call, grok)) {
            if (response.code() != 200) {
                throw GrokErrorClassifier.classify(
                        response.code(), response.header("Retry-After"), peek(response), clock.instant());
            }
            readStream(call, response.body(), grok, sink);
        }
    }

    @Override
    public RateLimits rateLimits(String modelName, SsoCredential credential) {
        GrokSettings grok = settings.current().grok();
        String body = "{\"requestKind\":\"DEFAULT\",\"modelName\":" + quote(modelName) + "}";
        Request request = headers.apply(new Request.Builder(), grok, credential, grok.baseUrl() + "/")
                .url(grok.baseUrl() + "/rest/rate-limits")
                .post(RequestBody.create(body, JSON))
                .build();
        return RateLimitsReader.read(callForBody(request, grok));
    }

    @Override
    public void acceptTermsOfService(SsoCredential credential) {
        GrokSettings grok = settings.current().grok();
        GrpcWeb.requireOk(callForGrpc(AccountSettingsCalls.acceptTermsOfService(grok, credential), grok), "accept ToS");
    }

    @Override
    public void setBirthDate(SsoCredential credential, LocalDate birthDate) {
        GrokSettings grok = settings.current().grok();
        callForBody(AccountSettingsCalls.setBirthDate(grok, credential, birthDate), grok);
    }

    @Override
    public void enableNsfw(SsoCredential credential) {
        GrokSettings grok = settings.current().grok();
        GrpcWeb.requireOk(callForGrpc(AccountSettingsCalls.enableNsfw(grok, credential), grok), "enable NSFW");
    }

    /** Makes a short call and returns its body; a non-200 answer becomes the classified exception. */
    private String callForBody(Request request, GrokSettings grok) {
        try (Response response = execute(clients.forApi(grok).newCall(request), grok)) {
            if (response.code() != 200) {
                throw GrokErrorClassifier.classify(
                        response.code(), response.header("Retry-After"), peek(response), clock.instant());
            }
            return response.body().string();
        } catch (IOException e) {
            throw UpstreamStreamException.truncated(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private GrpcWeb.Reply callForGrpc(Request request, GrokSettings grok) {
        try (Response response = execute(clients.forApi(grok).newCall(request), grok)) {
            if (response.code() != 200) {
                throw GrokErrorClassifier.classify(
                        response.code(), response.header("Retry-After"), peek(response), clock.instant());
            }
            return new GrpcWeb.Reply(
                    response.header("grpc-status"),
                    response.header("grpc-message"),
                    response.body().bytes());
        } catch (IOException e) {
            throw UpstreamStreamException.truncated(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Response execute(Call call, GrokSettings grok) {
        try {
            return call.execute();
        } catch (SocketTimeoutException e) {
            throw new UpstreamTimeoutException(UpstreamTimeoutException.Phase.FIRST_BYTE, grok.firstByteTimeout(), e);
        } catch (InterruptedIOException e) {
            throw new UpstreamTimeoutException(UpstreamTimeoutException.Phase.TOTAL, grok.totalTimeout(), e);
        } catch (IOException e) {
            throw new UpstreamUnavailableException(
                    0,
                    "Could not reach Grok at " + grok.baseUrl() + ": check the network, grok.base_url and"
                            + " grok.base_proxy_url.",
                    e.getClass().getSimpleName() + ": " + e.getMessage(),
                    e);
        }
    }

    private static void readStream(Call call, ResponseBody body, GrokSettings grok, GrokEventSink sink) {
        GrokStreamReader reader = new GrokStreamReader(new GrokFrameDecoder());
        BufferedSource source = body.source();
        try {
            reader.readAll(source, (GrokEvent event) -> sink.accept(event));
        } catch (SocketTimeoutException e) {
            throw new UpstreamTimeoutException(UpstreamTimeoutException.Phase.IDLE, grok.idleTimeout(), e);
        } catch (InterruptedIOException e) {
            throw new UpstreamTimeoutException(UpstreamTimeoutException.Phase.TOTAL, grok.totalTimeout(), e);
        } catch (IOException e) {
            throw UpstreamStreamException.truncated(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // The sink gave up (client gone, or an error it classified): stop reading from Grok at once.
            call.cancel();
            throw e;
        }
    }

    private static String peek(Response response) {
        try {
            return response.peekBody(ERROR_BODY_LIMIT).string();
        } catch (IOException e) {
            return "";
        }
    }

    /** Builder for {@link OkHttpGrokUpstream}. */
    public static final class Builder {
        private final SettingsSource settings;
        private OkHttpClient client;
        private RandomGenerator random = new java.security.SecureRandom();
        private InstantSource clock = InstantSource.system();

        private Builder(SettingsSource settings) {
            this.settings = settings;
        }

        /** A base client whose connection pool and dispatcher are shared; proxy and timeouts are set per call. */
        public Builder client(OkHttpClient client) {
            this.client = client;
            return this;
        }

        /** Source of statsig and request ids. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** Time source (for {@code Retry-After} dates). */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public OkHttpGrokUpstream build() {
            return new OkHttpGrokUpstream(this);
        }
    }
}
