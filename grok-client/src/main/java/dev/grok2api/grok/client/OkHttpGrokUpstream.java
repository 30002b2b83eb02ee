package dev.grok2api.grok.client;

import dev.grok2api.core.chat.Cancellation;
import dev.grok2api.core.config.GrokSettings;
import dev.grok2api.core.config.SettingsSource;
import dev.grok2api.core.error.UpstreamStreamException;
import dev.grok2api.core.error.UpstreamTimeoutException;
import dev.grok2api.core.error.UpstreamUnavailableException;
import dev.grok2api.core.port.GrokUpstream;
import dev.grok2api.core.token.SsoCredential;
import dev.grok2api.core.upstream.AssetDownload;
import dev.grok2api.core.upstream.AssetPage;
import dev.grok2api.core.upstream.ConversationRequest;
import dev.grok2api.core.upstream.FileUpload;
import dev.grok2api.core.upstream.GrokEventSink;
import dev.grok2api.core.upstream.ImagineListener;
import dev.grok2api.core.upstream.ImagineRequest;
import dev.grok2api.core.upstream.MediaPostRequest;
import dev.grok2api.core.upstream.RateLimits;
import dev.grok2api.core.upstream.UploadedFile;
import dev.grok2api.grok.client.internal.AccountSettingsCalls;
import dev.grok2api.grok.client.internal.AssetCalls;
import dev.grok2api.grok.client.internal.ChatBody;
import dev.grok2api.grok.client.internal.GrokErrorClassifier;
import dev.grok2api.grok.client.internal.GrokFrameDecoder;
import dev.grok2api.grok.client.internal.GrokHeaders;
import dev.grok2api.grok.client.internal.GrokStreamReader;
import dev.grok2api.grok.client.internal.GrpcWeb;
import dev.grok2api.grok.client.internal.HttpClients;
import dev.grok2api.grok.client.internal.ImagineSession;
import dev.grok2api.grok.client.internal.RateLimitsReader;
import dev.grok2api.grok.client.internal.StreamGuard;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.random.RandomGenerator;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;

/**
 * {@link GrokUpstream} over OkHttp: the reference generation of Grok's web API ({@code conversations/new} with an
 * NDJSON answer stream, the upload, media and asset calls, the imagine websocket). Base URLs, proxies, timeouts and
 * headers come from the settings in force at each call, so configuration changes apply to the next call.
 *
 * <p>Thread-safe; one instance serves the whole process.
 */
public final class OkHttpGrokUpstream implements GrokUpstream {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int ERROR_BODY_LIMIT = 4096;
    /** The reference gives media posts 30 s. */
    private static final Duration MEDIA_POST_TIMEOUT = Duration.ofSeconds(30);

    private final SettingsSource settings;
    private final HttpClients clients;
    private final GrokHeaders headers;
    private final AssetCalls assets;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final ScheduledExecutorService timer;

