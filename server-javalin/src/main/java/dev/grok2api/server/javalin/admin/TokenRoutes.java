package dev.grok2api.server.javalin.admin;

import static dev.grok2api.server.javalin.admin.AdminAuthRoutes.PREFIX;

import dev.grok2api.core.error.InvalidRequestException;
import dev.grok2api.core.job.Job;
import dev.grok2api.core.service.TokenAdminService;
import dev.grok2api.core.service.TokenRefreshJobs;
import dev.grok2api.core.token.GrokToken;
import dev.grok2api.core.token.TokenEdit;
import dev.grok2api.core.token.TokenImport;
import dev.grok2api.core.token.TokenPage;
import dev.grok2api.core.token.TokenPool;
import dev.grok2api.core.token.TokenQuery;
import dev.grok2api.core.token.TokenStatus;
import dev.grok2api.server.javalin.json.JsonCodec;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account-pool admin API. The reference's paths and shapes are kept ({@code GET/POST /tokens}) so its UI and
 * monitors keep working, next to fine-grained routes: paged listing, statistics, add, edit, delete, import and
 * export. Registered after {@link AdminAuthRoutes}, whose session check guards these routes.
 *
 * <p>Tokens travel in request bodies, never in URLs, so they stay out of access logs.
 */
public final class TokenRoutes {
    /** Largest import body accepted (about 400,000 tokens, one per line). */
    static final int MAX_IMPORT_BYTES = 64 * 1024 * 1024;

    private final TokenAdminService tokens;
    private final TokenRefreshJobs refreshJobs;
    private final InstantSource clock;

    public TokenRoutes(TokenAdminService tokens, TokenRefreshJobs refreshJobs, InstantSource clock) {
        this.tokens = tokens;
        this.refreshJobs = refreshJobs;
        this.clock = clock;
    }

    /** Registers the routes. */
    public void register(RoutesConfig routes) {
        routes.get(PREFIX + "/tokens", this::listTokens);
        routes.post(PREFIX + "/tokens", this::mergeTokens);
        routes.patch(PREFIX + "/tokens", this::editTokens);
        routes.get(PREFIX + "/tokens/page", this::page);
        routes.get(PREFIX + "/tokens/stats", ctx -> ctx.json(TokenViews.stats(tokens.stats())));
        routes.post(PREFIX + "/tokens/add", this::addTokens);
        routes.post(PREFIX + "/tokens/delete", this::deleteTokens);
        routes.post(PREFIX + "/tokens/delete-invalid", ctx -> ctx.json(deleted(tokens.deleteInvalid())));
        routes.post(PREFIX + "/tokens/import", this::importTokens);
        routes.get(PREFIX + "/tokens/export", this::exportMatching);
        routes.post(PREFIX + "/tokens/export", this::exportSelected);
    }

    // ---- reference shapes -----------------------------------------------------------------------------------

    private void listTokens(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        Instant now = clock.instant();
        tokens.listByPool().forEach((pool, list) -> {
            List<Object> views = new ArrayList<>(list.size());
            for (GrokToken token : list) {
                views.add(TokenViews.reference(token, now));
            }
            body.put(pool.wireName(), views);
        });
        ctx.json(body);
    }

    /** The reference UI's "save everything" form, applied as a merge (see {@link TokenAdminService#mergePools}). */
    private void mergeTokens(Context ctx) {
        Map<String, Object> body = JsonCodec.parseObject(ctx.body());
        Map<TokenPool, List<TokenImport>> pools = new EnumMap<>(TokenPool.class);
        body.forEach((name, items) -> {
            TokenPool pool = AdminBodies.pool(name, "body." + name, null);
            if (!(items instanceof List<?> list)) {
                throw InvalidRequestException.invalidValue("body." + name, name + " must be an array of tokens");
            }
            List<TokenImport> entries = pools.computeIfAbsent(pool, p -> new ArrayList<>());
            for (Object item : list) {
                entries.add(entry(item, "body." + name));
            }
        });
        TokenAdminService.MergeReport report = tokens.mergePools(pools);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", "success");
        response.put("message", "Token updated");
        response.put("nsfw_refresh", nsfwRefresh(report.added().size(), report.accountSettingsJob()));
        response.put("added", report.added().size());
        response.put("updated", report.updated());
        response.put("deleted", report.deleted());
        response.put("rejected", rejected(report.rejected()));
        ctx.json(response);
    }

    /** The reference's {@code nsfw_refresh} object, plus the id of the background job. */
    private Map<String, Object> nsfwRefresh(int triggered, Job job) {
        TokenRefreshJobs.AccountSettingsOptions options = refreshJobs.accountSettingsDefaults();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("mode", "background");
        view.put("triggered", triggered);
        view.put("concurrency", options.concurrency());
        view.put("retries", options.retries());
        view.put("job_id", job == null ? null : job.id());
        return view;
    }

