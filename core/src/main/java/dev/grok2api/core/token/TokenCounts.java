package dev.grok2api.core.token;

/**
 * Pool-wide figures for dashboards.
 *
 * @param total all accounts
 * @param active accounts with status active and no cooldown in force
 * @param cooling accounts with status cooling, or a cooldown in force
 * @param invalid accounts with status invalid
 * @param disabled accounts with status disabled
 * @param remainingQuota sum of known remaining normal quota over active and cooling accounts
 * @param remainingHeavyQuota sum of known remaining heavy quota
 * @param useCount sum of all successful uses
 */
public record TokenCounts(
        long total,
        long active,
        long cooling,
        long invalid,
        long disabled,
        long remainingQuota,
        long remainingHeavyQuota,
        long useCount) {}
