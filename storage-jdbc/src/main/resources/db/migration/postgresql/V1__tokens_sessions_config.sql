-- Token columns sort in "C" collation so ties break exactly as String.compareTo does in the other stores.
-- Grok accounts. Instants are epoch milliseconds; quotas use -1 for "unknown".
CREATE TABLE tokens (
    token               VARCHAR(512) COLLATE "C" NOT NULL PRIMARY KEY,
    sso_rw              VARCHAR(512),
    pool                VARCHAR(16)  NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    quota_remaining     INTEGER      NOT NULL,
    quota_total         INTEGER      NOT NULL,
    quota_window_s      BIGINT       NOT NULL,
    heavy_remaining     INTEGER      NOT NULL,
    heavy_total         INTEGER      NOT NULL,
    heavy_window_s      BIGINT       NOT NULL,
    use_count           INTEGER      NOT NULL,
    fail_count          INTEGER      NOT NULL,
    last_fail_code      VARCHAR(128),
    last_fail_message   TEXT,
    last_fail_at        BIGINT,
    cooldown_until      BIGINT,
    tags                TEXT         NOT NULL,
    note                TEXT         NOT NULL,
    created_at          BIGINT       NOT NULL,
    last_used_at        BIGINT,
    last_sync_at        BIGINT,
    last_asset_clear_at BIGINT
);
CREATE INDEX idx_tokens_pool_status ON tokens (pool, status);
CREATE INDEX idx_tokens_status ON tokens (status, cooldown_until);
CREATE INDEX idx_tokens_created ON tokens (created_at, token);
CREATE INDEX idx_tokens_quota ON tokens (quota_remaining, token);
CREATE INDEX idx_tokens_last_used ON tokens (last_used_at, token);
CREATE INDEX idx_tokens_use_count ON tokens (use_count, token);

-- One row per (tag, token), so the admin list can filter by tag through an index.
CREATE TABLE token_tags (
    tag   VARCHAR(128) COLLATE "C" NOT NULL,
    token VARCHAR(512) COLLATE "C" NOT NULL,
    PRIMARY KEY (tag, token)
);
CREATE INDEX idx_token_tags_token ON token_tags (token);

CREATE TABLE admin_sessions (
    token_hash VARCHAR(128) NOT NULL PRIMARY KEY,
    username   VARCHAR(255) NOT NULL,
    created_at BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL
);
CREATE INDEX idx_admin_sessions_expires ON admin_sessions (expires_at);

-- Stored configuration: section.key -> JSON value.
CREATE TABLE app_config (
    config_key   VARCHAR(128) NOT NULL PRIMARY KEY,
    config_value TEXT         NOT NULL
);

-- Monotonic counters: the token change marker and the config version.
CREATE TABLE change_counters (
    name          VARCHAR(32) NOT NULL PRIMARY KEY,
    counter_value BIGINT      NOT NULL
);
INSERT INTO change_counters (name, counter_value) VALUES ('tokens', 0);
INSERT INTO change_counters (name, counter_value) VALUES ('config', 0);
