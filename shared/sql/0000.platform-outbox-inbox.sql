-- The platform's own tables, in every service's schema (search_path is that schema).

-- Events waiting to be published, written in the same transaction as the change.
CREATE TABLE outbox (
    id              uuid PRIMARY KEY,             -- the CloudEvent id
    seq             bigserial UNIQUE,             -- publish order
    type            text NOT NULL,
    subject         text,
    body            bytea NOT NULL,               -- the CloudEvent, structured JSON
    correlation_id  text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    published_at    timestamptz,
    attempts        integer NOT NULL DEFAULT 0,
    last_error      text,
    next_attempt_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX outbox_pending ON outbox (seq) WHERE published_at IS NULL;

-- Wake the relay at once: NOTIFY is delivered on commit, never for a rolled-back row.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_TABLE_SCHEMA || '_outbox', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- Events already handled, per consumer queue: written in the same transaction as the effect.
CREATE TABLE inbox (
    consumer     text NOT NULL,
    event_id     uuid NOT NULL,
    event_type   text NOT NULL,
    handled_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
