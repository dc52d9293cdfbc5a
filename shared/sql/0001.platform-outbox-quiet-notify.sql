-- Writers NOTIFY the relay only when no relay has promised to poll anyway.
--
-- PostgreSQL serialises the commits of all transactions that sent a NOTIFY, across the
-- whole cluster (a lock taken in PreCommit_Notify, held until the commit is done), which
-- capped a service's outbox writers near 1,500 transactions/s (docs/benchmarks.md). While
-- a relay is busy it polls every few milliseconds and writes here until when it promises
-- to go on; writers skip the NOTIFY until shortly before that promise ends. UNLOGGED: a
-- crash empties it, and an empty table means "notify", the safe side.
CREATE UNLOGGED TABLE outbox_relay_polling (
    only_row      boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    polling_until timestamptz NOT NULL
);

CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- 250 ms of margin: a transaction that inserts now and commits within that time is
    -- still seen by the polling relay; a longer one is found by the relay's safety poll.
    IF NOT EXISTS (SELECT 1 FROM outbox_relay_polling
                   WHERE polling_until > clock_timestamp() + interval '250 milliseconds') THEN
        PERFORM pg_notify(TG_TABLE_SCHEMA || '_outbox', '');
    END IF;
    RETURN NULL;
END;
$$;
