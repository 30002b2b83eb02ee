package dev.grok2api.storage.jdbc;

import dev.grok2api.core.port.StatsStore;
import dev.grok2api.core.stats.DailyStats;
import dev.grok2api.core.stats.HourlyStats;
import dev.grok2api.core.stats.ModelStats;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@link StatsStore} over three counter tables; each record is three atomic increment-or-insert statements in one
 * transaction.
 */
final class JdbcStatsStore implements StatsStore {
    private static final List<String> COUNTERS = List.of("success", "failed");

    private final Database db;
    private final String hourlySql;
    private final String dailySql;
    private final String modelSql;

    JdbcStatsStore(Database db) {
        this.db = db;
        this.hourlySql = db.dialect().upsertIncrement("stats_hourly", "hour_start", COUNTERS);
        this.dailySql = db.dialect().upsertIncrement("stats_daily", "day_number", COUNTERS);
        this.modelSql = db.dialect().upsertIncrement("stats_models", "model", COUNTERS);
    }

    @Override
    public void record(String model, boolean success, Instant at, LocalDate day) {
        long ok = success ? 1 : 0;
        long failed = success ? 0 : 1;
        long hour = at.truncatedTo(ChronoUnit.HOURS).toEpochMilli();
        db.write(handle -> {
            handle.createUpdate(hourlySql)
                    .bind("hour_start", hour)
                    .bind("success", ok)
                    .bind("failed", failed)
                    .execute();
            handle.createUpdate(dailySql)
                    .bind("day_number", day.toEpochDay())
                    .bind("success", ok)
                    .bind("failed", failed)
                    .execute();
            return handle.createUpdate(modelSql)
                    .bind("model", model)
                    .bind("success", ok)
                    .bind("failed", failed)
                    .execute();
        });
    }

    @Override
    public List<HourlyStats> hourly(Instant from, Instant to) {
        return db.read(handle -> handle.createQuery("SELECT * FROM stats_hourly WHERE hour_start >= :from"
                        + " AND hour_start < :to ORDER BY hour_start")
                .bind("from", from.toEpochMilli())
                .bind("to", to.toEpochMilli())
                .map((rs, ctx) -> new HourlyStats(
                        Instant.ofEpochMilli(rs.getLong("hour_start")), rs.getLong("success"), rs.getLong("failed")))
                .list());
    }

    @Override
    public List<DailyStats> daily(LocalDate from, LocalDate to) {
        return db.read(handle -> handle.createQuery("SELECT * FROM stats_daily WHERE day_number >= :from"
                        + " AND day_number <= :to ORDER BY day_number")
                .bind("from", from.toEpochDay())
                .bind("to", to.toEpochDay())
                .map((rs, ctx) -> new DailyStats(
                        LocalDate.ofEpochDay(rs.getLong("day_number")), rs.getLong("success"), rs.getLong("failed")))
                .list());
    }

    @Override
    public List<ModelStats> topModels(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return db.read(handle -> handle.createQuery(
                        "SELECT * FROM stats_models ORDER BY success + failed DESC, model ASC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new ModelStats(rs.getString("model"), rs.getLong("success"), rs.getLong("failed")))
                .list());
    }

    @Override
    public int prune(Instant hoursBefore, LocalDate daysBefore) {
        return db.write(handle -> handle.createUpdate("DELETE FROM stats_hourly WHERE hour_start < :h")
                        .bind("h", hoursBefore.toEpochMilli())
                        .execute()
                + handle.createUpdate("DELETE FROM stats_daily WHERE day_number < :d")
                        .bind("d", daysBefore.toEpochDay())
                        .execute());
    }

    @Override
    public void clear() {
        db.write(handle -> handle.createUpdate("DELETE FROM stats_hourly").execute()
                + handle.createUpdate("DELETE FROM stats_daily").execute()
                + handle.createUpdate("DELETE FROM stats_models").execute());
    }
}