    private OkHttpGrokUpstream(Builder builder) {
        this.settings = Objects.requireNonNull(builder.settings, "settings");
        this.clients = new HttpClients(builder.client != null ? builder.client : new OkHttpClient());
        this.headers = new GrokHeaders(builder.random);
        this.assets = new AssetCalls(headers);
        this.clock = builder.clock;
        this.random = builder.random;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "grok-stream-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    /** Starts a builder; only the settings source is required. */
    public static Builder builder(SettingsSource settings) {
        return new Builder(settings);
    }

    @Override
    public void chat(
            ConversationRequest request, SsoCredential credential, Cancellation cancellation, GrokEventSink sink) {
        GrokSettings grok = settings.current().grok();
        Request httpRequest = headers.apply(new Request.Builder(), grok, credential, grok.baseUrl() + "/")
                .url(grok.baseUrl() + "/rest/app-chat/conversations/new")
                .post(RequestBody.create(
                        ChatBody.write(request, grok.temporary()).readByteString(), JSON))
                .build();
        Call call = clients.forChat(grok).newCall(httpRequest);
        try (StreamGuard guard = new StreamGuard(
                call, grok.firstByteTimeout(), grok.idleTimeout(), grok.totalTimeout(), cancellation, timer)) {
            Response connected;
            try {
                connected = call.execute();
            } catch (IOException e) {
                throw streamFailure(e, guard, cancellation, grok, false);
            }
            try (Response response = connected) {
                if (response.code() != 200) {
                    throw GrokErrorClassifier.classify(
                            response.code(), response.header("Retry-After"), peek(response), clock.instant());
                }
                new GrokStreamReader(new GrokFrameDecoder())
                        .readAll(response.body().source(), guard::lineArrived, sink::accept, sink::idle);
            } catch (IOException e) {
                throw streamFailure(e, guard, cancellation, grok, true);
            } catch (RuntimeException e) {
                // The sink gave up (client gone, or an error it classified): stop reading from Grok at once.
                call.cancel();
                throw e;
            }
        }
    }

    private static RuntimeException streamFailure(
            IOException e, StreamGuard guard, Cancellation cancellation, GrokSettings grok, boolean connected) {
        UpstreamTimeoutException.Phase phase = guard.expired();
        if (phase != null) {
            return new UpstreamTimeoutException(phase, guard.limit(phase), e);
        }
        if (cancellation.isCancelled()) {
            return new CancellationException("the caller cancelled the Grok call");
        }
        if (e instanceof SocketTimeoutException) {
            return new UpstreamTimeoutException(UpstreamTimeoutException.Phase.IDLE, grok.idleTimeout(), e);
        }
        if (!connected) {
            return unreachable(e, grok.baseUrl());
        }
        return UpstreamStreamException.truncated(e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    @Override
    public RateLimits rateLimits(String modelName, SsoCredential credential) {
        GrokSettings grok = settings.current().grok();
        String body = "{\"requestKind\":\"DEFAULT\",\"modelName\":" + quote(modelName) + "}";
        Request request = headers.apply(new Request.Builder(), grok, credential, grok.baseUrl() + "/")
                .url(grok.baseUrl() + "/rest/rate-limits")
                .post(RequestBody.create(body, JSON))
                .build();
        return RateLimitsReader.read(callForBody(clients.forApi(grok), request, grok));
    }

    @Override
    public UploadedFile upload(FileUpload file, SsoCredential credential) {
        GrokSettings grok = settings.current().grok();
        return AssetCalls.uploaded(callForBody(clients.forAssets(grok), assets.upload(grok, credential, file), grok));
    }

    @Override
    public String createMediaPost(MediaPostRequest request, SsoCredential credential) {
        GrokSettings grok = settings.current().grok();
        OkHttpClient client = clients.forApi(grok)
                .newBuilder()
                .callTimeout(MEDIA_POST_TIMEOUT)
                .build();
        return AssetCalls.postId(callForBody(client, assets.mediaPost(grok, credential, request), grok));
    }

    @Override
    public void imagine(
            ImagineRequest request, SsoCredential credential, Cancellation cancellation, ImagineListener listener) {
        GrokSettings grok = settings.current().grok();
        String wsUrl = grok.baseUrl().replaceFirst("^http", "ws") + "/ws/imagine/listen";
        Request upgrade = headers.apply(new Request.Builder(), grok, credential, grok.baseUrl() + "/imagine")
                .url(wsUrl)
                .build();
        new ImagineSession(request, new UUID(random.nextLong(), random.nextLong()))
                .run(
                        clients.forApi(grok),
                        upgrade,
                        clock.instant(),
                        grok.timeout(),
                        cancellation,
                        listener,
                        (status, body) -> GrokErrorClassifier.classify(status, null, body, clock.instant()));
    }

    @Override
    public AssetDownload downloadAsset(String assetPath, SsoCredential credential, OutputStream target) {
        GrokSettings grok = settings.current().grok();
        Request request = AssetCalls.download(grok, credential, assetPath);
        try (Response response = execute(clients.forAssets(grok).newCall(request), grok)) {
            if (response.code() != 200) {
                throw GrokErrorClassifier.classify(
                        response.code(), response.header("Retry-After"), peek(response), clock.instant());
            }
            BufferedSink sink = Okio.buffer(Okio.sink(target));
            long bytes = sink.writeAll(response.body().source());
            sink.flush();
            return new AssetDownload(response.header("Content-Type"), bytes);
        } catch (IOException e) {
            throw UpstreamStreamException.truncated(
                    "asset download: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Override
    public AssetPage listAssets(SsoCredential credential, String pageToken) {
        GrokSettings grok = settings.current().grok();
        return AssetCalls.assetPage(
                callForBody(clients.forAssets(grok), assets.listAssets(grok, credential, pageToken), grok));
    }

    @Override
    public void deleteAsset(String assetId, SsoCredential credential) {
        GrokSettings grok = settings.current().grok();
        callForBody(clients.forAssets(grok), assets.deleteAsset(grok, credential, assetId), grok);
    }

    @Override
    public void acceptTermsOfService(SsoCredential credential) {
        GrokSettings grok = settings.current().grok();
        GrpcWeb.requireOk(callForGrpc(AccountSettingsCalls.acceptTermsOfService(grok, credential), grok), "accept ToS");
    }

    @Override
    public void setBirthDate(SsoCredential credential, LocalDate birthDate) {
        GrokSettings grok = settings.current().grok();
        callForBody(clients.forApi(grok), AccountSettingsCalls.setBirthDate(grok, credential, birthDate), grok);
    }

    @Override
    public void enableNsfw(SsoCredential credential) {
        GrokSettings grok = settings.current().grok();
        GrpcWeb.requireOk(callForGrpc(AccountSettingsCalls.enableNsfw(grok, credential), grok), "enable NSFW");
    }

    /** Makes a short call and returns its body; a non-2xx answer becomes the classified exception. */
    private String callForBody(OkHttpClient client, Request request, GrokSettings grok) {
        try (Response response = execute(client.newCall(request), grok)) {
            if (!response.isSuccessful()) {
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
        } catch (InterruptedIOException e) {
            throw new UpstreamTimeoutException(UpstreamTimeoutException.Phase.TOTAL, grok.timeout(), e);
        } catch (IOException e) {
            throw unreachable(e, call.request().url().host());
        }
    }

    private static UpstreamUnavailableException unreachable(IOException e, String where) {
        return new UpstreamUnavailableException(
                0,
                "Could not reach Grok at " + where + ": check the network, grok.base_url and the proxy settings"
                        + " (grok.base_proxy_url, grok.asset_proxy_url).",
                e.getClass().getSimpleName() + ": " + e.getMessage(),
                e);
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

        /** Time source (for {@code Retry-After} dates and imagine timestamps). */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public OkHttpGrokUpstream build() {
            return new OkHttpGrokUpstream(this);
        }
    }
}