    // ---- listing --------------------------------------------------------------------------------------------

    private void page(Context ctx) {
        Instant now = clock.instant();
        TokenQuery query = AdminBodies.query(ctx, now);
        TokenPage page = tokens.page(query);
        List<Object> items = new ArrayList<>(page.items().size());
        for (GrokToken token : page.items()) {
            items.add(TokenViews.detailed(token, now));
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("items", items);
        response.put("total", page.total());
        response.put("offset", query.offset());
        response.put("limit", query.limit());
        ctx.json(response);
    }

    // ---- adding ---------------------------------------------------------------------------------------------

    private void addTokens(Context ctx) {
        Map<String, Object> body = JsonCodec.parseObject(ctx.body());
        TokenPool pool = AdminBodies.pool(body.get("pool"), "pool", TokenPool.BASIC);
        List<String> raw = AdminBodies.tokens(body);
        if (raw.isEmpty()) {
            throw new InvalidRequestException(
                    "missing", "tokens", "Send {\"pool\":\"ssoBasic\",\"tokens\":[\"<sso cookie>\", …]}");
        }
        String note = AdminBodies.string(body, "note");
        List<String> tags = AdminBodies.stringList(body, "tags");
        List<TokenImport> entries = new ArrayList<>(raw.size());
        for (String token : raw) {
            entries.add(new TokenImport(token, pool, null, null, null, note, tags));
        }
        TokenAdminService.ImportReport report =
                tokens.importTokens(entries, pool, false, AdminBodies.bool(body, "account_settings", true));
        Map<String, Object> response = importResponse(report);
        response.put("pool", pool.wireName());
        ctx.json(response);
    }

    /**
     * Imports many tokens: a text body with one token per line ({@code sso=} prefixes and cookie strings accepted,
     * {@code #} comments skipped), or JSON — an array of tokens or objects {@code {token, pool, status, quota,
     * heavy_quota, note, tags}}, {@code {"tokens": […]}}, or the reference's pool map. Query {@code pool} (default
     * ssoBasic), {@code preview=true} to only report, {@code account_settings=false} to skip the background refresh.
     */
    private void importTokens(Context ctx) {
        TokenPool pool = AdminBodies.pool(ctx.queryParam("pool"), "pool", TokenPool.BASIC);
        boolean preview = AdminBodies.queryBool(ctx, "preview", false);
        boolean accountSettings = AdminBodies.queryBool(ctx, "account_settings", true);
        String body = boundedBody(ctx);
        List<TokenImport> entries = ImportBodies.parse(body, ctx.contentType());
        TokenAdminService.ImportReport report = tokens.importTokens(entries, pool, preview, accountSettings);
        Map<String, Object> response = importResponse(report);
        response.put("pool", pool.wireName());
        response.put("received", entries.size());
        ctx.json(response);
    }

    private Map<String, Object> importResponse(TokenAdminService.ImportReport report) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", "success");
        response.put("preview", !report.applied());
        response.put("added", report.added().size());
        response.put("existing", report.existing());
        response.put("duplicates", report.duplicates());
        response.put("blank", report.blank());
        response.put("rejected", rejected(report.rejected()));
        response.put("existing_sample", report.existingSample());
        response.put("duplicate_sample", report.duplicateSample());
        if (report.applied()) {
            response.put(
                    "nsfw_refresh",
                    nsfwRefresh(
                            report.accountSettingsJob() == null
                                    ? 0
                                    : report.added().size(),
                            report.accountSettingsJob()));
        }
        return response;
    }

    private static List<Object> rejected(List<TokenAdminService.Rejected> rejected) {
        List<Object> out = new ArrayList<>(rejected.size());
        for (TokenAdminService.Rejected r : rejected) {
            out.add(Map.of("index", r.index(), "line", r.index() + 1, "reason", r.reason()));
        }
        return out;
    }

    private static String boundedBody(Context ctx) {
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes(MAX_IMPORT_BYTES + 1);
            if (bytes.length > MAX_IMPORT_BYTES) {
                throw new InvalidRequestException(
                        "body_too_large",
                        "body",
                        "Import bodies are limited to " + (MAX_IMPORT_BYTES >> 20) + " MiB; split the file.");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One entry of the full-map form or a JSON import: a token string or an object with {@code token}. */
    static TokenImport entry(Object item, String param) {
        if (item instanceof String raw) {
            return TokenImport.of(raw);
        }
        if (item instanceof Map<?, ?> map && map.get("token") instanceof String raw) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) map;
            return new TokenImport(
                    raw,
                    AdminBodies.pool(fields.get("pool"), param + ".pool", null),
                    TokenViews.status(fields.get("status")),
                    TokenViews.quota(fields.get("quota"), fields.get("quota_known")),
                    TokenViews.quota(fields.get("heavy_quota"), fields.get("heavy_quota_known")),
                    fields.get("note") instanceof String note ? note : null,
                    AdminBodies.stringList(fields, "tags"));
        }
        throw InvalidRequestException.invalidValue(param, "each entry must be a token string or {\"token\": …}");
    }

