package dev.grok2api.server.javalin.e2e;

import static dev.grok2api.server.javalin.e2e.GatewayHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.grok2api.testkit.grok.JsonText;
import dev.grok2api.testkit.grok.RecordedGrokRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account-pool admin API through the real server: reference shapes, fine-grained routes and jobs. */
class TokenAdminApiIT {
    private static final String TOKENS = "/api/v1/admin/tokens";

    @TempDir
    Path dataDir;

    private GatewayHarness gateway;
    private String session;

    @BeforeEach
    void start() {
        gateway = GatewayHarness.start(dataDir);
        session = gateway.login();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> items(String query) {
        return (List<Map<String, Object>>) json(ok(gateway.get(TOKENS + "/page?" + query, session)), "items");
    }

    private Map<String, Object> account(String token) {
        return items("q=" + token).stream()
                .filter(item -> token.equals(item.get("token")))
                .findFirst()
                .orElseThrow();
    }

    /** Polls the job until it has finished (each poll is an HTTP round trip; no sleeping). */
    private HttpResponse<String> finished(String jobId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            HttpResponse<String> job = ok(gateway.get("/api/v1/admin/jobs/" + jobId, session));
            String status = (String) json(job, "status");
            if (!status.equals("running") && !status.equals("cancelling")) {
                return job;
            }
            assertThat(System.nanoTime())
                    .as("job " + jobId + " still " + status)
                    .isLessThan(deadline);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_keep_the_reference_list_shape_and_merge_the_full_map_form_without_losing_fields() {
        // given: two accounts, one with tags the reference UI does not know about
        gateway.addTokens(session, "sso-keep-tags", "sso-to-remove");
        ok(gateway.patch(TOKENS, "{\"tokens\":[\"sso-keep-tags\"],\"tags\":[\"eu\",\"vip\"]}", session));

        // when: the reference list
        HttpResponse<String> list = ok(gateway.get(TOKENS, session));

        // then
        Map<String, Object> pools = (Map<String, Object>) JsonText.parse(list.body());
        assertThat(pools).containsOnlyKeys("ssoBasic", "ssoSuper");
        Map<String, Object> first = ((List<Map<String, Object>>) pools.get("ssoBasic")).get(0);
        assertThat(first)
                .containsOnlyKeys(
                        "token",
                        "status",
                        "quota",
                        "quota_known",
                        "heavy_quota",
                        "heavy_quota_known",
                        "token_type",
                        "note",
                        "fail_count",
                        "use_count");
        assertThat(first.get("token_type")).isEqualTo("sso");

        // when: the UI saves its slim copy with an edited note, a new token marked invalid, one token removed
        HttpResponse<String> saved = ok(gateway.post(
                TOKENS,
                "{\"ssoBasic\":[{\"token\":\"sso-keep-tags\",\"status\":\"active\",\"quota\":80,\"heavy_quota\":-1,"
                        + "\"note\":\"edited in the UI\",\"fail_count\":0,\"use_count\":0},"
                        + "{\"token\":\"sso=sso-new-invalid\",\"status\":\"invalid\",\"quota\":80,\"note\":\"\"}],"
                        + "\"ssoSuper\":[\"sso-new-super\"]}",
                session));

        // then
        assertThat(json(saved, "status")).isEqualTo("success");
        assertThat(json(saved, "message")).isEqualTo("Token updated");
        assertThat(json(saved, "nsfw_refresh.mode")).isEqualTo("background");
        assertThat(number(json(saved, "nsfw_refresh.triggered"))).isEqualTo(2);
        assertThat(number(json(saved, "nsfw_refresh.concurrency"))).isEqualTo(10);
        assertThat(number(json(saved, "nsfw_refresh.retries"))).isEqualTo(3);
        assertThat(number(json(saved, "deleted"))).isEqualTo(1);
        Map<String, Object> kept = account("sso-keep-tags");
        assertThat(kept.get("note")).isEqualTo("edited in the UI");
        assertThat((List<Object>) kept.get("tags")).containsExactly("eu", "vip");
        assertThat(account("sso-new-invalid").get("status")).isEqualTo("invalid");
        assertThat(account("sso-new-super").get("pool")).isEqualTo("ssoSuper");
        assertThat(items("q=sso-to-remove")).isEmpty();
        assertThat(finished((String) json(saved, "nsfw_refresh.job_id")).body()).contains("\"succeeded\":2");
    }

    @Test
    void should_refuse_a_full_map_that_would_delete_every_account() {
        // given
        gateway.addTokens(session, "sso-precious");

        // when
        HttpResponse<String> wipe = gateway.post(TOKENS, "{\"ssoBasic\":[],\"ssoSuper\":[]}", session);

        // then
        assertThat(wipe.statusCode()).isEqualTo(400);
        assertThat(json(wipe, "error.code")).isEqualTo("refusing_to_delete_all");
        assertThat(items("q=sso-precious")).hasSize(1);
    }

    @Test
    void should_page_filter_search_and_sort_the_pool() {
        // given
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            lines.append(String.format("sso-page-%02d%n", i));
        }
        ok(gateway.postText(TOKENS + "/import?account_settings=false", lines.toString(), session));
        ok(gateway.patch(TOKENS, "{\"tokens\":[\"sso-page-03\",\"sso-page-07\"],\"tags\":[\"eu\"]}", session));
        ok(gateway.patch(TOKENS, "{\"tokens\":[\"sso-page-05\"],\"note\":\"Bob's account\"}", session));
        ok(gateway.patch(TOKENS, "{\"tokens\":[\"sso-page-09\"],\"enabled\":false}", session));
        ok(gateway.patch(TOKENS, "{\"tokens\":[\"sso-page-11\"],\"quota\":5}", session));

        // when
        HttpResponse<String> second = ok(gateway.get(TOKENS + "/page?limit=10&offset=10", session));

        // then
        assertThat(number(json(second, "total"))).isEqualTo(30);
        assertThat(json(second, "items.0.token")).isEqualTo("sso-page-10");
        assertThat(items("tag=eu")).extracting(i -> i.get("token")).containsExactly("sso-page-03", "sso-page-07");
        assertThat(items("q=bob")).extracting(i -> i.get("token")).containsExactly("sso-page-05");
        assertThat(items("status=disabled")).extracting(i -> i.get("token")).containsExactly("sso-page-09");
        assertThat(items("sort=quota_asc&limit=1"))
                .extracting(i -> i.get("token"))
                .containsExactly("sso-page-11");
        assertThat(items("page=3&page_size=10")).hasSize(10);
        HttpResponse<String> badStatus = gateway.get(TOKENS + "/page?status=sleepy", session);
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(json(badStatus, "error.param")).isEqualTo("status");
    }

    @Test
    void should_preview_an_import_then_import_and_export_the_same_tokens() {
        // given
        gateway.addTokens(session, "sso-already-here");
        String file = "# exported yesterday\nsso=sso-imp-1\nsso-imp-2\n\nsso-imp-1\nsso-already-here\nnot a token\n";

        // when
        HttpResponse<String> preview = ok(gateway.postText(TOKENS + "/import?preview=true", file, session));

        // then: a report, and nothing stored
        assertThat(json(preview, "preview")).isEqualTo(true);
        assertThat(number(json(preview, "added"))).isEqualTo(2);
        assertThat(number(json(preview, "existing"))).isEqualTo(1);
        assertThat(number(json(preview, "duplicates"))).isEqualTo(1);
        assertThat(number(json(preview, "blank"))).isEqualTo(2);
        assertThat(number(json(preview, "rejected.0.line"))).isEqualTo(7);
        assertThat(number(json(ok(gateway.get(TOKENS + "/stats", session)), "total")))
                .isEqualTo(1);

        // when
        HttpResponse<String> imported = ok(gateway.postText(TOKENS + "/import?pool=ssoSuper", file, session));
        HttpResponse<String> exportAll = ok(gateway.get(TOKENS + "/export", session));
        HttpResponse<String> exportSuper = ok(gateway.get(TOKENS + "/export?pool=ssoSuper", session));
        HttpResponse<String> exportOne =
                ok(gateway.post(TOKENS + "/export", "{\"tokens\":[\"sso=sso-imp-2\"]}", session));

        // then
        assertThat(number(json(imported, "added"))).isEqualTo(2);
        assertThat(json(imported, "pool")).isEqualTo("ssoSuper");
        assertThat(exportAll.body().lines()).containsExactlyInAnyOrder("sso-already-here", "sso-imp-1", "sso-imp-2");
        assertThat(exportAll.headers().firstValue("Content-Disposition").orElseThrow())
                .matches("attachment; filename=\"tokens_export_\\d{4}-\\d{2}-\\d{2}\\.txt\"");
        assertThat(exportSuper.body().lines()).containsExactly("sso-imp-1", "sso-imp-2");
        assertThat(exportOne.body()).isEqualTo("sso-imp-2\n");
        assertThat(exportOne.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("tokens_export_selected_");
    }

    @Test
    void should_import_the_json_forms() {
        // when
        HttpResponse<String> array = ok(gateway.post(
                TOKENS + "/import?account_settings=false",
                "[\"sso-json-1\",{\"token\":\"sso-json-2\",\"pool\":\"ssoSuper\",\"note\":\"n\",\"tags\":[\"t\"]}]",
                session));
        HttpResponse<String> pools = ok(gateway.post(
                TOKENS + "/import?account_settings=false",
                "{\"ssoSuper\":[\"sso-json-3\"],\"ssoBasic\":[\"sso-json-4\"]}",
                session));

        // then
        assertThat(number(json(array, "added"))).isEqualTo(2);
        assertThat(number(json(pools, "added"))).isEqualTo(2);
        Map<String, Object> second = account("sso-json-2");
        assertThat(second.get("pool")).isEqualTo("ssoSuper");
        assertThat(second.get("note")).isEqualTo("n");
        assertThat(account("sso-json-3").get("pool")).isEqualTo("ssoSuper");
        assertThat(account("sso-json-4").get("pool")).isEqualTo("ssoBasic");
    }

    @Test
    void should_edit_disable_delete_and_purge_invalid_accounts() {
        // given
        gateway.addTokens(session, "sso-edit-1", "sso-edit-2", "sso-edit-3");

        // when
        HttpResponse<String> edited = ok(gateway.patch(
                TOKENS, "{\"tokens\":[\"sso-edit-1\",\"sso-missing\"],\"enabled\":false,\"note\":\"off\"}", session));
        HttpResponse<String> noChange = gateway.patch(TOKENS, "{\"tokens\":[\"sso-edit-1\"]}", session);
        ok(gateway.patch(TOKENS, "{\"tokens\":[\"sso-edit-2\"],\"status\":\"expired\"}", session));
        HttpResponse<String> deleted = ok(gateway.post(TOKENS + "/delete", "{\"tokens\":[\"sso-edit-3\"]}", session));
        HttpResponse<String> purged = ok(gateway.post(TOKENS + "/delete-invalid", "{}", session));

        // then
        assertThat(number(json(edited, "updated"))).isEqualTo(1);
        assertThat(json(edited, "missing.0")).isNotNull();
        assertThat(noChange.statusCode()).isEqualTo(400);
        assertThat(account("sso-edit-1").get("status")).isEqualTo("disabled");
        assertThat(account("sso-edit-1").get("note")).isEqualTo("off");
        assertThat(number(json(deleted, "deleted"))).isEqualTo(1);
        assertThat(number(json(purged, "deleted"))).isEqualTo(1);
        assertThat(items("")).extracting(i -> i.get("token")).containsExactly("sso-edit-1");
    }

    @Test
    void should_refresh_quota_in_the_reference_shape_and_as_a_background_job() {
        // given
        gateway.addTokens(session, "sso-quota-a", "sso-quota-b");
        gateway.grok.setRemainingQueries("sso-quota-a", 12);

        // when: the reference call waits and answers per token as sent
        HttpResponse<String> sync = ok(gateway.post(
                TOKENS + "/refresh", "{\"tokens\":[\"sso=sso-quota-a\",\"sso-quota-b\",\"sso-nobody\"]}", session));

        // then
        assertThat(json(sync, "status")).isEqualTo("success");
        assertThat(json(sync, "results"))
                .isEqualTo(Map.of("sso=sso-quota-a", true, "sso-quota-b", true, "sso-nobody", false));
        assertThat(number(account("sso-quota-a").get("quota"))).isEqualTo(12);
        assertThat(json(sync, "job.kind")).isEqualTo("token.refresh_quota");

        // when: all accounts, without waiting
        HttpResponse<String> started = gateway.post(TOKENS + "/refresh", "{\"all\":true,\"async\":true}", session);

        // then
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        HttpResponse<String> done = finished((String) json(started, "job.job_id"));
        assertThat(json(done, "status")).isEqualTo("completed");
        assertThat(number(json(done, "total"))).isEqualTo(2);
        assertThat(number(json(done, "progress"))).isEqualTo(100);
        HttpResponse<String> empty = gateway.post(TOKENS + "/refresh", "{\"tokens\":[]}", session);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat((String) json(empty, "error.message")).startsWith("No tokens provided");
    }

    @Test
    void should_refresh_account_settings_in_the_reference_shape() {
        // given: added without the background refresh, so only the call under test reaches Grok
        ok(gateway.postText(TOKENS + "/import?account_settings=false", "sso-nsfw-a\nsso-nsfw-b\n", session));
        int before = gateway.grok.requests().size();

        // when
        HttpResponse<String> response =
                ok(gateway.post(TOKENS + "/nsfw/refresh", "{\"all\":true,\"concurrency\":2,\"retries\":0}", session));

        // then
        assertThat(json(response, "status")).isEqualTo("success");
        assertThat(number(json(response, "summary.total"))).isEqualTo(2);
        assertThat(number(json(response, "summary.success"))).isEqualTo(2);
        assertThat(number(json(response, "summary.failed"))).isZero();
        assertThat(number(json(response, "summary.invalidated"))).isZero();
        assertThat((List<?>) json(response, "failed")).isEmpty();
        assertThat(number(json(response, "job.params.concurrency"))).isEqualTo(2);
        List<String> paths = gateway
                .grok
                .requests()
                .subList(before, gateway.grok.requests().size())
                .stream()
                .map(RecordedGrokRequest::path)
                .toList();
        assertThat(paths).filteredOn(p -> p.contains("SetTosAcceptedVersion")).hasSize(2);
        assertThat(paths).filteredOn(p -> p.contains("set-birth-date")).hasSize(2);
        assertThat(paths)
                .filteredOn(p -> p.contains("UpdateUserFeatureControls"))
                .hasSize(2);
        HttpResponse<String> none = gateway.post(TOKENS + "/nsfw/refresh", "{}", session);
        assertThat(none.statusCode()).isEqualTo(400);
    }

    @Test
    void should_list_jobs_report_unknown_ones_and_keep_finished_ones_when_cancelled() {
        // given
        gateway.addTokens(session, "sso-job");
        HttpResponse<String> refreshed = ok(gateway.post(TOKENS + "/refresh", "{\"token\":\"sso-job\"}", session));
        String id = (String) json(refreshed, "job.job_id");

        // when
        HttpResponse<String> list = ok(gateway.get("/api/v1/admin/jobs?kind=token.refresh_quota", session));
        HttpResponse<String> cancelled = ok(gateway.post("/api/v1/admin/jobs/" + id + "/cancel", "{}", session));
        HttpResponse<String> unknown = gateway.get("/api/v1/admin/jobs/ffffffffffffffff", session);

        // then
        assertThat(json(list, "jobs.0.job_id")).isEqualTo(id);
        assertThat(json(cancelled, "status")).isEqualTo("completed");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown, "error.code")).isEqualTo("job_not_found");
    }

