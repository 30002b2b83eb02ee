package dev.grok2api.benchmarks;

import dev.grok2api.core.chat.Cancellation;
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
import dev.grok2api.testkit.fake.FakeGrokUpstream;
import java.io.OutputStream;
import java.time.LocalDate;

/** A {@link GrokUpstream} that delegates everything but {@code chat} to a {@link FakeGrokUpstream}. */
abstract class ForwardingUpstream implements GrokUpstream {
    private final FakeGrokUpstream fake = new FakeGrokUpstream();

    @Override
    public abstract void chat(
            ConversationRequest request, SsoCredential credential, Cancellation cancellation, GrokEventSink sink);

    @Override
    public UploadedFile upload(FileUpload file, SsoCredential credential) {
        return fake.upload(file, credential);
    }

    @Override
    public String createMediaPost(MediaPostRequest request, SsoCredential credential) {
        return fake.createMediaPost(request, credential);
    }

    @Override
    public void imagine(
            ImagineRequest request, SsoCredential credential, Cancellation cancellation, ImagineListener listener) {
        fake.imagine(request, credential, cancellation, listener);
    }

    @Override
    public AssetDownload downloadAsset(String assetPath, SsoCredential credential, OutputStream target) {
        return fake.downloadAsset(assetPath, credential, target);
    }

    @Override
    public AssetPage listAssets(SsoCredential credential, String pageToken) {
        return fake.listAssets(credential, pageToken);
    }

    @Override
    public void deleteAsset(String assetId, SsoCredential credential) {
        fake.deleteAsset(assetId, credential);
    }

    @Override
    public RateLimits rateLimits(String modelName, SsoCredential credential) {
        return fake.rateLimits(modelName, credential);
    }

    @Override
    public void acceptTermsOfService(SsoCredential credential) {
        fake.acceptTermsOfService(credential);
    }

    @Override
    public void setBirthDate(SsoCredential credential, LocalDate birthDate) {
        fake.setBirthDate(credential, birthDate);
    }

    @Override
    public void enableNsfw(SsoCredential credential) {
        fake.enableNsfw(credential);
    }
}
