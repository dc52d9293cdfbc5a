-- What the programme's staff and the welcome committees maintain about each commune.
-- NULL in a service or broadband column means "not known yet", not "absent".
ALTER TABLE villages
    ADD COLUMN host_status text NOT NULL DEFAULT 'none'
        CHECK (host_status IN ('host', 'associated', 'none')),
    ADD COLUMN committee_email text,
    ADD COLUMN committee_locale text CHECK (committee_locale IN ('fr', 'en')),
    ADD COLUMN committee_webhook_url text,
    ADD COLUMN committee_updated_at timestamptz,
    ADD COLUMN has_school boolean,
    ADD COLUMN has_doctor boolean,
    ADD COLUMN has_shops boolean,
    ADD COLUMN has_train_station boolean,
    ADD COLUMN broadband_technology text CHECK (broadband_technology IN
        ('fibre', 'vdsl', 'adsl', 'fixed_wireless', 'mobile', 'satellite', 'none')),
    ADD COLUMN broadband_mbps integer CHECK (broadband_mbps BETWEEN 0 AND 100000),
    ADD COLUMN housing_notes text,
    -- The profile (host status, committee, services...) is demonstration data, not real.
    ADD COLUMN demo boolean NOT NULL DEFAULT false,
    ADD COLUMN updated_at timestamptz,
    ADD CONSTRAINT villages_committee_complete
        CHECK ((committee_email IS NULL) = (committee_locale IS NULL)),
    ADD CONSTRAINT villages_webhook_needs_committee
        CHECK (committee_webhook_url IS NULL OR committee_email IS NOT NULL);

CREATE INDEX villages_host_status ON villages (host_status) WHERE host_status <> 'none';
