package dev.grok2api.core.config;

import dev.grok2api.core.secret.Secrets;

/**
 * The {@code app.*} settings.
 *
 * @param appUrl public base URL for media links, or empty for relative links
 * @param adminUsername admin login name
 * @param adminPassword admin login password as configured ({@code app.app_key}; secret)
 * @param apiKey global client API key, or empty for none (secret)
 * @param imageFormat {@code url}, {@code base64} or {@code b64_json}
 * @param videoFormat {@code url}
 */
public record AppSettings(
        String appUrl,
        String adminUsername,
        String adminPassword,
        String apiKey,
        String imageFormat,
        String videoFormat) {

    static AppSettings from(Settings s) {
        String appUrl = s.string("app.app_url").trim();
        while (appUrl.endsWith("/")) {
            appUrl = appUrl.substring(0, appUrl.length() - 1);
        }
        return new AppSettings(
                appUrl,
                s.string("app.admin_username"),
                s.string("app.app_key"),
                s.string("app.api_key").trim(),
                s.string("app.image_format").trim(),
                s.string("app.video_format").trim());
    }

    @Override
    public String toString() {
        return "AppSettings[appUrl=" + appUrl + ", adminUsername=" + adminUsername + ", adminPassword="
                + Secrets.mask(adminPassword) + ", apiKey=" + Secrets.mask(apiKey) + ", imageFormat=" + imageFormat
                + "]";
    }
}
