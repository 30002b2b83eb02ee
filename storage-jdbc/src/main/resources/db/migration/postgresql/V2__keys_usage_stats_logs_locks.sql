-- Managed client keys: only the SHA-256 hash of the key is stored, plus a mask for display.
CREATE TABLE api_keys (
    id                  VARCHAR(128) NOT NULL PRIMARY KEY,
    key_hash            VARCHAR(64)  NOT NULL,
    mask                VARCHAR(64)  NOT NULL,
    name                VARCHAR(255) NOT NULL,
    enabled             SMALLINT     NOT NULL,
    created_at          BIGINT       NOT NULL,
    expires_at          BIGINT,
    chat_limit          INTEGER      NOT NULL,
    heavy_limit         INTEGER      NOT NULL,
    image_limit         INTEGER      NOT NULL,
    video_limit         INTEGER      NOT NULL,
    allowed_models      TEXT         NOT NULL,
    requests_per_minute INTEGER      NOT NULL,
    max_concurrency     INTEGER      NOT NULL
);
CREATE UNIQUE INDEX idx_api_keys_hash ON api_keys (key_hash);
CREATE INDEX idx_api_keys_created ON api_keys (created_at, id);
CREATE INDEX idx_api_keys_enabled ON api_keys (enabled, created_at);

-- Per-key daily usage; day_number is the epoch day of the quota day.
CREATE TABLE api_key_usage (
    key_id     VARCHAR(128) NOT NULL,
    day_number INTEGER      NOT NULL,
    chat_used  BIGINT       NOT NULL,
    heavy_used BIGINT       NOT NULL,
    image_used BIGINT       NOT NULL,
    video_used BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL,
    PRIMARY KEY (key_id, day_number)
);
CREATE INDEX idx_api_key_usage_day ON api_key_usage (day_number);

-- Request statistics: hour_start is epoch milliseconds of a UTC hour, day_number an epoch day.
CREATE TABLE stats_hourly (
    hour_start BIGINT NOT NULL PRIMARY KEY,
    success    BIGINT NOT NULL,
    failed     BIGINT NOT NULL
);
CREATE TABLE stats_daily (
    day_number INTEGER NOT NULL PRIMARY KEY,
    success    BIGINT  NOT NULL,
    failed     BIGINT  NOT NULL
);
CREATE TABLE stats_models (
    model   VARCHAR(128) NOT NULL PRIMARY KEY,
    success BIGINT       NOT NULL,
    failed  BIGINT       NOT NULL
);

CREATE TABLE request_logs (
    id            BIGSERIAL    NOT NULL PRIMARY KEY,
    logged_at     BIGINT       NOT NULL,
    client_ip     VARCHAR(64)  NOT NULL,
    key_name      VARCHAR(255) NOT NULL,
    model         VARCHAR(128) NOT NULL,
    status        INTEGER      NOT NULL,
    duration_ms   BIGINT       NOT NULL,
    first_byte_ms BIGINT       NOT NULL,
    token_suffix  VARCHAR(32)  NOT NULL,
    error_code    VARCHAR(128) NOT NULL
);
CREATE INDEX idx_request_logs_at ON request_logs (logged_at, id);
CREATE INDEX idx_request_logs_status ON request_logs (status, logged_at);
CREATE INDEX idx_request_logs_model ON request_logs (model, logged_at);
CREATE INDEX idx_request_logs_key ON request_logs (key_name, logged_at);

-- Named cluster locks with an owner and a lease expiry (epoch milliseconds).
CREATE TABLE cluster_locks (
    name       VARCHAR(128) NOT NULL PRIMARY KEY,
    owner      VARCHAR(128) NOT NULL,
    expires_at BIGINT       NOT NULL
);
