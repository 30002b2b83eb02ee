package dev.grok2api.server.javalin.http;

import dev.grok2api.core.accounting.AccountingService;
import dev.grok2api.core.accounting.RequestAccounting;
import dev.grok2api.core.apikey.ClientIdentity;
import dev.grok2api.core.model.ModelCatalog;
import dev.grok2api.core.model.ModelSpec;
import dev.grok2api.core.usage.UsagePlan;
import io.javalin.http.Context;
import java.util.function.Consumer;

/**
 * The HTTP side of {@link AccountingService}: runs a request handler's work with the caller (from {@link
 * ApiKeyGuard}), the client's address and the model's cost filled in. Every route that serves a model goes through
 * here, so keys' limits, daily quotas, refunds, statistics and the request log apply alike.
 */
public final class HttpAccounting {
    private final AccountingService accounting;
    private final ModelCatalog catalog;
    private final ClientAddresses addresses;

    public HttpAccounting(AccountingService accounting, ModelCatalog catalog, ClientAddresses addresses) {
        this.accounting = accounting;
        this.catalog = catalog;
        this.addresses = addresses;
    }

    /**
     * Runs a chat completion's work, charged by the reference's table for its model.
     *
     * @throws dev.grok2api.core.error.ModelNotFoundException when the model is unknown (before any charge)
     */
    public void chat(Context ctx, String modelId, Consumer<RequestAccounting> work) {
        ModelSpec model = catalog.requireForRequest(modelId);
        run(ctx, model, UsagePlan.chat(model), work);
    }

    /** Runs a request's work with an explicit cost (e.g. {@link UsagePlan#images} for the image API). */
    public void run(Context ctx, ModelSpec model, UsagePlan plan, Consumer<RequestAccounting> work) {
        accounting.run(ApiKeyGuard.identity(ctx), addresses.of(ctx), model, plan, work);
    }

    /**
     * Runs work for a caller authenticated outside the {@code /v1} key check (e.g. a websocket, whose batches are
     * accounted one by one long after its upgrade request).
     *
     * @param clientIp the caller's address, from {@link #clientAddress}
     */
    public void run(
            ClientIdentity who, String clientIp, ModelSpec model, UsagePlan plan, Consumer<RequestAccounting> work) {
        accounting.run(who, clientIp, model, plan, work);
    }

    /** The client's address as the request log records it (honouring {@code app.trusted_proxies}). */
    public String clientAddress(Context ctx) {
        return addresses.of(ctx);
    }
}
