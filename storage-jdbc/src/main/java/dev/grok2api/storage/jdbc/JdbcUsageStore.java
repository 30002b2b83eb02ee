package dev.grok2api.storage.jdbc;

import dev.grok2api.core.model.UsageBucket;
import dev.grok2api.core.port.UsageStore;
import dev.grok2api.core.storage.StoreArguments;
import dev.grok2api.core.usage.ChargeResult;
import dev.grok2api.core.usage.DailyUsage;
import dev.grok2api.core.usage.UsageCharge;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;

/**
 * {@link UsageStore} over the {@code api_key_usage} table. A charge first makes sure the key-day row exists (in its
 * own short transaction), then locks that row, checks every bucket and writes all of them, so the check and the
 * charge are one atomic step and two writers never upgrade the same lock (MySQL's classic insert deadlock).
 */
final class JdbcUsageStore implements UsageStore {
    private static final List<String> COLUMNS =
            List.of("key_id", "day_number", "chat_used", "heavy_used", "image_used", "video_used", "updated_at");

    private final Database db;
    private final String insertSql;

    JdbcUsageStore(Database db) {
        this.db = db;
        this.insertSql = db.dialect().insertIgnoring("api_key_usage", COLUMNS);
    }

    @Override
    public ChargeResult charge(String keyId, LocalDate day, List<UsageCharge> charges, Instant now) {
        List<UsageCharge> checked = StoreArguments.requireDistinctBuckets(charges);
        ChargeResult[] result = new ChargeResult[1];
        modify(keyId, day, now, current -> {
            for (UsageCharge charge : checked) {
                if (!charge.fits(current.used(charge.bucket()))) {
                    result[0] = new ChargeResult(false, charge.bucket(), current);
                    return current;
                }
            }
            DailyUsage updated = current;
            for (UsageCharge charge : checked) {
                updated = updated.plus(charge.bucket(), charge.amount());
            }
            result[0] = new ChargeResult(true, null, updated);
            return updated;
        });
        return result[0];
    }

    @Override
    public DailyUsage refund(String keyId, LocalDate day, Map<UsageBucket, Integer> amounts, Instant now) {
        return modify(keyId, day, now, current -> {
            DailyUsage updated = current;
            for (Map.Entry<UsageBucket, Integer> amount : amounts.entrySet()) {
                updated = updated.plus(amount.getKey(), -Math.max(0, amount.getValue()));
            }
            return updated;
        });
    }

    private DailyUsage modify(String keyId, LocalDate day, Instant now, UnaryOperator<DailyUsage> change) {
        long dayNumber = day.toEpochDay();
        if (find(keyId, day, "").isEmpty()) {
            db.write(handle -> handle.createUpdate(insertSql)
                    .bind("key_id", keyId)
                    .bind("day_number", dayNumber)
                    .bind("chat_used", 0L)
                    .bind("heavy_used", 0L)
                    .bind("image_used", 0L)
                    .bind("video_used", 0L)
                    .bind("updated_at", now.toEpochMilli())
                    .execute());
        }
        return db.write(handle -> {
            DailyUsage current = find(handle, keyId, day, db.dialect().forUpdate())
                    .orElseThrow(() -> new IllegalStateException("usage row vanished while being charged"));
            DailyUsage updated = change.apply(current);
            if (!updated.equals(current)) {
                handle.createUpdate("UPDATE api_key_usage SET chat_used = :chat, heavy_used = :heavy,"
                                + " image_used = :image, video_used = :video, updated_at = :now"
                                + " WHERE key_id = :key_id AND day_number = :day")
                        .bind("chat", updated.chat())
                        .bind("heavy", updated.heavy())
                        .bind("image", updated.image())
                        .bind("video", updated.video())
                        .bind("now", now.toEpochMilli())
                        .bind("key_id", keyId)
                        .bind("day", dayNumber)
                        .execute();
            }
            return updated;
        });
    }

    private Optional<DailyUsage> find(String keyId, LocalDate day, String suffix) {
        return db.read(handle -> find(handle, keyId, day, suffix));
    }

    private static Optional<DailyUsage> find(Handle handle, String keyId, LocalDate day, String suffix) {
        return handle.createQuery("SELECT * FROM api_key_usage WHERE key_id = :key_id AND day_number = :day" + suffix)
                .bind("key_id", keyId)
                .bind("day", day.toEpochDay())
                .map((rs, ctx) -> new DailyUsage(
                        rs.getString("key_id"),
                        LocalDate.ofEpochDay(rs.getLong("day_number")),
                        rs.getLong("chat_used"),
                        rs.getLong("heavy_used"),
                        rs.getLong("image_used"),
                        rs.getLong("video_used")))
                .findOne();
    }

    @Override
    public DailyUsage usage(String keyId, LocalDate day) {
        return find(keyId, day, "").orElseGet(() -> DailyUsage.zero(keyId, day));
    }

    @Override
    public Map<String, DailyUsage> usageOn(LocalDate day, Collection<String> keyIds) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(keyIds));
        Map<String, DailyUsage> result = new LinkedHashMap<>();
        ids.forEach(id -> result.put(id, DailyUsage.zero(id, day)));
        if (ids.isEmpty()) {
            return result;
        }
        db.read(handle -> {
            for (int from = 0; from < ids.size(); from += 500) {
                handle.createQuery("SELECT * FROM api_key_usage WHERE day_number = :day AND key_id IN (<ids>)")
                        .bind("day", day.toEpochDay())
                        .bindList("ids", ids.subList(from, Math.min(from + 500, ids.size())))
                        .map((rs, ctx) -> new DailyUsage(
                                rs.getString("key_id"),
                                day,
                                rs.getLong("chat_used"),
                                rs.getLong("heavy_used"),
                                rs.getLong("image_used"),
                                rs.getLong("video_used")))
                        .forEach(u -> result.put(u.keyId(), u));
            }
            return null;
        });
        return result;
    }

    @Override
    public int pruneBefore(LocalDate day) {
        return db.write(handle -> handle.createUpdate("DELETE FROM api_key_usage WHERE day_number < :day")
                .bind("day", day.toEpochDay())
                .execute());
    }
}
