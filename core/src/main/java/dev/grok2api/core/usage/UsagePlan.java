package dev.grok2api.core.usage;

import dev.grok2api.core.apikey.DailyLimits;
import dev.grok2api.core.model.ModelKind;
import dev.grok2api.core.model.ModelSpec;
import dev.grok2api.core.model.UsageBucket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one request costs against a key's daily limits, by the reference's table: a heavy model counts once as heavy
 * and once as chat; a video model once as video; an image model through chat as two images; the image API as the
 * number of images asked for; every other chat model once as chat.
 *
 * @param label how the reference names the limit in its 429 message: {@code chat}, {@code heavy/chat}, {@code image}
 *     or {@code video}
 * @param amounts what each bucket is charged, in check order
 */
public record UsagePlan(String label, Map<UsageBucket, Integer> amounts) {
    /** Images charged for an image model used through chat completions. */
    public static final int IMAGES_PER_CHAT = 2;

    public UsagePlan {
        Objects.requireNonNull(label, "label");
        amounts = Collections.unmodifiableMap(new LinkedHashMap<>(amounts));
    }

    /** The cost of a chat completion with this model. */
    public static UsagePlan chat(ModelSpec model) {
        if (model.usageBucket() == UsageBucket.HEAVY) {
            Map<UsageBucket, Integer> amounts = new LinkedHashMap<>();
            amounts.put(UsageBucket.HEAVY, 1);
            amounts.put(UsageBucket.CHAT, 1);
            return new UsagePlan("heavy/chat", amounts);
        }
        if (model.usageBucket() == UsageBucket.VIDEO || model.kind() == ModelKind.VIDEO) {
            return new UsagePlan("video", Map.of(UsageBucket.VIDEO, 1));
        }
        if (model.usageBucket() == UsageBucket.IMAGE) {
            return new UsagePlan("image", Map.of(UsageBucket.IMAGE, IMAGES_PER_CHAT));
        }
        return new UsagePlan("chat", Map.of(UsageBucket.CHAT, 1));
    }

    /** The cost of an image generation or edit request for {@code count} images. */
    public static UsagePlan images(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1");
        }
        return new UsagePlan("image", Map.of(UsageBucket.IMAGE, count));
    }

    /** The charges to make for a key with these limits. */
    public List<UsageCharge> charges(DailyLimits limits) {
        List<UsageCharge> charges = new ArrayList<>(amounts.size());
        amounts.forEach((bucket, amount) -> charges.add(new UsageCharge(bucket, amount, limits.limitFor(bucket))));
        return charges;
    }
}