    // ---- editing and deleting -------------------------------------------------------------------------------

    /**
     * Edits the named accounts: {@code {"tokens":[…], "note", "tags", "pool", "enabled", "status", "clear_cooldown",
     * "quota", "heavy_quota"}} — only the fields given change.
     */
    private void editTokens(Context ctx) {
        Map<String, Object> body = JsonCodec.parseObject(ctx.body());
        List<String> names = requireTokens(body);
        TokenEdit edit = TokenEdit.none();
        if (body.containsKey("note")) {
            edit = edit.withNote(String.valueOf(AdminBodies.string(body, "note")));
        }
        List<String> tags = AdminBodies.stringList(body, "tags");
        if (tags != null) {
            edit = edit.withTags(tags);
        }
        TokenPool pool = AdminBodies.pool(body.get("pool"), "pool", null);
        if (pool != null) {
            edit = edit.withPool(pool);
        }
        TokenStatus status = AdminBodies.status(body.get("status"), "status");
        if (body.containsKey("enabled")) {
            status = AdminBodies.bool(body, "enabled", true) ? TokenStatus.ACTIVE : TokenStatus.DISABLED;
        }
        if (status != null) {
            edit = edit.withStatus(status);
        }
        if (AdminBodies.bool(body, "clear_cooldown", false)) {
            edit = edit.withClearedCooldown();
        }
        Integer quota = AdminBodies.integer(body, "quota");
        if (quota != null) {
            edit = edit.withQuota(TokenViews.quota(quota, true));
        }
        Integer heavy = AdminBodies.integer(body, "heavy_quota");
        if (heavy != null) {
            edit = edit.withHeavyQuota(TokenViews.quota(heavy, true));
        }
        if (edit.equals(TokenEdit.none())) {
            throw new InvalidRequestException(
                    "missing",
                    "body",
                    "Name at least one change: note, tags, pool, enabled, status, clear_cooldown, quota or"
                            + " heavy_quota.");
        }
        TokenAdminService.EditReport report = tokens.edit(names, edit);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", "success");
        response.put("updated", report.updated());
        response.put("missing", report.missing());
        ctx.json(response);
    }

    private void deleteTokens(Context ctx) {
        ctx.json(deleted(tokens.delete(requireTokens(JsonCodec.parseObject(ctx.body())))));
    }

    private static Map<String, Object> deleted(int count) {
        return Map.of("status", "success", "deleted", count);
    }

    static List<String> requireTokens(Map<String, Object> body) {
        List<String> names = AdminBodies.tokens(body);
        if (names.isEmpty()) {
            throw new InvalidRequestException("missing", "tokens", "No tokens provided: send {\"tokens\":[…]}.");
        }
        return names;
    }

    // ---- export ---------------------------------------------------------------------------------------------

    /** Every account matching the listing filters ({@code pool, status, tag, q}), one per line. */
    private void exportMatching(Context ctx) {
        Instant now = clock.instant();
        export(ctx, tokens.matching(AdminBodies.query(ctx, now)), "tokens_export_");
    }

    /** The accounts named in {@code {"tokens":[…]}}, one per line. */
    private void exportSelected(Context ctx) {
        export(ctx, tokens.find(requireTokens(JsonCodec.parseObject(ctx.body()))), "tokens_export_selected_");
    }

    /**
     * Writes one credential per line: the {@code sso} value, or {@code sso=…; sso-rw=…} when the account has a
     * separate {@code sso-rw} cookie, so a re-import restores both.
     */
    private void export(Context ctx, List<GrokToken> accounts, String filePrefix) {
        StringBuilder text = new StringBuilder(accounts.size() * 200);
        for (GrokToken account : accounts) {
            if (account.ssoRw() == null) {
                text.append(account.token());
            } else {
                text.append("sso=").append(account.token()).append("; sso-rw=").append(account.ssoRw());
            }
            text.append('\n');
        }
        String date = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        ctx.header("Content-Disposition", "attachment; filename=\"" + filePrefix + date + ".txt\"");
        ctx.contentType("text/plain; charset=utf-8").result(text.toString());
    }
}
