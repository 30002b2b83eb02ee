package dev.grok2api.core.chat;

/**
 * Options for the video model. Values are as the client sent them; validation and defaults belong to the video
 * service.
 *
 * @param aspectRatio e.g. {@code 3:2}, or null
 * @param videoLength seconds, or null
 * @param resolution {@code SD} or {@code HD}, or null
 * @param preset {@code fun}, {@code normal}, {@code spicy} or {@code custom}, or null
 */
public record VideoConfig(String aspectRatio, Integer videoLength, String resolution, String preset) {}