    @Test
    void should_report_statistics_with_the_reference_metric_names() {
        // given
        gateway.addTokens(session, "sso-stat-1", "sso-stat-2");
        ok(gateway.patch(TOKENS, "{\"tokens\":[\"sso-stat-2\"],\"status\":\"invalid\"}", session));

        // when
        HttpResponse<String> stats = ok(gateway.get(TOKENS + "/stats", session));

        // then
        assertThat(number(json(stats, "total"))).isEqualTo(2);
        assertThat(number(json(stats, "active"))).isEqualTo(1);
        assertThat(number(json(stats, "cooling"))).isZero();
        assertThat(number(json(stats, "expired"))).isEqualTo(1);
        assertThat(number(json(stats, "invalid"))).isEqualTo(1);
        assertThat(number(json(stats, "chat_quota"))).isEqualTo(80);
        assertThat(number(json(stats, "image_quota"))).isEqualTo(40);
        assertThat(number(json(stats, "total_calls"))).isZero();
    }

    @Test
    void should_refuse_token_routes_without_an_admin_session() {
        assertThat(gateway.get(TOKENS + "/page", null).statusCode()).isEqualTo(401);
        assertThat(gateway.post(TOKENS + "/import", "sso-x", null).statusCode()).isEqualTo(401);
        assertThat(gateway.get("/api/v1/admin/jobs", null).statusCode()).isEqualTo(401);
    }
}
